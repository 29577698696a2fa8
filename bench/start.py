"""Start-up: the wall time of `kb build`, a cold `kb sparql "ASK {}"` and `kb serve` until it
first answers, each a fresh process, next to the cost of starting Python itself (`python -c
pass`, and with pyoxigraph imported) measured in the same run; then the build's phases
(load, SHACL, Turtle, JSON-LD) in this process. Medians of --runs runs.

    python bench/start.py [--runs 5]

The build writes to a temporary folder, never to data/build.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from core.paths import SOURCE_DIR, default_kb

PYTHON = sys.executable
FIRST_ANSWER_LIMIT = 60.0  # seconds kb serve has to answer before the run counts as failed


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_until_first_answer(kb: Path) -> float:
    """From spawning `kb serve` to its first answer to ASK {}."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D"
    started = time.perf_counter()
    server = subprocess.Popen(
        [PYTHON, "-m", "kb", "serve", "--kb", str(kb), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < FIRST_ANSWER_LIMIT:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    response.read()
                    return time.perf_counter() - started
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"kb serve stopped with status {server.returncode}") from None
                time.sleep(0.005)
        raise RuntimeError(f"kb serve did not answer within {FIRST_ANSWER_LIMIT:g} s")
    finally:
        server.terminate()
        server.wait()


def median(measure: Callable[[], float], runs: int) -> float:
    return statistics.median(measure() for _ in range(runs))


def processes(runs: int, kb: Path, out: Path) -> dict[str, float]:
    commands = {
        "python -c pass (baseline)": lambda: wall([PYTHON, "-c", "pass"]),
        "python -c 'import pyoxigraph'": lambda: wall([PYTHON, "-c", "import pyoxigraph"]),
        "kb build": lambda: wall([PYTHON, "-m", "kb", "build", "--out", str(out)]),
        "kb sparql 'ASK {}' (cold)": lambda: wall([PYTHON, "-m", "kb", "sparql", "--kb", str(kb), "ASK {}"]),
        "kb serve, until it first answers": lambda: serve_until_first_answer(kb),
    }
    return {name: median(measure, runs) for name, measure in commands.items()}


def build_phases(runs: int) -> dict[str, float]:
    """The build's steps as kb/build.py runs them, in this (warm) process."""
    from kb.build import canonical_jsonld, turtle
    from kb.validate import validate
    from loaders.registry import load_all

    times: dict[str, list[float]] = {"load": [], "SHACL": [], "Turtle": [], "JSON-LD": []}
    for _ in range(runs):
        started = time.perf_counter()
        graph = load_all(SOURCE_DIR)
        times["load"].append(time.perf_counter() - started)
        for phase, step in (("SHACL", validate), ("Turtle", turtle), ("JSON-LD", canonical_jsonld)):
            started = time.perf_counter()
            step(graph)
            times[phase].append(time.perf_counter() - started)
    return {phase: statistics.median(values) for phase, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kb", type=Path, default=None, help="the built KB (default: $KB_PATH, else data/build/kb.ttl)")
    args = parser.parse_args()
    kb = args.kb or default_kb()
    with tempfile.TemporaryDirectory() as folder:
        figures = processes(args.runs, kb, Path(folder) / "build")
    baseline = figures["python -c pass (baseline)"]
    print(f"## fresh processes, median of {args.runs} runs")
    print(f"{'command':<36}{'ms':>8}{'× python':>10}")
    for name, seconds in figures.items():
        print(f"{name:<36}{seconds * 1000:>8.0f}{seconds / baseline:>10.1f}")
    phases = build_phases(args.runs)
    print(f"\n## build phases in one warm process, median of {args.runs} runs")
    print(f"{'phase':<36}{'ms':>8}")
    for name, seconds in phases.items():
        print(f"{name:<36}{seconds * 1000:>8.0f}")
    print(f"{'sum':<36}{sum(phases.values()) * 1000:>8.0f}")


if __name__ == "__main__":
    main()
