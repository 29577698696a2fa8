"""`python -m kb serve`: a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1.

GET and POST (form or application/sparql-query). SELECT/ASK answer in SPARQL JSON, XML,
CSV or TSV; CONSTRUCT/DESCRIBE in Turtle, N-Triples, RDF/XML or JSON-LD, chosen by the
Accept header. The engine's rules apply: checked first (no updates, SERVICE or FROM),
a time limit per query, a row cap. Nothing is parsed in this process: the check runs in
the query worker, inside the time limit. Workers come from a StorePool, so one runaway
query does not hold up the others. /void describes the dataset; /kb.ttl is the dump;
/questions is the query catalogue as JSON, each parameter with its choices.

The HTTP side is an event loop (selectors) that reads whole requests, so a slow client
holds a connection slot, never a thread: requests go to a fixed pool of threads only when
their head and body are in. Bounded: connections, threads, the time to send a request
(head and body, one deadline per request), the request size. A full server answers 503
with Retry-After at once instead of leaving clients in the listen queue. Each answer is
one write (status line, headers and body), sent with TCP_NODELAY."""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import io
import json
import queue
import re
import selectors
import socket
import socketserver
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from core.errors import QueryError, format_error
from core.namespaces import ID
from kb.answers import AnswerCache
from kb.engine.graphs import serialize
from kb.engine.results import Result
from kb.engine.stores import KB_GRAPH, Store

MAX_BODY = 1_000_000
# Kept answers (kb/answers.py), in bytes: the catalogue's answers at the seed's size take ~1 MB.
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
MAX_HEAD = 128 * 1024  # request line and headers
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Relative IRIs in queries (<measure/4.21>, <s>) resolve against the KB's entity namespace,
# whatever host and port the endpoint runs on; a BASE in the query wins.
BASE_IRI = str(ID)
ALLOWED_METHODS = "GET, POST, HEAD, OPTIONS"
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
FORM = "application/x-www-form-urlencoded"
DIRECT_QUERY = "application/sparql-query"
DIRECT_UPDATE = "application/sparql-update"


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


def answer(store: Store, query: str, accept: str, dataset: list[str], base_iri: str = BASE_IRI) -> Reply:
    """One protocol request → one reply; every failure is a QueryError with a status.

    The worker checks the query and runs it within the time limit (`check=True`), so this
    process never parses a query: the media type is chosen from the result's form."""
    if any(uri != KB_GRAPH for uri in dataset):
        raise QueryError("refused", "only this knowledge base can be queried: default-graph-uri names another graph")
    table = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
    graph = negotiate(accept, GRAPH_TYPES, "text/turtle")
    if table is None and graph is None:
        return _unacceptable({**RESULT_TYPES, **GRAPH_TYPES})
    result = store.run(query, check=True, base_iri=base_iri)
    offered, media = (GRAPH_TYPES, graph) if result.is_graph else (RESULT_TYPES, table)
    if media is None:
        return _unacceptable(offered)
    headers = {"X-Row-Cap": str(store.row_cap)}
    if result.truncated:
        headers["X-Result-Truncated"] = "true"
    return Reply(HTTPStatus.OK, f"{media}; charset=utf-8", render(result, offered[media]), headers)


def render(result: Result, fmt: str) -> bytes:
    if result.is_graph:
        return serialize(result, fmt)
    return result.encoded(fmt)


def _unacceptable(offered: dict[str, str]) -> Reply:
    return Reply(HTTPStatus.NOT_ACCEPTABLE, "text/plain; charset=utf-8", f"can answer with: {', '.join(offered)}\n".encode(), {})


_DIGITS = re.compile(r"[0-9]{1,15}")


def body_length(headers) -> tuple[int, Reply | None]:
    """The body's length from the headers, or the reply that refuses the request. The event
    loop (which waits for the body) and the handler (which answers) use this one function,
    so they never disagree about where a request ends."""
    if headers.get_all("Transfer-Encoding"):
        return 0, _plain(HTTPStatus.LENGTH_REQUIRED, "send the query with a Content-Length (chunked bodies are not accepted)")
    lengths = headers.get_all("Content-Length") or []
    if not lengths:
        return 0, None
    if len(lengths) > 1:
        return 0, _plain(HTTPStatus.BAD_REQUEST, "give exactly one Content-Length header")
    text = lengths[0].strip()
    if not _DIGITS.fullmatch(text):
        if text.isascii() and text.isdigit():
            return 0, _plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is larger than {MAX_BODY} bytes")
        return 0, _plain(HTTPStatus.BAD_REQUEST, f"Content-Length must be a whole number, got {text[:40]!r}")
    if int(text) > MAX_BODY:
        return 0, _plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is larger than {MAX_BODY} bytes")
    return int(text), None


