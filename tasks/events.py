"""Who met whom: meetings, calls, visits and agreements between officials of different countries.

Read sentence by sentence from the cleaned text, in every language, from editable seeds:
`people.csv` (officials, their spellings, country, role and years in office), `role_phrases.csv`
("وزیر امور خارجه", "وزير الدفاع", "foreign minister", and "counterpart" words) and
`event_frames.csv` (the verbs and nouns of each kind of event, "دیدار کرد", "اتصال هاتفي",
"met with"; the words that make it a plan, "قرار است", "will"; and the locatives that introduce
a place, and the "to" that marks where a visit went). An event needs its frame and two actors of different countries in one sentence (a
visit: one actor and the place abroad it went to); who the actors are is `tasks/actors.py`'s to say. A wrong
fact is worse than a missing one: a sentence that does not say both sides gives no event, and
an agreement is read from its signing ("وقع", "امضا کردند", "signed"), never from the noun alone:
"the nuclear deal" or "the Doha agreement" named in passing was signed by nobody in the sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import polars as pl

from khabar.tasks.actors import Actor, Officials, visitors_of
from khabar.tasks.countries import Gazetteer
from khabar.tasks.dates import EventDates, MonthNames
from khabar.tasks.folding import folded_words, term_key
from khabar.tasks.introduced import REPORT_OPENINGS, Aliases, NameReader, named_sides
from khabar.tasks.locatives import LOCATIVE_KINDS, Locatives
from khabar.tasks.sources import Sources
from khabar.tasks.stage import SeedBacked
from khabar.tasks.terms import ARABIC_PROCLITICS, TermIndex

EVENT_SCHEMA = {"event_id": pl.String, "article_id": pl.String, "kind": pl.String, "event_date": pl.Date,
                "place_country": pl.String, "place": pl.String, "sentence": pl.String}
ACTOR_SCHEMA = {"event_id": pl.String, "name": pl.String, "person_id": pl.String, "country": pl.String, "role": pl.String}
# A sentence that says two things happened names the stronger: a call or a signing is the
# event; "during his visit ... met" is a meeting.
KIND_ORDER = ("call", "agreement", "meeting", "visit")
NOT_YET = "not_yet"  # the frames of `event_frames.csv` that say the event is still to come
# Phrases that only keep their words from a shorter frame: "принял участие" (took part) is not
# "принял" (received).
NO_EVENT = "none"
# The region's own outlets call their officials by title alone in a lead ("وزیراعظم" in Jang);
# international ones (BBC, CNN, Sky News Arabia) name the country, or mean someone named before.
DOMESTIC_LEADS = frozenset({"IR", "AF", "PK", "TJ", "UZ", "KZ", "KG", "TM"})
ONE_SIDE = object()  # what `_sentence` reads from a frame with one side only
GAP = " ... "
# A gapped frame's right half ends within this many words of its left: Pashto puts what talks
# were about in between ("له ... چارواکو سره یې د سولې پر پروسې خبرې وکړې"). A "not yet"
# ("به ... شي") reaches less far: its "will" is its own clause's, not the meeting's.
GAP_WORDS, NOT_YET_GAP_WORDS = 8, 6
MAX_SENTENCE_WORDS = 120  # a longer "sentence" is a paragraph without stops: too loose to read


class EventReader(SeedBacked):
    """The seeds of one night, indexed per language."""

    def __init__(self, people: pl.DataFrame, roles: pl.DataFrame, frames: pl.DataFrame, gazetteer: Gazetteer, months: MonthNames,
                 relative_days: pl.DataFrame | None = None, name_stops: pl.DataFrame | None = None):
        self.gazetteer, self.officials, self.dates = gazetteer, Officials(people, roles), EventDates(relative_days, months)
        self.frames: dict[str, dict[str, str]] = {}
        self.gapped: dict[str, list[tuple[list[str], list[str], str]]] = {}
        self.locatives = Locatives(frames, gazetteer)
        for row in frames.filter(~pl.col("kind").is_in(LOCATIVE_KINDS)).iter_rows(named=True):
            if GAP in row["phrase"]:
                left, right = row["phrase"].split(GAP, 1)
                self.gapped.setdefault(row["language"], []).append((term_key(left).split(), term_key(right).split(), row["kind"]))
            else:
                self.frames.setdefault(row["language"], {}).setdefault(term_key(row["phrase"]), row["kind"])
        # What a sentence must contain to hold an event, checked by Polars over every sentence so
        # that Python reads only the few that can: a whole frame, or the longer side of a gapped
        # one ("سفر کرد" of "به ... سفر کرد"). Arabic glues proclitics to any word, so there it is
        # each frame's longest word, with or without one ("والتقى" is "التقى"; never "في" or "به").
        self.sentence_cues = {language: self._sentence_cue(language) for language in self.frames}
        # Arabic proclitics are stripped where the rest starts any name, title, frame or place
        # ("ومن المقرر" is "من المقرر", "والباكستاني" is "الباكستاني").
        self.splitter = {
            language: TermIndex(
                self.officials.terms(language) | set(self.frames[language]) | set(gazetteer.names.get(language, {}))
                | self.locatives.cues(language)
                | self.dates.terms(language)
            )
            for language in self.frames
        }
        # Every index is keyed as the splitter reads the words: in Arabic, "رئيس الوزراء" is "رئيس
        # وزراء" once "وزراء خارجية" is a title (other languages are read as written, so the
        # gazetteer's own index serves their places).
        self.frame_index = {language: TermIndex(set(terms), language=language, reads_as=self.splitter[language]) for language, terms in self.frames.items()}
        self.dates.read_as(self.splitter)
        self.places = {
            language: TermIndex(set(gazetteer.names.get(language, {})), language=language, reads_as=splitter) if language == "ar" else gazetteer.index.get(language)
            for language, splitter in self.splitter.items()
        }
        if "ar" in self.splitter:
            self.officials.read_as("ar", self.splitter["ar"])
        # A name ends before a word of `name_stops.csv` or the first word of any term but a name.
        self.names = NameReader.per_language(name_stops, {language: splitter.terms - set(self.officials.people.get(language, {})) for language, splitter in self.splitter.items()})
        # Every side is a name, a title or a country after "between": a sentence with none holds
        # no event, so Polars drops it before Python reads it (half the sentences with a frame).
        self.side_keys = {
            language: sorted(self.officials.people_index[language].keys() | self.officials.role_index[language].keys()
                             | {f" {word} " for word in self.locatives.between_words(language)})
            for language in self.splitter if language in self.officials.people_index and language in self.officials.role_index
        }

    def _sentence_cue(self, language: str) -> pl.Expr:
        frames = [term.split(" ") for term, kind in self.frames.get(language, {}).items() if kind not in (NOT_YET, NO_EVENT)]
        frames += [max(left, right, key=lambda side: len(" ".join(side))) for left, right, kind in self.gapped.get(language, []) if kind not in (NOT_YET, NO_EVENT)]
        padded = " " + pl.col("words") + " "
        if language != "ar":
            return padded.str.contains_any(sorted({f" {' '.join(frame)} " for frame in frames}))
        longest = sorted({max(frame, key=len) for frame in frames})
        return padded.str.contains(f" (?:{'|'.join(ARABIC_PROCLITICS)})?(?:{'|'.join(longest)}) ")

    @classmethod
    def from_seeds(cls, seeds: Path, gazetteer: Gazetteer, months: MonthNames) -> EventReader:
        read = lambda name: pl.read_csv(seeds / name, infer_schema=False)  # noqa: E731
        return cls(read("people.csv"), read("role_phrases.csv"), read("event_frames.csv"), gazetteer, months, read("relative_days.csv"), read("name_stops.csv"))

    def candidates(self, articles: pl.DataFrame) -> pl.DataFrame:
        """The sentences of `articles` (`article_id`, `text`, `language`, `published_date`, `home`,
        and `match_text` if it is there) that hold a frame's words, numbered in their article,
        with their `words` as the splitter prepares them."""
        cued = []
        numbered = articles.filter(pl.col("language").is_in(list(self.frame_index))).with_row_index("row")
        for (language,), part in numbered.partition_by("language", as_dict=True, maintain_order=True).items():
            if "match_text" in part.columns:
                # The article's folded words hold every frame that any of its sentences holds:
                # most articles have none, and are neither split nor folded again.
                part = part.with_columns(words=pl.col("match_text")).filter(self.sentence_cues[language])
            sentences = self._sentences(part, language, self.sentence_cues[language])
            cued.append(sentences.filter((" " + pl.col("words") + " ").str.contains_any(self.side_keys.get(language, []))))
        if not cued:
            return numbered.clear().with_columns(sentence=pl.lit(None, pl.String), number=pl.lit(None, pl.Int64), words=pl.lit(None, pl.String))
        return pl.concat(cued).sort("row", "number")

    def _sentences(self, articles: pl.DataFrame, language: str, wanted: pl.Expr) -> pl.DataFrame:
        """The sentences of `articles` that `wanted` keeps, numbered in their article, with their
        `words` as the splitter prepares them."""
        sentences = (
            articles.with_columns(sentence=sentences_of(pl.col("text")))
            .with_columns(number=pl.int_ranges(pl.col("sentence").list.len()))
            .explode("sentence", "number")
            .with_columns(words=folded_words(pl.col("sentence")))
            .filter(wanted)
        )
        return sentences.with_columns(words=self.splitter[language].prepared(sentences["words"], language))

    def read(self, articles: pl.DataFrame) -> tuple[list[dict], list[dict]]:
        """Events and their actors in cleaned articles; `home` is the outlet's country (its "کشورمان", "بلادنا")."""
        events, actors, seen = [], [], set()
        rows = self.candidates(articles).select("article_id", "number", "sentence", "words", "language", "published_date", "home").rows()
        read = [self._sentence(words.split(), language, published, home, lead=number == 0) for _, number, _, words, language, published, home in rows]
        # A sentence with one side may call the other by a name its article gave it before.
        last = {row[0]: row[1] for row, found in zip(rows, read) if found is ONE_SIDE}  # rows are in order: the last wins
        names = self._introduced(articles.join(pl.DataFrame({"article_id": list(last), "last": list(last.values())}, schema={"article_id": pl.String, "last": pl.Int64}), on="article_id"))
        for i, (article_id, number, _, words, language, published, home) in enumerate(rows):
            if read[i] is not ONE_SIDE or article_id not in names:
                continue
            aliases = {alias: side for at, given in names[article_id] if at < number for alias, side in given.items()}
            if aliases:
                read[i] = self._sentence(words.split(), language, published, home, aliases, lead=number == 0)
        for (article_id, number, sentence, words, language, published, home), found in zip(rows, read):
            if not isinstance(found, tuple):
                continue
            kind, sides, place, place_country = found
            # An article retelling its meeting in a later sentence reports one event, not two; a
            # visit elsewhere by the same side is another ("his recent trip to Spain").
            key = (article_id, kind, frozenset(a.person_id or (a.country, a.role) for a in sides), place_country if kind == "visit" else None)
            if key in seen:
                continue
            seen.add(key)
            event_id = hashlib.sha256(f"{article_id}\x1f{number}\x1f{kind}".encode()).hexdigest()[:16]
            events.append({"event_id": event_id, "article_id": article_id, "kind": kind, "event_date": self.dates.date_in(sentence, words.split(), language, published),
                           "place_country": place_country, "place": place, "sentence": sentence.strip()})
            actors.extend({"event_id": event_id, "name": a.name, "person_id": a.person_id, "country": a.country, "role": a.role} for a in sides)
        return events, actors

    def _introduced(self, articles: pl.DataFrame) -> dict[str, list[tuple[int, Aliases]]]:
        """Per article, the names its sentences before `last` give to titled officials, with each
        sentence's number; and the name its body's credit line gives its lead's (`NameReader.reported`)."""
        names: dict[str, list[tuple[int, Aliases]]] = {}
        for (language,), part in articles.filter(pl.col("language").is_in(list(self.side_keys))).partition_by("language", as_dict=True).items():
            wanted = (pl.col("number") < pl.col("last")) & (" " + pl.col("words") + " ").str.contains_any(sorted(self.officials.role_index[language].keys()))
            if language in REPORT_OPENINGS:
                wanted = wanted | ((pl.col("number") <= 1) & (pl.col("last") >= 1))
            leads: dict[str, list[Actor]] = {}
            for article_id, number, last, sentence, words, published, home in self._sentences(part, language, wanted).select(
                "article_id", "number", "last", "sentence", "words", "published_date", "home"
            ).iter_rows():
                words = words.split()
                whose = self._whose(words, language, home)
                actors = self.officials.actors(words, language, published, whose)
                given = self.names[language].introductions(words, actors, whose) if number < last else {}
                if given:
                    names.setdefault(article_id, []).append((number, given))
                if number == 0:  # the lead's titles (not names) that say whose they are
                    leads[article_id] = [a for a in actors if a.name in self.officials.roles[language]]
                elif number == 1 and article_id in leads:
                    # The credit line names the lead's official, from the lead on (so in this
                    # sentence too); unless the name is a listed person's, who is already known.
                    reported = self.names[language].reported(sentence, leads.pop(article_id), language)
                    if reported and not any(" ".join(alias) in self.officials.people.get(language, {}) for alias in reported):
                        names.setdefault(article_id, []).append((0, reported))
        return names

    def _sentence(self, words: list[str], language: str, published: dt.date | None, home: str | None, aliases: Aliases | None = None, lead: bool = False):
        """What one sentence reports; in an outlet's lead, a title that names no country is the
        outlet's country's ("وزیر امور خارجه در سفر به اسلام‌آباد ..." in Fars is Iran's): later,
        "the minister" may be anyone the article has named."""
        if not words or len(words) > MAX_SENTENCE_WORDS:
            return None
        spans = [(self.frames[language][term], start, end) for term, start, end in self.frame_index[language].find(words)] + self._gapped(words, language)
        kinds = {kind for kind, _, _ in spans}
        # A planned meeting ("قرار است", "من المقرر", "will", "به ... شي") has not happened.
        if NOT_YET in kinds or not kinds & set(KIND_ORDER):
            return None
        kind = next(k for k in KIND_ORDER if k in kinds)
        visits = [(start, end) for k, start, end in spans if k == "visit"]
        index = self.places.get(language)
        places = self.locatives.places(words, language, "place", index)
        destinations = self.locatives.places(words, language, "destination", index, visits) if visits else []
        between = [i for frame, start, end in spans if frame in KIND_ORDER for i in range(start, end)]
        whose = self._whose(words, language, home)
        # A bare title followed by a name people.csv does not list may be anyone's ("نخست وزیر کیر استارمر").
        untitled = (lambda end: None if self.names[language].names_someone_at(words, end) else home) if lead and home in DOMESTIC_LEADS else None
        actors = self.officials.actors(words, language, published, whose, between, named_sides(words, aliases) if aliases else (), untitled)
        countries = {actor.country for actor in actors}
        if kind in ("meeting", "agreement") and len(countries) < 2:
            # "talks between Iran and Pakistan": the countries are the sides no official names.
            frames = [(start, end) for frame, start, end in spans if frame == kind]
            actors += [Actor(" ".join(words[start:end]), None, country, None, start, end)
                       for country, start, end in self.locatives.between(words, language, whose, frames) if country not in countries]
            countries = {actor.country for actor in actors}
        place, place_country = (places + destinations or [(None, None)])[0]
        if kind != "visit" and len(countries) >= 2:
            return kind, actors, place, place_country
        # A visit is its visitor's (`visitors_of`) and goes where its "to" says, before anywhere
        # else the sentence has been ("پس از دیدار در تهران به مسکو سفر کرد" went to Moscow);
        # "پاکستان ته ولاړ ... خبرې وکړې" is a visit whatever else the sentence says.
        visitors = visitors_of(actors, visits)
        place, place_country = (destinations + places or [(None, None)])[0]
        if visitors and place_country and place_country != visitors[0].country:
            return "visit", visitors, place, place_country
        # One side and a frame: a name the article gave earlier may be the other.
        return ONE_SIDE if (len(countries) == 1 if kind != "visit" else place_country and not visitors) else None

    def _whose(self, words: list[str], language: str, home: str | None) -> list[tuple[str, int, int]]:
        """The countries `words` names that a title may belong to: not a place after "در", "في",
        "in" ("وفد طالبان في الدوحة" is not Qatar's delegation)."""
        return [
            (country, start, end) for country, start, end in self.gazetteer.named(words, language, home, self.places.get(language))
            if not self.locatives.marked(words, start, end, "place", language)
        ]

    def _gapped(self, words: list[str], language: str) -> list[tuple[str, int, int]]:
        """(kind, first word, words after the last) of both sides of each gapped frame ("به ... سفر کرد") in `words`."""
        found, present = [], set(words)
        for left, right, kind in self.gapped.get(language, []):
            if left[0] not in present:
                continue
            for i in range(len(words) - len(left) + 1):
                if words[i : i + len(left)] != left:
                    continue
                after = words[i + len(left) : i + len(left) + (NOT_YET_GAP_WORDS if kind == NOT_YET else GAP_WORDS)]
                ends = [j for j in range(1, len(after) - len(right) + 1) if after[j : j + len(right)] == right]
                if ends:  # its two sides, not the gap: the gap holds a side of the event
                    right_start = i + len(left) + ends[0]
                    found += [(kind, i, i + len(left)), (kind, right_start, right_start + len(right))]
                    break
        return found


