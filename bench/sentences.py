"""Countries and topics on hand-read news sentences: how far the lexicon and the gazetteer reach.

    python -m khabar.bench.sentences   (also printed at the end of `python -m khabar.bench.facts`)

The corpus has no Pashto articles, so Pashto is measured on news sentences
(`bench/gold/ps_sentences.csv`: lines of `ps-news-sentences.txt`, tuned and held out). Whole
articles are an easier test (a topic has many sentences to be found in), so sentences of the
tuned and of the held-out Arabic, Persian and Urdu articles were read the same way
(`bench/gold/sentences.csv`, each sentence stored as the corpus writes it), with, to tune on,
the corpus's general sentences of those languages (its `langid` files: encyclopedia, travel,
sport, where news words must not fire), and Pashto's sentences of each split are set beside
them. A sentence is too short for an article's topic
threshold, so here a topic counts when one of its terms (a positive weight) is in the sentence:
what the lexicon covers. Countries count as the tagger counts them, "our country" as the
credited outlet's (Pashto sentences have none).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import polars as pl

from khabar.bench.corpus import SHARED_CORPUS
from khabar.tasks.countries import Gazetteer
from khabar.tasks.sources import Sources
from khabar.tasks.terms import by_language, with_match_text
from khabar.tasks.topics import Lexicon

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SEEDS = Path(__file__).resolve().parent.parent / "sql" / "seeds"
PASHTO_GOLD = GOLD_DIR / "ps_sentences.csv"
PASHTO_SENTENCES = SHARED_CORPUS.with_name("ps-news-sentences.txt")
SENTENCES_GOLD = GOLD_DIR / "sentences.csv"
ARTICLES_GOLD = GOLD_DIR / "articles.csv"
LANGID_PREFIX = "langid/"


def codes(cell: str | None) -> set[str]:
    return set((cell or "").split())


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%} ({part}/{whole})" if whole else "     - (0/0)"


class Taggers:
    """The seeds' gazetteer, lexicon and outlets, applied to sentences as the stages apply them to articles."""

    def __init__(self, seeds: Path = SEEDS):
        self.gazetteer, self.lexicon, self.sources = Gazetteer.from_seeds(seeds), Lexicon.from_seeds(seeds), Sources.from_seeds(seeds)

    def countries_and_topics(self, texts: list[str], languages: list[str], outlets: list[str | None]) -> list[tuple[set[str], set[str]]]:
        """(countries, topics) of each text, in order."""
        frame = with_match_text(pl.DataFrame({"text": texts, "language": languages, "outlet": outlets}).with_row_index("row"))
        countries: dict[int, set[str]] = {}
        for language, part in by_language(frame, self.gazetteer.index):
            for row, words, outlet in part.select("row", "words", "outlet").iter_rows():
                countries[row] = set(self.gazetteer.mentions(words, language, self.sources.country_of(outlet)))
        topics: dict[int, set[str]] = {}
        for language, part in by_language(frame, self.lexicon.index):
            weights = self.lexicon.weights[language]
            for row, words in part.select("row", "words").iter_rows():
                terms, _ = self.lexicon.index[language].count(words)
                topics[row] = {topic for term in terms for topic, weight in weights[term] if weight > 0}
        return [(countries.get(row, set()), topics.get(row, set())) for row in range(frame.height)]


def tally(rows: list[dict], found: list[tuple[set[str], set[str]]], group: Callable[[dict], object]) -> dict:
    """Per group (`group(row)`): sentences, and given, gold and right for countries and topics
    (a group with no rows reads as all zeros)."""
    counts: dict = defaultdict(Counter)
    for row, (countries, topics) in zip(rows, found):
        count = counts[group(row)]
        count["sentences"] += 1
        for name, got, want in (("countries", countries, codes(row["countries"])), ("topics", topics, codes(row["topics"]))):
            count[f"{name}_given"] += len(got)
            count[f"{name}_gold"] += len(want)
            count[f"{name}_right"] += len(got & want)
    return counts


def print_table(title: str, counts: dict[str, Counter], columns: list[str]) -> None:
    print(f"\n== {title}")
    print(f"{'':38}" + "".join(f"{column:>20}" for column in columns))
    for name in ("countries", "topics"):
        for figure, whole in (("precision", "given"), ("recall", "gold")):
            cells = [ratio(counts[c][name + "_right"], counts[c][f"{name}_{whole}"]) for c in columns]
            print(f"{name + ' ' + figure:38}" + "".join(f"{cell:>20}" for cell in cells))


def tally_pashto(taggers: Taggers) -> dict[str, Counter]:
    """Per split of `ps_sentences.csv`: what `tally` counts."""
    sentences = PASHTO_SENTENCES.read_text(encoding="utf-8").splitlines()
    gold = list(csv.DictReader(PASHTO_GOLD.open(encoding="utf-8")))
    if unknown := sorted({row["split"] for row in gold} - {"tuned", "held_out"}):
        raise SystemExit(f"{PASHTO_GOLD.name}: a row's split is tuned or held_out, not {unknown}")
    found = taggers.countries_and_topics([sentences[int(row["line"]) - 1] for row in gold], ["ps"] * len(gold), [None] * len(gold))
    return tally(gold, found, lambda row: row["split"])


def tally_other_languages(taggers: Taggers) -> dict[tuple[str, str], Counter]:
    """Per (split, language) of `sentences.csv`: what `tally` counts."""
    gold = list(csv.DictReader(SENTENCES_GOLD.open(encoding="utf-8")))
    if unknown := sorted({row["language"] for row in gold} - set(taggers.lexicon.index)):
        raise SystemExit(f"{SENTENCES_GOLD.name}: the lexicon has no terms in {unknown}")
    outlets = {row["file"]: row["source"] or None for row in csv.DictReader(ARTICLES_GOLD.open(encoding="utf-8"))}
    # A sentence comes from a gold article or from the corpus's language-identification files
    # (`langid/fa.txt#12`: general text, where a topic's words must not fire; no outlet).
    if unknown := sorted({row["file"] for row in gold} - set(outlets) - {row["file"] for row in gold if row["file"].startswith(LANGID_PREFIX)}):
        raise SystemExit(f"{SENTENCES_GOLD.name}: sentences of articles {ARTICLES_GOLD.name} does not hold: {unknown[:3]}")
    if unknown := sorted({row["split"] for row in gold} - {"tuned", "held_out"}):
        raise SystemExit(f"{SENTENCES_GOLD.name}: a row's split is tuned or held_out, not {unknown}")
    found = taggers.countries_and_topics([row["sentence"] for row in gold], [row["language"] for row in gold], [outlets.get(row["file"]) for row in gold])
    return tally(gold, found, lambda row: (row["split"], row["language"]))


def main() -> None:
    taggers = Taggers()
    ps = tally_pashto(taggers)
    print_table(f"Pashto news sentences, hand-read: {ps['tuned']['sentences']} tuned, {ps['held_out']['sentences']} held out", ps, ["tuned", "held_out"])
    others = tally_other_languages(taggers)
    for split in ("tuned", "held_out"):
        counts = {language: count for (part, language), count in others.items() if part == split}
        if not counts:
            continue
        languages = sorted(counts)
        counts["all"] = sum(counts.values(), Counter())
        counts[f"ps {split}"] = ps[split]
        sizes = ", ".join(f"{language} {counts[language]['sentences']}" for language in languages)
        title = f"{split.replace('_', ' ')} sentences of the other languages, hand-read: {counts['all']['sentences']} ({sizes}), beside Pashto's"
        print_table(title, counts, ["all", *languages, f"ps {split}"])


if __name__ == "__main__":
    main()
