"""The worker's results are the W3C SPARQL JSON terms Oxigraph itself writes, read from its TSV or
one solution at a time, also now that
each distinct term is converted once per query and the rows share the converted terms."""

from __future__ import annotations

import gc
import json

import pyoxigraph as ox
import pytest

from kb.engine import solutions
from kb.engine.stores import EmbeddedStore
from kb.engine.worker import _execute, collector_paused

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


# Literals in the forms TSV writes differently: bare numbers and booleans, non-canonical
# lexical forms, escapes, control characters, language tags with regions, other datatypes.
ODD_DATA = r"""
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.org/s> <http://example.org/p>
  "+1"^^xsd:integer, "007"^^xsd:integer, "-0"^^xsd:integer, "1."^^xsd:decimal, ".5"^^xsd:decimal,
  "1.0"^^xsd:double, "1e3"^^xsd:double, "INF"^^xsd:double, "TRUE"^^xsd:boolean, "true"^^xsd:boolean,
  "abc"^^xsd:integer, "", "tab\there", "line\nbreak\rreturn", "quote \" and \\ backslash",
  "\u0001 control", "ūdens ģimene ☃ 𝄞", "x"@en-GB, "y"@lv, "z"^^<http://example.org/dt>,
  "2022-01-01"^^xsd:date, _:node, <http://example.org/o?q=1#f>, "x"@en--ltr, "y"@ar--rtl .
"""
ODD_QUERY = (
    "SELECT ?o ?none WHERE { <http://example.org/s> <http://example.org/p> ?o OPTIONAL { ?o <http://example.org/x> ?none } }"
)


@pytest.fixture()
def odd_store() -> ox.Store:
    store = ox.Store()
    store.load(input=ODD_DATA.encode(), format=ox.RdfFormat.TURTLE)
    return store


def test_odd_literals_read_from_tsv_are_oxigraph_s_own_json_terms(odd_store, monkeypatch):
    monkeypatch.setattr(solutions, "_one_by_one", _not_called)  # the TSV answers alone
    ours = _execute(ox, odd_store, ODD_QUERY, row_cap=1000, byte_cap=1 << 20)["rows"]
    assert len(ours) == 25
    assert sorted(map(repr, ours)) == sorted(map(repr, oxigraph_json(odd_store, ODD_QUERY)))


def _not_called(*args):
    raise AssertionError("the answer was read one solution at a time")


@pytest.mark.parametrize("query", QUERIES[:2])
def test_the_catalogue_s_kind_of_answer_is_read_from_tsv(raw_store, query, monkeypatch):
    monkeypatch.setattr(solutions, "_one_by_one", _not_called)
    assert len(_execute(ox, raw_store, query, row_cap=100_000, byte_cap=1 << 30)["rows"]) > 2


def both_ways(store: ox.Store, query: str, row_cap: int, byte_cap: int) -> tuple:
    """(TSV, one by one) for the same query; the TSV's is None when it gave up."""
    variables = [v.value for v in store.query(query).variables]
    fast = solutions._from_tsv(ox, store.query(query), variables, row_cap, byte_cap)
    exact = solutions._one_by_one(ox, store.query(query), variables, False, row_cap, byte_cap)
    return fast, exact


@pytest.mark.parametrize(
    ("row_cap", "byte_cap", "cut"),
    [(100_000, 1 << 30, None), (25, 1 << 30, "rows"), (100_000, 2_000, "bytes"), (5, 2_000, "rows"), (100_000, 10, "bytes")],
)
def test_both_ways_cut_at_the_same_row(raw_store, row_cap, byte_cap, cut):
    fast, exact = both_ways(raw_store, QUERIES[0], row_cap, byte_cap)
    assert exact[1] == cut
    assert fast == exact


def test_without_variables_the_rows_are_read_one_by_one(raw_store):
    assert _execute(ox, raw_store, "SELECT * WHERE { }", row_cap=10, byte_cap=1 << 20)["rows"] == [{}]


def test_a_prefix_that_ends_before_the_cut_is_read_again_exactly(odd_store, monkeypatch):
    """A tiny size bound stops the TSV before the byte cap is decided: the exact way answers."""
    prefix = solutions._Prefix
    monkeypatch.setattr(solutions, "_Prefix", lambda max_lines, max_bytes: prefix(max_lines, 64))
    answer = _execute(ox, odd_store, ODD_QUERY, row_cap=1000, byte_cap=1 << 20)
    assert len(answer["rows"]) == 25 and not answer["truncated"]
    assert sorted(map(repr, answer["rows"])) == sorted(map(repr, oxigraph_json(odd_store, ODD_QUERY)))


