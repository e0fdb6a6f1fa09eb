"""Publication dates in the calendars and scripts of the region, converted to Gregorian.

Month names live in `sql/seeds/calendar_months.csv`; the calendar arithmetic is jdatetime's
(Solar Hijri) and hijridate's (Umm al-Qura), never our own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

import hijridate
import jdatetime
import polars as pl

from khabar.tasks.folding import fold, term_key, to_ascii_digits
from khabar.tasks.stage import SeedBacked
from khabar.tasks.terms import TermIndex

YEAR = re.compile(r"\d\d\d\d")  # not \d{4}: a pattern opening with one digit lets `re` skip to the digits

# A bare numeric year tells its calendar: Solar Hijri years of the modern press run 1300-1419
# (1921-2041), lunar Hijri years 1420-1500 (1999-2077), Gregorian years are four digits from 1800.
SOLAR_HIJRI_YEARS = range(1300, 1420)
LUNAR_HIJRI_YEARS = range(1420, 1501)
GREGORIAN_YEARS = range(1800, 2200)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    precision: str  # "day" or "month"
    calendar: str


class MonthNames(SeedBacked):
    """Month names and ordinal day words from the calendar seeds, compiled into the date patterns."""

    def __init__(self, seed: pl.DataFrame, ordinals: pl.DataFrame | None = None, date_words: pl.DataFrame | None = None):
        self.lookup: dict[str, list[tuple[str, int]]] = {}
        for row in seed.iter_rows(named=True):
            self.lookup.setdefault(fold(row["name"]), []).append((row["calendar"], int(row["month"])))
        # Iranian page headers write the day as an ordinal word ("سه شنبه سوم شهریور ۱۳۹۴", "بیست و سوم").
        # Keyed without spaces: typists join or space the parts ("بیست و یکم", "بیستویکم", "سی ام", "سیام").
        self.ordinal_days: dict[str, int] = {}
        words: list[str] = []
        for row in (ordinals.iter_rows(named=True) if ordinals is not None else []):
            word = " ".join(fold(row["word"]).split())
            self.ordinal_days[word.replace(" ", "")] = int(row["day"])
            words.append(word)
        kinds: dict[str, list[str]] = {"time": [], "ordinal_unit": []}
        for row in (date_words.iter_rows(named=True) if date_words is not None else []):
            kinds[row["kind"]].append(fold(row["word"]))
        # "the first week of March 2020", "نیمه دوم خرداد": an ordinal after these is not a day.
        self.ordinal_units = set(kinds["ordinal_unit"])
        # The time beside a header's date ("ساعت ۹:۳۲", "ساعت 11 و 01 دقیقه", "10:20 GMT") is part
        # of the date line, not other words.
        time_words = "|".join(re.escape(word) for word in sorted(kinds["time"], key=len, reverse=True)) or "(?!)"
        self.time_of_day = re.compile(
            rf"(?<![^\W\d_])(?:{time_words})(?![^\W\d_])|\d{{1,2}}:\d{{1,2}}(?::\d{{1,2}})?|(?<!\d)\d{{1,2}}(?!\d)"
        )
        names = sorted(self.lookup, key=len, reverse=True)
        # A dotted abbreviation ("Sept.", "Jan.") is the month too.
        month = "(?P<month>" + "|".join(re.escape(n) for n in names) + r")\.?"
        # A month name must stand as a whole word: "مه" inside "همه" is not May.
        edge_l, edge_r = r"(?<![^\W\d_])", r"(?![^\W\d_])"
        words.sort(key=len, reverse=True)
        ordinal = "(?P<dayword>" + "|".join(r"\s*".join(re.escape(part) for part in word.split()) for word in words) + ")"
        # Each pattern comes with a quick test that any text it matches passes (its gate), so that
        # most lines with a year but no date skip it: the patterns open with a look-behind and try
        # every month name at every position, slow on a paragraph. A gate opens with digits, which
        # `re` skips to; the gates of a month before its year read the folded text backwards.
        backwards = "|".join(re.escape(n[::-1]) for n in names)
        self.gates = [
            (re.compile(r"\d[-/.]\d"), False),
            (re.compile(r"\d\d\d\d\s+(?:" + "|".join(re.escape(n) for n in names) + "|کال)"), False),  # year, month
            (re.compile(rf"\d\d\d\d\s*,?\s*\.?(?:{backwards})"), True),  # month, year
            (re.compile(rf"\d\d\d\d\s+,?(?:ts|dn|dr|ht)?\d\d?\s+\.?(?:{backwards})"), True),  # month, day, year
        ]
        numeric, year_month, month_year, month_day_year = range(4)
        self.patterns = [
            (re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"), numeric),
            (re.compile(r"(?<!\d)(?P<day>\d{1,2})[-/.](?P<mon>\d{1,2})[-/.](?P<year>\d{4})(?!\d)"), numeric),
            (re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s*{edge_l}{month}{edge_r}\s*,?\s*(?P<year>\d{{4}})(?!\d)"), month_year),
            (re.compile(rf"{edge_l}{month}{edge_r}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)"), month_day_year),
            (re.compile(rf"(?<!\d)(?P<year>\d{{4}})\s+{edge_l}{month}{edge_r}\s+(?P<day>\d{{1,2}})(?!\d)"), year_month),
            # Pashto writes the year first: "د ۱۴۰۰ کال د وري ۱۵مه", "د ۱۴۰۰ کال د وري په ۱۵مه".
            (re.compile(rf"(?<!\d)(?P<year>\d{{4}})\s+کال\s+د\s+{edge_l}{month}{edge_r}\s+(?:په\s+)?(?P<day>\d{{1,2}})(?!\d)"), year_month),
            (re.compile(rf"{edge_l}{ordinal}\s+(?:من\s+)?{month}{edge_r}\s*,?\s*(?P<year>\d{{4}})(?!\d)") if words else None, month_year),
            (re.compile(rf"{edge_l}{month}{edge_r}\s*,?\s*(?P<year>\d{{4}})(?!\d)"), month_year),
        ]
        self.patterns = [(pattern, gate) for pattern, gate in self.patterns if pattern is not None]
        # A dateline that leaves the year to the page ("KABUL, Afghanistan (Jan. 15) –").
        self.day_month = re.compile(rf"{edge_l}{month}{edge_r}\s+(?P<day>\d{{1,2}})(?!\d)|(?<!\d)(?P<day2>\d{{1,2}})\s+{edge_l}{month.replace('month', 'month2')}{edge_r}")

    @classmethod
    def from_csv(cls, path: Path) -> MonthNames:
        """The month names at `path`, with `ordinal_days.csv` and `date_words.csv` beside it."""
        ordinals, words = path.with_name("ordinal_days.csv"), path.with_name("date_words.csv")
        return cls(pl.read_csv(path), pl.read_csv(ordinals) if ordinals.exists() else None, pl.read_csv(words) if words.exists() else None)

    def find(self, text: str, folded: str | None = None) -> list[tuple[int, int, FoundDate]]:
        """Every date written in `text`, as (start, end, date) over the folded text, earliest first.

        `folded`, when the caller has it, is `fold(text)`.
        """
        if not YEAR.search(text):  # every pattern has a four-digit year (\d is any script's digit)
            return []
        folded = fold(text) if folded is None else folded
        found: list[tuple[int, int, FoundDate]] = []
        taken: list[tuple[int, int]] = []
        texts = (folded, folded[::-1])
        opened: list[bool | None] = [None] * len(self.gates)
        for pattern, gate in self.patterns:
            if opened[gate] is None:
                test, backwards = self.gates[gate]
                opened[gate] = test.search(texts[backwards]) is not None
            if not opened[gate]:
                continue
            for match in pattern.finditer(folded):
                start, end = match.span()
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue
                if match.groupdict().get("dayword") and self._unit_before(folded, start):
                    continue
                date = self._convert(match.groupdict())
                if date is not None:
                    found.append((start, end, date))
                    taken.append((start, end))
        return sorted(found, key=lambda item: item[0])

    def _convert(self, parts: dict[str, str | None]) -> FoundDate | None:
        year = int(parts["year"])
        if parts.get("dayword"):
            day = self.ordinal_days["".join(parts["dayword"].split())]
        else:
            day = int(parts["day"]) if parts.get("day") else None
        if parts.get("month"):
            candidates = self.lookup[parts["month"]]
        else:
            candidates = [(calendar_of_year(year), int(parts["mon"]))]
        for calendar, month in candidates:
            if calendar is None or year not in YEARS_OF[calendar]:
                continue
            date = to_gregorian(calendar, year, month, day or 1)
            if date is not None:
                return FoundDate(date, "day" if day else "month", calendar)
        return None


    def _unit_before(self, folded: str, start: int) -> bool:
        before = folded[:start].split()
        return bool(before) and before[-1] in self.ordinal_units

    def month_day(self, text: str, year: int) -> FoundDate | None:
        """A Gregorian day and month written without a year ("Jan. 15", "15 March"), in `year`."""
        match = self.day_month.search(fold(text))
        if match is None:
            return None
        name, day = (match["month"], match["day"]) if match["month"] else (match["month2"], match["day2"])
        for calendar, month in self.lookup[name]:
            if calendar == "gregorian" and year in GREGORIAN_YEARS:
                date = to_gregorian(calendar, year, month, int(day))
                if date is not None:
                    return FoundDate(date, "day", calendar)
        return None


YEARS_OF = {"gregorian": GREGORIAN_YEARS, "solar_hijri": SOLAR_HIJRI_YEARS, "lunar_hijri": LUNAR_HIJRI_YEARS}


class EventDates:
    """The day an event happened, from the sentence that reports it: "دیروز", "أمس", "پرون",
    "yesterday" (`relative_days.csv`) counted from the article's own date, else a day it states."""

    def __init__(self, relative_days: pl.DataFrame | None, months: MonthNames):
        self.months = months
        self.days: dict[str, dict[str, int]] = {}
        for row in relative_days.iter_rows(named=True) if relative_days is not None else []:
            self.days.setdefault(row["language"], {})[term_key(row["phrase"])] = int(row["days"])
        self.index: dict[str, TermIndex] = {}

    def terms(self, language: str) -> set[str]:
        return set(self.days.get(language, {}))

    def read_as(self, splitters: dict[str, TermIndex]) -> None:
        """Index the day words of each language as text prepared by its splitter reads them."""
        self.index = {language: TermIndex(set(days), language=language, reads_as=splitters.get(language)) for language, days in self.days.items()}

    def date_in(self, sentence: str, words: list[str], language: str, published: dt.date | None) -> dt.date | None:
        """Not the article's date alone: the meeting was often "yesterday". A sentence with
        "yesterday" and a written date has its dateline in it, so without the article's date it
        gives no day."""
        index, days = self.index.get(language), self.days.get(language, {})
        offsets = {days[term] for term, _, _ in index.find(words)} if index else set()
        if offsets:
            return published + dt.timedelta(days=offsets.pop()) if published and len(offsets) == 1 else None
        for _, _, found in self.months.find(sentence):
            if found.precision == "day" and found.date != published:
                return found.date
        return None


def calendar_of_year(year: int) -> str | None:
    for calendar, years in YEARS_OF.items():
        if year in years:
            return calendar
    return None


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    try:
        if calendar == "solar_hijri":
            return jdatetime.date(year, month, day).togregorian()
        if calendar == "lunar_hijri":
            return dt.date(*hijridate.Hijri(year, month, day).to_gregorian().datetuple())
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def parse_published(value: str | None, months: MonthNames) -> FoundDate | None:
    """The date in a feed's `published` field: RFC 2822, ISO, numeric or written, in any calendar."""
    if value is None or not value.strip():
        return None
    text = to_ascii_digits(value.strip())
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        stamp = None
    # email.utils reads a year below 100 as 19xx/20xx: "0001" would become 2001.
    if stamp is not None and stamp.year in GREGORIAN_YEARS and not re.search(r"(?<!\d)0\d{3}(?!\d)", text):
        return FoundDate(stamp.date(), "day", "gregorian")
    found = months.find(text)
    return found[0][2] if found else None
