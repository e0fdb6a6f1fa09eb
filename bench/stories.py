"""Story links against hand-labelled reports: one meeting told in several languages and nights is
one story; the same two countries a year apart, or the same days in another capital, are two.

    python -m khabar.bench.stories [--errors] [--keep DIR]

`bench/gold/stories.csv` names, for three seeds and twelve short reports written for this
benchmark (`bench/gold/stories/`: the seeds' meetings and others of the same countries, in
English, Russian, Pashto, Urdu, Arabic and Persian), the real event each one reports. Two
nights are run, as the nightly flow runs them, into one warehouse; every pair of labelled
articles is then scored: linked when Khabar gives both the same `story_id`. Seeds 001 and 004
are left out: their texts give no date. `--keep DIR` keeps the two nights' warehouse in DIR,
to query with `khabar sql --warehouse DIR/warehouse/khabar.duckdb`.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import shutil
import tempfile
from pathlib import Path

import duckdb

from khabar.bench.events import SEEDS, print_errors, ratio
from khabar.bench.facts import run_khabar

GOLD_DIR = Path(__file__).resolve().parent / "gold"


def land(landing: Path, rows: list[dict], night: int) -> None:
    """Drop the reports of nights up to `night` where a scraper would: earlier files stay."""
    for row in rows:
        if int(row["night"]) <= night:
            folder, name = row["file"].split("/")
            source = SEEDS / name if folder == "seeds" else GOLD_DIR / "stories" / name
            (landing / folder).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, landing / folder / name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every pair linked or left apart wrongly")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the warehouse")
    args = parser.parse_args()
    rows = list(csv.DictReader((GOLD_DIR / "stories.csv").open(encoding="utf-8")))
    gold = {row["file"]: row["story"] for row in rows}
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="khabar-stories-"))
    shutil.rmtree(workdir / "landing", ignore_errors=True)
    shutil.rmtree(workdir / "warehouse", ignore_errors=True)
    landing, warehouse = workdir / "landing", workdir / "warehouse" / "khabar.duckdb"
    for night in (1, 2):
        land(landing, rows, night)
        run_khabar(landing, warehouse, workdir)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = dict(con.execute("select input_file, story_id from articles").fetchall())
        languages = dict(con.execute("select input_file, language from articles").fetchall())
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    counts = {"linked": 0, "right": 0, "same": 0, "same_cross": 0, "right_cross": 0}
    errors = []
    for a, b in itertools.combinations(sorted(gold), 2):
        same, linked = gold[a] == gold[b], found.get(a) is not None and found.get(a) == found.get(b)
        cross = languages.get(a) != languages.get(b)
        counts["linked"] += linked
        counts["right"] += linked and same
        counts["same"] += same
        counts["same_cross"] += same and cross
        counts["right_cross"] += same and cross and linked
        if linked != same:
            errors.append(f"{'merged' if linked else 'apart'}: {a} ({gold[a]}) / {b} ({gold[b]})")
    print(f"== story links: {len(gold)} reports of {len(set(gold.values()))} events, {counts['same']} pairs of one story")
    print(f"link precision (>= 95%)      {ratio(counts['right'], counts['linked'])}")
    print(f"link recall (>= 80%)         {ratio(counts['right'], counts['same'])}")
    print(f"  across languages           {ratio(counts['right_cross'], counts['same_cross'])}")
    if args.errors:
        print_errors(errors)


if __name__ == "__main__":
    main()
