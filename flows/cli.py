"""The `khabar` command: `run` the nightly flow, query the warehouse with `sql`, see the last run with `status`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
from pathlib import Path

# Offline by design: Prefect must not try to phone home from a run or a test.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

import duckdb  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from rich.text import Text  # noqa: E402

DEFAULT_WAREHOUSE = Path("warehouse") / "khabar.duckdb"
READ_STATEMENTS = {"SELECT", "EXPLAIN", "PRAGMA"}
OPEN_ATTEMPTS = 10



class PipedConsole(Console):
    """A console whose reader may go away (`khabar sql ... | head`): that ends the output, not in failure."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's flush at exit must not fail again
        raise BrokenPipeError


console = PipedConsole()
# One-line errors stay one line when stderr is a file or a pipe.
errors = Console(stderr=True, soft_wrap=True)
# DuckDB itself keeps `khabar sql` a reader: the file opens read-only, file and network access are
# off (no COPY, no read_text('/etc/...'), no extension download) and no setting can be changed back.
LOCKED_DOWN = {"enable_external_access": False, "lock_configuration": True}


class CommandError(Exception):
    """A failure the user can act on, printed as one line."""


def open_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection, waiting while another process holds the file for writing."""
    if not warehouse.exists():
        raise CommandError(f"there is no warehouse at {warehouse}: run `khabar run` first, or pass --warehouse FILE")
    for attempt in range(OPEN_ATTEMPTS):
        try:
            return duckdb.connect(str(warehouse), read_only=True, config=LOCKED_DOWN)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or attempt == OPEN_ATTEMPTS - 1:
                raise CommandError(f"cannot open {warehouse}: {str(error).splitlines()[0]}") from None
            errors.print(f"[yellow]{warehouse} is held by another writer; retrying ({attempt + 1}/{OPEN_ATTEMPTS})[/]")
            time.sleep(min(0.2 * 2**attempt, 5))
    raise AssertionError("unreachable")


def print_frame(columns: list[str], rows: list[tuple], max_width: int, output: str) -> None:
    if output == "json":
        console.print_json(json.dumps([dict(zip(columns, row)) for row in rows], default=str, ensure_ascii=False))
        return
    if output == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return
    # Cells are Text, not markup: data such as "[/]" or "[video]" prints as written.
    table = Table(show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(Text(column))
    for row in rows:
        table.add_row(*(Text("NULL" if v is None else _clip(str(v), max_width)) for v in row))
    console.print(table)
    console.print(f"[dim]{len(rows)} row{'s' if len(rows) != 1 else ''}[/]")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def command_sql(args: argparse.Namespace) -> None:
    with open_read_only(Path(args.warehouse)) as con:
        try:
            statements = con.extract_statements(args.query)
        except duckdb.Error as error:
            raise CommandError(f"SQL error: {str(error).splitlines()[0]}") from None
        if not statements:
            raise CommandError("nothing to run: give a query, e.g. khabar sql \"select count(*) from articles\"")
        for statement in statements:
            kind = statement.type.name
            if kind not in READ_STATEMENTS:
                raise CommandError(f"only reads: a {kind} statement is refused (the warehouse changes only through `khabar run`)")
        try:
            result = con.execute(args.query)
            columns = [d[0] for d in result.description or []]
            rows = result.fetchall() if columns else []
        except (duckdb.PermissionException, duckdb.InvalidInputException) as error:
            if "disabled" in str(error) or "configuration" in str(error):
                raise CommandError("only reads the warehouse: files, the network, extensions and settings are out of its reach") from None
            raise CommandError(f"SQL error: {str(error).splitlines()[0]}") from None
        except duckdb.Error as error:
            raise CommandError(f"SQL error: {str(error).splitlines()[0]}") from None
    print_frame(columns, rows, args.max_width, args.format)


def command_status(args: argparse.Namespace) -> None:
    with open_read_only(Path(args.warehouse)) as con:
        tables = {name for (name,) in con.execute("select table_name from duckdb_tables()").fetchall()}
        if not {"pipeline_runs", "articles", "rejected_inputs"} <= tables:
            raise CommandError(f"{args.warehouse} is not a Khabar warehouse (it has no pipeline_runs table): run `khabar run` to make one")
        result = con.execute("select * from pipeline_runs order by finished_at desc limit 1")
        columns = [d[0] for d in result.description]
        last = next(iter(result.fetchall()), None)
        totals = con.execute(
            "select (select count(*) from articles), (select count(*) filter (where is_canonical) from articles), (select count(*) from rejected_inputs)"
        ).fetchall()[0]
    if last is None:
        raise CommandError("the warehouse has no recorded run yet")
    run = dict(zip(columns, last))
    table = Table("", "", show_header=False)
    for key in ("finished_at", "run_id", "flow_run_name", "landing", "files_new", "articles_accepted", "inputs_rejected", "duplicates", "seconds"):
        table.add_row(key, str(run[key]))
    table.add_row("articles in warehouse", f"{totals[0]} ({totals[1]} canonical)")
    table.add_row("rejected inputs in warehouse", str(totals[2]))
    console.print("[bold]Last run that loaded data[/]")
    console.print(table)


class WithoutTraceback(logging.Formatter):
    """Prefect's console format minus tracebacks; the Prefect UI still receives them in full."""

    def __init__(self, inner: logging.Formatter):
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return self.inner.format(record)


def quiet_tracebacks() -> None:
    from prefect.logging.configuration import setup_logging
    from prefect.logging.handlers import PrefectConsoleHandler

    setup_logging()
    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler) and handler.formatter is not None:
            handler.setFormatter(WithoutTraceback(handler.formatter))


