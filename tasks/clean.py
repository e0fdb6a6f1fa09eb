"""The article itself: page chrome removed (tasks/chrome.py), letters and digits normalized per language, title,
source (tasks/sources.py) and publication date (tasks/published.py) extracted, listing pages marked."""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from khabar.tasks.chrome import LETTER, SENTENCE_END, Chrome, source_key, strip_chrome
from khabar.tasks.dates import FoundDate, MonthNames, parse_published
from khabar.tasks.folding import DIGITS_FROM, DIGITS_TO, HARAKAT, TATWEEL
from khabar.tasks.extract import RAW_SCHEMA
from khabar.tasks.published import DateConfig, is_dateline_only, published_after
from khabar.tasks.signing import hash_contents
from khabar.tasks.sources import Sources
from khabar.tasks.stage import REJECTED_SCHEMA, Split, rejection
from khabar.tasks.teasers import drop_teasers, drop_trailing_headlines


@dataclass(frozen=True)
class CleanConfig:
    title_max_words: int = 25
    title_max_chars: int = 200
    title_search_lines: int = 3
    # A listing page: many short headline lines and little running text.
    listing_min_lines: int = 8
    listing_headline_words: int = 15  # a longer line is running text
    listing_headline_share: float = 0.7
    listing_max_running_words: int = 120
    dates: DateConfig = DateConfig()


# A headline may ask or exclaim ("?", "؟", "!"); it does not end like a statement.
STATEMENT_END = re.compile(r"[.:۔。][\"'»”’)]*$")


ZWNJ = "\u200c"
# Patterns for Polars (Rust regex: no look-around, so neighbours are captured and put back).
PRESENTATION_FORMS_CLASS = "[\ufb50-\ufdff\ufe70-\ufeff]"
MARKS_CLASS = f"[{HARAKAT}{TATWEEL}]"
# Characters NFC leaves as they are wherever they stand: combining class 0, in NFC themselves, and
# never composed onto the character before them (tests/tasks/test_clean.py checks each). A text of
# only these (half the articles: no harakat, maddah or hamza marks) skips NFC, the slowest step.
NFC_INERT = ((0x0000, 0x02FF), (0x0600, 0x060F), (0x061B, 0x064A), (0x0660, 0x066F), (0x0671, 0x06D5), (0x06EE, 0x06FF), (0x2002, 0x2064), (0x2066, 0x206F))
NOT_NFC_INERT = "[^" + "".join(f"\\x{{{first:X}}}-\\x{{{last:X}}}" for first, last in NFC_INERT) + "]"
OTHER_SPACES = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000"
# A run of spaces of any kind becomes one " ". Only runs other than a lone " " are matched: every
# word gap matching and being written back anew made this the slowest step of the expression.
SPACE_RUNS = f"[ {OTHER_SPACES}]{{2,}}|[{OTHER_SPACES}]"
DIGIT_FROM, DIGIT_TO = list(DIGITS_FROM), list(DIGITS_TO)
PERSIAN_LETTER_MAP = {"ي": "ی", "ى": "ی", "ك": "ک"}
# Persian writes the verb prefix and the plural suffix joined by a ZWNJ; typists use a space.
SPACED_PREFIX = "(^|[^\\p{L}])(ن?می) (\\p{L})"
SPACED_SUFFIX = "(\\p{L}) (ها|های|هایی|هایم|هایت|هایش|تر|ترین)([^\\p{L}]|$)"

CLEAN_COLUMNS = {
    "text": pl.String,
    "title": pl.String,
    "source": pl.String,
    "url": pl.String,
    "published_date": pl.Date,
    "published_precision": pl.String,
    "date_method": pl.String,
    "source_method": pl.String,
    "is_listing": pl.Boolean,
}
# A cleaned article as the load reads it; a night whose every input was refused still has this shape.
ARTICLE_SCHEMA = {
    **{name: RAW_SCHEMA[name] for name in ("article_id", "input_file", "input_line", "file_hash", "raw_text")},
    "language": pl.String,
    "language_method": pl.String,
    "language_score": pl.Float64,
    **CLEAN_COLUMNS,
    "match_text": pl.String,
    "content_hash": pl.String,
}


