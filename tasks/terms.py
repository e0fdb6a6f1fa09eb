"""Whole-word matching of reference terms (topic lexicon, country gazetteer) in cleaned text.

Terms and text are folded the same way (one spelling per letter, no ZWNJ, no diacritics), so a
term written "تروریست‌ها" matches text typed "تروریستها". A term matches whole words only, never
a piece of a longer word: "ترک" (to leave) is not "ترکیه" (Turkey).
"""

from __future__ import annotations

from collections import Counter

import polars as pl

from khabar.tasks.folding import folded_words

MAX_TERM_WORDS = 4
# Arabic glues the article and one-letter conjunctions and prepositions to the next word (folded:
# ك is ک). The shortest strip that leaves a known first word wins, so "والولايات" reads as
# "الولايات" (the United States), not as "ولايات" (the first word of Micronesia's name).
ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ک", "ال", "لل", "وال", "بال", "فال", "کال", "وبال")
# Persian glues the copula and the adjective ending to a name ("آمریکاست": it is America's;
# "کره‌ای": Korean, typed with a ZWNJ the folding removes). For names only: a stem must be a
# whole one-word name, so no common word is cut down to a place.
PERSIAN_ENCLITICS = ("ست", "ای")


def with_match_text(articles: pl.DataFrame) -> pl.DataFrame:
    """Add `match_text` (the folded words of `text`) unless an earlier stage already did.

    Content hashing, MinHash signing and both taggers read it, so the text is folded once.
    """
    if "match_text" in articles.columns:
        return articles
    return articles.with_columns(match_text=folded_words(pl.col("text")))


class TermIndex:
    """Folded terms, indexed by first word so that matching costs one set look-up per word."""

    def __init__(self, terms: set[str], enclitics: bool = False):
        self.terms = terms
        self.first_words = {term.split(" ")[0] for term in terms}
        self.enclitics = enclitics

    def count(self, match_text: str, language: str) -> tuple[Counter, int]:
        """How often each term occurs as whole words in `match_text` (see `term_key`), and its word count."""
        words = self.words(match_text, language)
        return Counter(term for term, _, _ in self.find(words)), len(words)

    def words(self, match_text: str, language: str) -> list[str]:
        words = match_text.split()
        if language == "ar":
            return [self._strip_proclitic(word) for word in words]
        if language == "fa" and self.enclitics:
            return [self._strip_enclitic(word) for word in words]
        return words

    def find(self, words: list[str]) -> list[tuple[str, int, int]]:
        """Each term found in `words` as (term, first word, words after the last): longest term
        first, and its words are not counted again inside a shorter one."""
        found = []
        i = 0
        while i < len(words):
            step = 1
            if words[i] in self.first_words:
                for n in range(min(MAX_TERM_WORDS, len(words) - i), 0, -1):
                    gram = " ".join(words[i : i + n])
                    if gram in self.terms:
                        found.append((gram, i, i + n))
                        step = n
                        break
            i += step
        return found

    def _strip_enclitic(self, word: str) -> str:
        if word in self.first_words:
            return word
        for clitic in PERSIAN_ENCLITICS:
            if word.endswith(clitic) and word[: -len(clitic)] in self.terms:
                return word[: -len(clitic)]
        return word

    def _strip_proclitic(self, word: str) -> str:
        if word in self.first_words:
            return word
        for clitic in ARABIC_PROCLITICS:
            if word.startswith(clitic) and word[len(clitic) :] in self.first_words:
                return word[len(clitic) :]
        return word
