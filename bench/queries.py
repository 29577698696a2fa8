"""Benchmark every catalogue question on three stores, at the seed's size and 100x.

Stores: the engine's embedded store (pyoxigraph in a worker process), raw pyoxigraph
in-process (the baseline) and rdflib's in-memory store. Prints p50/p95 per question
and the ratio of each store to raw pyoxigraph, all measured in the same run.

    python bench/queries.py [--runs 30] [--scale 100]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from core.namespaces import ID
from core.paths import BUILD_DIR, KB_TTL
from kb.build import build
from kb.engine.catalogue import bind
from kb.engine.service import catalogue
from kb.engine.stores import EmbeddedStore, with_values


def scaled_copy(graph: Graph, factor: int, target: Path) -> Path:
    """The KB plus factor-1 renamed copies of every entity: same shape, factor times the triples."""
    big = Graph()
    big += graph
    base = str(ID)
    for copy in range(1, factor):
        for s, p, o in graph:
            s2 = URIRef(f"{s}~{copy}") if str(s).startswith(base) else s
            o2 = URIRef(f"{o}~{copy}") if isinstance(o, URIRef) and str(o).startswith(base) else o
            big.add((s2, p, o2))
    big.serialize(target, format="nt")
    return target


def timings(run, runs: int) -> list[float]:
    run()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p50_p95(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100)
    return cuts[49], cuts[94]


def bench(kb_path: Path, fmt: ox.RdfFormat, runs: int, label: str, with_rdflib: bool) -> None:
    raw = ox.Store()
    raw.load(path=str(kb_path), format=fmt)
    engine = EmbeddedStore(kb_path, timeout=60)
    graph = Graph().parse(kb_path, format="nt" if fmt == ox.RdfFormat.N_TRIPLES else "turtle") if with_rdflib else None
    print(f"\n## {label}: {len(raw)} triples, {runs} runs per question (ms)")
    header = f"{'question':<30}{'raw p50':>9}{'raw p95':>9}{'engine p50':>12}{'engine p95':>12}{'x raw':>7}"
    print(header + f"{'rdflib p95':>12}{'x raw':>7}")
    for question in catalogue().questions.values():
        text = with_values(question.text, bind(question, {}))
        raw50, raw95 = p50_p95(timings(lambda t=text: list(raw.query(t)), runs))
        eng50, eng95 = p50_p95(timings(lambda q=question: engine.run(q.text, bind(q, {})), runs))
        line = f"{question.id:<30}{raw50:>9.2f}{raw95:>9.2f}{eng50:>12.2f}{eng95:>12.2f}{eng95 / raw95:>7.2f}"
        if graph is not None:
            _, rdf95 = p50_p95(timings(lambda t=text: list(graph.query(t)), max(3, runs // 5)))
            line += f"{rdf95:>12.2f}{rdf95 / raw95:>7.1f}"
        print(line)
    engine.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    kb_path = BUILD_DIR / KB_TTL
    if not kb_path.exists():
        build()
    bench(kb_path, ox.RdfFormat.TURTLE, args.runs, "seed size", with_rdflib=True)
    with tempfile.TemporaryDirectory() as folder:
        big = scaled_copy(Graph().parse(kb_path), args.scale, Path(folder) / "kb-x.nt")
        bench(big, ox.RdfFormat.N_TRIPLES, max(5, args.runs // 3), f"{args.scale}x synthetic", with_rdflib=False)


if __name__ == "__main__":
    main()
