"""The article itself: page chrome removed (tasks/chrome.py), letters and digits normalized per language, title,
source and publication date extracted."""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.chrome import LETTER, SENTENCE_END, Chrome, drop_trailing_headlines, site_of, source_key, strip_chrome
from tasks.dates import MonthNames, fold, parse_published
from tasks.extract import RAW_SCHEMA
from tasks.stage import REJECTED_SCHEMA, Split, rejection


@dataclass(frozen=True)
class CleanConfig:
    header_lines: int = 8  # the page's date and metadata lines sit at the top
    title_max_words: int = 25
    title_max_chars: int = 200
    title_search_lines: int = 3


ZWNJ = "\u200c"
# Patterns for Polars (Rust regex: no look-around, so neighbours are captured and put back).
PRESENTATION_FORMS_CLASS = "[\ufb50-\ufdff\ufe70-\ufeff]"
MARKS_CLASS = "[\u064b-\u0652\u0640]"  # harakat and tatweel
SPACES_CLASS = "[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+"
DIGIT_FROM, DIGIT_TO = list("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"), list("01234567890123456789")
PERSIAN_LETTER_MAP = {"ي": "ی", "ى": "ی", "ك": "ک"}
# Persian writes the verb prefix and the plural suffix joined by a ZWNJ; typists use a space.
SPACED_PREFIX = "(^|[^\\p{L}])(ن?می) (\\p{L})"
SPACED_SUFFIX = "(\\p{L}) (ها|های|هایی|هایم|هایت|هایش|تر|ترین)([^\\p{L}]|$)"
CREDIT = re.compile(r"(?:^|[\s.»])(?:منبع|المصدر|مأخذ|Source)\s*[:：]\s*([^\n:]{2,40}?)\s*$", re.MULTILINE)
CREDIT_TAIL_CHARS = 400

CLEAN_COLUMNS = {
    "text": pl.String,
    "title": pl.String,
    "source": pl.String,
    "url": pl.String,
    "published_date": pl.Date,
    "published_precision": pl.String,
}
# A cleaned article as the load reads it; a night whose every input was refused still has this shape.
ARTICLE_SCHEMA = {
    **{name: RAW_SCHEMA[name] for name in ("article_id", "input_file", "input_line", "file_hash", "raw_text")},
    "language": pl.String,
    "language_score": pl.Float64,
    **CLEAN_COLUMNS,
}


def normalized(column: str, language: str = "language") -> pl.Expr:
    """Letters and digits of `column` in one spelling per language, as one vectorized expression.

    Everywhere: Arabic presentation forms unfolded (NFKC), NFC, no tatweel or harakat, ASCII
    digits, spaces collapsed. Persian only: Persian ی/ک for Arabic ي/ى/ك, and ZWNJ joining verb
    prefixes and plural suffixes typed with a space. Urdu and Pashto keep their own letters.
    """
    text = pl.col(column)
    text = pl.when(text.str.contains(PRESENTATION_FORMS_CLASS)).then(text.str.normalize("NFKC")).otherwise(text)
    text = text.str.normalize("NFC").str.replace_all(MARKS_CLASS, "").str.replace_many(DIGIT_FROM, DIGIT_TO)
    persian = text.str.replace_many(list(PERSIAN_LETTER_MAP), list(PERSIAN_LETTER_MAP.values()))
    persian = persian.str.replace_all(" *\u200c+ *", ZWNJ).str.replace_all(SPACED_PREFIX, "${1}${2}" + ZWNJ + "${3}")
    persian = persian.str.replace_all(SPACED_SUFFIX, "${1}" + ZWNJ + "${2}${3}")
    text = pl.when(pl.col(language) == "fa").then(persian).otherwise(text)
    text = text.str.replace_all(SPACES_CLASS, " ").str.replace_all(" ?\n ?", "\n").str.replace_all("\n{3,}", "\n\n")
    return text.str.strip_chars().alias(column)


def normalize_text(text: str, language: str) -> str:
    """`normalized` applied to one text (for tests and one-off use)."""
    return pl.DataFrame({"text": [text], "language": [language]}).select(normalized("text"))["text"][0]


def restore_zwnj(text: str) -> str:
    """The Persian ZWNJ repair of `normalized` on one text."""
    return normalize_text(text, "fa")


def is_date_line(line: str, found: list) -> bool:
    """A line that is a date and little else, like the page header's "• دو شنبه 17 اردیبهشت 1403".

    `found` is what `MonthNames.find` returned for the line.
    """
    if not found:
        return False
    folded = fold(line)
    rest = folded[: found[0][0]] + " " + folded[found[-1][1] :]
    return len(LETTER.sub("x", rest).split()) <= 3 and len(rest) < 40


