"""The night's hand-off between the per-document stages and the warehouse: Parquet files.

Each chunk of landing files is read first (`raw-NNNN.parquet`, and its short lines in
`lines-NNNN.parquet`); once the whole night is read and its page chrome learned, each is
transformed and leaves one Parquet file per output (its files, articles, rejections, topics and
countries with their terms, events and their actors, signatures, band keys) under
`<warehouse>.staging/<run>/chunk-NNNN/`, and the night's chrome lines and sources beside them.
Deduplication reads back only ids, hashes and signatures; the load has DuckDB read the files
directly, so no night's text is held in Python memory all at once. The folder goes when the run
is published; a killed run's folder is removed by the next run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

OUTPUTS = ("files", "articles", "rejected", "topics", "topic_terms", "countries", "country_terms", "events", "event_actors", "signatures", "bands")
NIGHT_OUTPUTS = ("chrome_lines", "chrome_sources")


def staging_root(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".staging")


def fresh_staging(warehouse: Path, run_id: str) -> Path:
    """An empty folder for this run; earlier runs' leftovers (a killed run) are removed."""
    root = staging_root(warehouse)
    shutil.rmtree(root, ignore_errors=True)
    folder = root / run_id
    folder.mkdir(parents=True)
    return folder


def write_chunk(folder: Path, outputs: dict[str, pl.DataFrame]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        outputs[name].write_parquet(folder / f"{name}.parquet")


def write_night(folder: Path, outputs: dict[str, pl.DataFrame]) -> None:
    for name in NIGHT_OUTPUTS:
        outputs[name].write_parquet(folder / f"{name}.parquet")


def staged_chunks(staging: Path) -> list[Path]:
    return sorted(staging.glob("chunk-*"))


def scan_staged(staging: Path, name: str) -> pl.LazyFrame:
    return pl.scan_parquet([str(chunk / f"{name}.parquet") for chunk in staged_chunks(staging)])


def remove_staging(warehouse: Path) -> None:
    shutil.rmtree(staging_root(warehouse), ignore_errors=True)
