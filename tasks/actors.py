"""Who the sides of an event are: officials of `people.csv`, or titles of `role_phrases.csv`
beside a country's name, in the role they held on the article's day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from khabar.tasks.folding import term_key
from khabar.tasks.terms import TermIndex

ACTOR_WINDOW = 4  # words between a role phrase and the country it belongs to
PLURAL_WINDOW = 6  # words a plural title's two countries may take: "وزیران خارجه جمهوری اسلامی ایران و پاکستان"
FORMER_WINDOW = 3  # words between an actor and a "former" beside it
VISITOR_WINDOW = 12  # words between a visit's frame and its visitor: its subject, not any official of the sentence
# Offices one person holds at a time: "the Pakistani foreign minister" on a known day is a name.
RESOLVED_ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "interior_minister", "national_security_adviser"})
# "His counterpart" and "the delegation" without a country are nobody's in particular, even in
# an outlet's own lead ("وزیر امور خارجه در دیدار با همتای خود" names the minister, not the other).
UNTITLED_NOBODY = frozenset({"counterpart", "delegation"})
# Where a language puts the country of a title: "پاکستان کے وزیر خارجہ", "Pakistani foreign
# minister", "د پاکستان ... وزیر" before it; "وزیر امور خارجه پاکستان", "وزير الخارجية
# الباكستاني", "министр иностранных дел Пакистана" after it.
COUNTRY_BEFORE_TITLE = frozenset({"ur", "ps", "en", "uz", "kk", "tr"})
# Arabic-script writers join a name's parts or not as they please: "صفارهرندی", "محمدجواد ظریف",
# "امیرعبداللهیان", "عبدالله عبدالله", "خلیلزاد". Every way of joining neighbouring words of a
# listed name is that name too; the joined forms are long enough to be no common word.
JOINED_NAME_LANGUAGES = frozenset({"fa", "ar", "ur", "ps"})
JOINED_NAME_WORDS = 4  # 2 ** 3 spellings at most per name


@dataclass(frozen=True)
class Person:
    person_id: str
    country: str
    role: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def in_office(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


@dataclass
class Actor:
    name: str
    person_id: str | None
    country: str
    role: str | None
    start: int
    end: int


class Officials:
    """People and role phrases per language, and who held each one-person office when."""

    def __init__(self, people: pl.DataFrame, roles: pl.DataFrame):
        self.people: dict[str, dict[str, list[Person]]] = {}
        self.office_holders: dict[tuple[str, str], set[Person]] = {}  # (country, role) -> people
        for row in people.iter_rows(named=True):
            person = Person(row["person_id"], row["country"], row["role"], _date(row["valid_from"]), _date(row["valid_to"]))
            for name in _spellings(term_key(row["name"]), row["language"]):
                self.people.setdefault(row["language"], {}).setdefault(name, []).append(person)
            self.office_holders.setdefault((person.country, person.role), set()).add(person)
        self.roles: dict[str, dict[str, tuple[str, str | None]]] = {}
        self.plural: set[tuple[str, str]] = set()  # (language, phrase): titles of two sides, "وزیران خارجه"
        for row in roles.iter_rows(named=True):
            self.roles.setdefault(row["language"], {}).setdefault(term_key(row["phrase"]), (row["role"], row["country_hint"] or None))
            if row.get("plural") == "true":
                self.plural.add((row["language"], term_key(row["phrase"])))
        self.people_index = {language: TermIndex(set(names)) for language, names in self.people.items()}
        self.role_index = {language: TermIndex(set(phrases)) for language, phrases in self.roles.items()}

    def read_as(self, language: str, splitter: TermIndex) -> None:
        """Index the names and titles of `language` as text prepared by `splitter` reads them."""
        if language in self.people:
            self.people_index[language] = TermIndex(set(self.people[language]), language=language, reads_as=splitter)
        if language in self.roles:
            self.role_index[language] = TermIndex(set(self.roles[language]), language=language, reads_as=splitter)

    def terms(self, language: str) -> set[str]:
        return set(self.people.get(language, {})) | set(self.roles.get(language, {}))

    def actors(self, words: list[str], language: str, published: dt.date | None, countries: list[tuple[str, int, int]], between: list[int] = (),
               introduced: list[Actor] = (), untitled: Callable[[int], str | None] | None = None) -> list[Actor]:
        """The distinct sides `words` names; `countries` are the countries it names, with their
        places; `between`, the words of the event's frames, which stand between two sides;
        `introduced`, the sides it calls by a name the article gave them (`tasks/introduced.py`);
        `untitled`, the country of a title that names none, given where the title ends: the
        outlet's own, in its lead."""
        actors: list[Actor] = list(introduced)
        if language in self.people_index:
            for name, start, end in self.people_index[language].find(words):
                person = _in_office(self.people[language][name], published)
                actors.append(Actor(name, person.person_id, person.country, person.role, start, end))
        found = [(phrase, start, end, *self.roles[language][phrase]) for phrase, start, end in self.role_index[language].find(words)] if language in self.role_index else []
        former = [start for _, start, _, role, _ in found if role == "former"]
        # "با", "له", "with" or a frame ("принял") between a title and a name put another side
        # there: "د پاکستان لومړي وزير له ولسمشر غني سره" is Pakistan's prime minister and Ghani.
        links = [start for _, start, _, role, _ in found if role == "link"] + list(between)
        counterparts = []
        for phrase, start, end, role, hint in found:
            if role in ("former", "link"):
                continue
            if (language, phrase) in self.plural:
                # "the foreign ministers of Iran and Pakistan": one side per country, two at most.
                actors.extend(Actor(phrase, None, country, role, start, end) for country in _coordinated(countries, start, end, language in COUNTRY_BEFORE_TITLE, links))
                continue
            country = hint or _nearest(countries, start, end, language in COUNTRY_BEFORE_TITLE, links) or (untitled(end) if untitled and role not in UNTITLED_NOBODY else None)
            # A title beside a named person is that person's; "his counterpart" only when of the
            # same country ("محمد صدیق، همتای پاکستانی خود"), else the other side ("بلاول بوتو
            # زرداري نظيره الطاجيكي").
            named = [a for a in actors if a.person_id and _beside(a.start, a.end, start, end, ACTOR_WINDOW, links)]
            if country is None or any(role != "counterpart" or a.country == country for a in named):
                continue
            if role == "counterpart":
                counterparts.append(Actor(phrase, None, country, None, start, end))
            else:
                actors.append(Actor(phrase, None, country, role, start, end))
        # "his Pakistani counterpart": the role of the other side.
        for counterpart in counterparts:
            others = [a for a in actors if a.country != counterpart.country and a.role]
            counterpart.role = others[0].role if others else None
            actors.append(counterpart)
        # A former official ("وزير الدولة الكندي السابق", "پخواني ولسمشر") speaks for nobody now.
        actors = [a for a in actors if not any(a.start - FORMER_WINDOW <= at < a.start or a.end <= at <= a.end + FORMER_WINDOW for at in former)]
        for actor in actors:
            if actor.person_id is None and actor.role in RESOLVED_ROLES:
                actor.person_id = self._holder(actor.country, actor.role, published)
        unique: dict[tuple, Actor] = {}
        for actor in actors:
            unique.setdefault((actor.person_id,) if actor.person_id else (actor.country, actor.role), actor)
        return list(unique.values())

    def _holder(self, country: str, role: str, on: dt.date | None) -> str | None:
        """Who held a one-person office on the article's date; None when the date is unknown or
        `people.csv` lists anyone but exactly one holder for that day."""
        if on is None:
            return None
        holders = {p.person_id for p in self.office_holders.get((country, role), ()) if p.valid_from and p.in_office(on)}
        return holders.pop() if len(holders) == 1 else None


