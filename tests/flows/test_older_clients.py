"""Analysts' DuckDB 1.x clients open the warehouse a night writes (DuckDB 2 writes it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from khabar.tasks.load import COMPATIBLE_STORAGE_VERSION, storage_version

ROOT = Path(__file__).resolve().parents[2]


def duckdb_1x_cli(warehouse: Path, sql: str) -> subprocess.CompletedProcess:
    cli = shutil.which("duckdb", path=str(Path(sys.executable).parent))
    assert cli is not None, "the test extra installs duckdb-cli 1.x"
    version = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout
    assert version.startswith("v1."), version
    return subprocess.run([cli, "-readonly", "-csv", str(warehouse), "-c", sql], capture_output=True, text=True, timeout=60)


def test_a_new_warehouse_opens_in_the_1x_cli(tmp_path, khabar):
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "samples" / "landing" / "seeds", landing / "seeds")
    warehouse = tmp_path / "w" / "khabar.duckdb"
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    assert storage_version(warehouse) == COMPATIBLE_STORAGE_VERSION
    result = duckdb_1x_cli(warehouse, "select count(*) as pairs from country_pairs where country_a = 'IR' and country_b = 'PK'")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "pairs" and int(result.stdout.splitlines()[1]) >= 1


def test_a_warehouse_in_the_newer_format_is_moved_once_and_loses_nothing(tmp_path, khabar):
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "samples" / "landing" / "seeds", landing / "seeds")
    warehouse = tmp_path / "w" / "khabar.duckdb"
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    # The same warehouse as DuckDB 2 writes it by default, as earlier Khabar versions left it.
    newer = tmp_path / "newer.duckdb"
    with duckdb.connect() as con:
        con.execute("attach ? as old (read_only)", [str(warehouse)])
        con.execute("attach ? as new", [str(newer)])
        con.execute("copy from database old to new")
    assert storage_version(newer) != COMPATIBLE_STORAGE_VERSION
    shutil.move(newer, warehouse)
    before = duckdb.connect(str(warehouse), read_only=True).execute("select count(*) from articles").fetchone()[0]
    shutil.copy(ROOT / "samples" / "landing" / "feeds" / "news-sample.jsonl", landing / "feed.jsonl")
    assert khabar("run", "--landing", str(landing), "--warehouse", str(warehouse)).returncode == 0
    assert storage_version(warehouse) == COMPATIBLE_STORAGE_VERSION
    result = duckdb_1x_cli(warehouse, "select count(*) as n from articles where input_file like 'seeds/%'")
    assert result.returncode == 0 and int(result.stdout.splitlines()[1]) == before
