"""What a run did, in numbers: the summary the CLI prints and the artifacts the Prefect UI shows."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from khabar.tasks.stage import StageCount
from khabar.tasks.staging import scan_staged

BAR_WIDTH = 30


@dataclass(frozen=True)
class RunSummary:
    files_seen: int
    files_new: int
    files_changed: int
    articles_accepted: int
    inputs_rejected: int
    duplicates: int
    seconds: float
    per_language: dict[str, int] = field(default_factory=dict)
    per_topic: dict[str, int] = field(default_factory=dict)
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    stages: list[StageCount] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _counts(frame: pl.DataFrame, column: str) -> dict[str, int]:
    if frame.is_empty():
        return {}
    counted = frame.group_by(column).len().sort(["len", column], descending=[True, False])
    return {str(key): int(n) for key, n in counted.iter_rows()}


def summarize_run(
    files_seen: int,
    files: pl.DataFrame,
    articles: pl.DataFrame | None = None,
    rejected: pl.DataFrame | None = None,
    topics: pl.DataFrame | None = None,
    stages: list[StageCount] | None = None,
    seconds: float = 0.0,
) -> RunSummary:
    """Counts in, accepted, rejected (by kind), duplicates, per language and per topic."""
    articles = articles if articles is not None else pl.DataFrame(schema={"language": pl.String, "is_duplicate": pl.Boolean})
    rejected = rejected if rejected is not None else pl.DataFrame(schema={"reason_kind": pl.String})
    topics = topics if topics is not None else pl.DataFrame(schema={"topic": pl.String})
    return RunSummary(
        files_seen=files_seen,
        files_new=int((files["status"] == "new").sum()),
        files_changed=int((files["status"] == "changed").sum()),
        articles_accepted=articles.height,
        inputs_rejected=rejected.height,
        duplicates=int(articles["is_duplicate"].sum()),
        seconds=round(seconds, 2),
        per_language=_counts(articles, "language"),
        per_topic=_counts(topics, "topic"),
        rejected_by_reason=_counts(rejected, "reason_kind"),
        stages=stages or [],
    )


def run_record(run_id: str, run_name: str, started_at: dt.datetime, landing: Path, summary: RunSummary) -> pl.DataFrame:
    """The `pipeline_runs` row of a run that loaded something."""
    return pl.DataFrame(
        {
            "run_id": [run_id],
            "flow_run_name": [run_name],
            "started_at": [started_at],
            "finished_at": [dt.datetime.now(dt.UTC).replace(tzinfo=None)],
            "landing": [str(landing)],
            "files_seen": [summary.files_seen],
            "files_new": [summary.files_new + summary.files_changed],
            "articles_accepted": [summary.articles_accepted],
            "inputs_rejected": [summary.inputs_rejected],
            "duplicates": [summary.duplicates],
            "seconds": [summary.seconds],
            "stage_seconds": [json.dumps({s.stage: s.seconds for s in summary.stages})],
        }
    )


def night_counts(staging: Path, clusters: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The few columns the summary counts, read back from the night's Parquet hand-off."""
    articles = scan_staged(staging, "articles").select("article_id", "language").collect()
    articles = articles.join(clusters.select("article_id", "is_duplicate"), on="article_id", how="left")
    rejected = scan_staged(staging, "rejected").select("reason_kind").collect()
    topics = scan_staged(staging, "topics").select("topic").collect()
    return articles, rejected, topics


def bar_chart(counts: dict[str, int]) -> str:
    """A plain-text bar chart that reads the same in a terminal and in the Prefect UI."""
    if not counts:
        return "(none)"
    top = max(counts.values())
    width = max(len(key) for key in counts)
    return "\n".join(f"{key:<{width}} {'█' * max(1, round(BAR_WIDTH * n / top))} {n}" for key, n in counts.items())


def render_markdown(summary: RunSummary) -> str:
    """The run at a glance; Markdown artifacts must not be indented."""
    lines = [
        "# Khabar nightly run",
        "",
        "| files seen | new | changed | accepted | rejected | duplicates | seconds |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {summary.files_seen} | {summary.files_new} | {summary.files_changed} | {summary.articles_accepted} "
        f"| {summary.inputs_rejected} | {summary.duplicates} | {summary.seconds} |",
        "",
        "## Articles per language",
        "```",
        bar_chart(summary.per_language),
        "```",
        "## Articles per topic",
        "```",
        bar_chart(summary.per_topic),
        "```",
        "## Rejected inputs by reason",
        "",
        "| reason | inputs |",
        "|---|---:|",
        *[f"| {kind} | {n} |" for kind, n in summary.rejected_by_reason.items()],
        "",
        "## Stages",
        "",
        "| stage | rows in | rows out | seconds |",
        "|---|---:|---:|---:|",
        *[f"| {s.stage} | {s.rows_in} | {s.rows_out} | {s.seconds:.2f} |" for s in summary.stages],
    ]
    return "\n".join(lines)


def publish_report(summary: RunSummary) -> None:
    """Table and Markdown artifacts under stable keys, so the UI keeps one history per key."""
    create_table_artifact(
        key="khabar-run-summary",
        table=[{"stage": s.stage, "rows_in": s.rows_in, "rows_out": s.rows_out, "seconds": round(s.seconds, 2)} for s in summary.stages],
        description=f"{summary.articles_accepted} articles accepted, {summary.inputs_rejected} inputs rejected",
    )
    create_markdown_artifact(key="khabar-run-report", markdown=render_markdown(summary), description="Counts per language, topic and rejection reason")
