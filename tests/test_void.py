"""VoID counted by the store (issue 15): the same description as when kb serve parsed the KB
again with rdflib and counted its triples, subjects and classes in Python."""

from __future__ import annotations

import urllib.request

from rdflib import RDF, Graph
from rdflib.compare import isomorphic

from core.namespaces import ID
from kb.engine.pool import StorePool
from kb.engine.stores import EmbeddedStore
from kb.server import SparqlServer
from kb.void import Counts, counts, void_graph


def counted_by_rdflib(kb: Graph) -> Counts:
    """How kb/void.py counted before: over an rdflib graph of the whole KB."""
    subjects = set(kb.subjects())
    classes: dict[str, int] = {}
    for _, cls in kb.subject_objects(RDF.type):
        classes[str(cls)] = classes.get(str(cls), 0) + 1
    return Counts(
        triples=len(kb),
        subjects=len(subjects),
        entities=sum(1 for s in subjects if str(s).startswith(str(ID))),
        properties=len(set(kb.predicates())),
        classes=classes,
    )


def test_the_store_counts_what_rdflib_counted(embedded, kb_graph):
    assert counts(embedded) == counted_by_rdflib(kb_graph)


def test_a_small_row_cap_does_not_cut_the_classes_short(built, kb_graph):
    store = EmbeddedStore(built[1] / "kb.ttl", row_cap=3)
    try:
        assert counts(store).classes == counted_by_rdflib(kb_graph).classes
    finally:
        store.close()


def test_served_void_is_the_description_rdflib_counting_gave(built, kb_graph):
    pool = StorePool(built[1] / "kb.ttl", size=1)
    server = SparqlServer(pool, built[1] / "kb.ttl", port=0)
    server.start_background()
    try:
        with urllib.request.urlopen(server.url.replace("/sparql", "/void"), timeout=30) as response:
            served = Graph().parse(data=response.read(), format="turtle")
    finally:
        server.shutdown()
        server.server_close()
        pool.close()
    base = server.url.removesuffix("/sparql")
    expected = void_graph(counted_by_rdflib(kb_graph), endpoint=server.url, dump=f"{base}/kb.ttl")
    assert len(served) > 50 and isomorphic(served, expected)
