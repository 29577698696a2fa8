"""Start-up: the wall time of `kb build`, a cold `kb sparql "ASK {}"` and `kb serve` until it
first answers, each a fresh process, next to the cost of starting Python itself (`python -c
pass`, and with pyoxigraph imported) measured in the same run; then the build's phases
(load, SHACL, Turtle, JSON-LD) in this process. Medians of --runs runs, of the wall time and of
the CPU time (user + system, the processes' children included), which a busy machine inflates less.

    python bench/start.py [--runs 5]

The build writes to a temporary folder, never to data/build.
"""

from __future__ import annotations

import argparse
import resource
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


Times = tuple[float, float]  # (wall, CPU) in seconds


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall(command: list[str]) -> Times:
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, children_cpu() - cpu


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_until_first_answer(kb: Path) -> Times:
    """From spawning `kb serve` to its first answer to ASK {}; the CPU time is until it stopped."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D"
    started, cpu = time.perf_counter(), children_cpu()
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
                    answered = time.perf_counter() - started
                    break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"kb serve stopped with status {server.returncode}") from None
                time.sleep(0.005)
        else:
            raise RuntimeError(f"kb serve did not answer within {FIRST_ANSWER_LIMIT:g} s")
    finally:
        server.terminate()
        server.wait()
    return answered, children_cpu() - cpu


def median(measure: Callable[[], Times], runs: int) -> Times:
    walls, cpus = zip(*(measure() for _ in range(runs)), strict=True)
    return statistics.median(walls), statistics.median(cpus)


def processes(runs: int, kb: Path, out: Path) -> dict[str, Times]:
    commands = {
        "python -c pass (baseline)": lambda: wall([PYTHON, "-c", "pass"]),
        "python -c 'import pyoxigraph'": lambda: wall([PYTHON, "-c", "import pyoxigraph"]),
        "kb build": lambda: wall([PYTHON, "-m", "kb", "build", "--out", str(out)]),
        "kb sparql 'ASK {}' (cold)": lambda: wall([PYTHON, "-m", "kb", "sparql", "--kb", str(kb), "ASK {}"]),
        "kb serve, until it first answers": lambda: serve_until_first_answer(kb),
    }
    return {name: median(measure, runs) for name, measure in commands.items()}


def timed(step: Callable[[], object]) -> tuple[object, Times]:
    started, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, (time.perf_counter() - started, time.process_time() - cpu)


def build_phases(runs: int) -> dict[str, Times]:
    """The build's steps as kb/build.py runs them, in this (warm) process."""
    from core.oxigraph import turtle
    from kb.build import canonical_jsonld
    from kb.validate import validate
    from loaders.registry import load_all

    times: dict[str, list[Times]] = {"load": [], "SHACL": [], "Turtle": [], "JSON-LD": []}
    for _ in range(runs):
        graph, took = timed(lambda: load_all(SOURCE_DIR))
        times["load"].append(took)
        for phase, step in (("SHACL", validate), ("Turtle", turtle), ("JSON-LD", canonical_jsonld)):
            times[phase].append(timed(lambda s=step, g=graph: s(g))[1])
    return {phase: tuple(statistics.median(v) for v in zip(*values, strict=True)) for phase, values in times.items()}


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
    print(f"{'command':<36}{'wall ms':>9}{'× python':>10}{'CPU ms':>9}{'× python':>10}")
    for name, (seconds, cpu) in figures.items():
        print(f"{name:<36}{seconds * 1000:>9.0f}{seconds / baseline[0]:>10.1f}{cpu * 1000:>9.0f}{cpu / baseline[1]:>10.1f}")
    phases = build_phases(args.runs)
    print(f"\n## build phases in one warm process, median of {args.runs} runs")
    print(f"{'phase':<36}{'wall ms':>9}{'CPU ms':>9}")
    for name, (seconds, cpu) in phases.items():
        print(f"{name:<36}{seconds * 1000:>9.0f}{cpu * 1000:>9.0f}")
    walls, cpus = zip(*phases.values(), strict=True)
    print(f"{'sum':<36}{sum(walls) * 1000:>9.0f}{sum(cpus) * 1000:>9.0f}")


if __name__ == "__main__":
    main()
