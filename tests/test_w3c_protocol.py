"""The W3C SPARQL 1.1 Protocol tests (protocol/manifest.ttl) against a live `kb serve`.

Each request of a test is sent as the manifest writes it (method, path, headers, body in its
encoding) and the answer is checked: the status class, the result format (boolean, tabular,
RDF, by media type and by parsing the body) and the expected boolean.

The endpoint is read-only and serves one default graph, so some tests do not apply; their ids
say why, and they are run against what the endpoint does by design instead (a 403 refusal):
- updates that should succeed (update_*): SPARQL Update is refused;
- protocol datasets over the suite's own graphs (data1.nt…, named-graph-uri, FROM): only the
  KB's graph may be named.
Tests whose only dataset is the unloaded `data0.rdf` as default-graph-uri check other things
(form POST, GET, content types), so they are run adapted: the parameter names the KB's graph.
The Graph Store Protocol tests are listed as skipped: the endpoint offers no graph store."""

from __future__ import annotations

import http.client
import io
import urllib.parse

import pytest
import rdflib
from rdflib.query import Result as RdflibResult

from kb.engine.stores import KB_GRAPH
from tests import w3c
from tests.serving import cli_server

DATA0 = "http://kasei.us/2009/09/sparql/data/data0.rdf"
BOOLEAN_TYPES = {"application/sparql-results+xml": "xml", "application/sparql-results+json": "json"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv": "csv", "text/tab-separated-values": "tsv"}
RDF_TYPES = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt"}
STATUS_CLASSES = {w3c.HTS[f"StatusCode{n}xx"]: n for n in range(1, 6)}


def _requests(graph, test) -> list[dict]:
    action = graph.value(test, w3c.MF.action)
    requests = []
    for node in rdflib.collection.Collection(graph, graph.value(action, w3c.HT.requests)):
        headers = {}
        listed = graph.value(node, w3c.HT.headers)
        if listed is not None:
            for header in rdflib.collection.Collection(graph, listed):
                headers[str(graph.value(header, w3c.HT.fieldName))] = str(graph.value(header, w3c.HT.fieldValue))
        body = graph.value(node, w3c.HT.body)
        response = graph.value(node, w3c.HT.resp)
        expected_boolean = graph.value(response, w3c.MF.expectedBoolean)
        requests.append(
            {
                "method": str(graph.value(node, w3c.HT.methodName)),
                "path": str(graph.value(node, w3c.HT.absolutePath)),
                "headers": headers,
                "body": None
                if body is None
                else str(graph.value(body, w3c.CNT.chars)).encode(str(graph.value(body, w3c.CNT.characterEncoding))),
                "status": sorted(STATUS_CLASSES[s] for s in graph.objects(response, w3c.MF.expectedStatus)),
                "format": str(graph.value(response, w3c.MF.expectedFormat) or "") or None,
                "boolean": None if expected_boolean is None else expected_boolean.toPython(),
            }
        )
    return requests


def _fields(request: dict) -> dict[str, list[str]]:
    """Every protocol parameter of a request: the URL's, the form body's, the direct body's."""
    fields = urllib.parse.parse_qs(urllib.parse.urlsplit(request["path"]).query, keep_blank_values=True)
    content_type = request["headers"].get("content-type", "")
    body = (request["body"] or b"").decode("utf-8", "replace")
    if content_type == "application/x-www-form-urlencoded":
        for name, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
            fields.setdefault(name, []).extend(values)
    elif content_type.startswith("application/sparql-query"):
        fields.setdefault("query", []).append(body)
    elif content_type.startswith("application/sparql-update"):
        fields.setdefault("update", []).append(body)
    return fields


def _classify(name: str, requests: list[dict]) -> tuple[str, str]:
    """("run" | "adapted" | "by-design", why)."""
    first = requests[0]
    fields = _fields(first)
    succeeds = 2 in first["status"]
    if fields.get("update") and succeeds:
        return "by-design", "update: the endpoint is read-only, answered 403"
    graphs = fields.get("default-graph-uri", []) + fields.get("named-graph-uri", [])
    named_in_query = any("FROM" in q.upper().split("{")[0] for q in fields.get("query", []))
    if succeeds and (fields.get("named-graph-uri") or named_in_query or any(g != DATA0 for g in graphs)):
        return "by-design", "dataset of the suite's own graphs: only the KB's graph may be named, answered 403"
    if succeeds and graphs:
        return "adapted", "default-graph-uri data0.rdf -> the KB's graph"
    return "run", ""


def _adapt(request: dict) -> dict:
    quoted = urllib.parse.quote(DATA0, safe="")
    return {**request, "path": request["path"].replace(quoted, urllib.parse.quote(KB_GRAPH, safe=""))}


def _collect() -> list:
    if not w3c.available():
        return [pytest.param(None, None, None, marks=pytest.mark.skip(reason=w3c.MISSING), id="suite-missing")]
    params = []
    graph, tests = w3c.manifest(w3c.SUITE / "protocol" / "manifest.ttl")
    for test in tests:
        name = str(test).rsplit("#", 1)[-1]
        requests = _requests(graph, test)
        kind, why = _classify(name, requests)
        label = name if kind == "run" else f"{name} [{'adapted' if kind == 'adapted' else 'n/a'}: {why}]"
        params.append(pytest.param(kind, name, requests, id=label))
    for manifest_name in ("manifest-direct.ttl", "manifest-indirect.ttl"):
        graph, tests = w3c.manifest(w3c.SUITE / "graph-store-protocol" / manifest_name)
        for test in tests:
            name = str(test).rsplit("#", 1)[-1]
            reason = "graph store protocol: the endpoint offers no graph store (read-only, one graph)"
            params.append(pytest.param(None, name, None, marks=pytest.mark.skip(reason=reason), id=f"gsp/{name} [n/a: {reason}]"))
    return params


@pytest.fixture(scope="module")
def endpoint(built):
    with cli_server(built[1] / "kb.ttl") as port:
        yield port


def _send(port: int, request: dict) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(request["method"], request["path"], body=request["body"], headers=request["headers"])
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


CHECKS: list[tuple[str, bool]] = []  # (what, passed) for the figures


def _check(what: str, passed: bool, detail: str = "") -> None:
    CHECKS.append((what, passed))
    assert passed, f"{what}: {detail}"


@pytest.mark.parametrize(("kind", "name", "requests"), _collect())
def test_w3c_protocol(endpoint, kind, name, requests):
    if kind == "by-design":
        code, _, body = _send(endpoint, requests[0])
        _check(f"{name}: refused by design", code == 403, f"{code} {body[:200]!r}")
        return
    for number, request in enumerate(requests):
        if kind == "adapted":
            request = _adapt(request)
        code, content_type, body = _send(endpoint, request)
        where = f"{name} request {number + 1}"
        _check(f"{where}: status", code // 100 in request["status"], f"{code}, expected {request['status']}xx: {body[:300]!r}")
        if request["format"]:
            _check_format(where, request, content_type, body)


def _check_format(where: str, request: dict, content_type: str, body: bytes) -> None:
    media = content_type.split(";")[0].strip().lower()
    offered = {"boolean": BOOLEAN_TYPES, "tabular": TABULAR_TYPES, "RDF": RDF_TYPES}[request["format"]]
    _check(f"{where}: {request['format']} media type", media in offered, f"{media!r} is not one of {sorted(offered)}")
    if request["format"] == "RDF":
        rdflib.Graph().parse(data=body, format=offered[media])
        CHECKS.append((f"{where}: parses", True))
        return
    parsed = RdflibResult.parse(io.BytesIO(body), format=offered[media])
    if request["format"] == "boolean":
        _check(f"{where}: a boolean result", parsed.type == "ASK", f"got a {parsed.type} result")
    if request["boolean"] is not None:
        _check(f"{where}: boolean value", parsed.askAnswer == request["boolean"], f"{parsed.askAnswer} != {request['boolean']}")


def test_w3c_protocol_literal_dataset_requests_are_refused(endpoint):
    """The adapted tests as the manifest writes them: data0.rdf is not the KB's graph (403 by design)."""
    path = "/sparql/?query=ASK%20%7B%7D&default-graph-uri=" + urllib.parse.quote(DATA0, safe="")
    code, _, body = _send(endpoint, {"method": "GET", "path": path, "headers": {}, "body": None})
    assert code == 403 and b"default-graph-uri" in body


def test_w3c_protocol_figures(report_figure):
    if not w3c.available():
        pytest.skip(w3c.MISSING)
    params = _collect()
    kinds = [p.values[0] for p in params]
    passed = sum(ok for _, ok in CHECKS)
    report_figure(
        f"W3C SPARQL 1.1 Protocol: {len(kinds)} tests ({kinds.count('run')} as written, {kinds.count('adapted')} adapted"
        f" to the KB's graph, {kinds.count('by-design')} refused by design, {kinds.count(None)} graph-store skipped);"
        f" checks passed {passed}/{len(CHECKS)}"
    )
