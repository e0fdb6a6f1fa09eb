"""The warehouse side of a run: what it already holds, and tonight's rows written all at once.

A run never writes the published warehouse file. It copies it to `<name>.next`, loads and builds
models there, and then renames the copy over the original, which is atomic. A run killed at any
point leaves the published file as it was, and analysts reading it are never blocked by the writer.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl
from prefect import get_run_logger

from khabar.tasks.chrome import CHROME_HISTORY_SCHEMA, SOURCE_ARTICLES_SCHEMA
from khabar.tasks.dedupe import EARLIER_SCHEMA, config_row
from khabar.tasks.discover import INGESTED_SCHEMA
from khabar.tasks.signing import DedupeConfig
from khabar.tasks.stage import SQL_DIR
from khabar.tasks.staging import NIGHT_OUTPUTS, OUTPUTS, staged_chunks

# DuckDB would otherwise buffer up to 80% of RAM; past this it spills to a temporary folder. At
# 256 MB the load of 100,000 articles takes as long as at 512 MB, with 240 MB less at its peak.
LOAD_MEMORY_LIMIT = "256MB"
# A night's chunks are checkpointed once, at the end of the load. With DuckDB's default (a
# checkpoint whenever the log passes 16 MB, so after every chunk) each checkpoint rewrote the
# tables' last, still-growing row groups whole: 100,000 articles loaded in 46 s into a 2.2 GB
# file, half of it blocks left free by the rewrites, against 28 s and 1.2 GB this way.
LOAD_CHECKPOINT_THRESHOLD = "64GB"
# Analysts' DuckDB 1.x clients (the CLI from PyPI, notebooks, DBeaver, BI drivers) read storage
# version 64, written by DuckDB 1.0 and by newer DuckDB when asked for it.
STORAGE_COMPATIBILITY = "v1.0.0"
COMPATIBLE_STORAGE_VERSION = 64


class WarehouseBusy(RuntimeError):
    """Another Khabar run holds the warehouse."""


def read_sql(*parts: str) -> str:
    return SQL_DIR.joinpath(*parts).read_text(encoding="utf-8")


def working_copy_of(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".next")


@contextmanager
def warehouse_lock(warehouse: Path) -> Iterator[None]:
    """One writer at a time, across processes; the lock goes with the process if it dies."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise WarehouseBusy(f"another Khabar run (pid {handle.read().strip() or '?'}) is writing {warehouse}; try again when it ends") from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute("select count(*) from information_schema.tables where table_name = ?", [name]).fetchall()[0][0] > 0


class DedupeSettingsChanged(RuntimeError):
    """Signatures made with other MinHash settings cannot be compared with tonight's."""


def check_dedupe_settings(con: duckdb.DuckDBPyConnection, config: DedupeConfig) -> None:
    """Stop before comparing tonight's signatures with earlier ones made with other settings."""
    if not _has_table(con, "dedupe_config"):
        return
    stored = con.sql("select * from dedupe_config").pl()
    if stored.is_empty():
        return
    wanted = config_row(config).row(0, named=True)
    differing = {name: (value, wanted[name]) for name, value in stored.row(0, named=True).items() if name in wanted and value != wanted[name]}
    if differing:
        described = ", ".join(f"{name} {old} -> {new}" for name, (old, new) in differing.items())
        raise DedupeSettingsChanged(
            f"the warehouse's MinHash signatures were made with other settings ({described}); restore DedupeConfig "
            "or re-sign the earlier articles before loading more"
        )


def read_ingested_files(warehouse: Path) -> pl.DataFrame:
    """(`input_file`, `file_hash`, `size_bytes`, `modified_ns`) of every landing file the published warehouse has read."""
    if not warehouse.exists():
        return pl.DataFrame(schema=INGESTED_SCHEMA)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        if not _has_table(con, "ingested_files"):
            return pl.DataFrame(schema=INGESTED_SCHEMA)
        stored = con.sql("select * from ingested_files").pl()
    # A warehouse from before `modified_ns` was recorded has no such column until its next load.
    return stored.select(pl.col(name) if name in stored.columns else pl.lit(None).alias(name) for name in INGESTED_SCHEMA).cast(INGESTED_SCHEMA)


