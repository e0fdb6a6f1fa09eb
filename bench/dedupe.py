"""Near-duplicate detection measured: pair precision and recall on syndicated copies that arrive
on a second night, and the cost of a night against a large history.

    python -m khabar.bench.dedupe [--grid] [--history 100000]

Night 1 holds the shared corpus's articles plus the seeds; night 2 holds copies of half of them,
made the way syndication makes them: the last paragraph cut, the site's chrome added, a new
headline, Arabic ي/ك typed for Persian ی/ک, or all of these at once. Both nights go through the
real stages (clean, sign, the warehouse's band-key look-up, clustering, canonical choice).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

from khabar.bench.corpus import PROJECT_DIR, SHARED_CORPUS, CorpusSpec, build_corpus, source_articles
from khabar.tasks.chrome import Chrome
from khabar.tasks.clean import CleanConfig, clean_article
from khabar.tasks.sources import Sources
from khabar.tasks.dates import MonthNames
from khabar.tasks.dedupe import EARLIER_SCHEMA, assign_clusters
from khabar.tasks.signing import DedupeConfig, hash_contents, sign_articles
from khabar.tasks.language import guess_language
from khabar.tasks.load import read_earlier_candidates, read_sql

SEEDS_DIR = PROJECT_DIR / "samples" / "landing" / "seeds"
CHROME_LINES = ["Share this", "اشتراک گذاری", "شارك", "Advertisement", "یہ بھی پڑھیں: دیگر خبریں"]


def cleaned(rows: list[dict]) -> pl.DataFrame:
    """Rows (`article_id`, `text`, `title`) through the real language and cleaning stages."""
    seeds = PROJECT_DIR / "sql" / "seeds"
    chrome, months = Chrome(pl.read_csv(seeds / "chrome_phrases.csv")), MonthNames.from_csv(seeds / "calendar_months.csv")
    sources = Sources.from_seeds(seeds)
    out = []
    for row in rows:
        record = {"raw_text": row["text"], "language": guess_language(row["text"])["language"], "feed_title": row.get("title"),
                  "feed_published": None, "feed_source": None, "feed_url": None}
        out.append({"article_id": row["id"], "text": clean_article(record, chrome, months, sources, CleanConfig())["text"]})
    return hash_contents(pl.DataFrame(out))


def make_copy(row: dict, kind: str, rng: random.Random, headlines: list[str]) -> dict:
    paragraphs = [p for p in row["text"].split("\n") if p.strip()]
    # Syndication trims the tail of a story, not the story itself: the last paragraph goes when
    # it is at most a third of the words (ISAF releases, say, are one paragraph under a header).
    if kind in ("trimmed", "all") and len(paragraphs) > 2 and len(paragraphs[-1].split()) * 3 <= len(" ".join(paragraphs).split()):
        paragraphs = paragraphs[:-1]
    if kind in ("chrome", "all"):
        paragraphs = [rng.choice(CHROME_LINES)] + paragraphs + [rng.choice(CHROME_LINES)]
    if kind in ("headline", "all"):
        paragraphs = [rng.choice(headlines)] + paragraphs
    text = "\n".join(paragraphs)
    if kind in ("letters", "all"):
        text = text.replace("ی", "ي").replace("ک", "ك")
    return {"id": f"{row['id']}~{kind}", "text": text}


def originals() -> list[dict]:
    rows = [r for r in source_articles(SHARED_CORPUS) if len(r["text"].split()) >= 30]
    rows += [{"id": f"seed-{p.stem}", "text": p.read_text(encoding="utf-8")} for p in sorted(SEEDS_DIR.glob("*.txt"))]
    return rows


def store(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, signatures: pl.DataFrame, bands: pl.DataFrame, night: str) -> None:
    con.register("frame", frame.to_arrow())
    con.execute(
        "insert into articles by name select article_id, 'bench' as input_file, text, 'xx' as language, ?::timestamp as ingested_at, "
        "content_hash, cluster_id, false as is_canonical, text as raw_text, 'fh' as file_hash, 'bench' as run_id from frame",
        [night],
    )
    con.register("signatures", signatures.to_arrow())
    con.register("bands", bands.to_arrow())
    con.execute("insert into article_signatures by name select * from signatures; insert into article_minhash_bands by name select * from bands")
    con.execute(read_sql("load", "recompute_canonical.sql"))


def two_nights(night1: pl.DataFrame, night2: pl.DataFrame, config: DedupeConfig, workdir: Path) -> tuple[pl.DataFrame, duckdb.DuckDBPyConnection, float]:
    path = workdir / f"dedupe-{config.shingle_words}-{config.threshold}.duckdb"
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute(read_sql("load", "schema.sql"))
    signatures, bands = sign_articles(night1, config)
    first = assign_clusters(night1, signatures, pl.DataFrame(schema=EARLIER_SCHEMA), config)
    store(con, first, signatures, bands, "2024-01-01")
    con.close()
    started = time.monotonic()
    signatures, bands = sign_articles(night2, config)
    earlier = read_earlier_candidates(path, night2["content_hash"], bands)
    second = assign_clusters(night2, signatures, earlier, config)
    seconds = time.monotonic() - started
    con = duckdb.connect(str(path))
    store(con, second, signatures, bands, "2024-01-02")
    return pl.concat([first, second]), con, seconds


# Pairs inside the shared corpus itself that are one agency story published by two outlets (or
# the same record twice), read side by side and confirmed: they share over half of their
# four-word shingles and the same facts. They are true duplicates, not false positives.
SYNDICATED_IN_CORPUS = [
    ("ar-AL-economy-842-20180617", "ar-SK-economy-797-20180617"),
    ("ar-AL-economy-427-20180411", "ar-SK-economy-332-20180411"),
    ("ar-AL-sport-943-20180328", "ar-SK-sport-471-20180328"),
    ("ar-AL-sport-825-20180323", "ar-SK-sport-407-20180323"),
    ("ar-AL-sport-8-20180218", "ar-SK-sport-7-20180218"),
    ("ar-AL-sport-194-20180223", "ar-SK-sport-77-20180223"),
    ("ar-AL-sport-725-20180319", "ar-SK-sport-338-20180319"),
    ("ar-AL-technology-307-20180621", "ar-SK-technology-953-20180620"),
    ("ar-AL-technology-72-20180228", "ar-SK-technology-119-20180228"),
    ("ar-AL-internationalNews-1790-20180628", "ar-SK-middleEast-2625-20180627"),
    ("ar-AL-internationalNews-1160-20180514", "ar-SK-middleEast-1669-20180514"),
    ("ar-FR-internationalNews-2646-20180810", "ar-SK-middleEast-3308-20180809"),
    ("ar-AL-internationalNews-783-20180404", "ar-SK-internationalNews-776-20180404"),
    ("ur-id=368", "ur-id=694"),
    ("ur-id=1083", "ur-id=643"),
    ("ur-id=480", "ur-id=858"),
    ("ur-id=525", "ur-id=912"),
]


def story_of() -> dict[str, str]:
    story = {}
    for a, b in SYNDICATED_IN_CORPUS:
        story[b] = story.get(a, a)
    return story


def pair_scores(clustered: pl.DataFrame) -> tuple[float, float, list, dict]:
    same_story = story_of()
    truth = {row: same_story.get(row.split("~")[0], row.split("~")[0]) for row in clustered["article_id"].to_list()}
    predicted = dict(zip(clustered["article_id"].to_list(), clustered["cluster_id"].to_list()))
    true_pairs, found_pairs = set(), set()
    for group in _groups(truth).values():
        true_pairs.update(itertools.combinations(sorted(group), 2))
    for group in _groups(predicted).values():
        found_pairs.update(itertools.combinations(sorted(group), 2))
    hits = true_pairs & found_pairs
    precision = len(hits) / len(found_pairs) if found_pairs else 1.0
    recall = len(hits) / len(true_pairs) if true_pairs else 1.0
    missed: dict[str, int] = {}
    for a, b in true_pairs - found_pairs:
        kind = "/".join(sorted({a.partition("~")[2] or "original", b.partition("~")[2] or "original"}))
        missed[kind] = missed.get(kind, 0) + 1
    return precision, recall, sorted(found_pairs - true_pairs)[:5], missed


def _groups(mapping: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for key, value in mapping.items():
        groups.setdefault(value, []).append(key)
    return groups


def quality(config: DedupeConfig, workdir: Path) -> dict:
    rng = random.Random(11)
    rows = originals()
    headlines = [r.get("title") or r["text"][:60] for r in rows]
    copies = [make_copy(row, kind, rng, headlines) for row in rng.sample(rows, len(rows) // 2) for kind in ("trimmed", "chrome", "headline", "letters", "all")]
    clustered, con, _ = two_nights(cleaned(rows), cleaned(copies), config, workdir)
    precision, recall, false_pairs, missed = pair_scores(clustered)
    canonical = {r[0] for r in con.execute("select article_id from articles where is_canonical").fetchall()}
    con.close()
    # Every story's canonical article is an original, never a syndicated copy of night 2.
    stories = {story_of().get(r["id"], r["id"]) for r in rows}
    canonical_stories = {story_of().get(a.split("~")[0], a.split("~")[0]) for a in canonical if "~" not in a}
    return {
        "shingle_words": config.shingle_words, "threshold": config.threshold, "bands x rows": f"{config.bands}x{config.rows}",
        "originals": len(rows), "copies": len(copies), "pair_precision": round(precision, 4), "pair_recall": round(recall, 4),
        "stories_with_an_original_canonical": f"{len(stories & canonical_stories)}/{len(stories)}",
        "copies_canonical": sum("~" in a for a in canonical), "false_pairs": false_pairs, "missed_pairs": missed,
    }


def cost(workdir: Path, history: int) -> dict:
    """Seconds to dedupe 20,000 articles, and a night of 1,000 against `history` earlier ones."""
    config = DedupeConfig()
    corpus = workdir / f"cost-{history}"
    if not corpus.exists():
        build_corpus(corpus, CorpusSpec(history + 1000, copy_rate=0.02, bad_line_rate=0, lines_per_file=5000))
    rows = [json.loads(line) for path in sorted(corpus.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]
    frame = hash_contents(pl.DataFrame({"article_id": [r["id"] for r in rows], "text": [r["text"] for r in rows]}))
    timings = {}
    for n in (5000, 20000):
        part = frame.head(n)
        started = time.monotonic()
        signatures, _ = sign_articles(part, config)
        assign_clusters(part, signatures, pl.DataFrame(schema=EARLIER_SCHEMA), config)
        timings[f"dedupe_{n}_s"] = round(time.monotonic() - started, 2)
    history_frame, night = frame.head(history), frame.tail(1000)
    _, con, seconds = two_nights(history_frame, night, config, workdir)
    con.close()
    timings[f"night_1000_vs_{history}_s"] = round(seconds, 2)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--grid", action="store_true", help="also try other shingle sizes and thresholds")
    parser.add_argument("--history", type=int, default=100000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="khabar-dedupe-"))
    settings = [DedupeConfig()]
    if args.grid:
        settings += [DedupeConfig(shingle_words=k, threshold=t) for k in (3, 4, 5) for t in (0.4, 0.5, 0.6, 0.7) if (k, t) != (4, 0.5)]
    for config in settings:
        print(quality(config, workdir), flush=True)
    print(cost(workdir, args.history), flush=True)


if __name__ == "__main__":
    main()
