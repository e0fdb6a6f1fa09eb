"""`khabar run` with no Prefect server configured starts one for the run, and it goes with the run
however the run ends: a service manager's SIGTERM, or SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from khabar.bench.corpus import CorpusSpec, build_corpus


def children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append((int(entry.name), cmdline))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("slow-night")
    build_corpus(folder, CorpusSpec(articles=4000))
    return folder


@pytest.mark.parametrize("kill_with", [signal.SIGTERM, signal.SIGKILL])
def test_the_temporary_server_goes_with_the_run(landing, tmp_path, kill_with):
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    command = shutil.which("khabar", path=str(Path(sys.executable).parent)) or "khabar"
    run = subprocess.Popen([command, "run", "--landing", str(landing), "--warehouse", str(tmp_path / "khabar.duckdb")],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline, server = time.monotonic() + 120, None
        while server is None and time.monotonic() < deadline and run.poll() is None:
            server = next((pid for pid, cmd in children(run.pid) if "uvicorn" in cmd), None)
            time.sleep(0.2)
        assert server is not None, "no temporary server was started"
        time.sleep(3)  # into the run
        assert run.poll() is None, "the run ended before it could be killed"
        os.kill(run.pid, kill_with)
        run.wait(timeout=60)
        deadline = time.monotonic() + 20
        while alive(server) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(server), f"the temporary server {server} outlived `khabar run` killed with {kill_with.name}"
    finally:
        if run.poll() is None:
            run.kill()
