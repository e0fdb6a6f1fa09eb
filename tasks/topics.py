"""Topics of each article from the weighted, multilingual lexicon in `sql/seeds/topic_lexicon.csv`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from khabar.tasks.folding import term_key
from khabar.tasks.stage import SeedBacked
from khabar.tasks.terms import TermIndex, by_language

TOPIC_SCHEMA = {"article_id": pl.String, "topic": pl.String, "mentions": pl.Float64, "score": pl.Float64, "is_main": pl.Boolean}
TOPIC_TERM_SCHEMA = {"article_id": pl.String, "topic": pl.String, "term": pl.String, "hits": pl.Int64}


@dataclass(frozen=True)
class TopicConfig:
    # mentions = weighted term hits; negative weights (vetoes) subtract. A topic is mentioned
    # from `min_mentions` on, and is what the article is about (main) from `min_main_mentions`
    # hits and `min_score` per 100 words on. One generic word ("قوات", "قطاع", "هیئت") is noise
    # more often than a mention (on the tuned gold articles, counting single hits put 21% of the
    # tags outside what a reader assigns, two hits 10%; with the larger Arabic, Persian and Urdu
    # lexicon, a topic the article is not about needs three: 2.5 left 7.1% outside, 3 left 5.9%
    # and found as many); one term that names its topic (the lexicon's `alone`: "تروریسم",
    # "كورونا", "opium") is a mention by itself.
    min_mentions: float = 3.0
    min_main_mentions: float = 2.0
    min_score: float = 0.5
    # Short texts would get huge per-100-word scores from a single hit.
    min_words: int = 100


@dataclass(frozen=True)
class TopicHits:
    mentions: float
    score: float
    is_main: bool
    terms: dict[str, int]  # the folded terms that made it, with their hits


class Lexicon(SeedBacked):
    """Per language: folded term -> [(topic, weight)]."""

    def __init__(self, lexicon: pl.DataFrame):
        self.weights: dict[str, dict[str, list[tuple[str, float]]]] = {}
        # Terms that name their topic ("تروریسم", "كورونا", "opium"): one is a mention.
        self.naming: set[tuple[str, str, str]] = set()
        for row in lexicon.iter_rows(named=True):
            term = term_key(row["term"])
            self.weights.setdefault(row["language"], {}).setdefault(term, []).append((row["topic"], float(row["weight"])))
            if row.get("alone"):
                self.naming.add((row["language"], term, row["topic"]))
        # A term holding words that name its topic names it too: matched longest first, "داعش
        # خراسان" takes the words of "داعش", and would otherwise count as one hit of the three.
        for language, terms in self.weights.items():
            for term, topics in terms.items():
                words = term.split(" ")
                parts = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)} - {term}
                self.naming |= {(language, term, topic) for topic, weight in topics if weight > 0 and any((language, part, topic) in self.naming for part in parts)}
        self.index = {language: TermIndex(set(terms), language=language) for language, terms in self.weights.items()}

    @classmethod
    def from_seeds(cls, seeds: Path) -> Lexicon:
        return cls(pl.read_csv(seeds / "topic_lexicon.csv"))

    def topics(self, words: str, language: str, config: TopicConfig) -> dict[str, TopicHits]:
        """Every topic `words` (`TermIndex.prepared`) mentions, with its weighted hits, score and terms."""
        index = self.index.get(language)
        if index is None:
            return {}
        counts, length = index.count(words)
        hits: dict[str, float] = {}
        terms: dict[str, dict[str, int]] = {}
        named: set[str] = set()
        for term, count in counts.items():
            for topic, weight in self.weights[language][term]:
                # A weight-0 term only keeps its words from a shorter term ("برېښنا لیک" is e-mail).
                if weight:
                    hits[topic] = hits.get(topic, 0.0) + weight * count
                    terms.setdefault(topic, {})[term] = count
                    if weight > 0 and (language, term, topic) in self.naming:
                        named.add(topic)
        per_100_words = 100 / max(length, config.min_words)
        main = {topic for topic, total in hits.items() if total >= config.min_main_mentions and total * per_100_words >= config.min_score}
        return {
            topic: TopicHits(round(total, 3), round(total * per_100_words, 3), topic in main, terms[topic])
            for topic, total in hits.items()
            if topic in main or total >= config.min_mentions or (topic in named and total > 0)
        }


TOPIC_INPUT = ("article_id", "language", "match_text")  # the columns `tag_topics` reads


def tag_topics(articles: pl.DataFrame, lexicon: Lexicon, config: TopicConfig = TopicConfig()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per article, each topic its cleaned text mentions (`article_id`, `topic`, `mentions`,
    `score`, `is_main`) and the terms that made it (`article_id`, `topic`, `term`, `hits`)."""
    topics, terms = [], []
    for language, part in by_language(articles, lexicon.index):
        for article_id, words in part.select("article_id", "words").iter_rows():
            for topic, found in lexicon.topics(words, language, config).items():
                topics.append((article_id, topic, found.mentions, found.score, found.is_main))
                terms.extend((article_id, topic, term, count) for term, count in found.terms.items())
    return pl.DataFrame(topics, schema=TOPIC_SCHEMA, orient="row"), pl.DataFrame(terms, schema=TOPIC_TERM_SCHEMA, orient="row")
