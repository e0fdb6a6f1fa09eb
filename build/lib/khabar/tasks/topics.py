"""Topics of each article from the weighted, multilingual lexicon in `sql/seeds/topic_lexicon.csv`."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar.tasks.terms import TermIndex, term_key, with_match_text

TOPIC_SCHEMA = {"article_id": pl.String, "topic": pl.String, "score": pl.Float64}


@dataclass(frozen=True)
class TopicConfig:
    # score = weighted term hits per 100 words; negative weights (vetoes) subtract.
    min_score: float = 0.5
    min_weighted_hits: float = 2.0
    # Short texts would get huge per-100-word scores from a single hit.
    min_words: int = 100


class Lexicon:
    """Per language: folded term -> [(topic, weight)]."""

    def __init__(self, lexicon: pl.DataFrame):
        self.weights: dict[str, dict[str, list[tuple[str, float]]]] = {}
        for row in lexicon.iter_rows(named=True):
            entry = self.weights.setdefault(row["language"], {}).setdefault(term_key(row["term"]), [])
            entry.append((row["topic"], float(row["weight"])))
        self.index = {language: TermIndex(set(terms)) for language, terms in self.weights.items()}

    def score(self, match_text: str, language: str, config: TopicConfig) -> dict[str, float]:
        index = self.index.get(language)
        if index is None:
            return {}
        counts, words = index.count(match_text, language)
        hits: dict[str, float] = {}
        for term, count in counts.items():
            for topic, weight in self.weights[language][term]:
                hits[topic] = hits.get(topic, 0.0) + weight * count
        per_100_words = 100 / max(words, config.min_words)
        return {
            topic: round(total * per_100_words, 3)
            for topic, total in hits.items()
            if total >= config.min_weighted_hits and total * per_100_words >= config.min_score
        }


def tag_topics(articles: pl.DataFrame, lexicon: Lexicon, config: TopicConfig = TopicConfig()) -> pl.DataFrame:
    """One row (`article_id`, `topic`, `score`) per topic an article's cleaned text is about."""
    rows = [
        {"article_id": article_id, "topic": topic, "score": score}
        for article_id, text, language in with_match_text(articles).select("article_id", "match_text", "language").iter_rows()
        for topic, score in lexicon.score(text, language, config).items()
    ]
    return pl.DataFrame(rows, schema=TOPIC_SCHEMA)


tag_topics_task = task(tag_topics, name="tag-topics", cache_policy=NO_CACHE)