def split_header(lines: list[str], months: MonthNames, config: CleanConfig):
    """(body lines, published date) with the top block's date lines taken out.

    The page's "today" header writes one crawl day in several calendars on consecutive lines;
    it is not the article's date. The article's own date is the first other date near the top.
    """
    top = [i for i, line in enumerate(lines) if line.strip()][: config.header_lines]
    dates = {i: months.find(lines[i]) for i in top}
    date_lines = [i for i in top if is_date_line(lines[i], dates[i])]
    crawl_header: set[int] = set()
    if date_lines and date_lines[0] == top[0]:
        first = dates[top[0]][0][2]
        run, calendars = [], set()
        for position, i in enumerate(date_lines):
            found = dates[i][0][2]
            if i != top[position] or found.date != first.date:
                break
            run.append(i)
            calendars.add(found.calendar)
        if len(calendars) >= 2:
            crawl_header = set(run)
    published = None
    for i in top:
        if i in crawl_header:
            continue
        if dates[i]:
            published = dates[i][0][2]
            break
    body = [line for i, line in enumerate(lines) if i not in crawl_header and i not in date_lines]
    return body, published


def pick_title(lines: list[str], config: CleanConfig) -> tuple[str | None, list[str]]:
    """The headline: a short line near the top that does not end like a sentence."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    # A headline always has a body below it.
    for i in filled[: min(config.title_search_lines, len(filled) - 1)]:
        line = lines[i].strip()
        if len(line.split()) <= config.title_max_words and len(line) <= config.title_max_chars and not SENTENCE_END.search(line):
            return line, lines[:i] + lines[i + 1 :]
    return None, lines


def credited_source(text: str) -> str | None:
    """The outlet an article credits at its foot ("منبع: Dawn", "المصدر: الجزيرة"), if any."""
    found = CREDIT.findall(text[-CREDIT_TAIL_CHARS:])
    return found[-1].strip() if found else None


def take_apart(row: dict, chrome: Chrome, months: MonthNames, config: CleanConfig) -> dict:
    """The line-by-line work on one article: chrome out, date, title and source found.

    `text` and `title` come out as written; `normalized` then spells them per language.
    """
    key = source_key(row["feed_source"], row["feed_url"], row.get("input_file")) if chrome.learned else None
    lines = drop_trailing_headlines(strip_chrome(row["raw_text"].split("\n"), chrome, key), chrome.config)
    lines, header_date = split_header(lines, months, config)
    title = row["feed_title"]
    if title is None or not title.strip():
        title, lines = pick_title(lines, config)
    given = parse_published(row["feed_published"], months)
    published = given or header_date
    return {
        "text": "\n".join(lines),
        "title": title,
        "source": (row["feed_source"] or "").strip() or site_of(row["feed_url"]) or credited_source("\n".join(lines)),
        "url": row["feed_url"],
        "published_date": published.date if published else None,
        "published_precision": published.precision if published else None,
    }


def clean_article(row: dict, chrome: Chrome, months: MonthNames, config: CleanConfig) -> dict:
    """One article cleaned as `clean_articles` cleans a batch (for tests and benchmarks)."""
    parts = take_apart(row, chrome, months, config)
    return {
        **parts,
        "text": normalize_text(parts["text"], row["language"]),
        "title": normalize_text(parts["title"], row["language"]) if parts["title"] else None,
    }


def clean_articles(articles: pl.DataFrame, chrome: Chrome, months: MonthNames, config: CleanConfig = CleanConfig()) -> Split:
    """Add `text`, `title`, `source`, `url`, `published_date`, `published_precision`.

    `raw_text` stays as it arrived. An article with nothing left once the chrome is gone is refused.
    """
    parts = pl.DataFrame([take_apart(row, chrome, months, config) for row in articles.iter_rows(named=True)], schema=CLEAN_COLUMNS)
    result = articles.drop([c for c in CLEAN_COLUMNS if c in articles.columns]).with_columns(parts)
    result = result.with_columns(normalized("text"), normalized("title"))
    empty = result["text"].str.contains(r"[^\W\d_]").not_()
    rejected = [
        rejection(r["input_file"], r["input_line"], "only_chrome", "nothing is left of the text once page chrome (share, comment, navigation lines) is removed")
        for r in result.filter(empty).select("input_file", "input_line").iter_rows(named=True)
    ]
    return Split(result.filter(~empty), pl.DataFrame(rejected, schema=REJECTED_SCHEMA))


clean_articles_task = task(clean_articles, name="clean", cache_policy=NO_CACHE)
