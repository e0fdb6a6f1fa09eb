"""Page chrome: what a site wraps around its articles (dates, share and comment lines, "read
also" lists, related headlines), from editable phrases and from what a source repeats."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlparse

import polars as pl

from khabar.tasks.folding import fold, fold_letters


@dataclass(frozen=True)
class ChromeConfig:
    headline_max_words: int = 25  # a longer line is body text, not a headline
    # A "read also" line followed by body sentences is an inline link: only that line goes.
    body_sentence_words: int = 12
    short_sentence_words: int = 6
    teaser_min_words: int = 6
    teaser_search_lines: int = 4
    teaser_dateline_chars: int = 80
    teaser_max_chars: int = 400  # a teaser is a line or two; a longer line is a paragraph
    related_list_min_lines: int = 2  # trailing headline-like lines that make a "related" list
    # A related story's headline is short; a longer line without a full stop is an Arabic paragraph.
    related_headline_max_words: int = 15
    # Learned chrome: a line repeated by one source across its articles.
    chrome_min_articles: int = 3
    chrome_min_share: float = 0.3
    chrome_min_source_articles: int = 5


# Bullets, dashes, bars and punctuation around a line's words. Stripped with str.strip: a regex
# anchored at the end backtracks quadratically over a long run of them.
EDGE_CHARS = " \t\n\r\f\v\u00a0\u200c\u200f\u202f-–—•*·|:：.،,+=_/\\"
URL_LINE = re.compile(r"^(https?://|www\.)\S+$")
SENTENCE_END = re.compile(r"[.!?؟۔:。！？][\"'»”’)]*$")
LETTER = re.compile(r"[^\W\d_]")
# A date in digits alone on its line ("20/09/2020", "۱۳۹۹/۰۶/۳۰ 08:55"): no letters, but the
# article's date; kept for the date finder, which takes it out with the other header dates.
NUMERIC_DATE_LINE = re.compile(r"\W*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:\W+\d{1,2}:\d{2}(?::\d{2})?)?\W*")
CHROME_LINE_CHARS = 120


SHORT_LINES_SCHEMA = {"source_key": pl.String, "text_hash": pl.UInt64, "line": pl.String}
CHROME_LINES_SCHEMA = {"source_key": pl.String, "line": pl.String, "articles": pl.UInt32, "is_chrome": pl.Boolean}
CHROME_HISTORY_SCHEMA = {"source_key": pl.String, "line": pl.String, "articles": pl.UInt32}
SOURCE_ARTICLES_SCHEMA = {"source_key": pl.String, "articles": pl.UInt32}


class Chrome:
    """Page chrome: the phrases of `sql/seeds/chrome_phrases.csv`, matched on folded lines, and
    the lines a source repeats across its articles (`learn_chrome`)."""

    def __init__(self, phrases: pl.DataFrame, learned: pl.DataFrame | None = None, config: ChromeConfig = ChromeConfig()):
        self.config = config
        rules = [(fold(r["phrase"]), r["match"], r["action"]) for r in phrases.iter_rows(named=True)]
        # A whole line equal to a phrase (either match kind), or a line starting with a "starts" one;
        # the first rule of the seed wins. One dict look-up and one regex, not a loop over the seed.
        self.whole_lines: dict[str, str] = {}
        for phrase, match, action in rules:
            if match in ("equals", "starts"):
                self.whole_lines.setdefault(phrase, action)
        starts = [(phrase, action) for phrase, match, action in rules if match == "starts"]
        self.start_actions = {phrase: action for phrase, action in reversed(starts)}
        alternatives = sorted(self.start_actions, key=len, reverse=True)
        self.line_start = re.compile("|".join(re.escape(phrase) for phrase in alternatives)) if alternatives else None
        # A line too long to be a phrase can only start with one, which its first characters
        # decide: that much is folded (with room for marks and bullets) rather than 120 characters.
        self.longest_start = len(alternatives[0]) if alternatives else 0
        self.start_reach = min(CHROME_LINE_CHARS, self.longest_start + 16)
        # "ends": an end marker typed at the end of the last body line ("... پایان پیام/").
        self.end_markers = sorted((phrase for phrase, match, _ in rules if match == "ends"), key=len, reverse=True)
        self.end_marker_last_letters = {marker[-1] for marker in self.end_markers}
        # "pattern": a regular expression over the folded line, such as a press-release number.
        self.patterns = [
            (re.compile(fold_letters(r["phrase"]), re.IGNORECASE), r["action"]) for r in phrases.iter_rows(named=True) if r["match"] == "pattern"
        ]
        self.learned = set() if learned is None else set(learned.filter("is_chrome").select("source_key", "line").iter_rows())

    def action(self, line: str, source_key: str | None = None) -> str | None:
        if self.learned and (source_key, line.strip()) in self.learned:
            return "drop_line"
        # Chrome phrases are short: a long paragraph can only start with one.
        whole = len(line) <= CHROME_LINE_CHARS
        key = strip_edges(fold(line[: CHROME_LINE_CHARS if whole else self.start_reach]))
        # The short key decides when it is longer than any phrase (its end, cut and stripped, lies
        # past them) and holds no capital sigma (lower-cased by the letters after it).
        if not whole and (len(key) <= self.longest_start or "Σ" in line[: self.start_reach]):
            key = strip_edges(fold(line[:CHROME_LINE_CHARS]))
        if whole and key in self.whole_lines:
            return self.whole_lines[key]
        if self.line_start is not None and (found := self.line_start.match(key)) is not None:
            return self.start_actions[found.group()]
        if whole:
            for pattern, action in self.patterns:
                if pattern.search(key):
                    return action
        return None

    def without_end_marker(self, line: str) -> str:
        """`line` less an agency's end marker typed at its end ("... پایان پیام/")."""
        stripped = strip_edges(line)
        if not stripped or fold(stripped[-1]) not in self.end_marker_last_letters:  # most lines: one letter folded
            return line
        for marker in self.end_markers:
            # fold() keeps one character for each letter, so the marker's length holds in the original.
            if len(stripped) > len(marker) and fold(stripped[-len(marker) :]) == marker:
                return stripped[: -len(marker)].rstrip()
        return line


