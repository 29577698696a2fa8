"""Two stores behind one interface.

EmbeddedStore runs pyoxigraph in a worker process: pyoxigraph cannot cancel a
query in-process, so a query past the time limit is stopped by killing the worker,
and a fresh one takes its place. RemoteStore speaks the SPARQL 1.1 Protocol."""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from core.errors import QueryError
from core.namespaces import ID
from core.paths import default_kb
from kb.engine.defaults import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT
from kb.engine.prefixes import blank_literals
from kb.engine.results import Result
from kb.engine.safety import normalise
from kb.engine.terms import to_sparql
from kb.engine.worker import Limits, Worker, WorkerDied

if TYPE_CHECKING:
    from rdflib.term import Node

KB_GRAPH = str(ID["graph"])  # the named graph the KB is pushed to on a remote store


class Store(Protocol):
    timeout: float
    row_cap: int

    def run(
        self,
        query: str,
        bindings: dict[str, Node] | None = None,
        *,
        timeout: float | None = None,
        check: bool = False,
        base_iri: str | None = None,
    ) -> Result: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- embedded


class _PassedChecks:
    """Query texts a worker's check has passed, remembered by this process (as digests).

    The check is a pure function of the text, and it costs ~20 ms of rdflib parsing, more than
    most queries. Each worker keeps its own cache, but a pool has many workers and a worker
    replaced after a timeout starts empty, so under load every worker parsed every question
    again (the load test fell from ~60 to 8 answers a second). With this, a text is parsed once
    per process, as when the server checked in-process, while the parsing still happens only in
    a worker, within the time limit. Only passes are kept: a refusal is checked every time."""

    def __init__(self, size: int = 4096):
        self._size = size
        self._digests: OrderedDict[bytes, None] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _digest(text: str) -> bytes:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()

    def has(self, text: str) -> bool:
        digest = self._digest(text)
        with self._lock:
            if digest in self._digests:
                self._digests.move_to_end(digest)
                return True
        return False

    def add(self, text: str) -> None:
        with self._lock:
            self._digests[self._digest(text)] = None
            while len(self._digests) > self._size:
                self._digests.popitem(last=False)


PASSED = _PassedChecks()


class EmbeddedStore:
    """pyoxigraph in a worker process (kb/engine/worker.py): pyoxigraph cannot cancel a query
    in-process, so a query past the time limit is stopped by killing the worker."""

    def __init__(
        self,
        kb_path: Path | None,
        timeout: float = DEFAULT_TIMEOUT,
        row_cap: int = DEFAULT_ROW_CAP,
        limits: Limits | None = None,
        snapshot: bytes | None = None,
        fresh_worker: bool = False,
    ):
        """`snapshot`: the KB's bytes, read once by the caller (a pool shares one read among its
        workers). `fresh_worker`: a new Python rather than a fork (kb.engine.worker explains)."""
        if snapshot is None and kb_path is not None:
            if not Path(kb_path).exists():
                raise QueryError("unreachable", f"{kb_path} not found; run `kb build` first.")
            snapshot = Path(kb_path).read_bytes()
        self.kb_path = str(kb_path) if kb_path else None
        self.timeout = timeout
        self.row_cap = row_cap
        self.limits = limits or Limits()
        self._worker = Worker(snapshot, self.limits, fresh=fresh_worker)

    def run(
        self,
        query: str,
        bindings: dict[str, Node] | None = None,
        *,
        timeout: float | None = None,
        check: bool = False,
        base_iri: str | None = None,
    ) -> Result:
        """Run a query; with `check`, the worker first checks it (read-only, no SERVICE, no FROM),
        within the same time limit. `base_iri` resolves relative IRIs (none: they are errors)."""
        # Oxigraph's substitutions only reach projected variables, so parameters are
        # bound the same way for both stores: a VALUES block built from RDF terms.
        query = with_values(normalise(query), bindings or {})
        known = check and PASSED.has(query)
        payload = self._request("check+run" if check and not known else "run", query, timeout, base_iri)
        if check and not known:
            PASSED.add(query)  # it ran, so the worker's check passed it
        return _result(payload, self.row_cap, self.limits)

    def check(self, query: str, *, timeout: float | None = None) -> str:
        """The query form (SelectQuery, AskQuery, …) of a checked query, or a QueryError."""
        return self._request("check", normalise(query), timeout)["form"]

    def _request(self, operation: str, query: str, timeout: float | None, base_iri: str | None = None) -> dict:
        limit = self.timeout if timeout is None else timeout
        try:
            status, payload = self._worker.request(operation, query, self.row_cap, limit, base_iri)
        except TimeoutError:
            raise QueryError("timeout", f"the query was stopped after the {limit:g} s time limit", query) from None
        except WorkerDied as died:
            raise QueryError(
                "endpoint",
                f"the query worker stopped ({died}), most likely at its memory limit of {self.limits.memory_mb} MB; "
                "it was restarted",
                query,
            ) from None
        if status == "query-error":
            kind, message, line, column = payload
            raise QueryError(kind, message, query, line, column)
        if status == "memory":
            raise QueryError("refused", f"the query needs more than the memory limit of {self.limits.memory_mb} MB", query)
        if status == "error":
            raise _oxigraph_error(payload, query)
        return payload

    @property
    def pid(self) -> int:
        return self._worker.pid

    def wait_until_stopped(self) -> None:
        """For tests that stop the worker from outside."""
        self._worker.join()

    def close(self) -> None:
        self._worker.close()