def read_earlier_candidates(warehouse: Path, content_hashes: pl.Series, bands: pl.DataFrame) -> pl.DataFrame:
    """Earlier articles (`article_id`, `cluster_id`, `content_hash`, `signature`) that share a
    normalized-text hash or an LSH band key with tonight's."""
    if not warehouse.exists() or content_hashes.is_empty():
        return pl.DataFrame(schema=EARLIER_SCHEMA)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        if not _has_table(con, "article_minhash_bands"):
            return pl.DataFrame(schema=EARLIER_SCHEMA)
        check_dedupe_settings(con, DedupeConfig())
        con.register("tonight_hashes", pl.DataFrame({"content_hash": content_hashes.unique()}).to_arrow())
        con.register("tonight_bands", bands.select("band", "band_key").unique().to_arrow())
        return con.sql(read_sql("load", "earlier_candidates.sql")).pl().cast(EARLIER_SCHEMA)


def read_earlier_chrome(warehouse: Path, source_keys: pl.Series) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What earlier nights counted for tonight's sources: their repeated lines and their articles."""
    empty = pl.DataFrame(schema=CHROME_HISTORY_SCHEMA), pl.DataFrame(schema=SOURCE_ARTICLES_SCHEMA)
    if not warehouse.exists() or source_keys.is_empty():
        return empty
    with duckdb.connect(str(warehouse), read_only=True) as con:
        if not _has_table(con, "chrome_sources"):
            return empty
        con.register("tonight_sources", pl.DataFrame({"source_key": source_keys.unique()}).to_arrow())
        lines = con.sql(read_sql("load", "earlier_chrome_lines.sql")).pl().cast(CHROME_HISTORY_SCHEMA)
        sources = con.sql(read_sql("load", "earlier_chrome_sources.sql")).pl().cast(SOURCE_ARTICLES_SCHEMA)
    return lines, sources


def load_warehouse(warehouse: Path, files: pl.DataFrame, staging: Path, clusters: pl.DataFrame, run_info: pl.DataFrame) -> tuple[Path, int]:
    """Copy the published warehouse and write tonight's rows into the copy, a chunk per transaction.

    The rows come from the night's Parquet hand-off (`staging`), read by DuckDB itself; `clusters`
    gives each article its `cluster_id`. Returns the working copy's path, where nothing is visible
    to analysts until `publish_warehouse`, and how many articles were written.
    """
    logger, started = get_run_logger(), time.monotonic()
    working = working_copy_of(warehouse)
    for leftover in (working, working.with_name(working.name + ".wal")):
        leftover.unlink(missing_ok=True)  # from a run that was killed
    copied_ahead = staging / PUBLISHED_COPY
    if copied_ahead.exists():  # by `published_copied`, while the night was read; used once, so a retry copies anew
        os.replace(copied_ahead, working)
        logger.info("load: published warehouse copied while the night was read (%.0f MB)", working.stat().st_size / 1e6)
    elif warehouse.exists():
        if storage_version(warehouse) == COMPATIBLE_STORAGE_VERSION:
            shutil.copyfile(warehouse, working)
        else:
            copy_into_compatible_file(warehouse, working)
        logger.info("load: published warehouse copied (%.0f MB) in %.2f s", working.stat().st_size / 1e6, time.monotonic() - started)
    config = {"memory_limit": LOAD_MEMORY_LIMIT, "storage_compatibility_version": STORAGE_COMPATIBILITY, "checkpoint_threshold": LOAD_CHECKPOINT_THRESHOLD}
    with duckdb.connect(str(working), config=config) as con:
        con.execute(read_sql("load", "schema.sql"))
        for macro in sorted((SQL_DIR / "macros").glob("*.sql")):
            con.execute(macro.read_text(encoding="utf-8"))
        for name, frame in {"run_files": files, "clusters": clusters, "run_dedupe_config": config_row(DedupeConfig()), "run_info": run_info}.items():
            con.register(name, frame.to_arrow())
        transaction(con, "replace_changed_files.sql", "record_file_times.sql")
        chunks = staged_chunks(staging)
        for number, chunk in enumerate(chunks, start=1):
            for name in OUTPUTS:
                con.read_parquet(str(chunk / f"{name}.parquet")).create_view(f"staged_{name}", replace=True)
            transaction(con, "insert_chunk.sql")
            logger.info("load: chunk %d/%d written, %.2f s", number, len(chunks), time.monotonic() - started)
        for name in NIGHT_OUTPUTS:
            con.read_parquet(str(staging / f"{name}.parquet")).create_view(f"staged_{name}", replace=True)
        transaction(con, "insert_chrome.sql", "recompute_canonical.sql", "assign_stories.sql", "record_dedupe_config.sql", "drop_staging_views.sql")
        written = con.execute("select count(*) from articles where run_id = (select run_id from run_info)").fetchone()[0]
        checkpoint_started = time.monotonic()
        con.execute("checkpoint")
        logger.info("load: checkpoint in %.2f s; %.0f MB written", time.monotonic() - checkpoint_started, working.stat().st_size / 1e6)
    return working, written


