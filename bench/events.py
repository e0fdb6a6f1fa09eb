"""Who met whom against hand-read events: the corpus articles, the seeds and Pashto sentences.

    python -m khabar.bench.events [--errors]

`bench/gold/events.csv` lists, for the 240 corpus articles and the five seeds, every meeting,
call, visit and agreement between officials of two countries that a reader finds in the text
(`bench/gold/events_read.csv`: every article read, with its count, so that "none" is a label);
`bench/gold/ps_events.csv` does the same for 200 Pashto news sentences. Labels were made by
reading, never by running Khabar. An event is matched by article (or sentence) and country
pair; its kind is scored separately. An actor's country is right when it is the country of the
gold official of the same surname, or, for an actor the gold set does not name, one of the
countries of the article's gold events. Split as `bench.facts` splits the corpus (seeds: tuned,
the only texts the rules were written against).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

import polars as pl

from khabar.bench.corpus import PROJECT_DIR, SHARED_CORPUS
from khabar.bench.facts import GOLD, raw_file_name, raw_file_text
from khabar.tasks.chrome import Chrome
from khabar.tasks.clean import CleanConfig, clean_article
from khabar.tasks.countries import Gazetteer
from khabar.tasks.dates import MonthNames
from khabar.tasks.events import EventReader, read_events
from khabar.tasks.language import guess_language
from khabar.tasks.sources import Sources
from khabar.tasks.terms import with_match_text

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SEEDS = PROJECT_DIR / "samples" / "landing" / "seeds"
PASHTO_SENTENCES = SHARED_CORPUS.with_name("ps-news-sentences.txt")


def pair(a: str, b: str) -> tuple[str, str]:
    return tuple(sorted((a, b)))


def cleaned_texts() -> list[dict]:
    """The corpus articles and the seeds, cleaned as the nightly flow cleans raw files."""
    seeds = PROJECT_DIR / "sql" / "seeds"
    chrome, months, sources = Chrome(pl.read_csv(seeds / "chrome_phrases.csv")), MonthNames.from_csv(seeds / "calendar_months.csv"), Sources.from_seeds(seeds)
    raws = [(raw_file_name(n, json.loads(line)["id"]), raw_file_text(json.loads(line))) for n, line in enumerate(SHARED_CORPUS.read_text(encoding="utf-8").splitlines(), start=1)]
    raws += [(f"seeds/{path.name}", path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    rows = []
    for name, raw in raws:
        record = {"raw_text": raw, "language": guess_language(raw)["language"], "feed_title": None, "feed_published": None,
                  "feed_source": None, "feed_url": None, "input_file": name}
        cleaned = clean_article(record, chrome, months, sources, CleanConfig())
        rows.append({"article_id": name, "text": cleaned["text"], "language": record["language"], "published_date": cleaned["published_date"], "source": cleaned["source"]})
    return rows


def found_pairs(frame: pl.DataFrame, reader: EventReader, sources: Sources) -> tuple[dict[str, dict[tuple, str]], dict[str, list[tuple]]]:
    """Per article: country pair -> kind, and the (person_id, country) of every actor, as Khabar reads them."""
    events, actors = read_events(with_match_text(frame), reader, sources)  # as the flow reads them, after cleaning
    sides, found_actors = defaultdict(set), defaultdict(list)
    article_of = dict(events.select("event_id", "article_id").iter_rows())
    for event_id, country, person_id in actors.select("event_id", "country", "person_id").iter_rows():
        sides[event_id].add(country)
        found_actors[article_of[event_id]].append((person_id, country))
    found: dict[str, dict[tuple, str]] = defaultdict(dict)
    for event in events.iter_rows(named=True):
        countries = sorted(sides[event["event_id"]] | ({event["place_country"]} if event["kind"] == "visit" and event["place_country"] else set()))
        for i, a in enumerate(countries):
            for b in countries[i + 1 :]:
                found[event["article_id"]].setdefault((a, b), event["kind"])
    return found, found_actors


def surname(name: str) -> str:
    return name.lower().replace("-", " ").split()[-1]


def score_actors(gold: dict[str, dict[tuple, str]], people: dict[str, dict[str, str]], found: dict[str, list[tuple]], keys: list[str], counts: dict[str, int]) -> None:
    """Actors whose country is right: the gold official's of the same surname, else one of the article's gold countries."""
    for key in keys:
        countries = {country for pair in gold.get(key, {}) for country in pair}
        for person_id, country in found.get(key, []):
            named = [c for name, c in people.get(key, {}).items() if person_id and name in person_id.split("_")]
            counts["actors"] += 1
            counts["actors_right"] += (country in named) if named else (country in countries)


def score(gold: dict[str, dict[tuple, str]], found: dict[str, dict[tuple, str]], keys: list[str], errors: list[str]) -> dict[str, int]:
    counts = defaultdict(int)
    for key in keys:
        want, got = gold.get(key, {}), found.get(key, {})
        counts["gold"] += len(want)
        counts["given"] += len(got)
        right = want.keys() & got.keys()
        counts["right"] += len(right)
        counts["kind_right"] += sum(want[p] == got[p] for p in right)
        for p in got.keys() - want.keys():
            errors.append(f"{key}: invented {got[p]} {p}")
        for p in want.keys() - got.keys():
            errors.append(f"{key}: missed {want[p]} {p}")
        for p in sorted(p for p in right if want[p] != got[p]):
            errors.append(f"{key}: kind {got[p]} where the reader has {want[p]} {p}")
    return counts


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%} ({part}/{whole})" if whole else "     - (0/0)"


def report(label: str, counts: dict[str, int]) -> None:
    print(f"{label:28} precision {ratio(counts['right'], counts['given']):>18}   recall {ratio(counts['right'], counts['gold']):>18}"
          f"   kind right {ratio(counts['kind_right'], counts['right']):>16}   actor countries right {ratio(counts['actors_right'], counts['actors']):>16}")


def print_errors(errors: list[str]) -> None:
    print("\n-- errors")
    for error in errors:
        print("  " + error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every invented and missed event")
    args = parser.parse_args()
    seeds = PROJECT_DIR / "sql" / "seeds"
    reader = EventReader.from_seeds(seeds, Gazetteer.from_seeds(seeds), MonthNames.from_csv(seeds / "calendar_months.csv"))
    sources = Sources.from_seeds(seeds)

    gold: dict[str, dict[tuple, str]] = defaultdict(dict)
    people: dict[str, dict[str, str]] = defaultdict(dict)  # per article: gold official's surname -> country
    for row in csv.DictReader((GOLD_DIR / "events.csv").open(encoding="utf-8")):
        gold[row["file"]].setdefault(pair(row["country_a"], row["country_b"]), row["kind"])
        for side in "ab":
            if row[f"person_{side}"]:
                people[row["file"]][surname(row[f"person_{side}"])] = row[f"country_{side}"]
    read = [row["file"] for row in csv.DictReader((GOLD_DIR / "events_read.csv").open(encoding="utf-8"))]
    split = {row["file"]: row["split"] for row in csv.DictReader(GOLD.open(encoding="utf-8"))}
    texts = [row for row in cleaned_texts() if row["article_id"] in set(read)]
    found, found_actors = found_pairs(pl.DataFrame(texts, schema_overrides={"published_date": pl.Date, "source": pl.String}), reader, sources)
    errors: list[str] = []
    print(f"== events in articles: {len(texts)} read by hand, {sum(len(v) for v in gold.values())} events")
    for name in ("tuned", "held_out"):
        keys = [key for key in read if split.get(key, "tuned") == name]
        counts = score(gold, found, keys, errors)
        score_actors(gold, people, found_actors, keys, counts)
        report(f"{name} ({len(keys)} articles)", counts)

    sentences = PASHTO_SENTENCES.read_text(encoding="utf-8").splitlines()
    ps_gold: dict[str, dict[tuple, str]] = defaultdict(dict)
    lines = []
    for row in csv.DictReader((GOLD_DIR / "ps_events.csv").open(encoding="utf-8")):
        lines.append(row["line"]) if row["line"] not in lines else None
        if row["kind"]:
            ps_gold[row["line"]].setdefault(pair(row["country_a"], row["country_b"]), row["kind"])
            for side in "ab":
                if row[f"person_{side}"]:
                    people[row["line"]][surname(row[f"person_{side}"])] = row[f"country_{side}"]
    frame = pl.DataFrame(
        {"article_id": lines, "text": [sentences[int(line) - 1] for line in lines], "language": ["ps"] * len(lines), "published_date": [None] * len(lines),
         "source": [None] * len(lines)},
        schema_overrides={"published_date": pl.Date, "source": pl.String},
    )
    print(f"== events in Pashto sentences: {len(lines)} read by hand, {sum(len(v) for v in ps_gold.values())} events")
    ps_found, ps_actors = found_pairs(frame, reader, sources)
    counts = score(ps_gold, ps_found, lines, errors)
    score_actors(ps_gold, people, ps_actors, lines, counts)
    report("ps sentences (tuned)", counts)
    if args.errors:
        print_errors(errors)


if __name__ == "__main__":
    main()