def checker(fresh: bool = False) -> EmbeddedStore:
    """A worker with an empty store, for checking queries that run elsewhere (a remote
    endpoint), or before a store is opened (the CLI); `fresh`: a new Python, not a fork."""
    return EmbeddedStore(None, timeout=DEFAULT_TIMEOUT, fresh_worker=fresh)


# What Oxigraph says when a SERVICE got past the check and the sandbox stopped it. The
# message would name the address and the system's answer, so it is replaced as a whole.
_NETWORK_FAILURE = re.compile(
    r"service|https?://|connect|socket|permission denied|dns|resolve|not allowed for HTTP|port \d+", re.IGNORECASE
)
NO_NETWORK = "SERVICE is not allowed: the query engine makes no network requests."


def _oxigraph_error(message: str, query: str) -> QueryError:
    if _NETWORK_FAILURE.search(message) and not _SYNTAX_FAILURE.search(message):
        return QueryError("refused", NO_NETWORK, query)
    # The position comes from Oxigraph's own prefix only, never from text that echoes the query.
    match = re.match(r"error at (\d+):(\d+)", message)
    line, column = (int(match[1]), int(match[2])) if match else (None, None)
    message = message if len(message) <= 500 else message[:500] + "…"
    return QueryError("syntax" if _SYNTAX_FAILURE.search(message) else "endpoint", message, query, line, column)


_SYNTAX_FAILURE = re.compile(r"parse|error at", re.IGNORECASE)


def _result(payload: dict, row_cap: int, limits: Limits | None = None) -> Result:
    if "boolean" in payload:
        return Result(
            ["boolean"],
            [{"boolean": {"type": "literal", "value": str(payload["boolean"]).lower()}}],
            meta={"boolean": payload["boolean"]},
        )
    meta = {"graph": True} if payload.get("graph") else {}
    if payload.get("cut") == "bytes" and limits:
        meta["byte_cap"] = limits.result_bytes
    return Result(payload["vars"], payload["rows"], payload["truncated"], row_cap, meta)


# ---------------------------------------------------------------- remote


# Rows per page when a whole answer is read page by page: Virtuoso refuses to sort past
# OFFSET + LIMIT > 10 000 (its ResultSetMaxRows).
PAGE_ROWS = 1_000


def all_rows(store: Store, query: str, order: str, timeout: float | None = None) -> list[dict[str, str]]:
    """Every row of `query` (plain values), however many a store's row cap allows: read in pages
    sorted by `order` until one comes back empty, since an endpoint may cut an answer below
    what was asked for without saying so."""
    rows: list[dict[str, str]] = []
    page = max(min(store.row_cap, PAGE_ROWS), 1)
    while True:
        result = store.run(f"{query}\nORDER BY {order} LIMIT {page} OFFSET {len(rows)}", timeout=timeout)
        if not result.rows:
            return rows
        rows += [{name: term["value"] for name, term in row.items()} for row in result.rows]


