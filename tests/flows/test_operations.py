"""Khabar as it is operated: deployed on a real Prefect server and worker, killed mid-run, and
queried by analysts while it writes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from khabar.bench.corpus import BUNDLED_FEED, CorpusSpec, build_corpus

PROJECT_DIR = Path(__file__).resolve().parents[2]
CONTENT_COLUMNS = {
    "articles": "article_id, input_file, input_line, title, text, language, published_date, content_hash, cluster_id, is_canonical",
    "rejected_inputs": "input_file, input_line, reason_kind, reason",
    "article_topics": "article_id, topic, score",
    "article_countries": "article_id, country, mentions",
    "ingested_files": "input_file, file_hash, articles, rejected",
    "topic_trends": "topic, language, articles",
    "country_pairs": "country_a, country_b, articles",
}


def tool(name: str) -> str:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def content(warehouse: Path) -> dict:
    """Every table's rows without the columns that name the run or its clock."""
    if not warehouse.exists():
        return {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {table: sorted(map(repr, con.execute(f"select {columns} from {table}").fetchall())) for table, columns in CONTENT_COLUMNS.items()}


def api(api_url: str, path: str, body: dict | None = None):
    request = urllib.request.Request(f"{api_url}{path}", data=json.dumps(body or {}).encode(), headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.mark.server
def test_scheduled_deployment_runs_on_a_worker(prefect_server, tmp_path):
    """Pool, `prefect deploy` from prefect.yaml, a worker, a run triggered now; rows and artifact checked."""
    landing = tmp_path / "landing"
    shutil.copytree(PROJECT_DIR / "samples" / "landing", landing)
    warehouse = tmp_path / "warehouse" / "khabar.duckdb"
    env = {**os.environ, "KHABAR_PROJECT_DIR": str(PROJECT_DIR), "KHABAR_LANDING": str(landing), "KHABAR_WAREHOUSE": str(warehouse)}

    def prefect(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
        result = subprocess.run([tool("prefect"), *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        return result

    started = time.monotonic()
    prefect("work-pool", "create", "khabar-local", "--type", "process", "--overwrite")
    prefect("--no-prompt", "deploy", "--all")
    # With worker processes, small as the sample is: the flow run is itself Prefect's child process.
    prefect("deployment", "run", "nightly_ingest/nightly", "--param", "processes=2")
    prefect("worker", "start", "--pool", "khabar-local", "--run-once", timeout=240)
    runs = api(prefect_server, "/flow_runs/filter", {"flow_runs": {"deployment_id": {"is_null_": False}}, "sort": "EXPECTED_START_TIME_DESC"})
    ran = [run for run in runs if run["state_type"] not in ("SCHEDULED",)]
    assert ran and ran[0]["state_type"] == "COMPLETED", [(r["name"], r["state_type"]) for r in runs]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchall()[0][0] == 46
        assert con.execute("select count(*) from rejected_inputs").fetchall()[0][0] == 1
    logs = api(prefect_server, "/logs/filter", {"logs": {"flow_run_id": {"any_": [ran[0]["id"]]}}, "limit": 200})
    assert any("the per-document stages compute in 2 worker processes" in line["message"] for line in logs)
    artifacts = api(prefect_server, "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [ran[0]["id"]]}}})
    report = next(a for a in artifacts if a["key"] == "khabar-run-report")
    # The sample feed carries the corpus's own syndicated pairs (Al Arabiya and Sky News) and one copy.
    assert "| 6 | 6 | 0 | 46 | 1 | 9 |" in report["data"]
    deployments = api(prefect_server, "/deployments/filter")
    nightly = next(d for d in deployments if d["name"] == "nightly")
    assert nightly["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
    print(f"\ndeployment end to end: {time.monotonic() - started:.1f} s")


@pytest.fixture(scope="module")
def nights(tmp_path_factory) -> tuple[Path, Path]:
    """Two nights of a few thousand recombined real articles; the second is written later."""
    root = tmp_path_factory.mktemp("nights")
    build_corpus(root / "night1", CorpusSpec(600, seed=1), source=BUNDLED_FEED)
    build_corpus(root / "night2", CorpusSpec(2400, seed=2, lines_per_file=600), source=BUNDLED_FEED)
    return root / "night1", root / "night2"


def start_run(landing: Path, warehouse: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [tool("khabar"), "run", "--landing", str(landing), "--warehouse", str(warehouse)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )


def finish(run: subprocess.Popen) -> str:
    output, _ = run.communicate(timeout=300)
    assert run.returncode == 0, output[-3000:]
    return output


def after_first_night(nights: tuple[Path, Path], folder: Path) -> tuple[Path, Path]:
    """A landing folder and warehouse that have run night 1; night 2's files are now landing."""
    landing, warehouse = folder / "landing", folder / "warehouse" / "khabar.duckdb"
    shutil.copytree(nights[0], landing / "night1")
    finish(start_run(landing, warehouse))
    return landing, warehouse


def test_a_run_killed_mid_load_leaves_the_warehouse_as_it_was(nights, tmp_path):
    landing, warehouse = after_first_night(nights, tmp_path / "crashed")
    before = content(warehouse)

    shutil.copytree(nights[1], landing / "night2")
    run = start_run(landing, warehouse)
    working = warehouse.with_name(warehouse.name + ".next")
    deadline = time.monotonic() + 240
    while not working.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it started writing"
    os.killpg(run.pid, signal.SIGKILL)  # kill -9, mid-load
    run.wait()
    assert content(warehouse) == before

    finish(start_run(landing, warehouse))  # the recovery run
    control_landing, control = after_first_night(nights, tmp_path / "control")
    shutil.copytree(nights[1], control_landing / "night2")
    finish(start_run(control_landing, control))
    assert content(warehouse) == content(control)


READER = textwrap.dedent(
    """
    import json, sys, time, duckdb
    warehouse, stop = sys.argv[1], sys.argv[2]
    import pathlib
    queries, failures, longest, errors = 0, 0, 0.0, []
    while not pathlib.Path(stop).exists():
        started = time.monotonic()
        try:
            with duckdb.connect(warehouse, read_only=True) as con:
                con.execute("select language, count(*) from articles group by 1").fetchall()
            queries += 1
        except Exception as error:
            failures += 1
            errors.append(str(error)[:200])
        longest = max(longest, time.monotonic() - started)
        time.sleep(0.02)
    print(json.dumps({"queries": queries, "failures": failures, "longest_seconds": round(longest, 3), "errors": errors[:3]}))
    """
)


def test_analysts_query_while_the_nightly_run_writes(nights, tmp_path):
    landing, warehouse = after_first_night(nights, tmp_path)
    shutil.copytree(nights[1], landing / "night2")
    stop = tmp_path / "stop"
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(warehouse), str(stop)], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        time.sleep(0.5)
        output = finish(start_run(landing, warehouse))
    finally:
        stop.touch()  # the readers stop even when the run fails, never left polling
        results = [json.loads(reader.communicate(timeout=60)[0]) for reader in readers]
    print(f"\nreaders during a run of 2,400 new articles: {results}")
    assert "articles accepted" in output
    assert all(r["queries"] > 10 for r in results)
    assert sum(r["failures"] for r in results) == 0, results


def test_a_dask_cluster_builds_the_same_warehouse(nights, tmp_path, khabar):
    """The per-document stages on a local two-process Dask cluster give the default runner's rows."""
    night1, _ = nights
    threads, dask = tmp_path / "threads.duckdb", tmp_path / "dask.duckdb"
    assert khabar("run", "--landing", str(night1), "--warehouse", str(threads)).returncode == 0
    result = khabar("run", "--landing", str(night1), "--warehouse", str(dask), "--runner", "dask", "--workers", "2")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert content(dask) == content(threads)


@pytest.mark.server
def test_a_deployment_without_its_paths_is_refused_saying_which(prefect_server):
    """A user following Prefect's own docs runs `prefect deploy` without the README's variables."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("KHABAR_")}
    subprocess.run([tool("prefect"), "work-pool", "create", "khabar-local", "--type", "process", "--overwrite"], cwd=PROJECT_DIR, env=env, capture_output=True, timeout=120)
    result = subprocess.run([tool("prefect"), "--no-prompt", "deploy", "--all"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "KHABAR_PROJECT_DIR" in result.stdout + result.stderr and "KHABAR_LANDING" in result.stdout + result.stderr