def test_a_capped_answer_is_not_written_whole(raw_store, monkeypatch):
    prefixes, prefix = [], solutions._Prefix

    def kept(max_lines: int, max_bytes: int) -> solutions._Prefix:
        prefixes.append(prefix(max_lines, max_bytes))
        return prefixes[-1]

    monkeypatch.setattr(solutions, "_Prefix", kept)
    answer = _execute(ox, raw_store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", row_cap=25, byte_cap=1 << 30)
    assert answer["cut"] == "rows" and len(answer["rows"]) == 25
    whole = len(raw_store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").serialize(format=ox.QueryResultsFormat.TSV))
    assert prefixes[0].stopped and prefixes[0].size < whole / 10


@pytest.mark.parametrize("offset", [0, 1])
def test_a_stop_inside_a_character_keeps_the_whole_lines(offset, monkeypatch):
    """If a chunk ended inside a two-byte letter (Oxigraph's end at a term, but nothing promises
    it), the lines before the stop are read and the cut one is not."""

    class FineChunks(solutions._Prefix):
        def write(self, chunk) -> int:
            data = bytes(chunk)
            for start in range(0, len(data), 5):  # 5 bytes: some pieces end inside a "ū"
                super().write(data[start : start + 5])
            return len(data)

    monkeypatch.setattr(solutions, "_Prefix", FineChunks)
    store = ox.Store()
    text = "a" * offset + "ū" * 300
    triples = "".join(f'<http://e.org/{i}> <http://e.org/p> "{text}" .\n' for i in range(200))
    store.load(input=triples.encode(), format=ox.RdfFormat.TURTLE)
    query = "SELECT ?o WHERE { ?s ?p ?o }"
    rows, cut = solutions._from_tsv(ox, store.query(query), ["o"], row_cap=10_000, byte_cap=3_000)
    assert cut == "bytes" and rows and all(row["o"]["value"] == text for row in rows)


def test_a_row_with_every_value_unbound_is_an_empty_line_and_still_a_row(raw_store, monkeypatch):
    monkeypatch.setattr(solutions, "_one_by_one", _not_called)
    query = "SELECT ?x WHERE { VALUES ?y { 1 2 3 } OPTIONAL { ?y <http://example.org/none> ?x } }"
    assert _execute(ox, raw_store, query, row_cap=10, byte_cap=1 << 20)["rows"] == [{}, {}, {}]


def test_a_literal_longer_than_the_turtle_parser_reads_is_read_one_by_one():
    """Oxigraph's Turtle parser refuses a token over 16 MiB (a MemoryError): 2^23 escaped quotes."""
    doubling = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(23))
    query = f'SELECT ?x WHERE {{ BIND("\\"" AS ?a0) {doubling} BIND(?a23 AS ?x) }}'
    answer = _execute(ox, ox.Store(), query, row_cap=10, byte_cap=16 << 20)
    assert not answer["truncated"] and len(answer["rows"][0]["x"]["value"]) == 1 << 23


def test_letters_of_four_bytes_are_cut_by_the_tsv_at_the_exact_row(monkeypatch):
    """The weight counts characters; the TSV holds up to four bytes for each: the prefix is
    long enough to decide the byte cut without reading the answer again."""
    monkeypatch.setattr(solutions, "_one_by_one", _not_called)
    store = ox.Store()
    text = "𝄞" * 1000
    store.load(
        input="".join(f'<http://e.org/{i}> <http://e.org/p> "{text}" .\n' for i in range(50)).encode(), format=ox.RdfFormat.TURTLE
    )
    query = "SELECT ?o WHERE { ?s ?p ?o }"
    answer = _execute(ox, store, query, row_cap=1000, byte_cap=20_000)
    assert answer["cut"] == "bytes" and len(answer["rows"]) == 19


def test_plain_quoted_literals_are_read_without_the_turtle_parser(raw_store, monkeypatch):
    monkeypatch.setattr(ox, "parse", _not_called)
    query = 'SELECT ?a ?b ?c WHERE { VALUES (?a ?b ?c) { ("ūdens" "x"@lv "5"^^<http://example.org/t>) } }'
    assert _execute(ox, raw_store, query, row_cap=10, byte_cap=1 << 20)["rows"] == [
        {
            "a": {"type": "literal", "value": "ūdens"},
            "b": {"type": "literal", "value": "x", "xml:lang": "lv"},
            "c": {"type": "literal", "value": "5", "datatype": "http://example.org/t"},
        }
    ]


def test_the_collector_is_paused_only_while_an_answer_is_made():
    """Paused inside, running again after (also when the reading fails), and left off when the
    caller had turned it off."""
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(EOFError), collector_paused():
        raise EOFError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pauses_from_several_threads_at_once_leave_the_collector_running():
    """A server reads several workers' answers at once: however their pauses overlap, the
    collector runs again when the last one ends (threads that each saved and restored the
    state left it off after 4 or 5 of 5 such rounds)."""
    import sys
    import threading

    def pause_often():
        for _ in range(20_000):
            with collector_paused():
                pass

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(5):
            threads = [threading.Thread(target=pause_often) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert gc.isenabled()
    finally:
        sys.setswitchinterval(interval)
        gc.enable()


def test_nested_pauses_resume_the_collector_only_at_the_outermost_end():
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
