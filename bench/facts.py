"""The facts an analyst relies on, measured against a gold set labelled by reading the articles.

    python -m khabar.bench.facts [--errors] [--keep DIR]

`bench/gold/articles.csv` holds, for the articles of the shared corpus, what a reader finds in
each text: the headline as written, the outlet the text credits, the publication date only where
the text states it, the countries and the topics (main and mentioned), listing page or not, and
the lines that are page chrome. Nobody ran Khabar to make it.

The corpus articles are written out as raw `.txt` files (headline line, blank line, body: the
way scrapers drop them, with no side metadata), the real nightly flow runs on them into a new
warehouse, and the warehouse is compared with the gold set per field and per language, on the
outlets the rules were tuned on and on the held-out ones separately (`split` in the gold file).
`--errors` prints every miss one by one.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from khabar.bench import sentences
from khabar.bench.sentences import codes, ratio
from khabar.bench.corpus import SHARED_CORPUS
from khabar.bench.server import free_port, offline_environment, prefect_server
from khabar.tasks.folding import fold as fold_letters

GOLD = Path(__file__).resolve().parent / "gold" / "articles.csv"


def fold(text: str) -> str:
    """Letters compared as a reader sees them: composed (و + hamza is ؤ), then folded."""
    return fold_letters(unicodedata.normalize("NFC", text))


def raw_file_text(article: dict) -> str:
    """A corpus article as a scraper drops it: the headline line, a blank line, the body."""
    title, text = (article.get("title") or "").strip(), article["text"]
    raw = text if not title or text.lstrip().startswith(title) else f"{title}\n\n{text}"
    return raw.rstrip("\n") + "\n"


def raw_file_name(line_number: int, article_id: str) -> str:
    return f"{line_number:03d}_{article_id.replace('/', '_').replace('=', '_')}.txt"


def write_landing(landing: Path, wanted: set[str]) -> None:
    landing.mkdir(parents=True, exist_ok=True)
    for number, line in enumerate(SHARED_CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        article = json.loads(line)
        name = raw_file_name(number, article["id"])
        if name in wanted:
            (landing / name).write_text(raw_file_text(article), encoding="utf-8")


def run_khabar(landing: Path, warehouse: Path, workdir: Path) -> None:
    home, port = workdir / "prefect-home", free_port()
    env = {**os.environ, **offline_environment(home, port)}
    command = shutil.which("khabar", path=str(Path(sys.executable).parent)) or "khabar"
    with prefect_server(home, port):
        result = subprocess.run([command, "run", "--landing", str(landing), "--warehouse", str(warehouse)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"khabar run failed: {(result.stderr or result.stdout).strip().splitlines()[-1:]}")


def read_warehouse(warehouse: Path) -> dict[str, dict]:
    """Per input file: what Khabar stored about it."""
    sql = Path(__file__).resolve().parent / "gold" / "warehouse_facts.sql"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.sql(sql.read_text()).pl().to_dicts()
    return {row["input_file"]: row for row in rows}


def same_date(given, gold: str) -> bool:
    """`gold` is YYYY-MM-DD, or YYYY-MM when the text gives only the month."""
    return given is not None and str(given)[: len(gold)] == gold


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, value: bool = True) -> None:
        self.counts[name] += int(value)


def score(gold: dict, got: dict | None, tally: Tally) -> None:
    name = gold["file"]
    tally.add("articles")
    if got is None:
        tally.add("not_loaded")
        tally.errors.append(f"{name}: not loaded ({gold.get('rejected_reason') or 'rejected or missing'})")
        return
    # Dates: a wrong date is worse than none.
    if gold["published"]:
        tally.add("dates_stated")
    if got["published_date"] is not None:
        tally.add("dates_given")
        if not gold["published"] or not same_date(got["published_date"], gold["published"]):
            tally.add("dates_wrong")
            tally.errors.append(f"{name}: date {got['published_date']} ({got['date_method']}), text states {gold['published'] or 'none'}")
        else:
            tally.add("dates_found")
    elif gold["published"]:
        tally.errors.append(f"{name}: date missed, text states {gold['published']}")
    # Source, as the text credits it.
    if gold["source"]:
        tally.add("sources_credited")
        tally.add("sources_found", got["source"] == gold["source"])
    if got["source"] is not None and got["source"] != gold["source"]:
        tally.add("sources_wrong")
    if (got["source"] or "") != gold["source"]:
        tally.errors.append(f"{name}: source {got['source']!r} ({got['source_method']}), text credits {gold['source'] or 'none'!r}")
    # Headline, exact after letter folding.
    tally.add("headlines")
    if " ".join(fold(got["title"] or "").split()) == " ".join(fold(gold["title"]).split()):
        tally.add("headlines_exact")
    else:
        tally.errors.append(f"{name}: title {got['title']!r}, written {gold['title']!r}")
    # Listing pages never counted; chrome lines never left in the text.
    if gold["is_listing"] == "1":
        tally.add("listings")
        tally.add("listings_counted", bool(got["counted_in_marts"]))
    elif got["is_listing"]:
        tally.add("articles_taken_for_listings")
        tally.errors.append(f"{name}: taken for a listing page")
    # A chrome line is left when the text keeps more copies of it than the body has: a teaser
    # may repeat a paragraph word for word, and that paragraph must stay.
    def folded_lines(text: str | None) -> list[str]:
        return [" ".join(fold(line).split()) for line in (text or "").split("\n")]

    text_lines, raw_lines = folded_lines(got["text"]), folded_lines(got["raw_text"])
    chrome = [" ".join(fold(part).split()) for part in gold["chrome"].split(" || ") if part.strip()]
    for line in chrome:
        tally.add("chrome_lines")
        if text_lines.count(line) > raw_lines.count(line) - chrome.count(line):
            tally.add("chrome_left")
            tally.errors.append(f"{name}: chrome left in text: {line[:80]!r}")
    # Countries and topics (measured here, tuned under the tagging issue).
    gold_countries, got_countries = codes(gold["countries"]), set(got["countries"] or [])
    tally.add("countries_gold", len(gold_countries))
    tally.add("countries_given", len(got_countries))
    tally.add("countries_right", len(gold_countries & got_countries))
    tally.add("articles_invented_country", bool(got_countries - gold_countries))
    if gold_countries != got_countries:
        tally.errors.append(f"{name}: countries {sorted(got_countries)}, text refers to {sorted(gold_countries)}")
    main, mentioned = codes(gold["topics_main"]), codes(gold["topics_mentioned"])
    got_main, got_topics = set(got["main_topics"] or []), set(got["topics"] or [])
    tally.add("topics_main", len(main))
    tally.add("topics_main_found", len(main & got_main))
    tally.add("topics_mentioned", len(main | mentioned))
    tally.add("topics_mentioned_found", len((main | mentioned) & got_topics))
    tally.add("topics_given", len(got_topics))
    tally.add("topics_outside", len(got_topics - main - mentioned))
    tally.add("topics_main_given", len(got_main))
    tally.add("topics_main_not_main", len(got_main - main))
    if main - got_main or got_topics - main - mentioned:
        tally.errors.append(f"{name}: topics main {sorted(got_main)}, all {sorted(got_topics)}; the reader's main {sorted(main)}, mentioned {sorted(mentioned)}")


def report(tallies: dict[tuple[str, str], Tally], show_errors: bool) -> None:
    rows = [
        ("dates wrong / given (<= 2%)", "dates_wrong", "dates_given"),
        ("dates found / stated (>= 90%)", "dates_found", "dates_stated"),
        ("sources found / credited (>= 90%)", "sources_found", "sources_credited"),
        ("sources wrong / articles", "sources_wrong", "articles"),
        ("headlines exact (>= 95%)", "headlines_exact", "headlines"),
        ("listing pages counted (0)", "listings_counted", "listings"),
        ("articles taken for listing pages", "articles_taken_for_listings", "articles"),
        ("chrome lines left (0)", "chrome_left", "chrome_lines"),
        ("country precision", "countries_right", "countries_given"),
        ("country recall", "countries_right", "countries_gold"),
        ("articles with an invented country", "articles_invented_country", "articles"),
        ("main topics found as main (>= 85%)", "topics_main_found", "topics_main"),
        ("topics found, main or mentioned", "topics_mentioned_found", "topics_mentioned"),
        ("topic tags outside the reader's (<= 10%)", "topics_outside", "topics_given"),
        ("main tags the reader does not call main", "topics_main_not_main", "topics_main_given"),
        ("articles not loaded", "not_loaded", "articles"),
    ]
    for split in ("tuned", "held_out"):
        groups = sorted(language for s, language in tallies if s == split)
        if not groups:
            continue
        merged = Tally()
        for language in groups:
            for key, value in tallies[(split, language)].counts.items():
                merged.counts[key] += value
        print(f"\n== {split} outlets: {merged.counts['articles']} articles")
        print(f"{'':38}" + "".join(f"{name:>20}" for name in ["all", *groups]))
        for label, part, whole in rows:
            cells = [ratio(merged.counts[part], merged.counts[whole])] + [
                ratio(tallies[(split, g)].counts[part], tallies[(split, g)].counts[whole]) for g in groups
            ]
            print(f"{label:38}" + "".join(f"{cell:>20}" for cell in cells))
    if show_errors:
        for (split, language), tally in sorted(tallies.items()):
            print(f"\n-- errors, {split} {language} ({len(tally.errors)})")
            for error in tally.errors:
                print("  " + error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print every miss, one per line")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the warehouse")
    args = parser.parse_args()
    gold = list(csv.DictReader(GOLD.open(encoding="utf-8")))
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="khabar-facts-"))
    shutil.rmtree(workdir / "landing", ignore_errors=True)
    shutil.rmtree(workdir / "warehouse", ignore_errors=True)
    write_landing(workdir / "landing", {row["file"] for row in gold})
    warehouse = workdir / "warehouse" / "khabar.duckdb"
    run_khabar(workdir / "landing", warehouse, workdir)
    stored = read_warehouse(warehouse)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for row in gold:
        score(row, stored.get(row["file"]), tallies[(row["split"], row["language"])])
    report(tallies, args.errors)
    sentences.main()  # the lexicon's and the gazetteer's reach on hand-read sentences, Pashto's among them
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