def _spellings(name: str, language: str) -> list[str]:
    """`name` (folded) and, in `JOINED_NAME_LANGUAGES`, every spelling of it with neighbouring words joined."""
    words = name.split(" ")
    if language not in JOINED_NAME_LANGUAGES or not 1 < len(words) <= JOINED_NAME_WORDS:
        return [name]
    spellings = [words[0]]
    for word in words[1:]:
        spellings = [f"{spelling} {word}" for spelling in spellings] + [spelling + word for spelling in spellings]
    return spellings


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _in_office(people: list[Person], on: dt.date | None) -> Person:
    """The role a person held on the article's date, else the latest one listed."""
    if on is not None:
        for person in people:
            if person.in_office(on):
                return person
    return max(people, key=lambda p: p.valid_from or dt.date.min)


def _beside(a_start: int, a_end: int, b_start: int, b_end: int, window: int, links: list[int]) -> bool:
    """Whether two spans of words are at most `window` words apart with no link word between them."""
    if a_end <= b_start:
        return b_start - a_end <= window and not any(a_end <= at < b_start for at in links)
    if b_end <= a_start:
        return a_start - b_end <= window and not any(b_end <= at < a_start for at in links)
    return True


def _coordinated(countries: list[tuple[str, int, int]], start: int, end: int, before_first: bool, links: list[int]) -> list[str]:
    """The two countries a plural title names together, on the side the language puts them, else
    on the other; none when a side names more (the ministers of a whole organisation's members)."""
    sides = {
        True: [c for c, c_start, c_end in countries if 0 <= start - c_end and start - c_start <= PLURAL_WINDOW and not any(c_end <= at < start for at in links)],
        False: [c for c, c_start, c_end in countries if 0 <= c_start - end and c_end - end <= PLURAL_WINDOW and not any(end <= at < c_start for at in links)],
    }
    named = {side: list(dict.fromkeys(listed)) for side, listed in sides.items()}
    if any(len(listed) > 2 for listed in named.values()):
        return []
    return next((named[side] for side in (before_first, not before_first) if len(named[side]) == 2), [])


