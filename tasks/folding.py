"""Text folding: the one key every matcher reads, so that Arabic and Persian typing, Persian,
Arabic and ASCII digits, vowel marks and ZWNJ never make two spellings of a word differ.

Content hashing, MinHash signing, both taggers, chrome phrases, source credits and dates fold
here; the warehouse's `fold(text)` macro (`sql/macros/fold.sql`) folds the same way for
analysts' searches of `articles.match_text`, and a test keeps the two in step.
"""

from __future__ import annotations

import re

import polars as pl

DIGITS_FROM, DIGITS_TO = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"
HARAKAT = "\u064b-\u0652"  # vowel marks: cleaning takes them out of the displayed text too
OTHER_MARKS = "\u0653-\u065f\u0670"  # maddah, hamza and superscript alef marks: matching ignores them
TATWEEL = "\u0640"
# Letter variants that differ between Persian and Arabic typing of the same word.
LETTER_FOLDS = {"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "ٱ": "ا", "آ": "ا", "ة": "ه", "ۀ": "ه", "\u200c": " "}

# Folding is one str.translate over a table indexed by code point: on the short lines that chrome,
# dates and sources fold one at a time it is three times quicker than regex substitutions with
# callbacks, and a dict table is slower than both (every letter it lacks is a KeyError). Code
# points past the table (General Punctuation and below cover all it maps) are left as they are.
_MARKS = re.compile(f"[{HARAKAT}{OTHER_MARKS}{TATWEEL}]")


def _table(folds: dict[str, str], drop: re.Pattern | None = None) -> list[str | None]:
    table: list[str | None] = [chr(point) for point in range(0x2070)]
    for letter, folded in folds.items():
        table[ord(letter)] = folded
    for point in range(len(table)) if drop else ():
        if drop.match(chr(point)):
            table[point] = None
    return table


_DIGIT_TABLE = _table(dict(zip(DIGITS_FROM, DIGITS_TO)))
_FOLD_TABLE = _table({**dict(zip(DIGITS_FROM, DIGITS_TO)), **LETTER_FOLDS}, _MARKS)
WORD = re.compile(r"[^\W_]+")
# Python's `[^\W_]` (str.isalnum) in Rust's regex syntax: letters and numbers of every script.
NOT_WORD = r"[^\p{L}\p{N}]+"


def to_ascii_digits(text: str) -> str:
    return text.translate(_DIGIT_TABLE)


def fold_letters(text: str) -> str:
    """ASCII digits, one spelling per letter, no marks; case kept (for regular expressions,
    whose `\\S` and `\\D` must not be lower-cased)."""
    return text.translate(_FOLD_TABLE)


def fold(text: str) -> str:
    """Lower-case, ASCII digits, one spelling per letter, no marks: a key for matching only."""
    return fold_letters(text).lower()


def words_of(text: str) -> list[str]:
    """The folded words of `text`; a ZWNJ joins ("تروریست‌ها" is the word "تروریستها")."""
    return WORD.findall(fold(text.replace("\u200c", "")))


def term_key(text: str) -> str:
    """The folded words of `text` joined by single spaces: `articles.match_text`, and the form
    every lexicon term, gazetteer name and place cue is read in."""
    return " ".join(words_of(text))


def folded_words(text: pl.Expr) -> pl.Expr:
    """`term_key` of a whole column at once, in Polars' Rust engine rather than a Python loop
    (the same key: tests/tasks/test_folding.py holds the two equal)."""
    text = text.str.replace_all("\u200c", "", literal=True).str.replace_many(list(DIGITS_FROM), list(DIGITS_TO))
    text = text.str.replace_many(list(LETTER_FOLDS), list(LETTER_FOLDS.values())).str.replace_all(_MARKS.pattern, "")
    return text.str.to_lowercase().str.replace_all(NOT_WORD, " ").str.strip_chars(" ")
