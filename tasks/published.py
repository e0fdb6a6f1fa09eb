"""The article's own publication date, from where outlets put it, and how it was found.

In order: the feed's `published`, the URL (`/2018/06/17/`), a line at the head that is a date
and little else (the page header's article date), a dateline opening a paragraph ("KABUL,
Afghanistan (Jan. 15, 2013) –", "Avesta.Tj | 20/09/2020 |"), a date stamped after the headline
("... دیدار کرد 18 سپتامبر 2020 ، 08:55"), a date line at the foot.
A date found only inside the body is an event date (a law passed, sanctions start, a match long
ago) and never the publication date: a wrong date is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.tasks.chrome import LETTER
from khabar.tasks.dates import YEAR, FoundDate, MonthNames, parse_published, to_gregorian
from khabar.tasks.folding import fold

# "/2018/06/17/", "/2018-06-17.html": a URL date counts only with its day.
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/._-]|$)")
# What follows a dateline's date: a closing bracket, then a dash, bar or colon, or the line's end;
# or directly a dash or bar. A comma does not: "وفي أبريل 2017، أطلق" is a sentence about 2017.
DATELINE_TAIL = re.compile(r"^\s*(?:\)\s*(?:\d{1,2}:\d{2}\s*)?(?:[–—\-|:]|$)|(?:\d{1,2}:\d{2}\s*)?[–—\-|])")
STAMP_TAIL = re.compile(r"^\s*[)،,|–—\-]?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*[)|]?\s*$")
DATELINE_ONLY = re.compile(r"^[^()]{2,60}\([^()]*\d[^()]*\)\s*[–—\-]*\s*$")
# "2011-01-S-169": an ISAF-style release number carries the year and month of its dateline.
# (The digit before the year is looked for behind the year, not before it: a pattern that opens
# with its digits lets `re` skip straight to them, and long paragraphs are searched.)
RELEASE_NUMBER = re.compile(r"((?:19|20)\d\d)(?<!\d{5})-(\d{1,2})-[A-Z]+-")


@dataclass(frozen=True)
class DateConfig:
    header_lines: int = 8  # the page's date and metadata lines sit at the top
    foot_lines: int = 3
    dateline_prefix_words: int = 6  # "KABUL, Afghanistan (" or "Avesta.Tj |"
    date_line_other_words: int = 2  # a date line is the date and little else (a weekday, a label)
    line_chars: int = 300  # how much of a line a date may sit in


@dataclass(frozen=True)
class Published:
    date: FoundDate | None
    method: str | None  # feed, url, header, dateline, foot; None when the article gives no date


def is_date_line(folded: str, found: list, months: MonthNames, config: DateConfig = DateConfig()) -> bool:
    """A line that is a date and little else, like the page header's "• دو شنبه 17 اردیبهشت 1403".

    `folded` is the line folded, `found` what `MonthNames.find` returned for it.
    """
    if not found:
        return False
    rest = months.time_of_day.sub(" ", folded[: found[0][0]] + " " + folded[found[-1][1] :])
    words = [word for word in rest.split() if LETTER.search(word)]  # bullets and bars are not words
    if any(word in months.ordinal_units for word in words):  # "هفته اول مهر 1399" is a week, not a date
        return False
    return len(words) <= config.date_line_other_words and len(rest.strip()) < 40


def crawl_header(top: list[int], dates: dict, date_lines: list[int]) -> set[int]:
    """The page's "today" header: one crawl day written in several calendars on consecutive top lines."""
    if not date_lines or date_lines[0] != top[0]:
        return set()
    first = dates[top[0]][0][2]
    run, calendars = [], set()
    for position, i in enumerate(date_lines):
        found = dates[i][0][2]
        if i != top[position] or found.date != first.date:
            break
        run.append(i)
        calendars.add(found.calendar)
    return set(run) if len(calendars) >= 2 else set()


def stamp_date(folded: str, found: list) -> FoundDate | None:
    """A date stamped at the end of a headline line: "... دیدار کرد 18 سپتامبر 2020 ، 08:55",
    "Operational Update, Jan. 15, 2011". Only after a separator or before a time, never after a word
    like "on", which makes it an event."""
    if not found:
        return None
    start, end, date = found[-1]
    tail, before = folded[end:], folded[:start].rstrip()
    if not STAMP_TAIL.match(tail):
        return None
    has_time = re.search(r"\d{1,2}:\d{2}", tail) is not None
    return date if has_time or before.endswith((",", "،", "|", "-", "–", "—", ":")) else None


