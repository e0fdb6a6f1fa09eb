import pickle

import polars as pl
import pytest

from khabar.tasks.countries import tag_countries
from khabar.tasks.events import read_events
from khabar.tasks.reference import SEEDS, ReferenceData, SeedsDiffer
from khabar.tasks.topics import Lexicon, tag_topics

ARTICLE = pl.DataFrame(
    {
        "article_id": ["a"],
        "text": ["وزیر امور خارجه ایران روز دوشنبه در اسلام آباد با همتای پاکستانی خود دیدار و درباره مبارزه با تروریسم گفتگو کرد."],
        "language": ["fa"],
        "source": [None],
        "published_date": [None],
        "title": [None],
    },
    schema_overrides={"source": pl.String, "published_date": pl.Date, "title": pl.String},
)


def test_loaded_reference_crosses_to_a_worker_as_its_seeds_folder():
    reference = ReferenceData.load(SEEDS)
    sent = {name: pickle.dumps(getattr(reference, name)) for name in ("months", "sources", "lexicon", "gazetteer", "events")}
    # the event reader alone pickles to about 20 MB when sent whole
    assert max(len(payload) for payload in sent.values()) < 10_000
    received = {name: pickle.loads(payload) for name, payload in sent.items()}
    assert received["events"].gazetteer is received["gazetteer"]  # one reference per process, not one per object

    assert tag_topics(ARTICLE, received["lexicon"])[0].equals(tag_topics(ARTICLE, reference.lexicon)[0])
    assert tag_countries(ARTICLE, received["gazetteer"], received["sources"])[0].equals(tag_countries(ARTICLE, reference.gazetteer, reference.sources)[0])
    events, actors = read_events(ARTICLE, received["events"], received["sources"])
    assert events.height == 1 and set(actors["country"]) == {"IR", "PK"}


def test_reference_built_from_a_frame_pickles_whole():
    lexicon = Lexicon(pl.DataFrame({"topic": ["terrorism"], "language": ["fa"], "term": ["تروریسم"], "weight": [1.0], "alone": [True]}))
    copy = pickle.loads(pickle.dumps(lexicon))
    assert tag_topics(ARTICLE, copy)[1]["term"].to_list() == tag_topics(ARTICLE, lexicon)[1]["term"].to_list() == ["تروریسم"]


def test_a_worker_with_other_seed_files_refuses_to_tag(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in SEEDS.glob("*.csv"):
        (seeds / path.name).write_bytes(path.read_bytes())
    sent = pickle.dumps(ReferenceData.load(seeds).lexicon)
    with (seeds / "topic_lexicon.csv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("health,fa,واکسن,1,true\n")
    with pytest.raises(SeedsDiffer, match="not the ones the flow loaded"):
        pickle.loads(sent)


def test_a_named_reference_crosses_by_name_and_is_built_where_it_is_used():
    named = ReferenceData.named(SEEDS)
    payload = pickle.dumps(named.gazetteer)
    assert len(payload) < 10_000
    # unpickled (as in a worker) or used where it was named, it tags as the loaded one does
    loaded = ReferenceData.load(SEEDS)
    expected = tag_countries(ARTICLE, loaded.gazetteer, loaded.sources)[0]
    assert tag_countries(ARTICLE, pickle.loads(payload), pickle.loads(pickle.dumps(named.sources)))[0].equals(expected)
    assert tag_countries(ARTICLE, named.gazetteer, named.sources)[0].equals(expected)
