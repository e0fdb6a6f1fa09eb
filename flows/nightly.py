"""The nightly DAG: landing folder in, DuckDB warehouse out. Reads top-down, one line per stage."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from khabar.flows.batching import (
    Batching,
    Mapped,
    Stages,
    batches,
    file_chunks,
    finish_batches,
    forget_task_results,
    heap_frozen_during_chunks,
    run_batches,
    start_batches,
)
from khabar.flows.models import build_models
from khabar.flows.stage_tasks import (
    assign_clusters_task,
    clean_articles_task,
    detect_language_task,
    discover_files_task,
    learn_chrome_task,
    load_warehouse_task,
    publish_report_task,
    publish_warehouse_task,
    read_earlier_candidates_task,
    read_earlier_chrome_task,
    read_events_task,
    read_ingested_files_task,
    read_inputs_task,
    short_lines_task,
    sign_articles_task,
    tag_countries_task,
    tag_topics_task,
)
from khabar.tasks.chrome import Chrome
from khabar.tasks.clean import ARTICLE_SCHEMA
from khabar.tasks.countries import COUNTRY_INPUT, COUNTRY_SCHEMA, COUNTRY_TERM_SCHEMA
from khabar.tasks.discover import UNCHANGED, count_files
from khabar.tasks.events import ACTOR_SCHEMA, EVENT_INPUT, EVENT_SCHEMA
from khabar.tasks.extract import READ_LATER
from khabar.tasks.language import LANGUAGE_INPUT, LANGUAGE_SCHEMA
from khabar.tasks.load import published_copied, warehouse_lock
from khabar.tasks.reference import SEED_PARTS, SEEDS, ReferenceData, warm_up
from khabar.tasks.report import night_counts, run_record, summarize_run
from khabar.tasks.signing import BAND_SCHEMA, SIGN_INPUT, SIGNATURE_SCHEMA
from khabar.tasks.stage import REJECTED_SCHEMA, concat
from khabar.tasks.staging import fresh_staging, remove_staging, scan_staged, write_chunk, write_night
from khabar.tasks.topics import TOPIC_INPUT, TOPIC_SCHEMA, TOPIC_TERM_SCHEMA
from khabar.tasks.workers import worker_processes

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_LANDING = PROJECT_DIR / "samples" / "landing"
DEFAULT_WAREHOUSE = Path("warehouse") / "khabar.duckdb"
CHUNK_BYTES = 16_000_000  # about 5,000 articles a chunk; two chunks in memory at a time
# Worker processes take about 1 s to start (their fork server imports the stages' modules, each
# worker builds its reference) while this process waits: on a night of 1,000 articles (3 MB) they
# gain nothing (5.9-6.3 s with and without), so a night smaller than this stays in one process.
WORKER_NIGHT_BYTES = 8_000_000


@dataclass(frozen=True)
class ReadChunk:
    """One chunk of landing files read and decoded, its articles' language detected."""

    files: pl.DataFrame  # less the files left for the next run
    raw: pl.DataFrame
    rejected: pl.DataFrame


def read_chunk(files: pl.DataFrame, batching: Batching, stages: Stages) -> ReadChunk:
    """Read, decode and detect the language of one chunk of landing files."""
    reads = run_batches("read-and-decode", read_inputs_task, batches(files, batching.files))
    raw, rejected = concat([r.kept for r in reads]), concat([r.rejected for r in reads], REJECTED_SCHEMA)
    # Files that could not be read as discovered wait for the next run: no row, no rejection.
    later = rejected.filter(pl.col("reason_kind") == READ_LATER)["input_file"]
    rejected, files = rejected.filter(pl.col("reason_kind") != READ_LATER), files.filter(~pl.col("input_file").is_in(later.to_list()))
    if later.len():
        get_run_logger().warning("%d files could not be read as discovered and wait for the next run: %s", later.len(), ", ".join(later.head(5)))
    stages.done("read-and-decode", files.height, raw.height, rejected)

    languages = concat(run_batches("detect-language", detect_language_task, batches(raw.select(LANGUAGE_INPUT), batching.articles)), LANGUAGE_SCHEMA)
    raw = raw.join(languages, on="article_id", how="left", maintain_order="left")
    stages.done("detect-language", raw.height, languages.height)
    return ReadChunk(files, raw, rejected)


