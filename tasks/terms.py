"""Whole-word matching of reference terms (topic lexicon, country gazetteer) in cleaned text.

Terms and text are folded the same way (one spelling per letter, no ZWNJ, no diacritics), so a
term written "تروریست‌ها" matches text typed "تروریستها". A term matches whole words only, never
a piece of a longer word: "ترک" (to leave) is not "ترکیه" (Turkey).
"""

from __future__ import annotations

from collections import Counter

import ahocorasick
import polars as pl

from khabar.tasks.folding import folded_words

# Arabic glues the article and one-letter conjunctions and prepositions to the next word (folded:
# ك is ک). The shortest strip that leaves a known first word wins, so "والولايات" reads as
# "الولايات" (the United States), not as "ولايات" (the first word of Micronesia's name).
ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ک", "ال", "لل", "وال", "بال", "فال", "کال", "وبال")
ARABIC_LAM_ARTICLE = ("لل", "ولل", "فلل")
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


def by_language(articles: pl.DataFrame, indexes: dict[str, TermIndex]) -> list[tuple[str, pl.DataFrame]]:
    """The articles of each language `indexes` covers, with `words`: their `match_text` prepared
    for that language's index."""
    frame = with_match_text(articles)
    return [
        (language, part.with_columns(words=indexes[language].prepared(part["match_text"], language)))
        for (language,), part in frame.partition_by("language", as_dict=True, maintain_order=True).items()
        if language in indexes
    ]


class TermIndex:
    """Folded terms in an Aho-Corasick automaton, built once a night: one pass over a text finds
    every term, however many the seeds hold."""

    def __init__(self, terms: set[str], enclitics: bool = False, language: str | None = None, reads_as: TermIndex | None = None):
        self.terms = terms
        self.first_words = pl.Series(sorted({term.split(" ")[0] for term in terms}), dtype=pl.String)
        self.enclitics = enclitics
        # a Persian name's stem must be a whole one-word name
        self.one_word_terms = pl.Series(sorted(term for term in terms if " " not in term), dtype=pl.String) if enclitics else None
        # A term is looked for as `prepared` text reads it: Arabic text loses the article where
        # the rest starts a term ("حرس الحدود" reads "حرس حدود" when "حدود" is a term), so the
        # term must lose it too, by the index that prepares the text (`reads_as`, else this
        # one). The first term of two that read the same is kept.
        ordered = sorted(terms)
        reader = reads_as or self
        keys = reader.prepared(pl.Series(ordered, dtype=pl.String), language).to_list() if language == "ar" and ordered else ordered
        # " key " with its spaces matches whole words only, in " text ".
        self.automaton = ahocorasick.Automaton()
        for key, term in zip(keys, ordered):
            if f" {key} " not in self.automaton:
                self.automaton.add_word(f" {key} ", (key, term))
        self.automaton.make_automaton()

    def keys(self) -> set[str]:
        """Each term as " key " is looked for in " text ": for a Polars `contains_any` that cues the
        texts worth reading."""
        return set(self.automaton.keys())

    def count(self, words: str) -> tuple[Counter, int]:
        """How often each term occurs in `words` (`prepared`), and the word count."""
        return Counter(term for term, _ in self.spans(words)), words.count(" ") + 1 if words else 0

    def spans(self, words: str) -> list[tuple[str, int]]:
        """Each term found in `words` (words joined by single spaces, `prepared`) as (term, where
        its first word starts in `words`): the longest term at each word first, and its words are
        not counted again inside a shorter one."""
        if not self.terms:
            return []
        # (start of " key " in " words ", its length, term), in reading order, longest first
        matches = sorted((end - len(key) - 1, -len(key) - 2, term) for end, (key, term) in self.automaton.iter(f" {words} "))
        found, cursor = [], 0
        for start, negative_length, term in matches:
            if start >= cursor:
                found.append((term, start))
                cursor = start - negative_length - 1  # its trailing space leads the next word
        return found

    def find(self, words: list[str]) -> list[tuple[str, int, int]]:
        """`spans` of a list of words, as (term, first word, words after the last)."""
        joined = " ".join(words)
        # A span's first word is the count of spaces before it: counted in C for the few spans
        # found, instead of mapping every word's offset in Python on every call.
        return [(term, first, first + term.count(" ") + 1) for term, start in self.spans(joined) for first in (joined.count(" ", 0, start),)]

    def prepared(self, match_texts: pl.Series, language: str) -> pl.Series:
        """`match_texts` with the clitics that hide a term's first word taken off, for a batch.

        Arabic: the shortest proclitic whose removal leaves a known first word. Persian names
        (`enclitics`): the copula or adjective ending after a whole one-word name. A word that is
        itself a known first word is left as it is. Each distinct word is looked at once.
        """
        word = pl.col("word")
        if language == "ar":
            # "ل" before the article drops its alif: "للولايات" is "لـ" + "الولايات" (not "ولايات",
            # Micronesia's first word), "للأمم" is "الأمم"; that reading goes first.
            clitics = [(word.str.starts_with(clitic), "ال" + word.str.slice(len(clitic)), self.first_words) for clitic in ARABIC_LAM_ARTICLE]
            # What a strip leaves is a word of two letters at least: "لو" (Le, of Le Maire) is not "و" (and).
            clitics += [(word.str.starts_with(clitic) & (word.str.len_chars() >= len(clitic) + 2), word.str.slice(len(clitic)), self.first_words) for clitic in ARABIC_PROCLITICS]
        elif language == "fa" and self.enclitics:
            clitics = [(word.str.ends_with(clitic), word.str.head(-len(clitic)), self.one_word_terms) for clitic in PERSIAN_ENCLITICS]
        else:
            return match_texts
        stripped = pl.when(word.is_in(self.first_words.implode())).then(word)
        for has_clitic, rest, known in clitics:
            stripped = stripped.when(has_clitic & rest.is_in(known.implode())).then(rest)
        words = match_texts.str.split(" ")
        distinct = pl.DataFrame({"word": words.explode().unique()}).with_columns(stripped=stripped.otherwise(word))
        return words.list.eval(pl.element().replace_strict(distinct["word"], distinct["stripped"])).list.join(" ")