def normalized(column: str, language: str = "language") -> pl.Expr:
    """Letters and digits of `column` in one spelling per language, as one vectorized expression.

    Everywhere: Arabic presentation forms unfolded (NFKC), NFC, no tatweel or harakat, ASCII
    digits, spaces collapsed. Persian only: Persian ی/ک for Arabic ي/ى/ك, and ZWNJ joining verb
    prefixes and plural suffixes typed with a space. Urdu and Pashto keep their own letters.
    """
    text = pl.col(column)
    text = pl.when(text.str.contains(PRESENTATION_FORMS_CLASS)).then(text.str.normalize("NFKC")).otherwise(text)
    text = pl.when(text.str.contains(NOT_NFC_INERT)).then(text).str.normalize("NFC").fill_null(text)
    text = text.str.replace_all(MARKS_CLASS, "").str.replace_many(DIGIT_FROM, DIGIT_TO)
    is_persian = pl.col(language) == "fa"
    # Other languages' rows are null here, so the Persian steps skip them rather than run on all.
    persian = pl.when(is_persian).then(text).str.replace_many(list(PERSIAN_LETTER_MAP), list(PERSIAN_LETTER_MAP.values()))
    # A ZWNJ beside a typed space joins nothing: the space is the word boundary, and keeping the
    # ZWNJ instead would glue two words into one.
    persian = persian.str.replace_all("\u200c+", ZWNJ).str.replace_all(" *\u200c +| +\u200c *", " ")
    persian = persian.str.replace_all(SPACED_PREFIX, "${1}${2}" + ZWNJ + "${3}")
    persian = persian.str.replace_all(SPACED_SUFFIX, "${1}" + ZWNJ + "${2}${3}")
    text = pl.when(is_persian).then(persian).otherwise(text)
    # No space beside a line break: a break without one is left alone rather than written anew.
    text = text.str.replace_all(SPACE_RUNS, " ").str.replace_all(" \n ?|\n ", "\n").str.replace_all("\n{3,}", "\n\n")
    return text.str.strip_chars().alias(column)


def normalize_text(text: str, language: str) -> str:
    """`normalized` applied to one text (for tests and one-off use)."""
    return pl.DataFrame({"text": [text], "language": [language]}).select(normalized("text"))["text"][0]


def restore_zwnj(text: str) -> str:
    """The Persian ZWNJ repair of `normalized` on one text."""
    return normalize_text(text, "fa")


