"""Whole-word matching of reference terms (topic lexicon, country gazetteer) in cleaned text.

Terms and text are folded the same way (one spelling per letter, no ZWNJ, no diacritics), so a
term written "تروریست‌ها" matches text typed "تروریستها". A term matches whole words only, never
a piece of a longer word: "ترک" (to leave) is not "ترکیه" (Turkey).
"""

from __future__ import annotations

import re
from collections import Counter

import polars as pl

from khabar.tasks.dates import fold

WORD = re.compile(r"[^\W_]+")
MAX_TERM_WORDS = 4
# Arabic glues the article and one-letter conjunctions and prepositions to the next word (folded:
# ك is ک). The shortest strip that leaves a known first word wins, so "والولايات" reads as
# "الولايات" (the United States), not as "ولايات" (the first word of Micronesia's name).
ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ک", "ال", "لل", "وال", "بال", "فال", "کال", "وبال")


def words_of(text: str) -> list[str]:
    return WORD.findall(fold(text.replace("\u200c", "")))


def term_key(text: str) -> str:
    """The folded words of `text` joined by single spaces: the form every matcher reads."""
    return " ".join(words_of(text))


def with_match_text(articles: pl.DataFrame) -> pl.DataFrame:
    """Add `match_text` (the folded words of `text`) unless an earlier stage already did.

    Content hashing, MinHash signing and both taggers read it, so the text is folded once.
    """
    if "match_text" in articles.columns:
        return articles
    return articles.with_columns(match_text=pl.Series([term_key(t) for t in articles["text"].to_list()], dtype=pl.String))


class TermIndex:
    """Folded terms, indexed by first word so that matching costs one set look-up per word."""

    def __init__(self, terms: set[str]):
        self.terms = terms
        self.first_words = {term.split(" ")[0] for term in terms}

    def count(self, match_text: str, language: str) -> tuple[Counter, int]:
        """How often each term occurs as whole words in `match_text` (see `term_key`), and its word count."""
        words = match_text.split()
        if language == "ar":
            words = [self._strip_proclitic(word) for word in words]
        counts: Counter = Counter()
        i = 0
        while i < len(words):
            step = 1
            if words[i] in self.first_words:
                # Longest term first, and its words are not counted again inside a shorter one.
                for n in range(min(MAX_TERM_WORDS, len(words) - i), 0, -1):
                    gram = " ".join(words[i : i + n])
                    if gram in self.terms:
                        counts[gram] += 1
                        step = n
                        break
            i += step
        return counts, len(words)

    def _strip_proclitic(self, word: str) -> str:
        if word in self.first_words:
            return word
        for clitic in ARABIC_PROCLITICS:
            if word.startswith(clitic) and word[len(clitic) :] in self.first_words:
                return word[len(clitic) :]
        return word
