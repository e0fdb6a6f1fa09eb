"""One real Prefect server for the whole test session, started and stopped here.

Every flow run in the suite, in-process or through the `khabar` command in a subprocess, reports
to it through PREFECT_API_URL, so no test pays for Prefect's temporary server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from khabar.bench.server import free_port, offline_environment, prefect_server as running_prefect_server

# Set before any test module imports Prefect, which reads its settings once, at import.
PORT = free_port()
PREFECT_HOME = Path(tempfile.mkdtemp(prefix="khabar-prefect-home-"))
os.environ.update(offline_environment(PREFECT_HOME, PORT))


@pytest.fixture(scope="session", autouse=True)
def prefect_server():
    """`prefect server start` on a free loopback port, with its own PREFECT_HOME."""
    try:
        with running_prefect_server(PREFECT_HOME, PORT) as api_url:
            yield api_url
            if "prefect" in sys.modules:  # send this process's last log lines before the server goes
                from prefect.logging.handlers import APILogHandler

                APILogHandler().flush()
    except RuntimeError as error:
        pytest.exit(str(error), returncode=3)


def run_khabar(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """The installed `khabar` command, run as a user runs it."""
    command = shutil.which("khabar", path=str(Path(sys.executable).parent)) or "khabar"
    return subprocess.run([command, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="session")
def khabar():
    return run_khabar