def command_run(args: argparse.Namespace) -> None:
    from khabar.flows.temporary_server import configured_api_url, temporary_server

    # SIGTERM (a service manager, `kill`) ends the run like Ctrl-C: through the code that cleans up.
    signal.signal(signal.SIGTERM, lambda signum, frame: (_ for _ in ()).throw(SystemExit(128 + signum)))
    if configured_api_url() is not None:
        run_nightly(args)
        return
    # Set before Prefect is imported: it reads its settings once.
    with temporary_server() as api_url:
        os.environ["PREFECT_API_URL"] = api_url
        errors.print(f"[dim]no Prefect server configured: a temporary one at {api_url} serves this run[/]")
        try:
            run_nightly(args)
        finally:
            flush_prefect_logs()  # while the server still listens


def flush_prefect_logs() -> None:
    if "prefect" in sys.modules:
        from prefect.logging.handlers import APILogHandler

        APILogHandler().flush()


def run_nightly(args: argparse.Namespace) -> None:
    from khabar.flows.nightly import SAMPLE_LANDING, nightly_ingest

    if not args.traceback:
        quiet_tracebacks()

    landing = Path(args.landing) if args.landing else SAMPLE_LANDING
    flow = nightly_ingest.with_options(task_runner=task_runner(args.runner, args.workers, args.dask_address))
    # Prefect's process and Dask runners already compute each batch in another process.
    processes = args.processes if args.runner == "threads" else 0
    try:
        summary = flow(landing=landing, warehouse=Path(args.warehouse), settle_seconds=args.settle_seconds, chunk_bytes=int(args.chunk_mb * 1e6), processes=processes)
    except Exception as error:  # the traceback is in the Prefect logs; the terminal gets one line
        raise CommandError(f"the run failed: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}") from None
    print_summary(summary, Path(args.warehouse))


def task_runner(kind: str, workers: int | None, dask_address: str | None):
    """Where the per-document batches run: threads, local processes, or a Dask cluster."""
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=workers or os.cpu_count())
    if kind == "processes":
        return ProcessPoolTaskRunner(max_workers=workers or os.cpu_count())
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers or os.cpu_count(), "threads_per_worker": 1, "processes": True})


def print_summary(summary: dict, warehouse: Path) -> None:
    from khabar.tasks.report import bar_chart

    console.print(
        f"[bold]Khabar run[/] {summary['files_seen']} files seen, {summary['files_new']} new, {summary['files_changed']} changed; "
        f"[green]{summary['articles_accepted']} articles accepted[/], [red]{summary['inputs_rejected']} inputs rejected[/], "
        f"{summary['duplicates']} duplicates, {summary['seconds']} s"
    )
    if summary["per_language"]:
        console.print("[bold]per language[/]\n" + bar_chart(summary["per_language"]))
    if summary["rejected_by_reason"]:
        console.print("[bold]rejected by reason[/]\n" + bar_chart(summary["rejected_by_reason"]))
    stages = ", ".join(f"{s['stage']} {s['seconds']:.2f}s" for s in summary["stages"])
    console.print(f"[dim]stages: {stages}[/]")
    console.print(f"warehouse: {warehouse}")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="khabar", description="Nightly ETL of regional security and diplomacy news into DuckDB.")
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="ingest what is new in the landing folder (one nightly run)")
    run.add_argument("--landing", help="landing folder to scan (default: the bundled sample)")
    run.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file (default: %(default)s)")
    run.add_argument("--settle-seconds", type=float, default=0.0, help="leave files modified less than this many seconds ago for the next run")
    run.add_argument("--chunk-mb", type=float, default=16.0, help="MB of landing files held in memory at a time (default: %(default)s); the result does not depend on it")
    run.add_argument("--runner", choices=["threads", "processes", "dask"], default=os.environ.get("KHABAR_RUNNER", "threads"), help="where per-document batches run (default: %(default)s, or $KHABAR_RUNNER)")
    run.add_argument("--workers", type=int, help="threads or processes of the task runner (default: one per core)")
    run.add_argument("--processes", type=int, help="worker processes for the per-document stages with the threads runner (default: one per core for a night of more than 8 MB; 0: none)")
    run.add_argument("--dask-address", default=os.environ.get("KHABAR_DASK_ADDRESS"), help="scheduler of an existing Dask cluster (with --runner dask)")
    run.add_argument("--traceback", action="store_true", help="print full tracebacks of failures on the terminal too")
    run.set_defaults(handler=command_run)
    sql = commands.add_parser("sql", help="run a read-only query and print the result")
    sql.add_argument("query")
    sql.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file (default: %(default)s)")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql.add_argument("--max-width", type=int, default=80, help="clip table cells to this many characters")
    sql.set_defaults(handler=command_sql)
    status = commands.add_parser("status", help="the last run's time, outcome and counts, from the warehouse")
    status.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file (default: %(default)s)")
    status.set_defaults(handler=command_status)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.handler(args)
    except CommandError as error:
        errors.print(f"[red]khabar {args.command}:[/] {error}", highlight=False)
        return 1
    except KeyboardInterrupt:
        errors.print(f"khabar {args.command}: interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`khabar sql ... | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (duckdb.Error, OSError) as error:
        # Anything else still fails in one line; `run --traceback` prints the whole story.
        if getattr(args, "traceback", False):
            raise
        errors.print(f"[red]khabar {args.command}:[/] {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}", highlight=False)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
