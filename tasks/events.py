"""Who met whom: meetings, calls, visits and agreements between officials of different countries.

Read sentence by sentence from the cleaned text, in every language, from editable seeds:
`people.csv` (officials, their spellings, country, role and years in office), `role_phrases.csv`
("وزیر امور خارجه", "وزير الدفاع", "foreign minister", and "counterpart" words) and
`event_frames.csv` (the verbs and nouns of each kind of event, "دیدار کرد", "اتصال هاتفي",
"met with"; the words that make it a plan, "قرار است", "will"; and the locatives that introduce
a place). An event needs its frame and two actors of different countries in one sentence (a
visit: one actor and a place abroad); who the actors are is `tasks/actors.py`'s to say. A wrong
fact is worse than a missing one: a sentence that does not say both sides gives no event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar.tasks.actors import Officials
from khabar.tasks.countries import Gazetteer
from khabar.tasks.dates import MonthNames
from khabar.tasks.folding import term_key
from khabar.tasks.sources import Sources
from khabar.tasks.terms import TermIndex

EVENT_SCHEMA = {
    "event_id": pl.String, "article_id": pl.String, "kind": pl.String, "event_date": pl.Date,
    "place_country": pl.String, "place": pl.String, "sentence": pl.String,
}
ACTOR_SCHEMA = {"event_id": pl.String, "name": pl.String, "person_id": pl.String, "country": pl.String, "role": pl.String}
SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+|\n+")
# A sentence that says two things happened names the stronger: a call or a signing is the
# event; "during his visit ... met" is a meeting.
KIND_ORDER = ("call", "agreement", "meeting", "visit")
NOT_YET = "not_yet"  # the frames of `event_frames.csv` that say the event is still to come
GAP = " ... "
PLACE_KINDS = ("capital", "city", "province")
MAX_SENTENCE_WORDS = 120  # a longer "sentence" is a paragraph without stops: too loose to read


class EventReader:
    """The seeds of one night, indexed per language."""

    def __init__(self, people: pl.DataFrame, roles: pl.DataFrame, frames: pl.DataFrame, gazetteer: Gazetteer, months: MonthNames):
        self.gazetteer, self.months, self.officials = gazetteer, months, Officials(people, roles)
        self.frames: dict[str, dict[str, str]] = {}
        self.gapped: dict[str, list[tuple[list[str], list[str], str]]] = {}
        self.locatives: dict[tuple[str, str], set[str]] = {}
        for row in frames.iter_rows(named=True):
            if row["kind"] == "place":
                self.locatives.setdefault((row["language"], row["position"]), set()).add(term_key(row["phrase"]))
            elif GAP in row["phrase"]:
                left, right = row["phrase"].split(GAP, 1)
                self.gapped.setdefault(row["language"], []).append((term_key(left).split(), term_key(right).split(), row["kind"]))
            else:
                self.frames.setdefault(row["language"], {}).setdefault(term_key(row["phrase"]), row["kind"])
        self.frame_index = {language: TermIndex(set(frames)) for language, frames in self.frames.items()}
        self.frame_starts = {
            # each frame's longest word, which it cannot match without: "سفر" of "به ... سفر کرد",
            # "هاتفي" of "في اتصال هاتفي", never "به" or "في"
            language: {max(term.split(" "), key=len) for term, kind in self.frames.get(language, {}).items() if kind != NOT_YET}
            | {max(left + right, key=len) for left, right, kind in self.gapped.get(language, []) if left + right and kind != NOT_YET}
            for language in self.frame_index
        }
        # Arabic proclitics are stripped where the rest starts any name, title, frame or place
        # ("ومن المقرر" is "من المقرر", "والباكستاني" is "الباكستاني").
        self.splitter = {
            language: TermIndex(
                self.officials.terms(language) | set(self.frames[language]) | set(gazetteer.names.get(language, {}))
                | {cue for (lang, _), cues in self.locatives.items() if lang == language for cue in cues}
            )
            for language in self.frame_index
        }

    @classmethod
    def from_seeds(cls, seeds: Path, gazetteer: Gazetteer, months: MonthNames) -> EventReader:
        read = lambda name: pl.read_csv(seeds / name, infer_schema=False)  # noqa: E731
        return cls(read("people.csv"), read("role_phrases.csv"), read("event_frames.csv"), gazetteer, months)

    def read(self, article_id: str, text: str, language: str, published: dt.date | None, home: str | None = None) -> tuple[list[dict], list[dict]]:
        """Events and their actors in one article's cleaned text; `home` is the outlet's country
        (its "کشورمان", "بلادنا")."""
        if language not in self.frame_index:
            return [], []
        sentences = SENTENCE_END.split(text)
        words = [self.splitter[language].words(term_key(sentence), language) for sentence in sentences]
        # Most articles report no meeting: one set look-up per word tells, before any sentence is read.
        if self.frame_starts[language].isdisjoint(word for sentence in words for word in sentence):
            return [], []
        events, actors, seen = [], [], set()
        for number, (sentence, sentence_words) in enumerate(zip(sentences, words)):
            found = self._sentence(sentence_words, language, published, home)
            if found is None:
                continue
            kind, sides, place, place_country = found
            # An article retelling its meeting in a later sentence reports one event, not two.
            key = (kind, frozenset(a.person_id or (a.country, a.role) for a in sides))
            if key in seen:
                continue
            seen.add(key)
            event_id = hashlib.sha256(f"{article_id}\x1f{number}\x1f{kind}".encode()).hexdigest()[:16]
            date = self._date_in(sentence, published)
            events.append({"event_id": event_id, "article_id": article_id, "kind": kind, "event_date": date,
                           "place_country": place_country, "place": place, "sentence": sentence.strip()})
            actors.extend({"event_id": event_id, "name": a.name, "person_id": a.person_id, "country": a.country, "role": a.role} for a in sides)
        return events, actors

    def _sentence(self, words: list[str], language: str, published: dt.date | None, home: str | None):
        if not words or len(words) > MAX_SENTENCE_WORDS:
            return None
        kinds = {self.frames[language][term] for term, _, _ in self.frame_index[language].find(words)} | self._gapped_kinds(words, language)
        # A planned meeting ("قرار است", "من المقرر", "will", "به ... شي") has not happened.
        if NOT_YET in kinds or not kinds & set(KIND_ORDER):
            return None
        kind = next(k for k in KIND_ORDER if k in kinds)
        places = self._places(words, language)
        actors = self.officials.actors(words, language, published, self.gazetteer.named(words, language, home))
        countries = {actor.country for actor in actors}
        place, place_country = (places[0] if places else (None, None))
        if len(countries) >= 2:
            return kind, actors, place, place_country
        # A visit names one side and the place it went to.
        if kind == "visit" and len(countries) == 1 and place_country and place_country not in countries:
            return kind, actors, place, place_country
        return None

    def _gapped_kinds(self, words: list[str], language: str) -> set[str]:
        kinds, present = set(), set(words)
        for left, right, kind in self.gapped.get(language, []):
            if left[0] not in present:
                continue
            for i in range(len(words) - len(left) + 1):
                if words[i : i + len(left)] != left:
                    continue
                after = words[i + len(left) : i + len(left) + 6]
                if any(after[j : j + len(right)] == right for j in range(1, len(after) - len(right) + 1)):
                    kinds.add(kind)
                    break
        return kinds

    def _places(self, words: list[str], language: str) -> list[tuple[str, str]]:
        """Cities and provinces the sentence puts the event in: after a locative ("در", "في",
        "in") or before one ("میں", "کې")."""
        index = self.gazetteer.index.get(language)
        if index is None:
            return []
        before, after = self.locatives.get((language, "before"), set()), self.locatives.get((language, "after"), set())
        places = []
        for name, start, end in index.find(words):
            country, kind = self.gazetteer.names[language][name]
            cued = self.gazetteer.has_cue(words, start, end, language)
            if not country or not (kind in PLACE_KINDS or (kind == "context" and cued)):
                continue
            if cued or any(" ".join(words[max(0, start - n) : start]) in before for n in (1, 2)) or any(" ".join(words[end : end + n]) in after for n in (1, 2)):
                places.append((self.gazetteer.written[language][name], country))
        return places

    def _date_in(self, sentence: str, published: dt.date | None) -> dt.date | None:
        """A day the sentence itself states. The article's own date is not taken: it is most often
        its dateline, and the meeting was "yesterday"."""
        for _, _, found in self.months.find(sentence):
            if found.precision == "day" and found.date != published:
                return found.date
        return None


def read_events(articles: pl.DataFrame, reader: EventReader, sources: Sources) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`events` and `event_actors` rows of a batch of cleaned articles."""
    events, actors = [], []
    for article_id, text, language, published, source in articles.select("article_id", "text", "language", "published_date", "source").iter_rows():
        found, sides = reader.read(article_id, text, language, published, sources.country_of(source))
        events.extend(found)
        actors.extend(sides)
    return pl.DataFrame(events, schema=EVENT_SCHEMA), pl.DataFrame(actors, schema=ACTOR_SCHEMA)


read_events_task = task(read_events, name="read-events", cache_policy=NO_CACHE)
