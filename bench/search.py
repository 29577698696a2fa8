"""Search latency: the FTS5 text index against a plain scan of the same texts, at the seed's
size and at 100× (renamed copies of every entity), measured in the same run.

    python bench/search.py [--runs 200] [--scale 100] [--kb data/build/kb.ttl]

The index answers through `TextIndex.search`, which `text_index(store)`, the catalogue's
`search` question and `python -m kb search` all call.
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from core.paths import default_kb
from core.stemming import search_keys
from core.textfold import fold
from kb.engine.search import TextIndex
from kb.engine.search import documents as index_documents
from kb.engine.stores import EmbeddedStore
from queries import p50_p95, timings  # bench/queries.py: one way to time, for every benchmark

QUERIES = ["mājokļu", "izglītības", "veselīb", "ESF", "romu kultūras centrs", "10 h", "Tiesībsargs", "pašvaldības"]


def documents(kb: Path, scale: int) -> list[dict[str, str]]:
    store = EmbeddedStore(kb, timeout=60)
    try:
        rows = index_documents(store)  # as text_index(store) reads them
    finally:
        store.close()
    return [{**row, "entity": f"{row['entity']}~{copy}" if copy else row["entity"]} for copy in range(scale) for row in rows]


def scan(rows: list[dict[str, str]], text: str) -> set[str]:
    """The baseline: every text folded and stemmed, every time (what a CONTAINS scan does, plus stems)."""
    keys = search_keys(text)
    return {r["entity"] for r in rows if all(any(k.startswith(q) for k in search_keys(r["text"])) for q in keys)}


def bench(kb: Path, scale: int, runs: int) -> None:
    rows = documents(kb, scale)
    started = time.perf_counter()
    index = TextIndex(rows)
    built = time.perf_counter() - started
    # The baseline's 160 000 row dicts are this script's own: their garbage collections are not the index's time.
    gc.collect()
    gc.freeze()
    print(f"\n## {scale}×: {len(index)} entities, {len(rows)} texts; index built in {built:.2f} s; ms per query")
    print(f"{'query':<24}{'index p50':>10}{'index p95':>10}{'scan p50':>10}{'scan p95':>10}{'scan/index':>11}")
    all_index, all_scan = [], []
    scan_runs = max(3, runs // (20 * scale))
    for text in QUERIES:
        indexed = timings(lambda t=text: index.search(t), runs)
        scanned = timings(lambda t=text: scan(rows, t), scan_runs)
        all_index += indexed
        all_scan += scanned
        i50, i95 = p50_p95(indexed)
        s50, s95 = p50_p95(scanned) if len(scanned) > 1 else (scanned[0], scanned[0])
        print(f"{fold(text):<24}{i50:>10.2f}{i95:>10.2f}{s50:>10.1f}{s95:>10.1f}{s95 / i95:>11.0f}")
    i50, i95 = p50_p95(all_index)
    print(f"{'all queries':<24}{i50:>10.2f}{i95:>10.2f}   (goal: p95 under 20 ms at 100×)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--kb", type=Path, default=None, help="the built KB (default: $KB_PATH, else data/build/kb.ttl)")
    args = parser.parse_args()
    for scale in (1, args.scale):
        bench(args.kb or default_kb(), scale, args.runs)


if __name__ == "__main__":
    main()
