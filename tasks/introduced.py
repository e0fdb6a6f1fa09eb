"""Officials an article introduces by title and name, and later calls by name alone.

"وزير المال الفرنسي برونو لو مير" in one sentence makes "لو مير" France's finance minister in
the next ("وقال لو مير ... بعد اجتماع مع نظيره الألماني"): an official `people.csv` does not list
is still a side once the article has said who he is, as a reader follows him.

The name is the words right after the title and its country, up to `NAME_WORDS`, cut at the first
word that cannot be part of a name: a word of `name_stops.csv` ("إن", "في", "که", "said") or the
first word of a title, frame, place or date of the seeds. A name is known by its whole and by its
last words, two at least: one word alone ("مير", "راز") is too often something else, and a wrong
side is worse than a missing one.

Persian agencies name the official of their lead in the credit line that opens the body
("به گزارش خبرگزاری فارس، کورشات توزمن ..."): `NameReader.reported` reads that name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from khabar.tasks.actors import ACTOR_WINDOW, Actor
from khabar.tasks.folding import term_key

NAME_WORDS = 3  # "برونو لو مير", "محمد شياع السوداني"
MIN_ALIAS_WORDS = 2
# Titles that name no one person: a delegation or a spokesman is not followed by its name.
UNNAMED_ROLES = frozenset({"delegation", "counterpart", "spokesperson", "former", "link"})
# Persian agencies call the official of their lead by title alone ("وزیر امور خارجه کوبا ... گفت")
# and open the body with their credit and his name ("به گزارش فارس به نقل از ...، برونو رودریگز،
# وزیر ..."): the name after the credit is the lead's official when the lead opens with him.
REPORT_OPENINGS = {"fa": "به گزارش"}
REPORT_CREDIT_CHARS = 100  # a longer stretch before the first comma is no credit line
LEAD_SUBJECT_WORDS = 4  # the lead's title opens it, after the agency's name at most ("خبرگزاری فارس: وزیر")

Aliases = dict[tuple[str, ...], Actor]  # the words of a name -> the side it stands for


@dataclass(frozen=True)
class NameReader:
    ends_name: Callable[[str], bool]

    @classmethod
    def per_language(cls, name_stops: pl.DataFrame | None, terms: dict[str, set[str]]) -> dict[str, NameReader]:
        """A reader per language of `terms` (the seeds' other terms, folded), whose names end
        before a word of `name_stops` (`language`, `word`) or the first word of one of them."""
        stops: dict[str, set[str]] = {}
        for row in name_stops.iter_rows(named=True) if name_stops is not None else []:
            stops.setdefault(row["language"], set()).add(term_key(row["word"]))
        return {language: cls(frozenset(stops.get(language, set()) | {term.split(" ")[0] for term in known}).__contains__) for language, known in terms.items()}

    def introductions(self, words: list[str], actors: list[Actor], countries: list[tuple[str, int, int]]) -> Aliases:
        """The names `words` gives to its titled `actors` (`Officials.actors`), and their last words."""
        spans = [(a.start, a.end) for a in actors]
        aliases: Aliases = {}
        for actor in actors:
            # Two sides of one plural title ("the foreign ministers of Iran and Pakistan") name neither.
            if actor.role in UNNAMED_ROLES or actor.role is None or spans.count((actor.start, actor.end)) > 1:
                continue
            start = actor.end
            # Past the title's country where the language puts it after: "وزير المال الفرنسي".
            after = [c_end for country, c_start, c_end in countries if country == actor.country and 0 <= c_start - actor.end <= ACTOR_WINDOW]
            if after:
                start = min(after)
            for alias, side in self._named(words[start:], actor).items():
                aliases.setdefault(alias, side)
        return aliases

    def reported(self, sentence: str, lead: list[Actor], language: str) -> Aliases:
        """The name the credit line opening `sentence` (the body's first) gives the one official
        who opens the lead (`lead`: `Officials.actors` of the lead sentence), and its last words."""
        opening, text = REPORT_OPENINGS.get(language), sentence.lstrip()
        titled = [a for a in lead if a.role and a.role not in UNNAMED_ROLES]
        if not opening or not text.startswith(opening) or len(titled) != 1 or titled[0].start > LEAD_SUBJECT_WORDS:
            return {}
        comma = min((at for at in (text.find("،"), text.find(",")) if at >= 0), default=-1)
        return self._named(term_key(text[comma + 1 :]).split(), titled[0]) if 0 < comma <= REPORT_CREDIT_CHARS else {}

    def names_someone_at(self, words: list[str], start: int) -> bool:
        """Whether a name of `MIN_ALIAS_WORDS` words or more opens at `start` of `words`."""
        return len(self._name(words[start:])) >= MIN_ALIAS_WORDS

    def _named(self, words: list[str], actor: Actor) -> Aliases:
        """The name `words` opens with, as `actor`'s side, by its whole and its last words."""
        name = self._name(words)
        if len(name) < MIN_ALIAS_WORDS:
            return {}
        side = Actor(" ".join(name), actor.person_id, actor.country, actor.role, 0, 0)
        return {tuple(name[first:]): side for first in range(len(name) - MIN_ALIAS_WORDS + 1)}

    def _name(self, words: list[str]) -> list[str]:
        name: list[str] = []
        for word in words[:NAME_WORDS]:
            if self.ends_name(word):
                break
            name.append(word)
        return name


def named_sides(words: list[str], aliases: Aliases) -> list[Actor]:
    """The sides `words` calls by a name the article gave them, longest name first."""
    found, i = [], 0
    while i < len(words):
        for length in range(NAME_WORDS, MIN_ALIAS_WORDS - 1, -1):
            side = aliases.get(tuple(words[i : i + length]))
            if side:
                found.append(Actor(" ".join(words[i : i + length]), side.person_id, side.country, side.role, i, i + length))
                i += length
                break
        else:
            i += 1
    return found
