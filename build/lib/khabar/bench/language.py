"""Language identification and publication dates measured on the shared corpus.

    python -m bench.language

Prints accuracy per language on single sentences (`corpus/langid/`, Dari reported as `fa`) and
on whole articles (the news corpus for fa, ar, ur, en; for the other languages, pseudo-articles
of five consecutive sentences), the confusions that remain, the speed against langdetect alone,
and the share of labelled articles whose date Khabar finds exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections import Counter

import polars as pl
from khabar.bench.corpus import PROJECT_DIR, SHARED_CORPUS, source_articles
from khabar.bench.throughput import langdetect_seconds
from khabar.tasks.chrome import Chrome
from khabar.tasks.clean import CleanConfig, clean_article
from khabar.tasks.sources import Sources
from khabar.tasks.dates import MonthNames
from khabar.tasks.language import guess_language

LANGID = SHARED_CORPUS.parent / "langid"
LANGUAGES = ["fa", "prs", "ar", "ur", "ps", "tg", "ru", "en", "uz", "kk", "tr"]
TARGET = {"ps": 0.95, "tg": 0.95, "uz": 0.95, "kk": 0.95}
EXPECTED = {"prs": "fa"}


def accuracy(samples: dict[str, list[str]]) -> dict[str, tuple[float, Counter]]:
    results = {}
    for language, texts in samples.items():
        guesses = Counter(guess_language(text)["language"] for text in texts)
        expected = EXPECTED.get(language, language)
        results[language] = (guesses[expected] / len(texts), guesses)
    return results


def print_table(title: str, results: dict[str, tuple[float, Counter]], sizes: dict[str, int]) -> None:
    print(title)
    for language, (share, guesses) in results.items():
        target = TARGET.get(language, 0.98)
        wrong = ", ".join(f"{code} {n}" for code, n in guesses.most_common() if code != EXPECTED.get(language, language))
        print(f"  {language:<4} {share:>6.1%}  (n={sizes[language]}, target {target:.0%}{'' if share >= target else ', BELOW'}){'  confused with: ' + wrong if wrong else ''}")


def dates() -> None:
    seeds = PROJECT_DIR / "sql" / "seeds"
    chrome, months = Chrome(pl.read_csv(seeds / "chrome_phrases.csv")), MonthNames.from_csv(seeds / "calendar_months.csv")
    sources = Sources.from_seeds(seeds)
    labels = {row["id"]: row["date"] for row in csv.DictReader(SHARED_CORPUS.with_name("news-dev-labels.csv").open(encoding="utf-8"))}
    hits, total, misses = Counter(), Counter(), []
    for article in source_articles(SHARED_CORPUS):
        expected = labels.get(article["id"])
        if not expected:
            continue
        language = article["id"][:2]
        record = {"raw_text": article["text"], "language": language, "feed_title": article.get("title"),
                  "feed_published": article.get("published"), "feed_source": None, "feed_url": None}
        found = clean_article(record, chrome, months, sources, CleanConfig())["published_date"]
        total[language] += 1
        if found == dt.date.fromisoformat(expected):
            hits[language] += 1
        else:
            misses.append((article["id"], article.get("published"), expected, found))
    overall = sum(hits.values()) / max(1, sum(total.values()))
    detail = ", ".join(f"{lang} {hits[lang]}/{total[lang]}" for lang in sorted(total))
    print(f"\npublication dates exact on labelled articles: {overall:.1%} (target 98%; {detail})")
    for miss in misses[:5]:
        print(f"  missed: {miss}")
    # 001 names April 2021 only inside its body (a visit): an event date, so no publication date.
    # 003: the Avesta dateline (20/09/2020) comes before the stamp after the repeated headline (18 September).
    expected_seeds = {"000": "2022-07-24", "001": None, "002": "2024-11-06", "003": "2020-09-20", "004": None}
    for path in sorted((PROJECT_DIR / "samples" / "landing" / "seeds").glob("*.txt")):
        record = {"raw_text": path.read_text(encoding="utf-8"), "language": "fa", "feed_title": None, "feed_published": None, "feed_source": None, "feed_url": None}
        cleaned = clean_article(record, chrome, months, sources, CleanConfig())
        print(f"  seed {path.stem[:3]}: found {cleaned['published_date']} ({cleaned['published_precision']}), the article states {expected_seeds[path.stem[:3]]}")


def main() -> None:
    sentences = {lang: (LANGID / f"{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in LANGUAGES}
    sentences = {lang: [s for s in lines if s.strip()] for lang, lines in sentences.items()}
    print_table("single sentences", accuracy(sentences), {k: len(v) for k, v in sentences.items()})
    articles: dict[str, list[str]] = {}
    for row in source_articles(SHARED_CORPUS):
        articles.setdefault(row["id"][:2], []).append(row["text"])
    for lang, lines in sentences.items():
        if lang not in articles:
            articles[lang] = [" ".join(lines[i : i + 5]) for i in range(0, len(lines) - 4, 5)]
    print_table("whole articles (news corpus; five-sentence pseudo-articles where it has none)", accuracy(articles), {k: len(v) for k, v in articles.items()})

    texts = [text for group in articles.values() for text in group]
    started = time.monotonic()
    for text in texts:
        guess_language(text)
    ours = time.monotonic() - started
    reference = langdetect_seconds(texts)
    print(f"\nspeed on {len(texts)} articles: Khabar {len(texts) / ours:.0f}/s, langdetect alone {len(texts) / reference:.0f}/s ({reference / ours:.1f}x)")
    dates()


if __name__ == "__main__":
    main()