class Handler(BaseHTTPRequestHandler):
    """Answers one complete request, read by the server's event loop: `rfile` holds exactly the
    request (head and body), and the answer is collected in `wfile` and sent in one write."""

    server_version = "roma-plan-kb"
    protocol_version = "HTTP/1.1"
    timeout = 10  # seconds a client has to send a whole request, head and body (SparqlServer(request_timeout=…))
    _head_only = False

    def __init__(self, data: bytes, client_address, server: SparqlServer, must_close: bool = False):
        self._data = data
        self._must_close = must_close
        super().__init__(None, client_address, server)

    def setup(self) -> None:
        self.connection = None
        self.rfile = io.BytesIO(self._data)
        self.wfile = io.BytesIO()

    def handle(self) -> None:
        self.close_connection = True
        self.handle_one_request()
        if self._must_close:
            self.close_connection = True

    def finish(self) -> None:
        pass  # the loop sends wfile's bytes

    def parse_request(self) -> bool:
        """http.server's parsing, and one reading of the body's length for every method: a
        request whose end is unclear (two lengths, a bad one, chunked) is refused and closed."""
        if not super().parse_request():
            return False
        _, problem = body_length(self.headers)
        if problem:
            self.close_connection = True
            self._send(problem)
            return False
        return True

    def handle_expect_100(self) -> bool:
        return True  # the loop sent "100 Continue" when it started waiting for the body

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request line, too many headers, unknown method) in
        the endpoint's plain-text shape."""
        self.close_connection = True
        self._send(_plain(code, message or HTTPStatus(code).phrase))

    def log_message(self, format: str, *args) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def do_HEAD(self) -> None:
        self._head_only = True
        self.do_GET()

    def do_OPTIONS(self) -> None:
        """CORS preflight: only for the origins given with --cors-origin (none by default)."""
        headers = {"Allow": ALLOWED_METHODS}
        origin = self.headers.get("Origin")
        if origin is not None:
            if not self.server.cors_allows(origin):
                return self._send(self._foreign_origin(origin))
            headers |= {
                "Access-Control-Allow-Methods": ALLOWED_METHODS,
                "Access-Control-Allow-Headers": "Content-Type, Accept",
                "Access-Control-Max-Age": "600",
            }
        self._send(Reply(HTTPStatus.NO_CONTENT, "text/plain", b"", headers))

    def _refuse_method(self) -> None:
        self._send(
            Reply(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "text/plain; charset=utf-8",
                f"error: {self.command} is not allowed: this endpoint is read-only ({ALLOWED_METHODS})\n".encode(),
                {"Allow": ALLOWED_METHODS},
            )
        )

    do_PUT = do_DELETE = do_PATCH = do_TRACE = do_CONNECT = _refuse_method

    def do_GET(self) -> None:
        if self._cross_origin_refused():
            return
        url = urllib.parse.urlsplit(self.path)
        try:
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            return self._send(_plain(HTTPStatus.BAD_REQUEST, "the query string is not valid UTF-8"))
        if url.path == "/void":
            self._send(Reply(HTTPStatus.OK, "text/turtle; charset=utf-8", self.server.void_turtle, {}))
        elif url.path == "/kb.ttl":
            self._send(Reply(HTTPStatus.OK, "text/turtle; charset=utf-8", self.server.kb_bytes, {}))
        elif url.path == "/questions" or url.path.startswith("/questions/"):
            self._questions(urllib.parse.unquote(url.path[len("/questions/") :]) if url.path != "/questions" else None)
        elif url.path in ("/sparql", "/sparql/") and ("query" in params or "update" in params):
            self._query(params)
        elif url.path in ("/", "/sparql", "/sparql/"):
            self._send(Reply(HTTPStatus.OK, "text/plain; charset=utf-8", self.server.help_text.encode(), {}))
        else:
            self._send(Reply(HTTPStatus.NOT_FOUND, "text/plain", b"not found; see /\n", {}))

    def do_POST(self) -> None:
        if self._cross_origin_refused():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/sparql/"):
            return self._send(Reply(HTTPStatus.NOT_FOUND, "text/plain", b"not found; see /\n", {}))
        if "Content-Length" not in self.headers:
            self.close_connection = True  # what is left of the body must not be read as a request
            return self._send(_plain(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length"))
        body = self.rfile.read(body_length(self.headers)[0])
        media, *media_params = [p.strip() for p in (self.headers.get("Content-Type") or "").split(";")]
        media = media.lower()
        charset = next((p.split("=", 1)[1].strip('"').lower() for p in media_params if p.lower().startswith("charset=")), None)
        if media not in (FORM, DIRECT_QUERY, DIRECT_UPDATE):
            return self._send(
                _plain(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    f"a POST body must be {FORM} (query=…) or {DIRECT_QUERY}, not {media or 'untyped'}",
                )
            )
        if media != FORM and charset not in (None, "utf-8", "utf8"):
            return self._send(_plain(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"the query must be UTF-8, not {charset}"))
        try:
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True, errors="strict")
            if media == DIRECT_QUERY:
                params.setdefault("query", []).append(body.decode("utf-8"))
            elif media == DIRECT_UPDATE:
                params.setdefault("update", []).append(body.decode("utf-8", "replace"))
            else:
                for name, values in urllib.parse.parse_qs(body.decode("ascii"), keep_blank_values=True, errors="strict").items():
                    params.setdefault(name, []).extend(values)
        except (UnicodeDecodeError, ValueError):
            return self._send(
                _plain(HTTPStatus.BAD_REQUEST, "the request is not valid UTF-8 (form bodies must be percent-encoded UTF-8)")
            )
        self._query(params)

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
        self._send(self.server.answer(queries[0], accept, params.get("default-graph-uri", [])))

    def _questions(self, question_id: str | None) -> None:
        try:
            body = self.server.questions_json(question_id)
        except QueryError as error:
            return self._send(_error(error))
        self._send(Reply(HTTPStatus.OK, "application/json; charset=utf-8", body, {}))

    def _cross_origin_refused(self) -> bool:
        """A browser page from another origin gets no answer and runs no query (see --cors-origin).
        Browsers send no Origin on a plain GET (an <img> or a no-cors fetch), but they do send
        Sec-Fetch-Site; and a page that rebinds its DNS name to 127.0.0.1 still sends its own Host."""
        origin = self.headers.get("Origin")
        if origin is not None and not self.server.cors_allows(origin):
            self._send(self._foreign_origin(origin))
            return True
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        if origin is None and site in ("cross-site", "same-site") and "*" not in self.server.cors_origins:
            self._send(self._foreign_origin(f"another site ({site})"))
            return True
        # A browser request without Origin (a same-origin GET, as a DNS-rebinding page makes) must
        # name this machine; a named origin passed above, and other clients may name it as they like.
        browser = origin is None and any(name.lower().startswith("sec-fetch-") for name in self.headers)
        host = self.headers.get("Host")
        if browser and host is not None and not _loopback_host(host):
            self._send(
                _plain(
                    HTTPStatus.FORBIDDEN, f"this endpoint answers requests for 127.0.0.1 or localhost only, not {host[:200]!r}"
                )
            )
            return True
        return False

    def _foreign_origin(self, origin: str) -> Reply:
        return _plain(
            HTTPStatus.FORBIDDEN, f"requests from web pages at {origin[:200]} are not allowed (kb serve --cors-origin ORIGIN)"
        )

    def _send(self, reply: Reply) -> None:
        headers = {"Content-Type": reply.content_type, "Content-Length": str(len(reply.body)), **reply.headers}
        request_headers = getattr(self, "headers", None)  # none when the request line itself was refused
        origin = request_headers.get("Origin") if request_headers is not None else None
        if origin is not None and self.server.cors_allows(origin):
            headers["Access-Control-Allow-Origin"] = "*" if "*" in self.server.cors_origins else origin
            headers["Vary"] = "Origin"
        if self.close_connection or self._must_close:
            headers["Connection"] = "close"
        self.log_request(reply.status)
        body = b"" if self._head_only or self.command == "HEAD" else reply.body
        self.wfile.write(response_bytes(reply.status, headers, body))


def response_bytes(status: int, headers: dict[str, str], body: bytes) -> bytes:
    """Status line, headers and body as one buffer (one send; with Nagle off, no 40 ms stall)."""
    lines = [
        f"HTTP/1.1 {int(status)} {HTTPStatus(status).phrase}",
        f"Server: {Handler.server_version}",
        f"Date: {_http_date()}",
    ]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + body


_date: tuple[int, str] = (0, "")


def _http_date() -> str:
    """The Date header, written once a second (formatdate costs ~20 µs a request)."""
    global _date
    now = int(time.time())
    if _date[0] != now:
        _date = (now, email.utils.formatdate(now, usegmt=True))  # one tuple: threads see old or new, whole
    return _date[1]


_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def _loopback_host(host: str) -> bool:
    """A Host header naming this machine (with any port): a DNS-rebinding page sends its own name."""
    name = host.strip().lower()
    name = name[: name.rindex(":")] if name.count(":") == 1 or (name.startswith("[") and "]:" in name) else name
    return name in _LOOPBACK_NAMES


def _plain(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", f"error: {message}\n".encode(), {})


def _error(error: QueryError) -> Reply:
    """The protocol's error shape: the kind's status and the message as plain text (the CLI prints the same)."""
    return Reply(error.kind.http_status, "text/plain; charset=utf-8", (format_error(error) + "\n").encode(), {})


def _closing(reply: Reply, retry_after: int | None = None) -> bytes:
    headers = {"Content-Type": reply.content_type, "Content-Length": str(len(reply.body)), "Connection": "close"}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return response_bytes(reply.status, headers, reply.body)


# ---------------------------------------------------------------- the connection loop

READING, BUSY, WRITING, DRAINING = "reading", "busy", "writing", "draining"
DRAIN_SECONDS = 2.0  # after a closing answer, what the client still sends is read and dropped (no reset)
REJECTING_MAX = 512  # connections being turned away with 503 at once; past this, new ones wait in the backlog


class _Connection:
    __slots__ = (
        "address",
        "close_after",
        "continued",
        "deadline",
        "events",
        "inbuf",
        "out",
        "rejected",
        "served",
        "sock",
        "state",
    )

    def __init__(self, sock: socket.socket, address, deadline: float):
        self.sock = sock
        self.address = address
        self.inbuf = bytearray()
        self.out = b""
        self.state = READING
        self.deadline = deadline
        self.events = 0  # what the selector watches for
        self.continued = False  # "100 Continue" sent for the request being read
        self.close_after = False
        self.rejected = False  # answered 503 at once; not counted as an open connection
        self.served = 0


# Header names that bear on the body's length (http.client reads names case-insensitively).
_BODY_HEADERS = re.compile(rb"(?i)content-length|transfer-encoding|expect")


def _head_end(buffer: bytearray) -> int | None:
    """Where the head ends (after its empty line), as http.client reads it (lines end at LF)."""
    ends = [i + n for i, n in ((buffer.find(b"\n\r\n"), 3), (buffer.find(b"\n\n"), 2)) if i >= 0]
    return min(ends) if ends else None


class SparqlServer(socketserver.TCPServer):
    allow_reuse_address = True
    request_queue_size = 1024  # the listen backlog: a burst waits here, not in SYN retries

    def __init__(
        self,
        store: Store,
        kb_path: Path,
        host: str = "127.0.0.1",
        port: int = 3030,
        verbose: bool = False,
        *,
        threads: int = 32,
        max_connections: int = 256,
        request_timeout: float | None = None,
        cors_origins: Iterable[str] = (),
        base_iri: str = BASE_IRI,
        retry_after: int = 2,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
    ):
        if host not in LOOPBACK:
            raise ValueError(f"the endpoint only listens on loopback (127.0.0.1), not {host!r}")
        if threads < 1 or max_connections < 1:
            raise ValueError("threads and max_connections must be at least 1")
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), Handler)
        self.store = store
        self.kb_path = Path(kb_path)
        # The dump and /void describe the KB the workers answer from: the pool's snapshot, read
        # once at start, so a rebuild reaches none of them before a restart.
        self.kb_bytes = getattr(store, "snapshot", None) or self.kb_path.read_bytes()
        self.verbose = verbose
        self.threads = threads
        self.max_connections = max_connections
        self.request_timeout = request_timeout
        self.cors_origins = frozenset(cors_origins)
        self.base_iri = base_iri
        self.retry_after = retry_after
        self.answers: AnswerCache[Reply] = AnswerCache(cache_bytes, lambda reply: len(reply.body) + 200)
        self.url = f"http://{host}:{self.server_address[1]}/sparql"
        self.void_turtle = self._void().encode("utf-8")
        self.help_text = (
            f"Read-only SPARQL 1.1 endpoint: {self.url} (GET ?query=… or POST)\n"
            f"time limit {store.timeout:g} s, row cap {store.row_cap}; updates, SERVICE and FROM are refused\n"
            f"relative IRIs resolve against {base_iri}\n"
            f"dataset description: {self.url[: -len('/sparql')]}/void; dump: /kb.ttl\n"
            f"questions: /questions (the catalogue as JSON, with each parameter's choices), /questions/ID\n"
        )
        self._described: dict[str, dict] | None = None
        self._described_lock = threading.Lock()
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()
        self._work: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self.figures = {"accepted": 0, "rejected": 0, "cut_off": 0, "answered": 0}
        self._figures_lock = threading.Lock()  # "answered" is counted by the answering threads too

    # ------------------------------------------------------------ settings

    @property
    def deadline_seconds(self) -> float:
        return self.request_timeout if self.request_timeout is not None else self.RequestHandlerClass.timeout

    def cors_allows(self, origin: str) -> bool:
        return origin in self.cors_origins or "*" in self.cors_origins

    # ------------------------------------------------------------ answers

    def answer(self, query: str, accept: str, dataset: list[str]) -> Reply:
        """The reply to a query request: a kept one when the same request was answered before
        (the workers' KB is a snapshot, so it is still right), else the store's."""
        key = (query, accept, *dataset)
        kept = self.answers.get(key)
        if kept is not None:
            return kept
        try:
            reply = answer(self.store, query, accept, dataset, self.base_iri)
        except QueryError as error:
            return _error(error)
        if reply.status == HTTPStatus.OK:
            self.answers.put(key, reply)
        return reply

    # ------------------------------------------------------------ catalogue and VoID

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
        from kb.void import counts, void_graph

        base = self.url[: -len("/sparql")]
        # Counted by the store that answers queries on the same snapshot: no second parse of the KB.
        return void_graph(counts(self.store), endpoint=self.url, dump=f"{base}/kb.ttl").serialize(format="turtle")

    # ------------------------------------------------------------ running and stopping

    def start_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, daemon=True, name="kb-serve-loop")
        thread.start()
        return thread

    def shutdown(self) -> None:
        """Stop serve_forever (from another thread) and wait until it has closed every connection."""
        self._stop.set()
        self._wake()
        self._stopped.wait()

    def server_close(self) -> None:
        super().server_close()
        self._wake_r.close()
        self._wake_w.close()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # a wake-up is already pending, or the server is closed
            self._wake_w.send(b"x")

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._stop.clear()
        self._stopped.clear()
        self._selector = selectors.DefaultSelector()
        self._connections: dict[socket.socket, _Connection] = {}
        self._rejecting = 0
        pool = [threading.Thread(target=self._answer_requests, daemon=True, name=f"kb-serve-{n}") for n in range(self.threads)]
        for thread in pool:
            thread.start()
        self.socket.setblocking(False)
        self._selector.register(self.socket, selectors.EVENT_READ, "listen")
        self._accepting = True
        self._resume_accepting_at = 0.0
        self._selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        try:
            while not self._stop.is_set():
                for key, mask in self._selector.select(timeout=min(poll_interval, 0.25) if self._accepting else 0.05):
                    if key.data == "listen":
                        self._accept()
                    elif key.data == "wake":
                        self._take_answers()
                    elif key.data.sock in self._connections:
                        if mask & selectors.EVENT_READ:
                            self._readable(key.data)
                        if mask & selectors.EVENT_WRITE and key.data.state == WRITING:
                            self._write(key.data)
                self._expire()
                self._resume_accepting()
        finally:
            for connection in list(self._connections.values()):
                self._close(connection)
            for _ in pool:
                self._work.put(None)
            self._selector.close()
            self._stopped.set()

    # ------------------------------------------------------------ the loop's steps

    def _accept(self) -> None:
        for _ in range(64):  # a burst is taken in turns with the other connections
            if self._rejecting >= REJECTING_MAX:
                return self._pause_accepting()  # a flood: the rest wait in the listen backlog, none is reset
            try:
                sock, address = self.socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return self._pause_accepting()  # e.g. out of descriptors: the clients wait in the backlog
            sock.setblocking(False)
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection = _Connection(sock, address, time.monotonic() + self.deadline_seconds)
            self._connections[sock] = connection
            if len(self._connections) - self._rejecting > self.max_connections and not self._evict_idle():
                self._reject(connection)
            else:
                self.figures["accepted"] += 1
                self._watch(connection, selectors.EVENT_READ)

    def _pause_accepting(self) -> None:
        if self._accepting:
            self._selector.unregister(self.socket)
            self._accepting = False
        self._resume_accepting_at = time.monotonic() + 0.05

    def _resume_accepting(self) -> None:
        if not self._accepting and time.monotonic() >= self._resume_accepting_at:
            self._selector.register(self.socket, selectors.EVENT_READ, "listen")
            self._accepting = True

    def _evict_idle(self) -> bool:
        """Make room by closing a kept-alive connection that waits between requests."""
        for connection in self._connections.values():
            if connection.state == READING and connection.served and not connection.inbuf:
                self._close(connection)
                return True
        return False

    def _reject(self, connection: _Connection) -> None:
        """Full: 503 with Retry-After at once; the connection is then drained, never reset."""
        self.figures["rejected"] += 1
        self._rejecting += 1
        connection.rejected = True
        message = f"the endpoint is busy ({self.max_connections} connections); retry in {self.retry_after} s"
        self._respond(connection, _closing(_plain(HTTPStatus.SERVICE_UNAVAILABLE, message), self.retry_after), close=True)

    def _readable(self, connection: _Connection) -> None:
        try:
            data = connection.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return self._close(connection)
        if not data:
            return self._close(connection)
        if connection.state == READING:
            connection.inbuf += data
            self._parse(connection)
        # draining: what a client sends after a closing answer is dropped

    def _parse(self, connection: _Connection) -> None:
        buffer = connection.inbuf
        while buffer[:1] == b"\n" or buffer[:2] == b"\r\n":  # empty lines before a request are ignored (RFC 9112)
            del buffer[: 1 if buffer[:1] == b"\n" else 2]
        end = _head_end(buffer)
        if end is None or end > MAX_HEAD:
            if len(buffer) > MAX_HEAD:
                reply = _plain(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, f"the request head is over {MAX_HEAD} bytes")
                self._respond(connection, _closing(reply), close=True)
            return
        line_end = buffer.find(b"\n") + 1
        head = bytes(buffer[line_end:end])
        try:
            # Only these headers say where a request ends; a head without them (every GET) has
            # no body, and the handler parses it anyway (~60 µs saved in the loop per request).
            headers = http.client.parse_headers(io.BytesIO(head)) if _BODY_HEADERS.search(head) else None
        except (http.client.HTTPException, ValueError):
            length, close = 0, True  # the handler reads the head again and answers 431 or 400
        else:
            if headers is None:
                length, close = 0, False
            else:
                length, problem = body_length(headers)
                close = problem is not None
                if (
                    len(buffer) < end + length
                    and not connection.continued
                    and (headers.get("Expect") or "").lower() == "100-continue"
                    and buffer[:line_end].rstrip().endswith(b"HTTP/1.1")
                ):
                    connection.continued = True
                    with contextlib.suppress(OSError):  # a small write into an empty buffer
                        connection.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        if len(buffer) < end + length:
            return  # the body is not all in yet
        request = bytes(buffer[: end + length])
        del buffer[: end + length]
        connection.continued = False
        connection.state = BUSY
        self._watch(connection, 0)
        self._work.put((connection, request, close, time.monotonic()))

    def _take_answers(self) -> None:
        try:
            while self._wake_r.recv(4096):
                pass
        except OSError:
            pass  # nothing more to read (BlockingIOError is an OSError)
        while True:
            try:
                connection, data, close = self._done.get_nowait()
            except queue.Empty:
                return
            if connection.sock in self._connections and connection.state == BUSY:
                with self._figures_lock:
                    self.figures["answered"] += 1
                connection.served += 1
                self._respond(connection, data, close)

    def _respond(self, connection: _Connection, data: bytes, close: bool) -> None:
        connection.out = data
        connection.close_after = close
        connection.state = WRITING
        connection.deadline = time.monotonic() + self.deadline_seconds  # a client that does not read is dropped
        self._write(connection)

    def _write(self, connection: _Connection) -> None:
        try:
            sent = connection.sock.send(connection.out) if connection.out else 0
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            return self._close(connection)
        connection.out = connection.out[sent:]
        if connection.out:
            return self._watch(connection, selectors.EVENT_WRITE)
        if connection.close_after:
            try:
                connection.sock.shutdown(socket.SHUT_WR)
            except OSError:
                return self._close(connection)
            connection.state = DRAINING
            connection.deadline = time.monotonic() + DRAIN_SECONDS
            connection.inbuf.clear()
            return self._watch(connection, selectors.EVENT_READ)
        connection.state = READING
        connection.deadline = time.monotonic() + self.deadline_seconds  # the next request, on a kept-alive connection
        self._watch(connection, selectors.EVENT_READ)
        if connection.inbuf:
            self._parse(connection)  # a pipelined request

    def _expire(self) -> None:
        now = time.monotonic()
        for connection in [c for c in self._connections.values() if c.state != BUSY and c.deadline <= now]:
            if connection.state == READING and (connection.inbuf or not connection.served):
                self.figures["cut_off"] += 1  # a request not sent in time (a slow or stalled client)
            self._close(connection)

    def _watch(self, connection: _Connection, events: int) -> None:
        if events == connection.events:
            return
        try:
            if not events:
                self._selector.unregister(connection.sock)
            elif not connection.events:
                self._selector.register(connection.sock, events, connection)
            else:
                self._selector.modify(connection.sock, events, connection)
        except (KeyError, ValueError, OSError):
            connection.events = 0
            return self._close(connection)
        connection.events = events

    def _close(self, connection: _Connection) -> None:
        if self._connections.pop(connection.sock, None) is None:
            return
        if connection.rejected:
            self._rejecting -= 1
        if connection.events:
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(connection.sock)
            connection.events = 0
        connection.sock.close()

    # ------------------------------------------------------------ the thread pool

    def _answer_requests(self) -> None:
        while True:
            item = self._work.get()
            if item is None:
                return
            connection, request, must_close, queued_at = item
            if time.monotonic() - queued_at > self.store.timeout:
                message = f"the endpoint is busy: no thread was free for {self.store.timeout:g} s; retry in {self.retry_after} s"
                data, close = _closing(_plain(HTTPStatus.SERVICE_UNAVAILABLE, message), self.retry_after), True
            else:
                data, close = self._handle(request, connection.address, must_close)
            if not self._send_now(connection, data, close):
                self._done.put((connection, data, close))
                self._wake()

    def _send_now(self, connection: _Connection, data: bytes, close: bool) -> bool:
        """Send the answer from this thread and hand the kept-alive connection straight back to
        the selector: two thread switches fewer per request than waking the loop to send it.
        Only the simple case; a closing answer, one the socket does not take at once or a
        pipelined request waiting in the buffer go to the loop (False)."""
        if close or connection.inbuf or self._stop.is_set():
            return False
        try:
            sent = connection.sock.send(data)
        except OSError:  # BlockingIOError too: the loop waits until the socket takes it
            return False
        if sent < len(data):
            self._done.put((connection, data[sent:], close))
            self._wake()
            return True
        # The loop does not touch a BUSY connection: these are set before the selector can
        # report it, so the loop sees a reading connection with a fresh deadline.
        with self._figures_lock:
            self.figures["answered"] += 1
        connection.served += 1
        connection.deadline = time.monotonic() + self.deadline_seconds
        connection.state = READING
        connection.events = selectors.EVENT_READ
        try:
            self._selector.register(connection.sock, selectors.EVENT_READ, connection)
        except (KeyError, ValueError, OSError):  # the loop is stopping and closing every connection
            connection.events = 0
        return True

    def _handle(self, request: bytes, address, must_close: bool) -> tuple[bytes, bool]:
        try:
            handler = self.RequestHandlerClass(request, address, self, must_close)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            return _closing(_plain(HTTPStatus.INTERNAL_SERVER_ERROR, "the endpoint failed on this request")), True
        return handler.wfile.getvalue(), handler.close_connection
