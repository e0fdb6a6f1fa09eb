"""Throughput of a nightly run, measured against langdetect alone on the same texts.

    python -m khabar.bench.throughput --articles 20000 [--articles 100000 ...] [--runner threads] [--incremental]

For each N it builds a landing folder of recombined real articles (bench/corpus.py), runs
`khabar run` cold into a new warehouse, runs it again with nothing new, times a trivial Prefect
flow against the same server (the floor a night with nothing new is held to), and then times
langdetect alone over the same texts in this one process: the reference for this machine.
Ratios, not seconds, are what compare across machines.

`--incremental` then drops 1,000 new articles beside the largest N's and runs again: a night on
top of a full warehouse, to set against 1,000 articles into an empty one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import psutil

from khabar.bench.corpus import CorpusSpec, build_corpus
from khabar.bench.server import free_port, offline_environment, prefect_server


def tree_memory(process: psutil.Process) -> int:
    """Bytes of memory of `process` and every process under it (the worker processes), each
    counted by its proportional set size: pages the workers share with the fork server that
    forked them are counted once, not once a process."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_full_info().pss
        except psutil.Error:  # ended between the listing and the reading
            pass
    return total


def khabar_run(landing: Path, warehouse: Path, env: dict, runner: str) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of one `khabar run` in a child process.

    The peak is of the run's processes together, its worker processes included, sampled every
    0.1 s: the largest single process (what `getrusage` keeps) would leave the workers out.
    """
    command = shutil.which("khabar", path=str(Path(sys.executable).parent)) or "khabar"
    started, peak = time.monotonic(), 0
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(
            [command, "run", "--landing", str(landing), "--warehouse", str(warehouse), "--runner", runner],
            env=env, stdout=subprocess.DEVNULL, stderr=errors, text=True,
        )
        process = psutil.Process(child.pid)
        while child.poll() is None:
            peak = max(peak, tree_memory(process))
            time.sleep(0.1)
        seconds = time.monotonic() - started
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"khabar run failed: {errors.read().strip().splitlines()[-1:]}")
    return seconds, round(peak / 2**20)


TRIVIAL_FLOW = "from prefect import flow\n\n@flow\ndef trivial():\n    return 1\n\ntrivial()\n"


def trivial_flow_seconds(env: dict) -> float:
    """A flow that does nothing, in a child process against the same server: Prefect's own floor."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", TRIVIAL_FLOW], env=env, capture_output=True, check=True)
    return time.monotonic() - started


def langdetect_seconds(texts: list[str]) -> float:
    """langdetect alone, seeded, over whole texts in this one process: the machine's yardstick."""
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0
    detect_langs("warm up the profiles")
    started = time.monotonic()
    for text in texts:
        try:
            detect_langs(text)
        except LangDetectException:
            pass
    return time.monotonic() - started


def langdetect_alone(landing: Path) -> tuple[int, float]:
    texts = []
    for path in sorted(landing.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                texts.append(json.loads(line)["text"])
            except (json.JSONDecodeError, KeyError, TypeError):
                continue
    return len(texts), langdetect_seconds(texts)


def stage_seconds(warehouse: Path) -> dict[str, float]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("select stage_seconds from pipeline_runs order by finished_at desc limit 1").fetchall()
    return json.loads(row[0][0]) if row else {}


def bench(articles: int, workdir: Path, env: dict, runner: str) -> dict:
    landing = workdir / f"landing-{articles}"
    if not landing.exists():
        build_corpus(landing, CorpusSpec(articles))
    input_mb = sum(p.stat().st_size for p in landing.glob("*.jsonl")) / 1e6
    warehouse = workdir / f"warehouse-{articles}" / "khabar.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    # Cold means cold: no language checkpoints from an earlier run of the same night.
    results = Path(tempfile.mkdtemp(prefix="khabar-bench-results-"))
    env = {**env, "PREFECT_LOCAL_STORAGE_PATH": str(results)}
    cold, peak_mb = khabar_run(landing, warehouse, env, runner)
    noop, _ = khabar_run(landing, warehouse, env, runner)
    floor = trivial_flow_seconds(env)
    texts, reference = langdetect_alone(landing)
    return {
        "N": articles,
        "input_MB": round(input_mb, 1),
        "cold_s": round(cold, 1),
        "docs_per_s": round(articles / cold),
        "stages_s": stage_seconds(warehouse),
        "noop_rerun_s": round(noop, 1),
        "trivial_flow_s": round(floor, 1),
        "peak_memory_MB": peak_mb,
        "langdetect_alone_s": round(reference, 1),
        "ratio_langdetect_over_khabar": round(reference / cold, 2),
        "langdetect_texts": texts,
    }


def incremental(articles: int, workdir: Path, env: dict, runner: str) -> dict:
    """1,000 new articles (another seed) beside the `articles` already in the warehouse."""
    night = workdir / f"landing-{articles}" / "next-night"
    shutil.rmtree(night, ignore_errors=True)
    build_corpus(night, CorpusSpec(1000, seed=CorpusSpec(articles).seed + 1))
    try:
        seconds, _ = khabar_run(workdir / f"landing-{articles}", workdir / f"warehouse-{articles}" / "khabar.duckdb", env, runner)
    finally:
        shutil.rmtree(night)
    return {"N_before": articles, "new": 1000, "incremental_s": round(seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, action="append", help="N; repeat for several sizes (default 20000)")
    parser.add_argument("--runner", default="threads", choices=["threads", "processes", "dask"])
    parser.add_argument("--incremental", action="store_true", help="then 1,000 new articles on top of the largest N")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "khabar-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    home, port = args.workdir / "prefect-home", free_port()
    env = {**os.environ, **offline_environment(home, port)}
    with prefect_server(home, port):
        for articles in sorted(args.articles or [20000]):
            result = bench(articles, args.workdir, env, args.runner)
            stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.pop("stages_s").items())
            print(" | ".join(f"{key} {value}" for key, value in result.items()))
            print(f"  stages (s): {stages}", flush=True)
        if args.incremental:
            print(" | ".join(f"{key} {value}" for key, value in incremental(max(args.articles or [20000]), args.workdir, env, args.runner).items()))


if __name__ == "__main__":
    main()
