"""Countries each article is about, counted from the gazetteer in `sql/seeds/country_gazetteer.csv`.

Names, capitals, cities, provinces, demonyms and leaders all count as mentions of their country,
so an article that says "Kazakhstan" once and "Dushanbe" and "Tajik" many times gets both
countries with their counts, and the analyst decides.
"""

from __future__ import annotations

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from khabar.tasks.terms import TermIndex, term_key, with_match_text

COUNTRY_SCHEMA = {"article_id": pl.String, "country": pl.String, "mentions": pl.Int64}


class Gazetteer:
    """Per language: folded name -> ISO 3166-1 alpha-2 code."""

    def __init__(self, gazetteer: pl.DataFrame):
        self.names: dict[str, dict[str, str]] = {}
        for row in gazetteer.iter_rows(named=True):
            self.names.setdefault(row["language"], {})[term_key(row["name"])] = row["iso2"]
        self.index = {language: TermIndex(set(names)) for language, names in self.names.items()}

    def mentions(self, match_text: str, language: str) -> dict[str, int]:
        index = self.index.get(language)
        if index is None:
            return {}
        counts, _ = index.count(match_text, language)
        found: dict[str, int] = {}
        for name, count in counts.items():
            country = self.names[language][name]
            found[country] = found.get(country, 0) + count
        return found


def tag_countries(articles: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """One row (`article_id`, `country`, `mentions`) per country named in an article's cleaned text."""
    rows = [
        {"article_id": article_id, "country": country, "mentions": mentions}
        for article_id, text, language in with_match_text(articles).select("article_id", "match_text", "language").iter_rows()
        for country, mentions in gazetteer.mentions(text, language).items()
    ]
    return pl.DataFrame(rows, schema=COUNTRY_SCHEMA)


tag_countries_task = task(tag_countries, name="tag-countries", cache_policy=NO_CACHE)