def is_body_sentence(line: str, config: ChromeConfig) -> bool:
    """A line that reads as running text: long, or a sentence that ends as one (Arabic paragraphs
    often have no full stop, so length alone is enough)."""
    # Words counted only as far as the thresholds: a paragraph is not split whole to know it is long.
    words = len(line.split(None, max(config.body_sentence_words, config.short_sentence_words)))
    return words >= config.body_sentence_words or (words >= config.short_sentence_words and SENTENCE_END.search(line.strip()) is not None)


def inline_link_end(lines: list[str], at: int, config: ChromeConfig, body_started: bool = True) -> int | None:
    """Where an inline "read also: <headline>" ends, or None when it opens a list of headlines.

    An inline link is one line, the label and its headline, with the article going on below it
    in body sentences: only that line goes. A label on a line of its own opens the page's list
    of other stories (their headlines, often with their first paragraphs): it goes with all after
    it. Above the article's first sentence no list of other stories can start: only the line goes.
    """
    if not body_started:
        return at + 1
    if len(strip_edges(lines[at]).split()) <= 3:
        return None
    following = [i for i in range(at + 1, len(lines)) if lines[i].strip()]
    if following and is_body_sentence(lines[following[0]], config):
        return at + 1
    return None


def strip_chrome(lines: list[str], chrome: Chrome, source_key: str | None = None) -> list[str]:
    """Drop share/comment/navigation lines; cut "read also" lists and all that follows them,
    but only the link itself when the article goes on below an inline "read also"."""
    kept: list[str] = []
    skip_to, body_started = 0, False
    for i, line in enumerate(lines):
        if i < skip_to:
            continue
        if not line.strip():
            kept.append("")
            continue
        action = chrome.action(line, source_key)
        if action == "cut_rest":
            break
        if action == "read_also":
            end = inline_link_end(lines, i, chrome.config, body_started)
            if end is None:
                break
            skip_to = end
            continue
        if action == "drop_line" or not (LETTER.search(line) or NUMERIC_DATE_LINE.fullmatch(line.strip())) or URL_LINE.match(line.strip()):
            continue
        kept.append(chrome.without_end_marker(line) if chrome.end_markers else line)
        body_started = body_started or is_body_sentence(line, chrome.config)
    return kept


def strip_edges(line: str) -> str:
    return line.strip(EDGE_CHARS)


