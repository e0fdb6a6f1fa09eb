"""The Prefect API a `khabar run` reports to when no server is configured: started for the run
and gone with it, however the run ends (finished, Ctrl-C, SIGTERM, even SIGKILL).

Prefect's own temporary server is stopped by an `atexit` hook, which neither SIGTERM nor SIGKILL
runs, so a killed `khabar run` used to leave it serving. This one is the same uvicorn process, but
its parent's death is delivered to it by the kernel (Linux `PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_SECONDS = 60
PR_SET_PDEATHSIG = 1


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment or from the active Prefect profile, if set."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect")).expanduser()
    try:
        profiles = tomllib.loads((home / "profiles.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL") or None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(api_url: str, server: subprocess.Popen, seconds: float = START_SECONDS) -> bool:
    """True once the API answers /health; False if the server process ends or time runs out first."""
    deadline = time.monotonic() + seconds
    while server.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def die_with_parent() -> None:
    """Runs in the server process before it starts: the kernel sends it SIGTERM when we die."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextmanager
def temporary_server() -> Iterator[str]:
    """Start Prefect's API on a free loopback port, yield its URL, stop it."""
    port = free_port()
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    command = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"]
    server = subprocess.Popen(command, env=env, preexec_fn=die_with_parent if sys.platform == "linux" else None)
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        if not wait_until_healthy(api_url, server):
            raise RuntimeError(f"the temporary Prefect server did not start (exit code {server.poll()})")
        yield api_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
