"""How the nightly flow cuts work into batches, maps tasks over them, and times its stages."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl
from prefect import get_run_logger, unmapped
from prefect.context import FlowRunContext
from prefect.futures import as_completed

from khabar.tasks.stage import StageCount


@dataclass(frozen=True)
class Batching:
    """How many landing files, and how many articles, one task run of a stage takes."""

    files: int
    articles: int

    @classmethod
    def for_processes(cls, processes: int) -> Batching:
        # Worker processes: one task run a stage and chunk, which `in_workers` cuts across them
        # (each task run costs the flow and the Prefect server a few hundredths of a second).
        # Otherwise batches are what the task runner spreads over its threads, processes or
        # Dask workers.
        return cls(files=1 << 30, articles=1 << 30) if processes else cls(files=50, articles=1000)


def batches(frame: pl.DataFrame, size: int) -> list[pl.DataFrame]:
    return [frame.slice(start, size) for start in range(0, frame.height, size)]


def file_chunks(files: pl.DataFrame, max_bytes: int) -> list[pl.DataFrame]:
    """Consecutive groups of files of at most `max_bytes` of input each (a larger file goes alone).

    At most two chunks' articles are in memory at a time (one being tagged while the next is
    cleaned), so memory stays flat however big the night.
    """
    chunks, start, size = [], 0, 0
    sizes = files["size_bytes"].to_list()
    for end, file_size in enumerate(sizes):
        if end > start and size + file_size > max_bytes:
            chunks.append(files.slice(start, end - start))
            start, size = end, 0
        size += file_size
    if start < len(sizes):
        chunks.append(files.slice(start, len(sizes) - start))
    return chunks


@dataclass
class Mapped:
    """A stage's task mapped over its batches, still running."""

    stage: str
    frames: list[pl.DataFrame]
    futures: list
    started: float


def start_batches(stage: str, task, frames: list[pl.DataFrame], *shared) -> Mapped:
    """Map `task` over batches and return at once: stages that read the same input run together."""
    return Mapped(stage, frames, task.map(frames, *(unmapped(value) for value in shared)), time.monotonic())


def run_batches(stage: str, task, frames: list[pl.DataFrame], *shared) -> list:
    """Map `task` over batches, logging each finished batch with its count and rate."""
    return finish_batches(start_batches(stage, task, frames, *shared))


def finish_batches(mapped: Mapped) -> list:
    """Wait for a mapped stage, logging each finished batch with its count and rate."""
    logger = get_run_logger()
    stage, frames, futures, started = mapped.stage, mapped.frames, mapped.futures, mapped.started
    position = {id(future): i for i, future in enumerate(futures)}
    done_rows = 0
    for finished, future in enumerate(as_completed(futures), start=1):
        future.result()  # a failed batch fails the run here, with its own traceback in the UI
        done_rows += frames[position[id(future)]].height
        rate = done_rows / max(time.monotonic() - started, 1e-6)
        logger.info("%s: batch %d/%d done, %d rows, %.0f rows/s", stage, finished, len(frames), done_rows, rate)
    return [future.result() for future in futures]


def forget_task_results() -> None:
    """Let a finished chunk's frames go.

    Prefect keeps every task result reachable from the flow run's context (`run_results`) to
    draw lineage between tasks; a chunk's outputs are on disk by now, and keeping them would make
    memory grow with the night. Finished task runs also leave reference cycles that hold a
    chunk's buffers until Python's rare full collection: at 100,000 articles the process grew by
    about 25 MB a chunk and fell back only when one ran, so one runs here, once a chunk.
    """
    context = FlowRunContext.get()
    if context is not None:
        context.run_results.clear()
    gc.collect()


@contextlib.contextmanager
def heap_frozen_during_chunks() -> Iterator[None]:
    """Leave what the process holds when the night's chunks start out of the collections `forget_task_results` runs.

    A full collection walks every object the cycle collector tracks, and most of them are the
    imported modules, Prefect's client and settings, and (in one process) the reference: on a
    night of 20,000 articles in two worker processes, 1.25 s of the flow's CPU went to eight
    collections that found nothing there. Frozen, they are not walked; unfrozen when the chunks
    are done, so that a process that runs many nights (the tests, a served deployment) can
    still collect what an earlier night left. Python has one frozen set per process: two nights
    at once in one process would unfreeze each other's early, which costs time, not results.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Stages:
    """Wall time and row counts of each stage, summed over chunks, for the run summary."""

    def __init__(self):
        self.counts: dict[str, StageCount] = {}
        self._started = time.monotonic()

    def done(self, stage: str, rows_in: int, rows_out: int, rejected: pl.DataFrame | None = None) -> None:
        now = time.monotonic()
        seconds = now - self._started
        by_reason = {} if rejected is None or rejected.is_empty() else dict(rejected.group_by("reason_kind").len().iter_rows())
        before = self.counts.get(stage, StageCount(stage, 0, 0, 0.0, {}))
        merged = {k: before.rejected_by_reason.get(k, 0) + by_reason.get(k, 0) for k in before.rejected_by_reason.keys() | by_reason.keys()}
        self.counts[stage] = StageCount(stage, before.rows_in + rows_in, before.rows_out + rows_out, round(before.seconds + seconds, 3), merged)
        get_run_logger().info("%s: %d in, %d out, %.2f s", stage, rows_in, rows_out, seconds)
        self._started = now

    def restart_clock(self) -> None:
        self._started = time.monotonic()

    def as_list(self) -> list[StageCount]:
        return list(self.counts.values())