def start_clean(raw: pl.DataFrame, chrome: Chrome, reference: ReferenceData, batching: Batching) -> Mapped:
    """Start cleaning one chunk's read articles; `transform_chunk` takes the result."""
    return start_batches("clean", clean_articles_task, batches(raw, batching.articles), chrome, reference.months, reference.sources)


def transform_chunk(
    read: ReadChunk, cleaning: Mapped, following: ReadChunk | None, chrome: Chrome, reference: ReferenceData, batching: Batching, stages: Stages
) -> tuple[dict[str, pl.DataFrame], Mapped | None]:
    """Sign and tag one chunk of articles being cleaned (`cleaning`), and read its events; with
    the cleaning of the `following` chunk, started once this chunk's stages are under way.

    Each stage gets the columns it reads, no more: a batch crosses to a worker process pickled.
    """
    cleaned = finish_batches(cleaning)
    articles = concat([c.kept for c in cleaned], ARTICLE_SCHEMA)
    emptied = concat([c.rejected for c in cleaned], REJECTED_SCHEMA)
    stages.done("clean", read.raw.height, articles.height, emptied)

    # The four stages read the cleaned articles and not each other: started together, the worker
    # processes go from one stage's parts to the next without waiting for the slowest part of
    # each, while this process hands over the next. Each stage is timed to its own end. The
    # next chunk's cleaning queues behind them, so the workers have it to do while this process
    # puts this chunk's results together and writes them.
    mapped = [
        start_batches("sign-minhash", sign_articles_task, batches(articles.select(SIGN_INPUT), batching.articles)),
        start_batches("tag-topics", tag_topics_task, batches(articles.select(TOPIC_INPUT), batching.articles), reference.lexicon),
        start_batches("tag-countries", tag_countries_task, batches(articles.select(COUNTRY_INPUT), batching.articles), reference.gazetteer, reference.sources),
        start_batches("read-events", read_events_task, batches(articles.select(EVENT_INPUT), batching.articles), reference.events, reference.sources),
    ]
    upcoming = start_clean(following.raw, chrome, reference, batching) if following else None
    signed = finish_batches(mapped[0])
    signatures, bands = concat([s for s, _ in signed], SIGNATURE_SCHEMA), concat([b for _, b in signed], BAND_SCHEMA)
    stages.done("sign-minhash", articles.height, signatures.height)
    tagged = finish_batches(mapped[1])
    topics, topic_terms = concat([t for t, _ in tagged], TOPIC_SCHEMA), concat([e for _, e in tagged], TOPIC_TERM_SCHEMA)
    stages.done("tag-topics", articles.height, topics.height)
    tagged = finish_batches(mapped[2])
    countries, country_terms = concat([c for c, _ in tagged], COUNTRY_SCHEMA), concat([e for _, e in tagged], COUNTRY_TERM_SCHEMA)
    stages.done("tag-countries", articles.height, countries.height)
    found = finish_batches(mapped[3])
    events, event_actors = concat([e for e, _ in found], EVENT_SCHEMA), concat([a for _, a in found], ACTOR_SCHEMA)
    stages.done("read-events", articles.height, events.height)
    outputs = {
        "files": read.files, "articles": articles, "rejected": concat([read.rejected, emptied], REJECTED_SCHEMA),
        "topics": topics, "topic_terms": topic_terms, "countries": countries, "country_terms": country_terms,
        "events": events, "event_actors": event_actors, "signatures": signatures, "bands": bands,
    }
    return outputs, upcoming


