"""A realistic landing folder of N articles, recombined from real sentences.

Each article takes the title, date and source of a real article and paragraphs made of real
sentences of the same language, so texts, lengths and scripts are those of the region's press.
Syndicated copies and broken lines appear at set rates. The same seed gives the same folder.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_CORPUS = PROJECT_DIR.parent / "shared" / "corpus" / "news-dev.jsonl"
BUNDLED_FEED = PROJECT_DIR / "samples" / "landing" / "feeds" / "news-sample.jsonl"


@dataclass(frozen=True)
class CorpusSpec:
    articles: int
    copy_rate: float = 0.05  # syndicated exact copies of an earlier article
    bad_line_rate: float = 0.002  # truncated JSON lines
    lines_per_file: int = 1000
    min_paragraphs: int = 2
    max_paragraphs: int = 6
    seed: int = 7


def source_articles(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and isinstance(row.get("text"), str) and row["text"].strip():
            rows.append(row)
    return rows


SENTENCE = re.compile(r"(?<=[.!?؟۔])\s+")


def paragraph_pools(rows: list[dict]) -> dict[str, dict[str, list]]:
    """Per language (the id's prefix): sentences, titles, dates and sources to draw from.

    Articles are rebuilt from sentences rather than whole paragraphs: with a few hundred source
    articles, whole paragraphs would make most rebuilt articles share paragraphs, a rate of
    near duplicates no real night has.
    """
    pools: dict[str, dict[str, list]] = {}
    for row in rows:
        language = str(row.get("id", "xx"))[:2]
        pool = pools.setdefault(language, {"paragraphs": [], "titles": [], "published": [], "sources": []})
        for paragraph in row["text"].split("\n"):
            pool["paragraphs"].extend(s.strip() for s in SENTENCE.split(paragraph) if len(s.strip()) > 40)
        pool["titles"].append(row.get("title"))
        pool["published"].append(row.get("published"))
        pool["sources"].append(row.get("source"))
    return {language: pool for language, pool in pools.items() if len(pool["paragraphs"]) >= 10}


def build_corpus(landing: Path, spec: CorpusSpec, source: Path | None = None) -> dict:
    """Write `spec.articles` JSONL lines into `landing/feed-NNNN.jsonl`; returns what was written."""
    source = source or (SHARED_CORPUS if SHARED_CORPUS.exists() else BUNDLED_FEED)
    pools = paragraph_pools(source_articles(source))
    languages = sorted(pools)
    rng = random.Random(spec.seed)
    landing.mkdir(parents=True, exist_ok=True)
    written: list[dict] = []
    lines: list[str] = []
    copies = bad = 0
    for number in range(spec.articles):
        if written and rng.random() < spec.copy_rate:
            record = dict(rng.choice(written), id=f"copy-{number}", source="syndicated")
            copies += 1
        else:
            pool = pools[rng.choice(languages)]
            pick = rng.randrange(len(pool["titles"]))
            paragraphs = [
                " ".join(rng.sample(pool["paragraphs"], rng.randint(2, 4)))
                for _ in range(rng.randint(spec.min_paragraphs, spec.max_paragraphs))
            ]
            record = {
                "id": f"bench-{number}",
                "source": pool["sources"][pick],
                "title": pool["titles"][pick],
                "published": pool["published"][pick],
                "text": "\n".join(paragraphs),
            }
            written.append(record)
        line = json.dumps(record, ensure_ascii=False)
        if rng.random() < spec.bad_line_rate:
            line = line[: len(line) // 2]
            bad += 1
        lines.append(line)
    size = 0
    for start in range(0, len(lines), spec.lines_per_file):
        path = landing / f"feed-{start // spec.lines_per_file:04d}.jsonl"
        path.write_text("\n".join(lines[start : start + spec.lines_per_file]) + "\n", encoding="utf-8")
        size += path.stat().st_size
    return {"articles": spec.articles, "copies": copies, "bad_lines": bad, "bytes": size, "source": str(source)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("landing", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(build_corpus(args.landing, CorpusSpec(args.articles, seed=args.seed)))


if __name__ == "__main__":
    main()
