"""A real `prefect server start` on a free loopback port, for the test suite and the benchmarks."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

# free_port is imported from here by the tests and benchmarks as well.
from khabar.flows.temporary_server import free_port, wait_until_healthy  # noqa: F401

START_SECONDS = 90


def offline_environment(home: Path, port: int) -> dict[str, str]:
    """What every process talking to this server needs: its address, its home, no telemetry."""
    api_url = f"http://127.0.0.1:{port}/api"
    return {
        "PREFECT_API_URL": api_url,
        "PREFECT_UI_API_URL": api_url,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }


@contextmanager
def prefect_server(home: Path, port: int):
    """Start the server, wait for /health, yield its API URL, stop it (the whole process group)."""
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **offline_environment(home, port)}
    api_url = env.pop("PREFECT_API_URL")
    prefect = shutil.which("prefect", path=str(Path(sys.executable).parent)) or "prefect"
    with (home / "server.log").open("w") as log:
        server = subprocess.Popen(
            [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler", "--no-late-runs"],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            if not wait_until_healthy(api_url, server, START_SECONDS):
                raise RuntimeError(f"the Prefect server did not start; see {home / 'server.log'}")
            yield api_url
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
