"""One real Prefect server for the whole test session, started and stopped here.

Every flow run in the suite, in-process or through the `khabar` command in a subprocess, reports
to it through PREFECT_API_URL, so no test pays for Prefect's temporary server.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SAMPLE_LANDING = PROJECT_DIR / "samples" / "landing"
SEEDS_DIR = SAMPLE_LANDING / "seeds"
SERVER_START_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]



# Set before any test module imports Prefect, which reads its settings once, at import.
PORT = free_port()
API_URL = f"http://127.0.0.1:{PORT}/api"
PREFECT_HOME = Path(tempfile.mkdtemp(prefix="khabar-prefect-home-"))
os.environ.update(
    {
        "PREFECT_API_URL": API_URL,
        "PREFECT_HOME": str(PREFECT_HOME),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_UI_API_URL": API_URL,
    }
)


@pytest.fixture(scope="session", autouse=True)
def prefect_server():
    """`prefect server start` on a free loopback port, with its own PREFECT_HOME."""
    home, port, api_url = PREFECT_HOME, PORT, API_URL
    env = {**os.environ}
    env.pop("PREFECT_API_URL", None)
    log = (home / "server.log").open("w")
    prefect = shutil.which("prefect", path=str(Path(sys.executable).parent)) or "prefect"
    server = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler", "--no-late-runs"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.exit(f"the Prefect server did not start; see {home / 'server.log'}", returncode=3)
        time.sleep(0.5)
    yield api_url
    if "prefect" in sys.modules:  # send this process's last log lines before the server goes
        from prefect.logging.handlers import APILogHandler

        APILogHandler().flush()
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def run_khabar(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """The installed `khabar` command, run as a user runs it."""
    command = shutil.which("khabar", path=str(Path(sys.executable).parent)) or "khabar"
    return subprocess.run([command, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="session")
def khabar():
    return run_khabar
