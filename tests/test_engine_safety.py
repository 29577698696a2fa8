"""Each safety rule, with a test that tries to break it."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from typing import ClassVar

import pytest
from rdflib import Literal
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from core.errors import QueryError
from kb.engine.catalogue import bind, load_catalogue
from kb.engine.service import ask, sparql
from kb.engine.stores import EmbeddedStore, with_values
from tests.cli import run_kb

HOSTILE_PIECES = [
    '"',
    "'",
    "}",
    "{",
    "UNION",
    "\n",
    "#",
    "\\",
    '"""',
    "'''",
    ">",
    "<",
    ";",
    ".",
    "?s",
    "SERVICE <http://127.0.0.1:1/>",
    "DROP ALL",
    ") } SELECT * WHERE { ?s ?p ?o",
    "\u0000",
    "\r\n",
    "ā",
    "%",
    "^^<x>",
    "@en",
]


def _hostile_values() -> list[str]:
    values = []
    for a in HOSTILE_PIECES:
        for b in HOSTILE_PIECES:
            values.append(f"{a}x{b}" if len(values) % 2 else f'ESF"{a} }} UNION {{ ?s ?p ?o }} #{b}')
    return values[:300]


def _triple_patterns(node, out: list) -> list:
    if hasattr(node, "name") and node.name == "BGP":
        out.extend(sorted(str(t) for t in node["triples"]))
    if isinstance(node, dict):
        for value in node.values():
            _triple_patterns(value, out)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _triple_patterns(value, out)
    return out


def _shape(text: str) -> tuple[list, list]:
    query = translateQuery(parseQuery(text))
    return _triple_patterns(query.algebra, []), list(query.algebra.get("PV", []))


@pytest.mark.parametrize(
    "question_id", ["measures-by-funding", "search", "measures-by-institution", "measures-by-policy-document"]
)
def test_hostile_values_never_change_the_query_structure(question_id):
    question = load_catalogue()[question_id]
    benign = with_values(question.text, bind(question, {}))
    expected = _shape(benign)
    values = _hostile_values() if question_id == "measures-by-funding" else _hostile_values()[::4]
    assert len(values) >= 75
    first = question.params[0].name
    for value in values:
        bound = bind(question, {first: value})
        text = with_values(question.text, bound)
        assert _shape(text) == expected, value
        assert Literal in {type(t) for t in bound.values()}


def test_hostile_values_run_and_find_nothing(embedded):
    for value in _hostile_values()[:60]:
        result = ask(embedded, "measures-by-funding", {"source": value})
        assert result.rows == []


def test_parameters_reach_every_subquery_but_not_comments_or_strings(embedded):
    """A subquery sees only its own variables: each WHERE group gets the values, a WHERE in a
    comment or a string does not."""
    text = """SELECT ?n ?s WHERE {  # where { in a comment
      { SELECT (COUNT(?f) AS ?n) WHERE { ?f <https://w3id.org/lv-roma-plan/def#fundCode> ?c . FILTER(LCASE(?c) = ?_s) } }
      BIND("where {" AS ?s)
    }"""
    bound = with_values(text, {"_s": Literal("esf")})
    assert bound.count('VALUES (?_s) { ("esf") }') == 2
    assert "# where { in a comment" in bound and 'BIND("where {" AS ?s)' in bound
    assert embedded.run(text, {"_s": Literal("esf")}).rows[0]["n"]["value"] == "1"


REFUSED = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:PORT/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:PORT/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://127.0.0.1:PORT/x> { ?s ?q ?r } } }",
    "SELECT * FROM <http://127.0.0.1:PORT/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:PORT/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ASK { SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o } }",
]


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list] = []

    def do_GET(self):
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    _Recorder.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def test_listener_would_see_a_request(listener):
    import urllib.request

    urllib.request.urlopen(f"http://127.0.0.1:{listener}/probe").read()
    assert _Recorder.hits == ["/probe"]  # the trap works


