"""Two stores behind one interface.

EmbeddedStore runs pyoxigraph in a worker process: pyoxigraph cannot cancel a
query in-process, so a query past the time limit is stopped by killing the worker,
and a fresh one takes its place. RemoteStore speaks the SPARQL 1.1 Protocol."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import stat
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Protocol

from rdflib.term import Node

from core.errors import QueryError
from core.paths import default_kb
from kb.engine.results import Result
from kb.engine.safety import normalise
from kb.engine.sandbox import SandboxUnavailable, deny_network
from kb.engine.terms import to_sparql

DEFAULT_TIMEOUT = float(os.environ.get("KB_QUERY_TIMEOUT", "5"))
DEFAULT_ROW_CAP = int(os.environ.get("KB_ROW_CAP", "10000"))
KB_GRAPH = "https://w3id.org/lv-roma-plan/id/graph"


class Store(Protocol):
    timeout: float
    row_cap: int

    def run(self, query: str, bindings: dict[str, Node] | None = None, *, timeout: float | None = None) -> Result: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- embedded


def _worker(connection, kb_path: str) -> None:
    _close_inherited_sockets(keep=connection.fileno())
    try:
        deny_network()  # before the store is opened or any query runs
    except SandboxUnavailable as error:
        _refuse_all(connection, str(error))
        return
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=kb_path, format=ox.RdfFormat.TURTLE)
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        query, row_cap = message
        try:
            connection.send(("ok", _execute(ox, store, query, row_cap)))
        except BaseException as error:  # reported to the caller as data (pyoxigraph panics are BaseExceptions)
            connection.send(("error", str(error)))


def _refuse_all(connection, reason: str) -> None:
    """Without the network filter no query runs: answer each one with the reason."""
    while True:
        try:
            connection.recv()
        except EOFError:
            return
        connection.send(("refused", f"queries are not run without the network sandbox: {reason}"))


def _close_inherited_sockets(keep: int) -> None:
    """A forked worker inherits every open socket of the process that uses the store:
    Streamlit's and kb serve's client connections among them. While the worker holds a
    copy, a connection the server closes stays open, and browsers waited up to a minute
    on it (found with tests/test_ui_load.py). The worker needs only its own pipe."""
    try:
        descriptors = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for descriptor in descriptors:
        if descriptor > 2 and descriptor != keep:
            try:
                if stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                    os.close(descriptor)
            except OSError:
                pass  # already closed, or the listing's own descriptor


def _execute(ox, store, query: str, row_cap: int):
    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        return {"boolean": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows, truncated = [], False
        for solution in result:
            if len(rows) >= row_cap:
                truncated = True
                break
            row = {}
            for name in variables:
                term = solution[name]
                if term is not None:
                    row[name] = _from_ox(ox, term)
            rows.append(row)
        return {"vars": variables, "rows": rows, "truncated": truncated}
    rows, truncated = [], False
    for triple in result:
        if len(rows) >= row_cap:
            truncated = True
            break
        rows.append(
            {
                "subject": _from_ox(ox, triple.subject),
                "predicate": _from_ox(ox, triple.predicate),
                "object": _from_ox(ox, triple.object),
            }
        )
    return {"vars": ["subject", "predicate", "object"], "rows": rows, "truncated": truncated, "graph": True}


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _from_ox(ox, term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


class EmbeddedStore:
    def __init__(self, kb_path: Path, timeout: float = DEFAULT_TIMEOUT, row_cap: int = DEFAULT_ROW_CAP):
        if not Path(kb_path).exists():
            raise QueryError("unreachable", f"{kb_path} not found; run `python -m kb build` first.")
        self.kb_path = str(kb_path)
        self.timeout = timeout
        self.row_cap = row_cap
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("fork")
        self._start()

    def _start(self) -> None:
        self._connection, child = self._context.Pipe()
        self._process = self._context.Process(target=_worker, args=(child, self.kb_path), daemon=True)
        self._process.start()
        child.close()

    def run(self, query: str, bindings: dict[str, Node] | None = None, *, timeout: float | None = None) -> Result:
        limit = self.timeout if timeout is None else timeout
        # Oxigraph's substitutions only reach projected variables, so parameters are
        # bound the same way for both stores: a VALUES block built from RDF terms.
        query = with_values(normalise(query), bindings or {})
        with self._lock:
            try:
                self._connection.send((query, self.row_cap))
                if not self._connection.poll(limit):
                    self._restart()
                    raise QueryError("timeout", f"the query was stopped after the {limit:g} s time limit", query)
                status, payload = self._connection.recv()
            except (EOFError, OSError) as error:
                # The worker died (killed from outside, or crashed in the store): replace it.
                self._restart()
                raise QueryError(
                    "endpoint", f"the query worker stopped unexpectedly ({error!r}); it was restarted", query
                ) from None
        if status == "refused":
            raise QueryError("refused", payload, query)
        if status == "error":
            raise _oxigraph_error(payload, query)
        return _result(payload, self.row_cap)

    def _restart(self) -> None:
        self._process.kill()
        self._process.join()
        self._connection.close()
        self._start()

    def close(self) -> None:
        self._process.kill()
        self._process.join()
        self._connection.close()


# What Oxigraph says when a SERVICE got past the check and the sandbox stopped it. The
# message would name the address and the system's answer, so it is replaced as a whole.
_NETWORK_FAILURE = re.compile(r"service|https?://|connect|socket|permission denied|dns|resolve", re.IGNORECASE)
NO_NETWORK = "SERVICE is not allowed: the query engine makes no network requests."


def _oxigraph_error(message: str, query: str) -> QueryError:
    if _NETWORK_FAILURE.search(message) and not _SYNTAX_FAILURE.search(message):
        return QueryError("refused", NO_NETWORK, query)
    match = re.search(r"(\d+):(\d+)", message)
    line, column = (int(match[1]), int(match[2])) if match else (None, None)
    return QueryError("syntax" if _SYNTAX_FAILURE.search(message) else "endpoint", message, query, line, column)


_SYNTAX_FAILURE = re.compile(r"parse|error at", re.IGNORECASE)


def _result(payload: dict, row_cap: int) -> Result:
    if "boolean" in payload:
        return Result(
            ["boolean"],
            [{"boolean": {"type": "literal", "value": str(payload["boolean"]).lower()}}],
            meta={"boolean": payload["boolean"]},
        )
    meta = {"graph": True} if payload.get("graph") else {}
    return Result(payload["vars"], payload["rows"], payload["truncated"], row_cap, meta)


# ---------------------------------------------------------------- remote


def with_values(query: str, bindings: dict[str, Node]) -> str:
    """Put the bound terms in a VALUES block at the start of the WHERE group.

    At the start (not a trailing VALUES) so aggregates see the bindings too."""
    if not bindings:
        return query
    names = list(bindings)
    block = (
        "VALUES ("
        + " ".join("?" + n.lstrip("?") for n in names)
        + ") { ("
        + " ".join(to_sparql(bindings[n]) for n in names)
        + ") }"
    )
    match = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE)
    if not match:
        raise QueryError("parameter", "the query has no WHERE clause to bind parameters in", query)
    return query[: match.end()] + "\n  " + block + "\n" + query[match.end() :]


class RemoteStore:
    def __init__(
        self, endpoint: str, timeout: float = DEFAULT_TIMEOUT, row_cap: int = DEFAULT_ROW_CAP, graph: str | None = KB_GRAPH
    ):
        if not re.match(r"^https?://", endpoint):
            raise QueryError("unreachable", f"endpoint must be an http(s) URL, got {endpoint!r}")
        self.endpoint = endpoint
        self.timeout = timeout
        self.row_cap = row_cap
        self.graph = graph

    def run(self, query: str, bindings: dict[str, Node] | None = None, *, timeout: float | None = None) -> Result:
        text = with_values(normalise(query), bindings or {})
        fields = {"query": text}
        if self.graph:
            fields["default-graph-uri"] = self.graph
        body = self._post(fields, "application/sparql-results+json", text, timeout)
        data = json.loads(body)
        if "boolean" in data:
            return _result({"boolean": data["boolean"]}, self.row_cap)
        rows = [_standard_terms(row) for row in data["results"]["bindings"]]
        truncated = len(rows) > self.row_cap
        return Result(data["head"]["vars"], rows[: self.row_cap], truncated, self.row_cap)

    def update(self, text: str, timeout: float | None = None) -> None:
        self._post({"update": text}, "*/*", text, timeout)

    def _post(self, fields: dict, accept: str, query: str, timeout: float | None) -> str:
        limit = self.timeout if timeout is None else timeout
        request = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=limit) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise QueryError(
                _HTTP_KINDS.get(error.code, "endpoint"), f"the endpoint answered {error.code}: {detail}", query
            ) from None
        except TimeoutError:
            raise QueryError("timeout", f"the endpoint did not answer within {limit:g} s", query) from None
        except (urllib.error.URLError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise QueryError("unreachable", f"endpoint unreachable: {self.endpoint} ({reason})", query) from None

    def close(self) -> None:
        pass


# What a status means for the user (kb serve uses these; other endpoints mostly answer 400 or 500).
_HTTP_KINDS = {400: "syntax", 403: "refused", 503: "timeout", 504: "timeout"}


def _standard_terms(row: dict) -> dict:
    """Virtuoso still writes the pre-Recommendation 'typed-literal' type."""
    for term in row.values():
        if term.get("type") == "typed-literal":
            term["type"] = "literal"
    return row


def open_store(
    endpoint: str | None = None, kb_path: Path | None = None, timeout: float = DEFAULT_TIMEOUT, row_cap: int = DEFAULT_ROW_CAP
) -> Store:
    """--endpoint wins, then $KB_SPARQL_ENDPOINT, then the embedded store."""
    endpoint = endpoint or os.environ.get("KB_SPARQL_ENDPOINT")
    if endpoint:
        return RemoteStore(endpoint, timeout, row_cap)
    return EmbeddedStore(kb_path or default_kb(), timeout, row_cap)
