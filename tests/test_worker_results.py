"""The worker's results are the W3C SPARQL JSON terms Oxigraph itself writes, also now that
each distinct term is converted once per query and the rows share the converted terms."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kb.engine.stores import EmbeddedStore
from kb.engine.worker import _execute

QUERIES = [
    # Labels in two languages, typed numbers, plain strings and unbound OPTIONALs, each term on many rows.
    """SELECT ?m ?label ?number ?amount ?none WHERE {
         ?m a <https://w3id.org/lv-roma-plan/def#Measure> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label ;
            <https://w3id.org/lv-roma-plan/def#measureNumber> ?number .
         OPTIONAL { ?line <https://w3id.org/lv-roma-plan/def#forMeasure> ?m ; <https://w3id.org/lv-roma-plan/def#amount> ?amount }
         OPTIONAL { ?m <https://example.org/none> ?none } }""",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3000",
    'SELECT ?b ?x WHERE { BIND(BNODE() AS ?b) VALUES ?x { "a" "a"@lv 1 1.5 true "a"^^<http://example.org/t> } }',
]


def oxigraph_json(store: ox.Store, query: str) -> list[dict]:
    """Oxigraph's own SPARQL JSON serialisation: the reference, written without our code."""
    document = json.loads(store.query(query).serialize(format=ox.QueryResultsFormat.JSON))
    return document["results"]["bindings"]


@pytest.fixture(scope="module")
def raw_store(built) -> ox.Store:
    store = ox.Store()
    store.load(path=str(built[1] / "kb.ttl"), format=ox.RdfFormat.TURTLE)
    return store


@pytest.mark.parametrize("query", QUERIES)
def test_converted_terms_are_oxigraph_s_own_json_terms(raw_store, query):
    ours = _execute(ox, raw_store, query, row_cap=100_000, byte_cap=1 << 30)["rows"]
    reference = oxigraph_json(raw_store, query)
    if "BNODE()" in query:  # blank node labels are fresh per evaluation: compare their type only
        ours = [{k: v if v["type"] != "bnode" else {"type": "bnode"} for k, v in row.items()} for row in ours]
        reference = [{k: v if v["type"] != "bnode" else {"type": "bnode"} for k, v in row.items()} for row in reference]
    assert ours == reference
    assert len(ours) > 2


def test_a_term_on_many_rows_is_one_shared_conversion(raw_store):
    rows = _execute(ox, raw_store, QUERIES[0], row_cap=100_000, byte_cap=1 << 30)["rows"]
    languages = [row["label"].get("xml:lang") for row in rows]
    assert languages.count("lv") > 1
    measures = {}
    for row in rows:
        measures.setdefault(row["m"]["value"], set()).add(id(row["m"]))
    assert all(len(ids) == 1 for ids in measures.values())


def test_the_byte_cap_still_counts_every_row_s_terms(built):
    """The size of a repeated term counts on each row that carries it, as before the cache."""
    store = EmbeddedStore(built[1] / "kb.ttl")
    try:
        query = "SELECT ?class WHERE { ?s a ?class }"  # a few classes, on thousands of rows
        whole = store.run(query)
        row_size = len("https://w3id.org/lv-roma-plan/def#Measure") + 16
        raw = ox.Store()
        raw.load(path=str(built[1] / "kb.ttl"), format=ox.RdfFormat.TURTLE)
        cut = _execute(ox, raw, query, row_cap=100_000, byte_cap=100 * row_size)
        assert cut["truncated"] and cut["cut"] == "bytes"
        assert len(cut["rows"]) < 110 < len(whole.rows)
    finally:
        store.close()