def learn_night_chrome(warehouse: Path, lines: pl.DataFrame, reference: ReferenceData, stages: Stages) -> tuple[Chrome, dict[str, pl.DataFrame]]:
    """Page chrome from the whole night's short lines and earlier nights' counts of the same sources."""
    earlier_lines, earlier_sources = read_earlier_chrome_task(warehouse, lines["source_key"])
    chrome_lines, chrome_sources = learn_chrome_task(lines, earlier_lines, earlier_sources)
    stages.done("learn-chrome", chrome_sources.height, int(chrome_lines["is_chrome"].sum()))
    return Chrome(reference.chrome_phrases, chrome_lines), {"chrome_lines": chrome_lines, "chrome_sources": chrome_sources}


def read_and_transform(
    chunks: list[pl.DataFrame], warehouse: Path, staging: Path, reference: ReferenceData, batching: Batching, stages: Stages
) -> pl.DataFrame:
    """Read, clean, sign and tag the night's chunks into `staging`; returns the files read."""
    logger = get_run_logger()
    # First read the whole night, a chunk at a time, so that the page chrome is learned from
    # all of it: which lines are cut must not depend on how files fall into chunks.
    reads, line_files = [], []
    for number, chunk in enumerate(chunks, start=1):
        logger.info("reading chunk %d/%d: %d files, %.1f MB", number, len(chunks), chunk.height, chunk["size_bytes"].sum() / 1e6)
        read = read_chunk(chunk, batching, stages)
        read.raw.write_parquet(staging / f"raw-{number:04d}.parquet")
        # To disk, not kept: a frame of short lines holds on to its whole chunk's text
        # buffers (Polars strings are views), 15 MB a chunk for lines a hundredth that size.
        line_files.append(staging / f"lines-{number:04d}.parquet")
        short_lines_task(read.raw).write_parquet(line_files[-1])
        reads.append((read.files, read.rejected))
        forget_task_results()
        stages.restart_clock()
    lines = pl.read_parquet(line_files)
    chrome, night_outputs = learn_night_chrome(warehouse, lines, reference, stages)
    write_night(staging, night_outputs)
    del lines

    def read_back(number: int) -> ReadChunk | None:
        if number >= len(reads):
            return None
        files, rejected = reads[number]
        return ReadChunk(files, pl.read_parquet(staging / f"raw-{number + 1:04d}.parquet"), rejected)

    read_files, current = [], read_back(0)
    # Each chunk's cleaning starts while the chunk before it is being tagged (`transform_chunk`).
    cleaning = start_clean(current.raw, chrome, reference, batching)
    for number in range(len(reads)):
        logger.info("transforming chunk %d/%d", number + 1, len(reads))
        following = read_back(number + 1)
        outputs, cleaning = transform_chunk(current, cleaning, following, chrome, reference, batching, stages)
        write_chunk(staging / f"chunk-{number + 1:04d}", outputs)
        (staging / f"raw-{number + 1:04d}.parquet").unlink()
        read_files.append(outputs["files"])
        current, outputs = following, None  # this chunk's text goes before the next one's results come
        forget_task_results()
        stages.restart_clock()
    return pl.concat(read_files)


