"""`python -m kb serve` answers real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore,
the engine's RemoteStore) with the engine's rules: read-only, time limit, row cap."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from core.errors import QueryError
from kb.engine.catalogue import bind
from kb.engine.choices import choices
from kb.engine.pool import StorePool
from kb.engine.service import ask, catalogue
from kb.engine.stores import KB_GRAPH, RemoteStore, with_values
from kb.server import SparqlServer, negotiate
from kb.void import VOID
from tests.catalogue_expectations import EXPECTED
from tests.serving import cli_server, exchange

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIME_LIMIT = 2.0


@pytest.fixture(scope="module")
def server(built):
    pool = StorePool(built[1] / "kb.ttl", size=4, timeout=TIME_LIMIT, row_cap=1000)
    # http://example.org may use it from a browser page (test_cors_preflight_and_head); the default allows no origin
    running = SparqlServer(pool, built[1] / "kb.ttl", port=0, cors_origins=["http://example.org"])
    running.start_background()
    yield running
    running.shutdown()
    running.server_close()
    pool.close()


def question_text(question_id: str, **params: str) -> str:
    question = catalogue()[question_id]
    return with_values(question.text, bind(question, params))


def request(server, method: str = "GET", accept: str = "*/*", **fields: str) -> tuple[int, dict, str]:
    data = urllib.parse.urlencode(fields)
    url = server.url + ("?" + data if method == "GET" else "")
    body = data.encode() if method == "POST" else None
    req = urllib.request.Request(url, data=body, method=method, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def measure_ids(bindings: list[dict]) -> set[str]:
    return {b["measure_id"]["value"] for b in bindings}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(server, method):
    client = SPARQLWrapper(server.url)
    client.setMethod(method)
    client.setQuery(question_text("measures-by-article", article="10 h)"))
    client.setReturnFormat(JSON)
    data = client.queryAndConvert()
    assert measure_ids(data["results"]["bindings"]) == {"4.21", "4.22", "4.23"}


def test_sparqlwrapper_xml_is_its_default(server):
    client = SPARQLWrapper(server.url)
    client.setQuery(question_text("measures-by-funding", source="ESF"))
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    values = {
        n.firstChild.data for n in document.getElementsByTagName("literal") if n.parentNode.getAttribute("name") == "measure_id"
    }
    assert values == {"4.8", "4.9", "4.12", "4.16", "4.17"}


@pytest.mark.parametrize(("fmt", "marker"), [(CSV, "measure_id,"), (TSV, "?measure_id\t")])
def test_sparqlwrapper_csv_and_tsv(server, fmt, marker):
    client = SPARQLWrapper(server.url)
    client.setQuery(question_text("measures-by-article", article="10 h)"))
    client.setReturnFormat(fmt)
    text = client.queryAndConvert().decode()
    assert marker in text.splitlines()[0] + ("," if fmt == CSV else "\t")
    assert all(number in text for number in ("4.21", "4.22", "4.23"))


def test_construct_answers_turtle(server):
    client = SPARQLWrapper(server.url)
    client.setQuery('CONSTRUCT { ?m ?p ?o } WHERE { ?m <https://w3id.org/lv-roma-plan/def#measureNumber> "4.21" ; ?p ?o }')
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")
    measure = URIRef("https://w3id.org/lv-roma-plan/id/measure/4.21")
    assert (measure, URIRef("https://w3id.org/lv-roma-plan/def#measureNumber"), Literal("4.21")) in graph


def test_ask(server):
    client = SPARQLWrapper(server.url)
    client.setQuery('ASK { ?m <https://w3id.org/lv-roma-plan/def#measureNumber> "4.31" }')
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True


def test_rdflib_sparqlstore(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server.url))
    rows = list(graph.query("SELECT ?n WHERE { ?m <https://w3id.org/lv-roma-plan/def#measureNumber> ?n }"))
    assert len(rows) == 31


@pytest.mark.parametrize(("question", "params", "variable", "expected"), [e for e in EXPECTED if e[3] is not None])
def test_every_catalogue_answer_through_the_endpoint(server, question, params, variable, expected):
    """The engine's RemoteStore (what the UI uses with KB_SPARQL_ENDPOINT) gets the plan's answers."""
    remote = RemoteStore(server.url, timeout=30)
    assert set(ask(remote, question, params).values(variable)) == expected


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"update": "CLEAR ALL"}, 403),
        ({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, 403),
        ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, 403),
        ({"query": "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }"}, 403),
        ({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": "http://127.0.0.1:9/g"}, 403),
        ({"query": "SELECT ?x WHERE { ?x ?y }"}, 400),
    ],
)
def test_refusals_and_errors_have_a_status_and_a_message(server, fields, status):
    code, _, body = request(server, "POST", **fields)
    assert code == status
    assert body.startswith("error (")


def test_the_kb_graph_may_be_named(server):
    code, _, _ = request(server, query="ASK { ?s ?p ?o }", **{"default-graph-uri": KB_GRAPH})
    assert code == 200


def test_runaway_query_is_stopped_and_the_next_one_answers(server):
    start = time.monotonic()
    code, _, body = request(server, query=RUNAWAY)
    assert code == 503 and "time limit" in body
    assert time.monotonic() - start < TIME_LIMIT + 5  # stopped, not left to run for minutes
    code, _, body = request(server, query="ASK { ?s ?p ?o }", accept="application/sparql-results+json")
    assert code == 200 and json.loads(body)["boolean"] is True, body


def test_row_cap_is_applied_and_announced(server):
    code, headers, body = request(server, query="SELECT * WHERE { ?s ?p ?o }", accept="text/csv")
    assert code == 200
    assert headers["X-Result-Truncated"] == "true"
    assert len(body.strip().splitlines()) == 1000 + 1


def test_unacceptable_format(server):
    code, _, body = request(server, query="SELECT * WHERE { ?s ?p ?o } LIMIT 1", accept="image/png")
    assert code == 406 and "application/sparql-results+json" in body


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
        ("text/csv;q=0.9, text/tab-separated-values", "text/tab-separated-values"),
        ("image/png, */*;q=0.1", "application/sparql-results+json"),
        ("image/png", None),
        ("", "application/sparql-results+json"),
    ],
)
def test_accept_negotiation(accept, expected):
    from kb.server import RESULT_TYPES

    assert negotiate(accept, RESULT_TYPES, "application/sparql-results+json") == expected


def test_void_description(server, kb_graph):
    code, _, body = request(server)
    assert code == 200 and "read-only" in body.lower()
    with urllib.request.urlopen(server.url.replace("/sparql", "/void"), timeout=10) as response:
        void = Graph().parse(data=response.read().decode(), format="turtle")
    dataset = URIRef("https://w3id.org/lv-roma-plan/id/dataset")
    assert void.value(dataset, VOID.triples) == Literal(len(kb_graph), datatype=XSD.integer)
    assert void.value(dataset, DCTERMS.license) is not None
    assert URIRef("https://w3id.org/lv-roma-plan/id/plan/2022-2023") in set(void.objects(dataset, DCTERMS.source))
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(server.url)


def test_only_loopback(built):
    with pytest.raises(ValueError, match="loopback"):
        SparqlServer(StorePool(built[1] / "kb.ttl", size=1), built[1] / "kb.ttl", host="0.0.0.0", port=0)


def test_cli_serve_starts_and_answers(built):
    with cli_server(built[1] / "kb.ttl") as port:
        client = SPARQLWrapper(f"http://127.0.0.1:{port}/sparql")
        client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        client.setReturnFormat(JSON)
        assert int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"]) == len(Graph().parse(built[1] / "kb.ttl"))


def raw(server, data: bytes) -> bytes:
    """A hand-written HTTP exchange, for requests no client library would send."""
    return exchange(server, data, timeout=10)


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 7\r\n\r\nfoo=bar",
            b"400",
        ),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\n\r\n", b"411"),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", b"400"),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", b"400"),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nquery\r\n0\r\n\r\n", b"411"),
        (
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 4\r\n\r\nASK\xe9",
            b"400",
        ),
        (b"GET /sparql?query=ASK%7B%7D&query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n", b"400"),
    ],
)
def test_malformed_requests_get_a_status_not_a_dropped_connection(server, request_bytes, status):
    assert raw(server, request_bytes).split(b" ", 2)[1] == status


def test_an_oversized_body_is_not_read_as_a_second_request(server):
    smuggled = b"GET /void HTTP/1.1\r\nHost: x\r\n\r\n"
    head = f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: {1_000_001}\r\n\r\n".encode()
    answer_bytes = raw(server, head + smuggled)
    assert answer_bytes.split(b" ", 2)[1] == b"413"
    assert answer_bytes.count(b"HTTP/1.1 ") == 1


@pytest.mark.parametrize("query", ["", "PREFIX x: <http://x/>"])
def test_an_empty_query_is_a_syntax_error_not_an_update(server, query):
    code, _, body = request(server, query=query)
    assert code == 400 and "syntax" in body


def test_named_graphs_are_refused(server):
    code, _, _ = request(server, query="ASK { ?s ?p ?o }", **{"named-graph-uri": KB_GRAPH})
    assert code == 403


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("text/*", "text/csv"), ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml")],
)
def test_wildcards_and_refusals_in_accept(server, accept, expected):
    code, headers, _ = request(server, query="ASK { ?s ?p ?o }", accept=accept)
    assert code == 200 and headers["Content-Type"].startswith(expected)


def test_a_killed_worker_is_replaced(built):
    import os
    import signal

    pool = StorePool(built[1] / "kb.ttl", size=1, timeout=5)
    try:
        worker = pool._idle.queue[0]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait_until_stopped()
        with pytest.raises(QueryError) as stopped:
            pool.run("ASK { ?s ?p ?o }")
        assert stopped.value.kind == "endpoint"
        assert pool.run("ASK { ?s ?p ?o }").meta["boolean"] is True
    finally:
        pool.close()


def test_json_results_are_compact_utf8_and_keep_lone_surrogates_as_escapes():
    from kb.engine.results import Result

    latvian = Result(["x"], [{"x": {"type": "literal", "value": "Rīga", "xml:lang": "lv"}}])
    assert (
        latvian.json_bytes()
        == '{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"Rīga","xml:lang":"lv"}}]}}'.encode()
    )
    # A remote endpoint's "\ud800" decodes to a lone surrogate, which UTF-8 cannot carry.
    lone = Result(["x"], [{"x": {"type": "literal", "value": "a\ud800"}}])
    assert json.loads(lone.json_bytes())["results"]["bindings"][0]["x"]["value"] == "a\ud800"
    assert json.loads(Result(["boolean"], [], meta={"boolean": False}).to_json()) == {"head": {}, "boolean": False}


def test_xml_results_keep_carriage_returns_and_refuse_control_characters():
    from rdflib.query import Result as RdflibResult

    from kb.engine.results import Result

    kept = Result(["x"], [{"x": {"type": "literal", "value": "a\r\nb"}}])
    parsed = RdflibResult.parse(source=__import__("io").BytesIO(kept.to_xml().encode()), format="xml")
    assert [str(row[0]) for row in parsed] == ["a\r\nb"]
    with pytest.raises(QueryError):
        Result(["x"], [{"x": {"type": "literal", "value": "a\x01b"}}]).to_xml()


def test_cors_preflight_and_head(server):
    preflight = raw(server, b"OPTIONS /sparql HTTP/1.1\r\nHost: x\r\nOrigin: http://example.org\r\n\r\n")
    assert preflight.startswith(b"HTTP/1.1 204") and b"Access-Control-Allow-Methods: GET, POST" in preflight
    head = raw(server, b"HEAD /void HTTP/1.1\r\nHost: x\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and head.endswith(b"\r\n\r\n")  # headers only


@pytest.mark.parametrize(("fmt", "media"), [("json", "application/ld+json"), ("xml", "application/rdf+xml")])
def test_format_parameter_also_names_rdf_syntaxes(server, fmt, media):
    code, headers, _ = request(server, query="CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3", format=fmt)
    assert code == 200 and headers["Content-Type"].startswith(media)


def test_a_slow_client_is_dropped_not_waited_for(server, monkeypatch):
    import socket

    from kb.server import Handler

    monkeypatch.setattr(Handler, "timeout", 1)
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=15) as connection:
        connection.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nASK")  # 7 bytes short
        assert connection.recv(100) == b""  # the server gave up on the request and closed the connection


def _get(server, path: str) -> tuple[int, str, str]:
    url = server.url.replace("/sparql", path)
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_questions_are_served_with_the_engines_menus(server, embedded):
    """GET /questions: the catalogue's contract as JSON, each parameter's menu the one the CLI and UI show."""
    status, content_type, body = _get(server, "/questions")
    assert status == 200 and content_type.startswith("application/json")
    data = json.loads(body)
    assert [q["id"] for q in data] == list(catalogue().questions)
    for entry in data:
        question = catalogue()[entry["id"]]
        assert entry == {**question.to_dict(), "params": entry["params"]}
        for param in entry["params"]:
            assert param["choices"]["values"] == [c.to_dict() for c in choices(embedded, question, param["name"])]
    funding = next(q for q in data if q["id"] == "measures-by-funding")
    source = funding["params"][0]
    assert source["choices"]["from"] == "set" and source["choices"]["set"] == "options-funds"
    assert {"ESF", "ESF+", "RRF"} <= {c["value"] for c in source["choices"]["values"]}
    assert {"name": "measure_id", "label": {"lv": "Pasākuma nr.", "en": "Measure no."}, "type": "measure-number"} in funding[
        "columns"
    ]


def test_one_question_and_an_unknown_one(server):
    status, _, body = _get(server, "/questions/measures-by-institution")
    assert status == 200
    role = json.loads(body)["params"][1]
    assert [c["value"] for c in role["choices"]["values"]] == ["responsible", "co-responsible", "any"]
    status, _, body = _get(server, "/questions/no-such-question")
    assert status == 404 and body.startswith("error (unknown-question):")
