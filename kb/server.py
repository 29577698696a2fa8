"""`python -m kb serve`: a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1.

GET and POST (form or application/sparql-query). SELECT/ASK answer in SPARQL JSON, XML,
CSV or TSV; CONSTRUCT/DESCRIBE in Turtle, N-Triples, RDF/XML or JSON-LD, chosen by the
Accept header. The engine's rules apply: checked first (no updates, SERVICE or FROM),
a time limit per query, a row cap. Workers come from a StorePool, so one runaway query
does not hold up the others. /void describes the dataset; /kb.ttl is the dump;
/questions is the query catalogue as JSON, each parameter with its choices."""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from core.errors import QueryError, format_error
from kb.engine.results import Result
from kb.engine.safety import check_query
from kb.engine.stores import KB_GRAPH, Store

MAX_BODY = 1_000_000
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Canonical media types first: a wildcard picks the first of its family.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/x-turtle": "turtle",
    "text/plain": "nt",
}
# `format=`/`output=` parameters some clients (SPARQLWrapper) send besides Accept
SHORT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
}
# For CONSTRUCT/DESCRIBE, the same `format=` words name RDF syntaxes.
GRAPH_SHORT_FORMATS = {"json": "application/ld+json", "xml": "application/rdf+xml", "turtle": "text/turtle"}


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str]


def negotiate(accept: str, offered: dict[str, str], fallback: str) -> str | None:
    """The offered media type the client prefers (highest q, then its order); a wildcard
    (*/*, text/*) picks `fallback` if it fits, else the first offered type of that family.
    A type given q=0 is never chosen."""
    ranked, refused = [], set()
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            refused.add(media.lower())
        else:
            ranked.append((-q, position, media.lower()))
    candidates = [fallback, *offered]
    for _, _, media in sorted(ranked):
        family = media.split("/")[0]
        for candidate in candidates:
            if candidate in refused or candidate not in offered:
                continue
            if media == candidate or media == "*/*" or (media.endswith("/*") and candidate.startswith(family + "/")):
                return candidate
    return None


def answer(store: Store, query: str, accept: str, dataset: list[str]) -> Reply:
    """One protocol request → one reply; every failure is a QueryError with a status."""
    form = check_query(query)
    if any(uri != KB_GRAPH for uri in dataset):
        raise QueryError("refused", "only this knowledge base can be queried: default-graph-uri names another graph")
    is_graph = form in ("ConstructQuery", "DescribeQuery")
    offered, fallback = (GRAPH_TYPES, "text/turtle") if is_graph else (RESULT_TYPES, "application/sparql-results+json")
    media = negotiate(accept, offered, fallback)
    if media is None:
        return Reply(HTTPStatus.NOT_ACCEPTABLE, "text/plain", f"can answer with: {', '.join(offered)}\n".encode(), {})
    result = store.run(query)
    headers = {"X-Row-Cap": str(store.row_cap)}
    if result.truncated:
        headers["X-Result-Truncated"] = "true"
    return Reply(HTTPStatus.OK, f"{media}; charset=utf-8", render(result, offered[media]).encode("utf-8"), headers)


def render(result: Result, fmt: str) -> str:
    if result.is_graph:
        return result.to_graph().serialize(format=fmt)
    return result.format(fmt)


