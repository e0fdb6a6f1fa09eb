"""The nightly DAG: landing folder in, DuckDB warehouse out. Reads top-down, one line per stage."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, unmapped
from prefect.futures import as_completed
from prefect.runtime import flow_run

from flows.models import build_models
from tasks.clean import Chrome, MonthNames, clean_articles_task, learn_repeated_lines_task
from tasks.countries import COUNTRY_SCHEMA, Gazetteer, tag_countries_task
from tasks.dedupe import BAND_SCHEMA, SIGNATURE_SCHEMA, assign_clusters_task, hash_contents_task, sign_articles_task
from tasks.discover import count_files, discover_files_task
from tasks.extract import read_inputs_task
from tasks.language import LANGUAGE_SCHEMA, detect_language_task
from tasks.load import (
    ARTICLE_SCHEMA,
    SQL_DIR,
    load_warehouse_task,
    publish_warehouse_task,
    read_earlier_candidates_task,
    read_ingested_files_task,
    warehouse_lock,
)
from tasks.report import publish_report_task, run_record, summarize_run
from tasks.stage import REJECTED_SCHEMA, StageCount, Split
from tasks.topics import TOPIC_SCHEMA, Lexicon, tag_topics_task

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_LANDING = PROJECT_DIR / "samples" / "landing"
DEFAULT_WAREHOUSE = Path("warehouse") / "khabar.duckdb"
FILES_PER_BATCH = 50
ARTICLES_PER_BATCH = 250


def batches(frame: pl.DataFrame, size: int) -> list[pl.DataFrame]:
    return [frame.slice(start, size) for start in range(0, frame.height, size)]


def run_batches(stage: str, task, frames: list[pl.DataFrame], *shared) -> list:
    """Map `task` over batches, logging each finished batch with its count and rate."""
    logger = get_run_logger()
    started = time.monotonic()
    futures = task.map(frames, *(unmapped(value) for value in shared))
    position = {id(future): i for i, future in enumerate(futures)}
    done_rows = 0
    for finished, future in enumerate(as_completed(futures), start=1):
        future.result()  # a failed batch fails the run here, with its own traceback in the UI
        done_rows += frames[position[id(future)]].height
        rate = done_rows / max(time.monotonic() - started, 1e-6)
        logger.info("%s: batch %d/%d done, %d rows, %.0f rows/s", stage, finished, len(frames), done_rows, rate)
    return [future.result() for future in futures]


def concat(frames: list[pl.DataFrame], schema: dict | None = None) -> pl.DataFrame:
    frames = [frame for frame in frames if frame.height] or frames
    return pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=schema or {})


class Stages:
    """Wall time and row counts of each stage, for the run summary."""

    def __init__(self):
        self.counts: list[StageCount] = []
        self._started = time.monotonic()

    def done(self, stage: str, rows_in: int, rows_out: int, rejected: pl.DataFrame | None = None) -> None:
        now = time.monotonic()
        by_reason = {} if rejected is None or rejected.is_empty() else dict(rejected.group_by("reason_kind").len().iter_rows())
        self.counts.append(StageCount(stage, rows_in, rows_out, round(now - self._started, 3), by_reason))
        get_run_logger().info("%s: %d in, %d out, %.2f s", stage, rows_in, rows_out, now - self._started)
        self._started = now


@flow(name="nightly_ingest", log_prints=True)
def nightly_ingest(landing: Path = SAMPLE_LANDING, warehouse: Path = DEFAULT_WAREHOUSE, settle_seconds: float = 0.0) -> dict:
    """Ingest whatever is new in `landing` into the DuckDB file `warehouse`; returns the run summary.

    Files modified less than `settle_seconds` ago are taken as still being written and wait.
    """
    logger = get_run_logger()
    landing, warehouse = Path(landing).resolve(), Path(warehouse).resolve()
    if not landing.is_dir():
        raise FileNotFoundError(f"landing folder {landing} does not exist")
    started, started_at = time.monotonic(), dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stages = Stages()
    with warehouse_lock(warehouse):
        # Extract
        files_seen = count_files(landing)
        files = discover_files_task(landing, read_ingested_files_task(warehouse), settle_seconds)
        stages.done("discover", files_seen, files.height)
        if files.is_empty():
            logger.info("nothing new in %s: the warehouse is unchanged", landing)
            return summarize_run(files_seen, files, stages=stages.counts, seconds=time.monotonic() - started).as_dict()
        reads: list[Split] = run_batches("read-and-decode", read_inputs_task, batches(files, FILES_PER_BATCH))
        raw, rejected = concat([r.kept for r in reads]), concat([r.rejected for r in reads], REJECTED_SCHEMA)
        stages.done("read-and-decode", files.height, raw.height, rejected)

        # Transform
        seeds = SQL_DIR / "seeds"
        languages = concat(run_batches("detect-language", detect_language_task, batches(raw, ARTICLES_PER_BATCH)), LANGUAGE_SCHEMA)
        detected = batches(raw.join(languages, on="article_id", how="left", maintain_order="left"), ARTICLES_PER_BATCH)
        stages.done("detect-language", raw.height, languages.height)
        learned = learn_repeated_lines_task(raw)
        chrome, months = Chrome(pl.read_csv(seeds / "chrome_phrases.csv"), learned), MonthNames.from_csv(seeds / "calendar_months.csv")
        cleaned: list[Split] = run_batches("clean", clean_articles_task, detected, chrome, months)
        articles = concat([c.kept for c in cleaned], ARTICLE_SCHEMA)
        emptied = concat([c.rejected for c in cleaned], REJECTED_SCHEMA)
        rejected = concat([rejected, emptied], REJECTED_SCHEMA)
        stages.done("clean", raw.height, articles.height, emptied)
        articles = hash_contents_task(articles)
        signed = run_batches("sign-minhash", sign_articles_task, batches(articles, ARTICLES_PER_BATCH))
        signatures = concat([s for s, _ in signed], SIGNATURE_SCHEMA)
        bands = concat([b for _, b in signed], BAND_SCHEMA)
        earlier = read_earlier_candidates_task(warehouse, articles["content_hash"], bands)
        articles = assign_clusters_task(articles, signatures, earlier)
        stages.done("deduplicate", articles.height, articles.height - int(articles["is_duplicate"].sum()))
        lexicon = Lexicon(pl.read_csv(seeds / "topic_lexicon.csv"))
        topics = concat(run_batches("tag-topics", tag_topics_task, batches(articles, ARTICLES_PER_BATCH), lexicon), TOPIC_SCHEMA)
        stages.done("tag-topics", articles.height, topics.height)
        gazetteer = Gazetteer(pl.read_csv(seeds / "country_gazetteer.csv"))
        countries = concat(run_batches("tag-countries", tag_countries_task, batches(articles, ARTICLES_PER_BATCH), gazetteer), COUNTRY_SCHEMA)
        stages.done("tag-countries", articles.height, countries.height)

        # Load
        run_id = str(flow_run.id or "local")
        run_info = pl.DataFrame({"run_id": [run_id], "ingested_at": [started_at]})
        working = load_warehouse_task(warehouse, files, articles, rejected, topics, countries, signatures, bands, learned, run_info)
        stages.done("load", articles.height + rejected.height, articles.height + rejected.height)
        model_rows = build_models(working)
        stages.done("build-models", len(model_rows), sum(model_rows.values()))
        summary = summarize_run(files_seen, files, articles, rejected, topics, stages.counts, time.monotonic() - started)
        publish_warehouse_task(working, warehouse, run_record(run_id, str(flow_run.name or ""), started_at, landing, summary))
        stages.done("publish", 1, 1)
    summary = summarize_run(files_seen, files, articles, rejected, topics, stages.counts, time.monotonic() - started)
    publish_report_task(summary)
    logger.info("published %s: %d articles accepted, %d inputs rejected", warehouse, summary.articles_accepted, summary.inputs_rejected)
    return summary.as_dict()
