"""`khabar sql` and `khabar status` as an analyst (or a curious one) uses them, on a real warehouse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, khabar) -> Path:
    landing = tmp_path_factory.mktemp("cli-landing")
    shutil.copytree(ROOT / "samples" / "landing" / "seeds", landing / "seeds")
    path = tmp_path_factory.mktemp("cli-warehouse") / "khabar.duckdb"
    result = khabar("run", "--landing", str(landing), "--warehouse", str(path))
    assert result.returncode == 0, result.stderr[-2000:]
    return path


@pytest.mark.parametrize(
    "query",
    [
        "explain analyze copy (select 1) to '{out}'",
        "copy (select * from articles) to '{out}'",
        "select * from read_text('/etc/passwd')",
        "explain analyze install httpfs",
        "set threads = 1",
        "attach '{out}' as other",
    ],
)
def test_nothing_but_reading_gets_through(warehouse, khabar, tmp_path, query):
    out = tmp_path / "leak.csv"
    result = khabar("sql", query.format(out=out), "--warehouse", str(warehouse))
    assert result.returncode == 1 and not out.exists()
    assert result.stderr.strip().startswith("khabar sql:") and len(result.stderr.strip().splitlines()) == 1
    assert "root:" not in result.stdout


def test_data_that_looks_like_markup_prints_as_written(warehouse, khabar):
    result = khabar("sql", "select '[/]' as a, '[video] [bold]x' as b", "--warehouse", str(warehouse))
    assert result.returncode == 0 and "[/]" in result.stdout and "[video] [bold]x" in result.stdout


def test_an_empty_query_and_a_foreign_file_fail_in_one_line(warehouse, khabar, tmp_path):
    empty = khabar("sql", "", "--warehouse", str(warehouse))
    assert empty.returncode == 1 and len(empty.stderr.strip().splitlines()) == 1 and "Traceback" not in empty.stderr
    foreign = tmp_path / "other.duckdb"
    duckdb.connect(str(foreign)).close()
    status = khabar("status", "--warehouse", str(foreign))
    assert status.returncode == 1 and "not a Khabar warehouse" in status.stderr and "Traceback" not in status.stderr
    assert len(status.stderr.strip().splitlines()) == 1  # not wrapped at 80 columns in a pipe


def test_a_reader_that_goes_away_is_not_an_error(warehouse):
    command = shutil.which("khabar", path=str(Path(sys.executable).parent)) or "khabar"
    with subprocess.Popen([command, "sql", "select * from articles", "--warehouse", str(warehouse), "--format", "csv"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ) as process:
        process.stdout.readline()
        process.stdout.close()  # like `| head -1`
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0 and "Traceback" not in stderr
