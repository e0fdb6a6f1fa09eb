"""Where the per-document stages compute: in the flow's own process, or in the night's worker processes.

The stages are Python over strings between Polars expressions: the flow's task threads take
turns on one interpreter lock, and a night in the flow's process alone keeps about 1.3 cores
busy however many it has. Prefect's process runner starts a task run in another process per
batch, at about 0.2 s a batch, more than a batch of most stages costs. So a large night opens a
pool of plain worker processes once (`worker_processes`), and each stage's thin task, one Prefect
task run in the flow's threads, cuts its frame into parts, hands them to the workers and puts
their results back together (`in_workers`): handing over and taking back cost a few hundredths of a second a part.
Reference data crosses as the seeds folder's name (see `khabar.tasks.stage.SeedBacked`): each
worker builds its own copy once, while the pool starts.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import fields, is_dataclass

import polars as pl

from khabar.tasks.stage import concat

_pool: ProcessPoolExecutor | None = None
# Parts a frame is cut into for each worker: more than one, so that a slow part leaves the others
# something to do, and small, for what a worker holds while it computes one (cleaning a part of
# 1,250 articles instead of 2,500: 185 MB a worker instead of 220 at 100,000 articles); pickling
# a part and its result costs a few hundredths of a second. A stage with a cost per call (the
# event reader's Polars filters build their automatons anew, about 60 ms a call) takes fewer.
PARTS_PER_WORKER = 4
_workers = 0
# The modules of the stages `in_workers` wraps: imported once by the fork server, before it forks
# each worker, rather than by every worker (0.3 s; they import no Prefect).
_stage_modules: set[str] = set()


@contextlib.contextmanager
def worker_processes(count: int, warm_up: Callable[..., object] = int, *args) -> Iterator[None]:
    """Run the stages wrapped by `in_workers` in `count` processes until the block ends (0: in this process).

    Each worker runs `warm_up(*args)` as it starts (a module-level function: builds what its
    stages will need), while this process goes on.
    """
    global _pool, _workers
    if count < 1:
        yield
        return
    # Forked from a fork server, not from this process: this process runs Prefect's threads, whose
    # locks a fork would copy held. The server is started once, by the first pool of the process.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(sorted(_stage_modules))
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=warm_up, initargs=args)
    try:
        for _ in range(count):  # a pool starts a process for each job it has no idle process for
            pool.submit(int)
        _pool, _workers = pool, count
        yield
    finally:
        _pool, _workers = None, 0
        pool.shutdown(wait=True, cancel_futures=True)


def in_workers(stage: Callable, parts_per_worker: int = PARTS_PER_WORKER) -> Callable:
    """`stage`, computed in the worker processes while a pool is open, here otherwise.

    `stage` must be a module-level function (it crosses to a worker by name) whose first argument
    is a frame of rows it treats one by one, so that cut into parts it gives the same rows; its
    result a frame, a tuple of frames or a dataclass of frames (`Split`), put back together in order.
    """
    _stage_modules.add(stage.__module__)

    @functools.wraps(stage)
    def compute(frame: pl.DataFrame, *args, **kwargs):
        pool, parts = _pool, _workers * parts_per_worker
        if pool is None or frame.height < 2:
            return stage(frame, *args, **kwargs)
        size = -(-frame.height // parts)
        futures = [pool.submit(stage, frame.slice(start, size), *args, **kwargs) for start in range(0, frame.height, size)]
        try:
            return combined([future.result() for future in futures])
        except BrokenProcessPool:
            for future in futures:
                future.cancel()
            raise BrokenProcessPool(
                f"a worker process died in {stage.__name__} (killed, out of memory, or a script that starts a night outside "
                "`if __name__ == '__main__':`); with no worker processes (`khabar run --processes 0`) the night computes in one"
            ) from None

    return compute


def combined(results: list):
    """The results of a stage's parts as one: frames concatenated in order, tuple by tuple, field by field."""
    first = results[0]
    if isinstance(first, pl.DataFrame):
        return concat(results)
    if is_dataclass(first):
        return type(first)(**{field.name: combined([getattr(result, field.name) for result in results]) for field in fields(first)})
    if isinstance(first, tuple):
        return tuple(combined(list(parts)) for parts in zip(*results))
    raise TypeError(f"cannot put {type(first).__name__} results back together")