def dateline_date(folded: str, found: list, months: MonthNames, year_hint: int | None, config: DateConfig) -> FoundDate | None:
    """The date of a dateline that opens a paragraph (folded): a few words of place or outlet, the date, a separator."""
    for start, end, date in found[:1]:
        prefix = folded[:start]
        # A dateline gives the day; "Since March 2011 — when the uprising began" is history.
        if date.precision == "day" and len(prefix.split()) <= config.dateline_prefix_words and not re.search(r"[.!?؟]\s", prefix) and DATELINE_TAIL.match(folded[end:]):
            return date
    # "KABUL, Afghanistan (Jan. 15) –": the year comes from the release number above it.
    match = re.match(r"^([^()]{2,60})\(([^()]{3,20})\)\s*[–—\-]?", folded)
    if year_hint is not None and match and len(match.group(1).split()) <= config.dateline_prefix_words:
        return months.month_day(match.group(2), year_hint)
    return None


def is_dateline_only(line: str) -> bool:
    """"KABUL, Afghanistan (Jan. 15, 2013)" on a line of its own: a dateline, never a headline."""
    return DATELINE_ONLY.match(line) is not None


def url_date(url: str | None) -> FoundDate | None:
    match = URL_DATE.search(url or "")
    if match is None:
        return None
    date = to_gregorian("gregorian", int(match[1]), int(match[2]), int(match[3]))
    return FoundDate(date, "day", "gregorian") if date else None


def find_published(lines: list[str], feed_published: str | None, url: str | None, months: MonthNames,
                   config: DateConfig = DateConfig(), raw_lines: list[str] | None = None) -> tuple[list[str], Published]:
    """(body lines without the header's date lines, the article's own date and how it was found).

    `raw_lines`, the article before its chrome was cut, may hold a release number that gives a
    year-less dateline its year.
    """
    return published_after(lines, parse_published(feed_published, months), url, months, config, raw_lines)


def published_after(lines: list[str], given: FoundDate | None, url: str | None, months: MonthNames,
                    config: DateConfig = DateConfig(), raw_lines: list[str] | None = None) -> tuple[list[str], Published]:
    """`find_published` once the feed's `published` is read (`given`): a batch reads each distinct value once."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    top, foot = filled[: config.header_lines], filled[-config.foot_lines :]
    # Dates sit at the start of a header line or in a short line: a long paragraph is read only
    # at its start (a dateline), and never for a stamp at its end.
    # Every date has a four-digit year: only those lines are folded (once) and read.
    edges = set(top) | set(foot)
    heads = {i: fold(lines[i][: config.line_chars]) for i in edges if YEAR.search(lines[i][: config.line_chars])}
    dates = {i: months.find(lines[i][: config.line_chars], heads[i]) if i in heads else [] for i in edges}
    date_lines = [i for i in top if i in heads and is_date_line(heads[i], dates[i], months, config)]
    crawl = crawl_header(top, dates, date_lines)
    dropped = crawl | set(date_lines)
    body = [line for i, line in enumerate(lines) if i not in dropped]
    if given is not None:
        return body, Published(given, "feed")
    if (from_url := url_date(url)) is not None:
        return body, Published(from_url, "url")
    header = [i for i in top if i not in crawl]
    for i in header:
        if i in date_lines:
            return body, Published(dates[i][0][2], "header")
    head = [line for line in (raw_lines or lines) if line.strip()][: config.header_lines]
    # (A dash looked for first: most paragraphs have none, and `in` is quicker than a search.)
    release = next((found for line in head if "-" in line and (found := RELEASE_NUMBER.search(line))), None)
    year_hint = int(release[1]) if release else None
    for i in header:
        if i not in heads and year_hint is None:
            continue  # no year in the line, and none from a release number
        if (found := dateline_date(heads.get(i) or fold(lines[i][: config.line_chars]), dates[i], months, year_hint, config)) is not None:
            if release is None or found.date.month == int(release[2]) or dates[i]:
                return body, Published(found, "dateline")
    for i in header:
        if i in heads and len(lines[i]) <= config.line_chars and (stamped := stamp_date(heads[i], dates[i])) is not None:
            return body, Published(stamped, "header")
    for i in reversed(foot):
        if i not in top and i in heads and is_date_line(heads[i], dates[i], months, config):
            return [line for j, line in enumerate(lines) if j not in dropped | {i}], Published(dates[i][0][2], "foot")
    return body, Published(None, None)
