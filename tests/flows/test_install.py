"""`pip install .` (not editable) gives a `khabar` that runs anywhere: the package is `khabar.*`,
and the SQL models, seeds and the bundled sample are package data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_wheel_installed_elsewhere_runs_outside_the_checkout(tmp_path):
    # Built from a copy of the sources, so no build folder is left in the checkout.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "warehouse", "__pycache__", ".pytest_cache"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, timeout=300)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The dependencies come from this environment (a plain path entry: its editable Khabar is not seen).
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next(wheels.glob("khabar-*.whl"))
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True, capture_output=True, timeout=300)

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "landing").mkdir(parents=True)
    for seed in sorted((ROOT / "samples" / "landing" / "seeds").glob("*.txt"))[:2]:
        (elsewhere / "landing" / seed.name).write_bytes(seed.read_bytes())
    env = {**os.environ, "PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    found = subprocess.run([python, "-c", "import khabar.tasks.load as load, importlib.util as u; print(load.SQL_DIR); print(u.find_spec('tasks'), u.find_spec('flows'))"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.split("\n")
    assert found[0].startswith(str(site)) and found[1] == "None None"
    for args in (["--landing", "landing", "--warehouse", "w/khabar.duckdb"], ["--warehouse", "sample/khabar.duckdb"]):  # a folder of ours; the bundled sample
        result = subprocess.run([venv / "bin" / "khabar", "run", *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "articles accepted" in result.stdout
