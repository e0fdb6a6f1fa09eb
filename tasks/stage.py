"""What every stage shares: the rows it rejected, its counts, and how its reference data crosses to a worker."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

# The SQL models, load scripts and seeds, installed as package data beside the stage modules.
SQL_DIR = Path(__file__).resolve().parent.parent / "sql"

# The shape of a rejection before it reaches the `rejected_inputs` table.
REJECTED_SCHEMA = {"input_file": pl.String, "input_line": pl.Int64, "reason_kind": pl.String, "reason": pl.String}


def no_rejections() -> pl.DataFrame:
    return pl.DataFrame(schema=REJECTED_SCHEMA)


def rejection(input_file: str, input_line: int | None, kind: str, reason: str) -> dict:
    """`kind` is a short code to count by (`invalid_json`); `reason` the sentence a person reads."""
    return {"input_file": input_file, "input_line": input_line, "reason_kind": kind, "reason": reason}


def concat(frames: list[pl.DataFrame], schema: dict | None = None) -> pl.DataFrame:
    """Frames one after the other; empty ones (whose columns may be typed Null) do not count."""
    frames = [frame for frame in frames if frame.height] or frames
    return pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=schema or {})


@dataclass(frozen=True)
class Split:
    """Rows a stage keeps and rows it refuses, each refusal with a sentence a person can act on."""

    kept: pl.DataFrame
    rejected: pl.DataFrame = field(default_factory=no_rejections)


@dataclass(frozen=True)
class StageCount:
    """Rows in and out of one stage, its wall time, and why rows were dropped."""

    stage: str
    rows_in: int
    rows_out: int
    seconds: float
    rejected_by_reason: dict[str, int] = field(default_factory=dict)


class SeedBacked:
    """Reference data loaded from a seeds folder (a lexicon, a gazetteer, ...).

    `khabar.tasks.reference` sets `seeds_part` on what it loads; such an object pickles as that
    name, and a worker process unpickles it into its own copy of the reference, built once.
    Built any other way (a test's frame), it pickles whole.
    """

    seeds_part: tuple | None = None

    def __reduce_ex__(self, protocol):
        if self.seeds_part is None:
            return super().__reduce_ex__(protocol)
        from khabar.tasks.reference import reference_part

        return reference_part, self.seeds_part
