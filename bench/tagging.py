"""Topic and country tags measured on the shared corpus against the outlets' own categories.

    python -m khabar.bench.tagging

The categories are the outlets' labels and noisy, so the table shows, per (language, category),
the share of articles that got each topic, rather than a single score tuned to them. Below it:
the three targets of the tagging issue, per language.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict

import polars as pl

from khabar.bench.corpus import PROJECT_DIR, SHARED_CORPUS, source_articles
from khabar.tasks.chrome import Chrome
from khabar.tasks.clean import CleanConfig, clean_article
from khabar.tasks.sources import Sources
from khabar.tasks.dates import MonthNames
from khabar.tasks.countries import Gazetteer, tag_countries
from khabar.tasks.language import guess_language
from khabar.tasks.topics import Lexicon, tag_topics

LABELS = SHARED_CORPUS.with_name("news-dev-labels.csv")
SECURITY = {"terrorism", "drug_trafficking", "border_security", "defense_military", "nuclear"}
SOFT = {"sport", "sports", "culture", "entertainment", "arts-media", "technology", "science-technology"}
ECONOMY = {"economy", "business"}
ISAF = {"detention", "insurgentskilled", "captureandkill"}
TOPICS = ["terrorism", "drug_trafficking", "border_security", "energy_infrastructure", "trade_economy", "defense_military",
          "diplomacy", "peace_process", "health", "natural_disaster", "refugees_migration", "nuclear"]


def tagged_corpus() -> tuple[dict, dict, dict]:
    seeds = PROJECT_DIR / "sql" / "seeds"
    chrome, months = Chrome(pl.read_csv(seeds / "chrome_phrases.csv")), MonthNames.from_csv(seeds / "calendar_months.csv")
    sources = Sources.from_seeds(seeds)
    rows = []
    for article in source_articles(SHARED_CORPUS):
        record = {"raw_text": article["text"], "language": guess_language(article["text"])["language"], "feed_title": article.get("title"),
                  "feed_published": None, "feed_source": None, "feed_url": None}
        cleaned = clean_article(record, chrome, months, sources, CleanConfig())
        rows.append({"article_id": article["id"], "language": record["language"], "text": cleaned["text"], "source": cleaned["source"]})
    frame = pl.DataFrame(rows).unique("article_id", keep="first")
    topics, countries = defaultdict(set), defaultdict(set)
    # What an article is about: its main topics.
    for article_id, topic in tag_topics(frame, Lexicon.from_seeds(seeds))[0].filter("is_main").select("article_id", "topic").iter_rows():
        topics[article_id].add(topic)
    for article_id, country in tag_countries(frame, Gazetteer.from_seeds(seeds), sources)[0].select("article_id", "country").iter_rows():
        countries[article_id].add(country)
    labels = {row["id"]: (row["lang"], row["category"]) for row in csv.DictReader(LABELS.open(encoding="utf-8"))}
    return labels, topics, countries


def main() -> None:
    labels, topics, countries = tagged_corpus()
    groups = defaultdict(list)
    for article_id, key in labels.items():
        groups[key].append(article_id)
    print(f"{'language/category':<28} {'n':>3}  " + " ".join(t[:6] for t in TOPICS))
    for (language, category), ids in sorted(groups.items()):
        shares = [sum(topic in topics[i] for i in ids) / len(ids) for topic in TOPICS]
        print(f"{language + '/' + category:<28} {len(ids):>3}  " + " ".join(f"{s:>6.0%}" if s else "     ." for s in shares))
    print()
    for name, members, test, target in [
        ("soft news with a security topic (false positives)", SOFT, lambda i: bool(topics[i] & SECURITY), "<= 5%"),
        ("economy articles tagged trade_economy", ECONOMY, lambda i: "trade_economy" in topics[i], ">= 80%"),
        ("ISAF releases tagged defense_military or terrorism", ISAF, lambda i: bool(topics[i] & {"defense_military", "terrorism"}), ">= 90%"),
        ("ISAF releases tagged AF", ISAF, lambda i: "AF" in countries[i], ">= 95%"),
    ]:
        per_language = Counter()
        totals = Counter()
        for article_id, (language, category) in labels.items():
            if category in members:
                totals[language] += 1
                per_language[language] += test(article_id)
        overall = sum(per_language.values()) / max(1, sum(totals.values()))
        detail = ", ".join(f"{lang} {per_language[lang]}/{totals[lang]}" for lang in sorted(totals))
        print(f"{name}: {overall:.0%} (target {target}; {detail})")


if __name__ == "__main__":
    main()
