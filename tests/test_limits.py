"""Memory, size and position bounds of the query worker (findings of an outside test: a worker
at 3.1 GB, a 256 MB literal within the time limit, a 60-byte query that made a 400 MB error)."""

from __future__ import annotations

import pytest

from core.errors import ErrorKind, QueryError, format_error
from kb.engine.stores import EmbeddedStore
from kb.engine.worker import Limits

MEASURES = "SELECT ?m WHERE { ?m a <https://w3id.org/lv-roma-plan/def#Measure> }"
# Every triple's object joined to every other: hundreds of MB of strings.
MEMORY_HOG = "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?a ?b ?o . ?c ?d ?e }"
# One literal that doubles 28 times: 256 MB within a few seconds.
BIG_LITERAL = (
    "SELECT ?x WHERE { BIND('ab' AS ?x0) "
    + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(27))
    + " BIND(?x27 AS ?x) }"
)


@pytest.fixture
def small_store(built):
    store = EmbeddedStore(built[1] / "kb.ttl", timeout=30, limits=Limits(memory_mb=200, result_bytes=64 * 1024))
    yield store
    store.close()


def test_a_query_over_the_memory_limit_is_stopped_and_the_worker_answers_again(small_store):
    with pytest.raises(QueryError) as stopped:
        small_store.run(MEMORY_HOG)
    assert "200 MB" in stopped.value.message
    assert len(small_store.run(MEASURES).rows) == 31


def test_results_are_cut_at_a_size_in_bytes(small_store):
    result = small_store.run("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert result.truncated and result.meta["byte_cap"] == 64 * 1024
    assert 0 < len(result.rows) < 9000
    assert sum(len(t["value"]) for row in result.rows for t in row.values()) <= 64 * 1024


def test_a_huge_literal_is_not_returned(small_store):
    try:
        result = small_store.run(BIG_LITERAL)
    except QueryError as error:  # the memory limit came first
        assert error.kind in (ErrorKind.ENDPOINT, ErrorKind.REFUSED)
    else:
        assert result.truncated and result.rows == []


def test_error_positions_never_come_from_echoed_text(embedded):
    # The IRI echoes digits that look like a position; only Oxigraph's own prefix counts.
    query = "SELECT * WHERE { ?s ?p <http://a/b 99999999:99999999> }"
    with pytest.raises(QueryError) as error:
        embedded.run(query)
    assert (error.value.line, error.value.column) != (99999999, 99999999)
    assert len(format_error(error.value)) < 500


def test_a_caret_never_reaches_past_its_line():
    error = QueryError(ErrorKind.SYNTAX, "x", "ASK {}", line=1, column=400_000_000)
    assert len(format_error(error)) < 100


@pytest.mark.parametrize(
    ("available_kb", "memory_mb", "workers"),
    [(24_000_000, 1024, 8), (4_000_000, 1024, 1), (9_000_000, 1024, 4), (500_000, 1024, 1)],
)
def test_the_default_worker_count_fits_the_memory(tmp_path, available_kb, memory_mb, workers):
    from kb.engine.pool import default_workers

    meminfo = tmp_path / "meminfo"
    meminfo.write_text(f"MemTotal: 99999999 kB\nMemAvailable: {available_kb} kB\n")
    assert default_workers(memory_mb, meminfo) == workers


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE { BIND(" + "(" * 25 + "1" + ")" * 25 + " AS ?x) }",
        "SELECT * WHERE { " + " ".join(f"OPTIONAL {{ ?s <http://example.org/p{i}> ?o{i} }}" for i in range(600)) + " } LIMIT 1",
    ],
    ids=["25-nested-parentheses", "600-triple-patterns"],
)
def test_deep_or_long_valid_queries_are_not_syntax_errors(embedded, query):
    # Found by an outside test: rdflib's parser ran out of recursion and called them syntax errors.
    from kb.engine.service import sparql

    result = sparql(embedded, query, timeout=30)
    assert result.rows