PUBLISHED_COPY = "published.duckdb"  # in the night's staging folder


@contextmanager
def published_copied(warehouse: Path, staging: Path) -> Iterator[None]:
    """Copy the published warehouse into `staging` on a thread while the block runs.

    The block reads and transforms the night, which is CPU work; the copy is the disk's (1.2 GB,
    about 3 s, at 100,000 articles), so a night on top of a large warehouse no longer waits for
    it in the load. A copy that fails is left to the load, which then copies as before.
    """
    logger = get_run_logger()
    with ThreadPoolExecutor(1, thread_name_prefix="copy-published") as pool:
        copying = pool.submit(_copy_published, warehouse, staging)
        yield
        try:
            seconds = copying.result()
        except Exception as error:  # the load copies it after all; nothing is lost but time
            logger.warning("the published warehouse could not be copied ahead (%s); the load copies it", error)
            return
        if seconds is not None:
            logger.info("published warehouse copied in %.2f s while the night was read", seconds)


def _copy_published(warehouse: Path, staging: Path) -> float | None:
    if not warehouse.exists() or storage_version(warehouse) != COMPATIBLE_STORAGE_VERSION:
        return None  # nothing to copy, or a format the load converts
    started, part = time.monotonic(), staging / (PUBLISHED_COPY + ".part")
    try:
        shutil.copyfile(warehouse, part)
    except BaseException:
        part.unlink(missing_ok=True)  # a full disk: leave the load's own copy the room
        raise
    os.replace(part, staging / PUBLISHED_COPY)  # complete or absent: never half a file under its name
    return time.monotonic() - started


def storage_version(path: Path) -> int | None:
    """The storage version in a DuckDB file's header (the "DUCK" magic at byte 8, the version after it)."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return int.from_bytes(header[12:20], "little") if header[8:12] == b"DUCK" else None


def copy_into_compatible_file(warehouse: Path, working: Path) -> None:
    """A warehouse written in a newer storage format, moved once into one DuckDB 1.x clients read."""
    with duckdb.connect() as con:
        con.execute("attach ? as published (read_only)", [str(warehouse)])
        con.execute(f"attach ? as working (storage_version '{STORAGE_COMPATIBILITY}')", [str(working)])
        con.execute(read_sql("load", "copy_published.sql"))


def transaction(con: duckdb.DuckDBPyConnection, *scripts: str) -> None:
    """The scripts in one transaction, each logged with its time: the load is minutes at 100,000 articles."""
    logger = get_run_logger()
    con.execute("begin transaction")
    for script in scripts:
        started = time.monotonic()
        con.execute(read_sql("load", script))
        logger.debug("load: %s in %.2f s", script, time.monotonic() - started)
    started = time.monotonic()
    con.execute("commit")
    logger.debug("load: commit in %.2f s", time.monotonic() - started)


def publish_warehouse(working: Path, warehouse: Path, run_summary: pl.DataFrame) -> int:
    """Record the run in the working copy, then swap it in for the published file atomically.

    Returns how many articles the published warehouse now holds."""
    with duckdb.connect(str(working)) as con:
        con.register("run_summary", run_summary.to_arrow())
        con.execute(read_sql("load", "record_run.sql"))
        con.execute("checkpoint")
        held = con.execute("select count(*) from articles").fetchone()[0]
    os.replace(working, warehouse)
    return held
