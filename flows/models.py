"""Build the SQL models in `sql/` inside DuckDB, in the order their own SQL implies, then test them.

Seeds (`sql/seeds/*.csv`) load as tables of the same name; staging models (`sql/staging/`) are
views over the loaded tables; marts (`sql/marts/`) are tables. Each model is a Prefect task named
after its table, run in the nightly flow. Data tests (`sql/tests/*.sql`) return offending rows: zero rows is a pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import duckdb
import sqlglot
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from sqlglot.optimizer.scope import traverse_scope

from khabar.tasks.load import LOAD_MEMORY_LIMIT, SQL_DIR

MATERIALIZATION = {"staging": "view", "marts": "table"}


@dataclass(frozen=True)
class Model:
    name: str
    path: Path
    materialization: str


class DataTestFailure(RuntimeError):
    """A data test returned offending rows."""


def upstreams(sql: str) -> set[str]:
    """Tables a model reads, minus its own CTEs."""
    query = sqlglot.parse_one(sql, dialect="duckdb")
    return {table.name for scope in traverse_scope(query) for table in scope.tables if table.name not in scope.cte_sources}


def discover_models(sql_dir: Path = SQL_DIR) -> list[Model]:
    return [
        Model(path.stem, path, materialization)
        for folder, materialization in MATERIALIZATION.items()
        for path in sorted((sql_dir / folder).glob("*.sql"))
    ]


def build_order(models: list[Model]) -> list[Model]:
    """Models sorted so each comes after the models it reads; a cycle is named by its path."""
    by_name = {model.name: model for model in models}
    graph = {model.name: upstreams(model.path.read_text(encoding="utf-8")) & by_name.keys() for model in models}
    try:
        return [by_name[name] for name in TopologicalSorter(graph).static_order()]
    except CycleError as error:
        raise RuntimeError(f"the SQL models read each other in a cycle: {' -> '.join(error.args[1])}") from None


# The models' one connection to the warehouse, which their tasks share (`shared_connection`):
# opening the file anew for each of 15 models cost about 1 s at 100,000 articles (1.2 GB).
_shared: dict[Path, duckdb.DuckDBPyConnection] = {}


@contextmanager
def shared_connection(database: Path) -> Iterator[None]:
    """Within the block, every model task on `database` in this process uses one connection."""
    # The load's limit: DuckDB would otherwise take 80% of the machine's memory for a model.
    assert database not in _shared, f"{database} already has a shared connection"
    with duckdb.connect(str(database), config={"memory_limit": LOAD_MEMORY_LIMIT}) as con:
        _shared[database] = con
        try:
            yield
        finally:
            del _shared[database]


@contextmanager
def connection(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The shared connection to `database` when one is open, else a connection of its own."""
    if database in _shared:
        yield _shared[database]
        return
    with duckdb.connect(str(database), config={"memory_limit": LOAD_MEMORY_LIMIT}) as con:
        yield con


def load_seeds(database: Path, sql_dir: Path = SQL_DIR) -> list[str]:
    """Each `sql/seeds/*.csv` becomes (or replaces) the table of the same name."""
    seeds = sorted((sql_dir / "seeds").glob("*.csv"))
    with connection(database) as con:
        for path in seeds:
            con.execute(f'create or replace table "{path.stem}" as select * from read_csv(?, header = true)', [str(path)])
    return [path.stem for path in seeds]


def build_model(database: Path, model: Model) -> int:
    """Create or replace one model; returns its row count."""
    body = model.path.read_text(encoding="utf-8")
    with connection(database) as con:
        con.execute(f'create or replace {model.materialization} "{model.name}" as\n{body}')
        return con.execute(f'select count(*) from "{model.name}"').fetchall()[0][0]


def run_data_tests(database: Path, sql_dir: Path = SQL_DIR) -> dict[str, int]:
    """Offending-row count per data test; raises after running them all if any failed."""
    logger = get_run_logger()
    failures: dict[str, int] = {}
    results: dict[str, int] = {}
    with connection(database) as con:
        con.execute("begin transaction")  # a data test reads; whatever it might write is rolled back
        try:
            for path in sorted((sql_dir / "tests").glob("*.sql")):
                query = path.read_text(encoding="utf-8")
                offending = con.execute(f"select count(*) from ({query})").fetchall()[0][0]
                results[path.stem] = offending
                if offending:
                    failures[path.stem] = offending
                    logger.error("data test %s failed: %d offending rows", path.stem, offending)
        finally:
            con.execute("rollback")
    if failures:
        listed = ", ".join(f"{name} ({count} rows)" for name, count in failures.items())
        raise DataTestFailure(f"{len(failures)} data test(s) failed: {listed}")
    logger.info("%d data tests passed", len(results))
    return results


load_seeds_task = task(load_seeds, name="load-seeds", cache_policy=NO_CACHE)
build_model_task = task(build_model, cache_policy=NO_CACHE)
run_data_tests_task = task(run_data_tests, name="data-tests", cache_policy=NO_CACHE)


def build_models(database: Path) -> dict[str, int]:
    """Seeds, then every model in dependency order, then the data tests. Returns rows per model.

    Their tasks run in the calling flow: as a subflow of its own, ending it cost about 1 s a
    night (Prefect joins the subflow's heartbeat thread, which sleeps in whole seconds)."""
    logger = get_run_logger()
    database = Path(database)
    with shared_connection(database):  # the tasks are called, not submitted: they run in this thread
        load_seeds_task(database)
        rows = {}
        for model in build_order(discover_models()):
            rows[model.name] = build_model_task.with_options(name=f"model-{model.name}")(database, model)
            logger.info("built %s %s: %d rows", model.materialization, model.name, rows[model.name])
        run_data_tests_task(database)
    return rows