# One thread per core: the stages are Python-bound, and more threads only fight over the GIL
# (20,000 articles: 46 s with two threads, 61 s with the default six).
@flow(name="nightly_ingest", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=os.cpu_count()))
def nightly_ingest(
    landing: Path = SAMPLE_LANDING,
    warehouse: Path = DEFAULT_WAREHOUSE,
    settle_seconds: float = 0.0,
    chunk_bytes: int = CHUNK_BYTES,
    processes: int | None = None,
) -> dict:
    """Ingest whatever is new in `landing` into the DuckDB file `warehouse`; returns the run summary.

    Files modified less than `settle_seconds` ago are taken as still being written and wait.
    `chunk_bytes` of landing files are read into memory at a time; the result does not depend on it.
    The per-document stages compute in `processes` worker processes (0: in the flow's own; by
    default one per core for a night of more than 8 MB); the result does not depend on it either.
    """
    logger = get_run_logger()
    landing, warehouse = Path(landing).resolve(), Path(warehouse).resolve()
    if not landing.is_dir():
        raise FileNotFoundError(f"landing folder {landing} does not exist")
    started, started_at = time.monotonic(), dt.datetime.now(dt.UTC).replace(tzinfo=None)
    run_id, stages = str(flow_run.id or "local"), Stages()
    with warehouse_lock(warehouse):
        # Extract and transform, one chunk of files at a time, each chunk handed off as Parquet
        files_seen = count_files(landing)
        found = discover_files_task(landing, read_ingested_files_task(warehouse), settle_seconds)
        # Files found as loaded are not read; the load records their size and time (on a night with new files).
        files, unchanged = found.filter(pl.col("status") != UNCHANGED), found.filter(pl.col("status") == UNCHANGED)
        stages.done("discover", files_seen, files.height)
        if files.is_empty():
            logger.info("nothing new in %s: the warehouse is unchanged", landing)
            return summarize_run(files_seen, files, stages=stages.as_list(), seconds=time.monotonic() - started).as_dict()
        staging = fresh_staging(warehouse, run_id)
        night_bytes = files["size_bytes"].sum()
        if processes is None:
            processes = (os.cpu_count() or 1) if night_bytes > WORKER_NIGHT_BYTES else 0
        where = f"{processes} worker processes" if processes else "this process"
        logger.info("%d files, %.1f MB: the per-document stages compute in %s", files.height, night_bytes / 1e6, where)
        # The load's copy of the published warehouse is made on a thread meanwhile.
        with published_copied(warehouse, staging):
            with worker_processes(processes, warm_up, SEEDS):
                stages.done("start-workers", processes, processes)
                # Stages that compute in worker processes need the reference here only by name (it is 90 MB).
                reference = ReferenceData.named(SEEDS) if processes else ReferenceData.load(SEEDS)
                # Timed apart: built here (a small night), it is not the reading's time.
                stages.done("load-reference", len(SEED_PARTS), len(SEED_PARTS))
                chunks = file_chunks(files, chunk_bytes)
                with heap_frozen_during_chunks():
                    files = read_and_transform(chunks, warehouse, staging, reference, Batching.for_processes(processes), stages)  # less the files left for the next run

            # Deduplicate the whole night, against earlier nights' band keys
            keys = scan_staged(staging, "articles").select("article_id", "content_hash").collect()
            signatures, bands = scan_staged(staging, "signatures").collect(), scan_staged(staging, "bands").collect()
            earlier = read_earlier_candidates_task(warehouse, keys["content_hash"], bands)
            clusters = assign_clusters_task(keys, signatures, earlier).select("article_id", "cluster_id", "is_duplicate")
            del signatures, bands
            stages.done("deduplicate", keys.height, keys.height - int(clusters["is_duplicate"].sum()))

        # Load, build the models, publish
        run_info = pl.DataFrame({"run_id": [run_id], "ingested_at": [started_at]})
        working, written = load_warehouse_task(warehouse, pl.concat([files, unchanged]), staging, clusters, run_info)
        stages.done("load", keys.height, written)
        model_rows = build_models(working)
        stages.done("build-models", len(model_rows), sum(model_rows.values()))
        counts = night_counts(staging, clusters)
        summary = summarize_run(files_seen, files, *counts, stages.as_list(), time.monotonic() - started)
        held = publish_warehouse_task(working, warehouse, run_record(run_id, str(flow_run.name or ""), started_at, landing, summary))
        remove_staging(warehouse)
        stages.done("publish", written, held)  # tonight's articles in, the warehouse's articles out
    summary = summarize_run(files_seen, files, *counts, stages.as_list(), time.monotonic() - started)
    publish_report_task(summary)
    logger.info("published %s: %d articles accepted, %d inputs rejected", warehouse, summary.articles_accepted, summary.inputs_rejected)
    return summary.as_dict()