class Handler(BaseHTTPRequestHandler):
    server_version = "roma-plan-kb"
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may take to send its request (a slow body does not hold a thread forever)
    _head_only = False

    def do_HEAD(self) -> None:
        self._head_only = True
        self.do_GET()

    def do_OPTIONS(self) -> None:
        """CORS preflight, so browser pages can POST application/sparql-query."""
        self._send(
            Reply(
                HTTPStatus.NO_CONTENT,
                "text/plain",
                b"",
                {
                    "Access-Control-Allow-Methods": "GET, POST, HEAD, OPTIONS",
                    "Access-Control-Allow-Headers": "Content-Type, Accept",
                },
            )
        )

    def log_message(self, format: str, *args) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        try:
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return self._send(_plain(HTTPStatus.BAD_REQUEST, "the query string is not valid UTF-8"))
        if url.path == "/void":
            self._send(Reply(HTTPStatus.OK, "text/turtle; charset=utf-8", self.server.void_turtle, {}))
        elif url.path == "/kb.ttl":
            self._send(Reply(HTTPStatus.OK, "text/turtle; charset=utf-8", self.server.kb_path.read_bytes(), {}))
        elif url.path == "/questions" or url.path.startswith("/questions/"):
            self._questions(urllib.parse.unquote(url.path[len("/questions/") :]) if url.path != "/questions" else None)
        elif url.path == "/sparql" and ("query" in params or "update" in params):
            self._query(params)
        elif url.path in ("/", "/sparql"):
            self._send(Reply(HTTPStatus.OK, "text/plain; charset=utf-8", self.server.help_text.encode(), {}))
        else:
            self._send(Reply(HTTPStatus.NOT_FOUND, "text/plain", b"not found; see /\n", {}))

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(Reply(HTTPStatus.NOT_FOUND, "text/plain", b"not found; see /\n", {}))
        body, problem = self._read_body()
        if problem:
            self.close_connection = True  # what is left of the body must not be read as a request
            return self._send(problem)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True, errors="strict")
        try:
            if content_type == "application/sparql-query":
                params["query"] = [body.decode("utf-8")]
            elif content_type == "application/sparql-update":
                params["update"] = [body.decode("utf-8", "replace")]
            else:
                params.update(urllib.parse.parse_qs(body.decode("ascii"), keep_blank_values=True, errors="strict"))
        except UnicodeDecodeError:
            return self._send(
                _plain(HTTPStatus.BAD_REQUEST, "the request is not valid UTF-8 (form bodies must be percent-encoded)")
            )
        self._query(params)

    def _read_body(self) -> tuple[bytes, Reply | None]:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return b"", _plain(
                HTTPStatus.LENGTH_REQUIRED, "send the query with a Content-Length (chunked bodies are not accepted)"
            )
        text = self.headers.get("Content-Length")
        if text is None:
            return b"", _plain(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        if not text.strip().isdigit():
            return b"", _plain(HTTPStatus.BAD_REQUEST, f"Content-Length must be a whole number, got {text!r}")
        length = int(text)
        if length > MAX_BODY:
            return b"", _plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is larger than {MAX_BODY} bytes")
        return self.rfile.read(length), None

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._send(_error(QueryError("refused", "this endpoint is read-only: SPARQL Update is not accepted")))
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._send(_plain(HTTPStatus.BAD_REQUEST, "give exactly one `query` parameter (GET ?query=… or POST)"))
        if params.get("named-graph-uri"):
            return self._send(_error(QueryError("refused", "named-graph-uri is not supported: the KB is one default graph")))
        accept = self.headers.get("Accept") or ""
        short = (params.get("format") or params.get("output") or [""])[0].lower()
        if short in SHORT_FORMATS and accept.strip() in ("", "*/*"):
            accept = f"{SHORT_FORMATS[short]}, {GRAPH_SHORT_FORMATS.get(short, 'text/turtle')};q=0.9"
        try:
            reply = answer(self.server.store, queries[0], accept, params.get("default-graph-uri", []))
        except QueryError as error:
            reply = _error(error)
        self._send(reply)

    def _questions(self, question_id: str | None) -> None:
        try:
            body = self.server.questions_json(question_id)
        except QueryError as error:
            return self._send(_error(error))
        self._send(Reply(HTTPStatus.OK, "application/json; charset=utf-8", body, {}))

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not self._head_only:
            self.wfile.write(reply.body)


def _plain(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", f"error: {message}\n".encode(), {})


def _error(error: QueryError) -> Reply:
    """The protocol's error shape: the kind's status and the message as plain text (the CLI prints the same)."""
    return Reply(error.kind.http_status, "text/plain; charset=utf-8", (format_error(error) + "\n").encode(), {})


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, store: Store, kb_path: Path, host: str = "127.0.0.1", port: int = 3030, verbose: bool = False):
        if host not in LOOPBACK:
            raise ValueError(f"the endpoint only listens on loopback (127.0.0.1), not {host!r}")
        super().__init__((host, port), Handler)
        self.store = store
        self.kb_path = Path(kb_path)
        self.verbose = verbose
        self.url = f"http://{host}:{self.server_address[1]}/sparql"
        self.void_turtle = self._void().encode("utf-8")
        self.help_text = (
            f"Read-only SPARQL 1.1 endpoint: {self.url} (GET ?query=… or POST)\n"
            f"time limit {store.timeout:g} s, row cap {store.row_cap}; updates, SERVICE and FROM are refused\n"
            f"dataset description: {self.url[: -len('/sparql')]}/void; dump: /kb.ttl\n"
            f"questions: /questions (the catalogue as JSON, with each parameter's choices), /questions/ID\n"
        )
        self._described: dict[str, dict] | None = None
        self._described_lock = threading.Lock()

    def questions_json(self, question_id: str | None = None) -> bytes:
        """The catalogue (or one question) as JSON, with the choices served from the KB;
        computed once, since the KB does not change while the server runs."""
        from kb.engine.choices import describe
        from kb.engine.service import catalogue

        with self._described_lock:
            if self._described is None:
                self._described = {q.id: describe(self.store, q) for q in catalogue().questions.values()}
        if question_id is None:
            data = list(self._described.values())
        else:
            catalogue()[question_id]  # the one error shape for an unknown question (404)
            data = self._described[question_id]
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    def _void(self) -> str:
        from rdflib import Graph

        from kb.void import void_graph

        base = self.url[: -len("/sparql")]
        return void_graph(Graph().parse(self.kb_path), endpoint=self.url, dump=f"{base}/kb.ttl").serialize(format="turtle")

    def start_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return thread