def site_of(url: str | None) -> str | None:
    """The host of `url` without "www.", or None (also for a URL too broken to parse)."""
    if not url:
        return None
    try:
        host = urlparse(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def source_key(feed_source: str | None, feed_url: str | None, input_file: str | None) -> str:
    """Whose page chrome an article carries: its feed's source, its site, or its landing folder."""
    return (feed_source or "").strip() or site_of(feed_url) or str(PurePosixPath(input_file or "").parent)


def short_lines(articles: pl.DataFrame) -> pl.DataFrame:
    """(`source_key`, `text_hash`, `line`): each distinct text of a source once, with its short lines.

    A text without a short line still gives a row (`line` NULL) so that it counts among its
    source's articles. Read from every chunk of the night, these are all that learning needs.
    """
    keys = pl.struct("feed_source", "feed_url", "input_file").map_elements(
        lambda r: source_key(r["feed_source"], r["feed_url"], r["input_file"]), return_dtype=pl.String
    )
    texts = articles.select(keys.alias("source_key"), pl.col("raw_text").hash().alias("text_hash"), pl.col("raw_text").str.split("\n").alias("line"))
    lines = (
        texts.explode("line")
        .with_columns(pl.col("line").str.strip_chars())
        .with_columns(pl.when(pl.col("line").str.len_chars().is_between(1, CHROME_LINE_CHARS)).then(pl.col("line")).alias("line"))
    )
    return lines.unique(maintain_order=True).cast(SHORT_LINES_SCHEMA)


def learn_chrome(
    lines: pl.DataFrame, earlier_lines: pl.DataFrame | None = None, earlier_sources: pl.DataFrame | None = None, config: ChromeConfig = ChromeConfig()
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Lines a source repeats across its articles, tonight and on earlier nights: its page chrome.

    `lines` are the night's `short_lines`; `earlier_lines` (`source_key`, `line`, `articles`) and
    `earlier_sources` (`source_key`, `articles`) sum what earlier nights recorded. A line is chrome
    when, over all those nights, it is in at least `chrome_min_articles` articles and at least
    `chrome_min_share` of the articles of a source that sent at least `chrome_min_source_articles`.
    Each distinct text counts once: one story sent three times repeats all its lines.

    Returns tonight's rows to remember: the lines (`CHROME_LINES_SCHEMA`; a line is kept when two
    of tonight's texts carry it or an earlier night recorded it) and the sources' article counts.
    """
    earlier_lines = pl.DataFrame(schema=CHROME_HISTORY_SCHEMA) if earlier_lines is None else earlier_lines.cast(CHROME_HISTORY_SCHEMA)
    earlier_sources = pl.DataFrame(schema=SOURCE_ARTICLES_SCHEMA) if earlier_sources is None else earlier_sources.cast(SOURCE_ARTICLES_SCHEMA)
    lines = lines.unique(["source_key", "text_hash", "line"])
    sources = lines.group_by("source_key").agg(pl.col("text_hash").n_unique().cast(pl.UInt32).alias("articles")).sort("source_key")
    tonight = lines.drop_nulls("line").group_by("source_key", "line").agg(pl.len().cast(pl.UInt32).alias("articles"))
    known = earlier_lines.select("source_key", "line", pl.lit(True).alias("known"))
    tonight = tonight.join(known, on=["source_key", "line"], how="left").filter((pl.col("articles") >= 2) | pl.col("known").is_not_null())
    source_totals = sources.join(earlier_sources, on="source_key", how="left", suffix="_earlier").select(
        "source_key", (pl.col("articles") + pl.col("articles_earlier").fill_null(0)).alias("source_articles")
    )
    decided = (
        tonight.join(earlier_lines, on=["source_key", "line"], how="left", suffix="_earlier")
        .with_columns((pl.col("articles") + pl.col("articles_earlier").fill_null(0)).alias("all_articles"))
        .join(source_totals, on="source_key")
        .with_columns(
            is_chrome=(pl.col("source_articles") >= config.chrome_min_source_articles)
            & (pl.col("all_articles") >= config.chrome_min_articles)
            & (pl.col("all_articles") >= config.chrome_min_share * pl.col("source_articles"))
        )
    )
    return decided.select(*CHROME_LINES_SCHEMA).sort("source_key", "line").cast(CHROME_LINES_SCHEMA), sources.cast(SOURCE_ARTICLES_SCHEMA)