# A lone capital's break, taken back; twice, as a match takes the character before the capital,
# which may be the break after the initial before it (a Unicode `\b` takes one pass, five times slower).
INITIAL_BREAK = r"(^|\W)(\p{Lu})\.\x00"


def sentences_of(text: pl.Expr) -> pl.Expr:
    """The sentences of each text: split after a stop and its spaces, or at line breaks, but not after an
    initial ("George W. Bush", "В. В. Путин"). Rust's regex has no look-behind: each break is marked with a
    NUL (extraction takes NULs out of every text), then taken back after a lone capital. (`[\\s\\x1c-\\x1f]` is Python's idea of a space.)"""
    marked = text.str.replace_all(r"([.!?؟۔])[\s\x1c-\x1f]+", "${1}\x00")
    marked = marked.str.replace_all(INITIAL_BREAK, "${1}${2}. ").str.replace_all(INITIAL_BREAK, "${1}${2}. ")
    return marked.str.replace_all(r"\n+", "\x00").str.split("\x00")


EVENT_INPUT = ("article_id", "text", "match_text", "language", "published_date", "source")  # the columns `read_events` reads


def read_events(articles: pl.DataFrame, reader: EventReader, sources: Sources) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`events` and `event_actors` rows of a batch of cleaned articles."""
    homes = {source: sources.country_of(source) for source in articles["source"].unique().to_list()}
    frame = articles.select(
        "article_id", "text", *(["match_text"] if "match_text" in articles.columns else []), "language", "published_date",
        home=pl.col("source").replace_strict(homes, default=None, return_dtype=pl.String),
    )
    events, actors = reader.read(frame)
    return pl.DataFrame(events, schema=EVENT_SCHEMA), pl.DataFrame(actors, schema=ACTOR_SCHEMA)
