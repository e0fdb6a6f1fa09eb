"""Every seed loads as the nightly flow loads it: one CSV dialect a file, every line a row."""

from pathlib import Path

import duckdb
import pytest

SEEDS = Path(__file__).resolve().parents[2] / "sql" / "seeds"


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.csv")), ids=lambda path: path.name)
def test_each_seed_loads_whole_as_duckdb_reads_it(path):
    raw = path.read_bytes()
    # A row added with other line endings than the file's makes DuckDB's sniffing fail the night.
    assert raw.count(b"\r\n") in (0, raw.count(b"\n")), f"{path.name} mixes CRLF and LF line endings"
    with duckdb.connect() as con:
        rows = con.execute("select count(*) from read_csv(?, header = true)", [str(path)]).fetchall()[0][0]
    assert rows == len(raw.splitlines()) - 1