def _nearest(countries: list[tuple[str, int, int]], start: int, end: int, before_first: bool, links: list[int]) -> str | None:
    """The country named closest to a role phrase, within `ACTOR_WINDOW` words, looking first on
    the side the language puts it. After a title no link word may come between ("وزیر دفاع در
    دیدار با سفیر ترکیه" is not Turkey's minister; "د پوځ مشر سره یې د افغان ..." is not
    Afghanistan's army chief); before one, only where the language puts it there ("د هند له
    بهرنیو چارو وزیر سره" is India's)."""
    sides: dict[bool, list[tuple[int, str]]] = {True: [], False: []}
    for country, c_start, c_end in countries:
        if 0 <= c_start - end <= ACTOR_WINDOW and not any(end <= at < c_start for at in links):
            sides[False].append((c_start - end, country))
        elif 0 <= start - c_end <= ACTOR_WINDOW and (before_first or not any(c_end <= at < start for at in links)):
            sides[True].append((start - c_end, country))
    near = sides[before_first] or sides[not before_first]
    return min(near)[1] if near else None


def visitors_of(actors: list, visits: list[tuple[int, int]]) -> list:
    """Who made a visit: the side named right after a visit's noun ("سفر وزیر خارجه آمریکا به
    عربستان", "زيارة الرئيس الأمريكي إلى الهند"), else the first side named within
    `VISITOR_WINDOW` words of its frame, its subject ("عراقچی به دعوت همتای پاکستانی خود به
    اسلام‌آباد سفر کرد"); with every other actor of that country."""
    near = sorted((a for a in actors if any(start - VISITOR_WINDOW <= a.end and a.start <= end + VISITOR_WINDOW for start, end in visits)), key=lambda a: a.start)
    owners = [a for a in near if any(a.start == end for _, end in visits)]
    visitor = (owners or near or [None])[0]
    return [a for a in near if a.country == visitor.country] if visitor else []
