"""Where the embedded store stops: memory per triple and full-scan time of the query worker at
1×, 10× and 100× the KB (renamed copies of every entity), measured in the same run, and the
sizes at which the worker's memory limit, the machine's memory and the query time limit are
reached, extrapolated linearly from the largest size measured.

    python -m bench.capacity [--scales 1 10 100] [--runs 10]

The baseline is an empty worker: its memory is subtracted, so the figure per triple is what the
store itself costs (pyoxigraph's in-memory indexes, plus the Turtle snapshot the worker keeps).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.queries import p50_p95, scaled_copy, timings  # one way to time and to scale
from core.paths import default_kb
from kb.engine.defaults import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, available_mb, default_workers
from kb.engine.stores import EmbeddedStore
from kb.engine.worker import Limits
from tests.processes import memory_kb

FULL_SCAN = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
UNBOUNDED = Limits(memory_mb=64 * 1024)  # the benchmark measures what the store needs, so no cap


def resident_mb(pid: int) -> float:
    return memory_kb(pid)["rss"] / 1024


def empty_worker_mb() -> float:
    store = EmbeddedStore(None, timeout=60, limits=UNBOUNDED)
    try:
        store.run("ASK {}")
        return resident_mb(store._worker.pid)
    finally:
        store.close()


def measure(kb: Path, runs: int) -> dict[str, float]:
    started = time.perf_counter()
    store = EmbeddedStore(kb, timeout=600, limits=UNBOUNDED)
    try:
        triples = int(store.run(FULL_SCAN).values("n")[0])
        loaded = time.perf_counter() - started
        _, p95 = p50_p95(timings(lambda: store.run(FULL_SCAN), runs))
        return {"triples": triples, "load_s": loaded, "rss_mb": resident_mb(store._worker.pid), "scan_p95_ms": p95}
    finally:
        store.close()


def report(rows: list[dict[str, float]], empty_mb: float) -> None:
    print(f"\n## Query worker by size (empty worker: {empty_mb:.0f} MB resident)")
    print(f"{'size':>6}{'triples':>12}{'load s':>9}{'worker MB':>11}{'bytes/triple':>14}{'full scan p95 ms':>18}")
    for row in rows:
        per_triple = _bytes_per_triple(row, empty_mb)
        print(
            f"{row['scale']:>5}×{row['triples']:>12,}{row['load_s']:>9.2f}{row['rss_mb']:>11.0f}"
            f"{per_triple:>14.0f}{row['scan_p95_ms']:>18.1f}"
        )
    largest = rows[-1]
    per_triple = _bytes_per_triple(largest, empty_mb)
    scan_per_triple_ms = largest["scan_p95_ms"] / largest["triples"]
    workers, available = default_workers(), available_mb()
    print("\n## Where it stops (linear from the largest size)")
    print(f"worker memory limit {DEFAULT_MEMORY_MB} MB (KB_WORKER_MEMORY_MB): ~{_triples(DEFAULT_MEMORY_MB, per_triple)}")
    if available is not None:
        print(
            f"this machine's available memory ({available:,} MB) over kb serve's default "
            f"{workers} workers: ~{_triples(available / workers, per_triple)} each"
        )
    at_limit = DEFAULT_TIMEOUT * 1000 / scan_per_triple_ms
    print(f"a full scan reaches the {DEFAULT_TIMEOUT:g} s query time limit at ~{at_limit:,.0f} triples")
    print(
        f"a question at a quarter of a full scan stays under 1 s up to ~{4 * 1000 / scan_per_triple_ms:,.0f} "
        "triples (the UI's patience)"
    )


def _bytes_per_triple(row: dict[str, float], empty_mb: float) -> float:
    return (row["rss_mb"] - empty_mb) * 1024 * 1024 / row["triples"]


def _triples(budget_mb: float, bytes_per_triple: float) -> str:
    return f"{budget_mb * 1024 * 1024 / bytes_per_triple:,.0f} triples"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--kb", type=Path, default=default_kb())
    args = parser.parse_args()
    empty_mb = empty_worker_mb()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for scale in sorted(args.scales):
            kb = args.kb if scale == 1 else scaled_copy(args.kb, scale, Path(folder) / f"kb-{scale}.nt")
            rows.append({"scale": scale, **measure(kb, args.runs)})
            print(f"measured {scale}×", flush=True)
    report(rows, empty_mb)


if __name__ == "__main__":
    main()