def with_values(query: str, bindings: dict[str, Node]) -> str:
    """Put the bound terms in a VALUES block at the start of the WHERE group, and of every
    subquery's WHERE group.

    At the start (not a trailing VALUES) so aggregates see the bindings too. In each subquery
    too, because a subquery sees only its own variables: a question that chooses a few
    entities by a parameter in a subquery, so that the planner starts from them (a fund by
    its code before the measures it funds), needs the values there. A subquery that does not
    use them joins one row and is unchanged."""
    if not bindings:
        return query
    names = list(bindings)
    return _with_block(query, names, [[bindings[n] for n in names]])


def with_value_rows(query: str, variable: str, terms: list[Node]) -> str:
    """`with_values` for one variable with many values: the query answered for each of them."""
    return _with_block(query, [variable], [[term] for term in terms])


def _with_block(query: str, names: list[str], rows: list[list[Node]]) -> str:
    variables = " ".join("?" + n.lstrip("?") for n in names)
    values = " ".join("(" + " ".join(to_sparql(term) for term in row) + ")" for row in rows)
    block = f"VALUES ({variables}) {{ {values} }}"
    # Found in the text with comments, strings and IRIs blanked out (same length, same offsets).
    groups = [match.end() for match in _WHERE_GROUP.finditer(blank_literals(query))]
    if not groups:
        raise QueryError("parameter", "the query has no WHERE clause to bind parameters in", query)
    for end in reversed(groups):
        query = query[:end] + "\n  " + block + "\n" + query[end:]
    return query


_WHERE_GROUP = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class RemoteStore:
    def __init__(
        self,
        endpoint: str,
        timeout: float = DEFAULT_TIMEOUT,
        row_cap: int = DEFAULT_ROW_CAP,
        graph: str | None = KB_GRAPH,
        fresh_checker: bool = False,
    ):
        if not re.match(r"^https?://", endpoint):
            raise QueryError("unreachable", f"endpoint must be an http(s) URL, got {endpoint!r}")
        self.endpoint = endpoint
        self.timeout = timeout
        self.row_cap = row_cap
        self.graph = graph
        # The UI's checker is a fresh Python too: a fork of it would carry Streamlit and pandas,
        # and the forking worker builds the SPARQL grammar in the parent first.
        self._fresh_checker = fresh_checker
        self._checker: EmbeddedStore | None = None

    def run(
        self,
        query: str,
        bindings: dict[str, Node] | None = None,
        *,
        timeout: float | None = None,
        check: bool = False,
        base_iri: str | None = None,
    ) -> Result:
        if check:
            # Checked here, in a local worker, before the endpoint is contacted.
            self._checker = self._checker or checker(self._fresh_checker)
            self._checker.check(query, timeout=timeout)
        text = with_values(normalise(query), bindings or {})
        if base_iri:
            text = f"BASE <{base_iri}>\n{text}"  # the protocol has no base parameter; a later BASE in the query still wins
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
        if self._checker:
            self._checker.close()


# What a status means for the user (kb serve uses these; other endpoints mostly answer 400 or 500).
_HTTP_KINDS = {400: "syntax", 403: "refused", 503: "timeout", 504: "timeout"}


def _standard_terms(row: dict) -> dict:
    """Virtuoso still writes the pre-Recommendation 'typed-literal' type."""
    for term in row.values():
        if term.get("type") == "typed-literal":
            term["type"] = "literal"
    return row


def open_store(
    endpoint: str | None = None,
    kb_path: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    row_cap: int = DEFAULT_ROW_CAP,
    fresh_worker: bool = False,
) -> Store:
    """--endpoint wins, then $KB_SPARQL_ENDPOINT, then the embedded store (with `fresh_worker`,
    its worker, or the remote store's checker, is a new Python rather than a fork: for a process
    that holds much memory)."""
    endpoint = endpoint or os.environ.get("KB_SPARQL_ENDPOINT")
    if endpoint:
        return RemoteStore(endpoint, timeout, row_cap, fresh_checker=fresh_worker)
    return EmbeddedStore(kb_path or default_kb(), timeout, row_cap, fresh_worker=fresh_worker)
