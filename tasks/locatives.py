"""Where an event was and between which countries, from the locative words of `event_frames.csv`:
"در", "في", "in" before a place, "کې" after one; the "to" of a visit ("به", "إلى", "ته");
Uzbek endings glued to a name ("Kobulga"); and the "between" of two countries ("بین ایران و
پاکستان", "د بحرین او اسرائیل ترمنځ", "between India and Pakistan")."""

from __future__ import annotations

import polars as pl

from khabar.tasks.countries import Gazetteer
from khabar.tasks.folding import term_key
from khabar.tasks.terms import TermIndex

LOCATIVE_KINDS = ("place", "destination", "between", "and")
PLACE_KINDS = ("capital", "city", "province")
DESTINATION_WINDOW = 5  # words between a visit's frame and the "to <place>" it went to ("سفر وزیر امور خارجه آمریکا به عربستان")
CUE_WORDS = (1, 2, 3, 4)  # words in a locative cue: "به", "arrived in", "رایزنی‌های خود در", "رایزنی های خود در"
BETWEEN_WINDOW = 2  # words between a frame and the "between" of its two countries ("مذاکرات ... بین", "ترمنځ یو تړون")


class Locatives:
    def __init__(self, frames: pl.DataFrame, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        # (kind, language, position) -> words: "در" before a place, "ته" (to) after a destination
        self.words: dict[tuple[str, str, str], set[str]] = {}
        for row in frames.filter(pl.col("kind").is_in(LOCATIVE_KINDS)).iter_rows(named=True):
            self.words.setdefault((row["kind"], row["language"], row["position"]), set()).add(term_key(row["phrase"]))

    def cues(self, language: str) -> set[str]:
        return {word for (_, lang, _), words in self.words.items() if lang == language for word in words}

    def between_words(self, language: str) -> set[str]:
        return self.words.get(("between", language, "before"), set()) | self.words.get(("between", language, "after"), set())

    def marked(self, words: list[str], start: int, end: int, locative: str, language: str) -> bool:
        """Whether the words `start:end` follow a `locative` word of the seeds ("در", "إلى"),
        precede one ("کې", "ته"), or end in one that a language glues on: Uzbek "Kobulga" is
        "to Kabul" when "Kobul" is a name of the gazetteer too."""
        before = self.words.get((locative, language, "before"), set())
        after = self.words.get((locative, language, "after"), set())
        name = " ".join(words[start:end])
        glued = any(name.endswith(suffix) and name[: -len(suffix)] in self.gazetteer.names[language] for suffix in self.words.get((locative, language, "suffix"), ()))
        return glued or any(" ".join(words[max(0, start - n) : start]) in before for n in CUE_WORDS) or any(" ".join(words[end : end + n]) in after for n in CUE_WORDS)

    def places(self, words: list[str], language: str, locative: str, index: TermIndex | None, visits: list[tuple[int, int]] | None = None) -> list[tuple[str, str]]:
        """Cities and provinces the sentence puts the event in (`locative` "place"): after a
        locative ("در", "في", "in") or before one ("میں", "کې"). Or ("destination") where a visit
        went: a country too, after or before a "to" ("به", "إلى", "ته") near one of the `visits`
        frames; "in Afghanistan" is too often the subject of talks held elsewhere to be a place."""
        if index is None:
            return []
        kinds = PLACE_KINDS if locative == "place" else ("country", *PLACE_KINDS)
        places = []
        for name, start, end in index.find(words):
            country, kind = self.gazetteer.names[language][name]
            cued = self.gazetteer.has_cue(words, start, end, language)
            if not country or not (kind in kinds or (kind == "context" and cued)):
                continue
            if visits is not None and not any(v_start - DESTINATION_WINDOW <= end and start <= v_end + DESTINATION_WINDOW for v_start, v_end in visits):
                continue
            if (cued and locative == "place") or self.marked(words, start, end, locative, language):
                places.append((self.gazetteer.written[language][name], country))
        return places

    def between(self, words: list[str], language: str, countries: list[tuple[str, int, int]], frames: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
        """The two countries of "between X and Y" right beside one of the `frames` ("talks
        between Iran and Pakistan", "د بحرین او اسرائیل ترمنځ یو تړون لاسلیک شو"): two sides
        that no official names. Arabic glues its "and" to the second name ("إثيوبيا وإريتريا")."""
        joins = self.words.get(("and", language, "before"), set())
        for position in ("before", "after"):
            for word in self.words.get(("between", language, position), ()):
                length = len(word.split())
                for at in (i for i in range(len(words) - length + 1) if " ".join(words[i : i + length]) == word):
                    pair = _joined_pair(words, countries, at + length if position == "before" else at, position == "before", joins)
                    if pair and any(start - BETWEEN_WINDOW <= max(at + length, pair[1][2]) and min(at, pair[0][1]) <= end + BETWEEN_WINDOW for start, end in frames):
                        return pair
        return []


def _joined_pair(words: list[str], countries: list[tuple[str, int, int]], edge: int, after_edge: bool, joins: set[str]) -> list[tuple[str, int, int]]:
    """Two different countries joined by an "and" (or nothing, where the language glues it on)
    that start at word `edge` (`after_edge`) or end there."""
    starting = {start: (country, start, end) for country, start, end in countries}
    ending = {end: (country, start, end) for country, start, end in countries}
    if after_edge:
        first = starting.get(edge)
        second = first and first[2] < len(words) and (starting.get(first[2] + 1) if words[first[2]] in joins else starting.get(first[2]))
    else:
        second = ending.get(edge)
        first = second and (ending.get(second[1] - 1) if second[1] > 0 and words[second[1] - 1] in joins else ending.get(second[1]))
    return [first, second] if first and second and first[0] != second[0] else []