def pick_title(lines: list[str], config: CleanConfig) -> tuple[str | None, list[str]]:
    """The headline: a short line near the top that does not end like a sentence."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    # A headline always has a body below it.
    for i in filled[: min(config.title_search_lines, len(filled) - 1)]:
        line = lines[i].strip()
        if len(line.split()) <= config.title_max_words and len(line) <= config.title_max_chars and not STATEMENT_END.search(line) and not is_dateline_only(line):
            return line, lines[:i] + lines[i + 1 :]
    return None, lines


def is_listing_page(lines: list[str], config: CleanConfig) -> bool:
    """Many short lines that do not read as sentences, and little running text: a section page."""
    filled = [line.strip() for line in lines if line.strip()]
    if len(filled) < config.listing_min_lines:
        return False
    running = [line for line in filled if len(line.split()) > config.listing_headline_words or SENTENCE_END.search(line)]
    headlines = len(filled) - len(running)
    return headlines >= config.listing_headline_share * len(filled) and sum(len(line.split()) for line in running) <= config.listing_max_running_words


def without_credit_lines(lines: list[str], sources: Sources) -> list[str]:
    """The article less the credit lines at its foot that only name outlets ("فرانس 24/أ ف ب")."""
    foot = [i for i, line in enumerate(lines) if line.strip()][-sources.config.foot_lines :]
    credits = {i for i in foot if sources.is_credit_line(lines[i])}
    return [line for i, line in enumerate(lines) if i not in credits] if len(credits) < len(foot) else lines


TAKEN_APART = ("raw_text", "input_file", "feed_title", "feed_url", "feed_source", "feed_published", "language")


def take_apart(row: dict, chrome: Chrome, months: MonthNames, sources: Sources, config: CleanConfig, feed_dates: dict[str | None, FoundDate | None]) -> dict:
    """The line-by-line work on one article: chrome out, date, title and source found.

    `text` and `title` come out as written; `normalized` then spells them per language.
    `feed_dates` holds the article's `feed_published` read (`parse_published`).
    """
    raw_lines = row["raw_text"].split("\n")
    key = source_key(row["feed_source"], row["feed_url"], row.get("input_file")) if chrome.learned else None
    lines = drop_trailing_headlines(strip_chrome(raw_lines, chrome, key), chrome.config)
    lines, published = published_after(lines, feed_dates[row["feed_published"]], row["feed_url"], months, config.dates, raw_lines)
    lines = [line for line in lines if not line.strip() or LETTER.search(line)]  # a numeric date the header did not take
    title = row["feed_title"]
    if title is None or not title.strip():
        title, lines = pick_title(lines, config)
    lines = drop_teasers(lines, chrome.config)
    credit = sources.credit(row["feed_source"], row["feed_url"], raw_lines, lines, row["language"])
    lines = without_credit_lines(lines, sources)
    return {
        "text": "\n".join(lines),
        "title": title,
        "source": credit.name,
        "url": row["feed_url"],
        "published_date": published.date.date if published.date else None,
        "published_precision": published.date.precision if published.date else None,
        "date_method": published.method,
        "source_method": credit.method,
        "is_listing": is_listing_page(lines, config),
    }


def clean_article(row: dict, chrome: Chrome, months: MonthNames, sources: Sources, config: CleanConfig = CleanConfig()) -> dict:
    """One article cleaned as `clean_articles` cleans a batch (for tests and benchmarks)."""
    parts = take_apart(row, chrome, months, sources, config, {row["feed_published"]: parse_published(row["feed_published"], months)})
    return {
        **parts,
        "text": normalize_text(parts["text"], row["language"]),
        "title": normalize_text(parts["title"], row["language"]) if parts["title"] else None,
    }


def clean_articles(articles: pl.DataFrame, chrome: Chrome, months: MonthNames, sources: Sources, config: CleanConfig = CleanConfig()) -> Split:
    """Add `text`, `title`, `source`, `url`, `published_date`, `published_precision`, `date_method`,
    `source_method`, `is_listing`, and `match_text` (the folded words of the text) and its `content_hash`.

    `raw_text` stays as it arrived. An article with nothing left once the chrome is gone is refused.
    """
    # A feed writes its dates one way, often the same day: each distinct value is read once a batch.
    feed_dates = {value: parse_published(value, months) for value in articles["feed_published"].unique()}
    # Only the columns take_apart reads: a row dict of every column costs more than its work on short articles.
    rows = articles.select(*TAKEN_APART).iter_rows(named=True)
    parts = pl.DataFrame([take_apart(row, chrome, months, sources, config, feed_dates) for row in rows], schema=CLEAN_COLUMNS)
    result = articles.drop([c for c in CLEAN_COLUMNS if c in articles.columns]).with_columns(parts)
    # Lazily: eager evaluation computes again each step that two branches of `normalized` share.
    result = result.lazy().with_columns(normalized("text"), normalized("title")).collect()
    empty = result["text"].str.contains(r"[^\W\d_]").not_()
    rejected = [
        rejection(r["input_file"], r["input_line"], "only_chrome", "nothing is left of the text once page chrome (share, comment, navigation lines) is removed")
        for r in result.filter(empty).select("input_file", "input_line").iter_rows(named=True)
    ]
    return Split(hash_contents(result.filter(~empty)), pl.DataFrame(rejected, schema=REJECTED_SCHEMA))