@pytest.mark.parametrize("query", REFUSED)
def test_refused_before_any_request(embedded, listener, query):
    text = query.replace("PORT", str(listener))
    with pytest.raises(QueryError) as error:
        sparql(embedded, text)
    assert error.value.kind == "refused" and error.value.message
    assert _Recorder.hits == []


def test_syntax_error_has_a_position(embedded):
    with pytest.raises(QueryError) as error:
        sparql(embedded, "SELECT ?s\nWHERE { ?s ?p }")
    assert error.value.kind == "syntax" and error.value.line == 2 and error.value.query


def test_time_limit_stops_a_cross_join_and_the_next_query_answers(built):
    store = EmbeddedStore(built[1] / "kb.ttl", timeout=1.0)
    try:
        with pytest.raises(QueryError) as error:
            sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        assert error.value.kind == "timeout"
        assert ask(store, "budget-total").values("amount") == ["4344513"]
    finally:
        store.close()


def test_row_cap_says_rows_were_cut(built):
    store = EmbeddedStore(built[1] / "kb.ttl", row_cap=25)
    try:
        result = sparql(store, "SELECT * WHERE { ?s ?p ?o }")
        assert len(result.rows) == 25 and result.truncated
        assert not sparql(store, "SELECT * WHERE { ?s a <https://w3id.org/lv-roma-plan/def#Plan> }").truncated
    finally:
        store.close()


def test_cli_json_is_w3c_results_json(built):
    out = run_kb("ask", "measures-by-article", "--param", "article=10 h)", "--format", "json", "--kb", str(built[1] / "kb.ttl"))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert "measure_id" in data["head"]["vars"]
    assert sorted(b["measure_id"]["value"] for b in data["results"]["bindings"]) == ["4.21", "4.22", "4.23"]


def test_cli_csv_and_errors(built):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kb",
            "ask",
            "measures-by-funding",
            "--param",
            "source=ESF",
            "--format",
            "csv",
            "--kb",
            str(built[1] / "kb.ttl"),
        ],
        capture_output=True,
        timeout=120,
    )
    assert out.returncode == 0 and out.stdout.startswith(b"\xef\xbb\xbfmeasure,measure_id,") and b"\r\n" in out.stdout
    bad = run_kb("sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "--kb", str(built[1] / "kb.ttl"))
    assert bad.returncode == 3 and "refused" in bad.stderr


def test_cli_refuses_before_opening_any_store(tmp_path):
    """No KB and no endpoint are needed to be told no: the check runs first."""
    done = run_kb("sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "--kb", str(tmp_path / "none.ttl"))
    assert done.returncode == 3
    assert "error (refused)" in done.stderr and "not found" not in done.stderr


def test_too_deep_to_check_is_refused_not_a_syntax_error():
    """rdflib's parser runs out of recursion on very deep groups: that is 'nested too deeply'
    (refused), while a deep but checkable query runs."""
    store = EmbeddedStore(None, timeout=60)
    try:
        assert store.run("SELECT * WHERE " + "{ " * 300 + "?s ?p ?o " + "} " * 300, check=True).rows == []
        with pytest.raises(QueryError) as refused:
            store.run("SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000, check=True)
        assert refused.value.kind == "refused" and "nested too deeply" in refused.value.message
    finally:
        store.close()


def test_only_passed_checks_are_remembered(embedded):
    """The process remembers texts the worker's check passed (so a pool parses each once);
    a refused text is never remembered, and is refused every time."""
    from kb.engine.stores import PASSED

    passed = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2 # remembered"
    embedded.run(passed, check=True)
    assert PASSED.has(passed)
    refused = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } # never remembered"
    for _ in range(2):
        with pytest.raises(QueryError) as error:
            embedded.run(refused, check=True)
        assert error.value.kind == "refused"
    assert not PASSED.has(refused)
