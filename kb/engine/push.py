"""Load the built KB into a remote store's graph with SPARQL 1.1 Update, in chunks."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kb.engine.stores import RemoteStore

CHUNK = 400


def push(endpoint: str, kb_path: Path, graph: str, timeout: float = 60.0) -> int:
    data = Graph().parse(kb_path)
    store = RemoteStore(endpoint, timeout=timeout, graph=None)
    store.update(f"CLEAR SILENT GRAPH <{graph}>")
    triples = sorted(data, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    for start in range(0, len(triples), CHUNK):
        body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples[start : start + CHUNK])
        store.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
    return len(triples)
