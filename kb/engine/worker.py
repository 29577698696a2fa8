"""The query worker: a forked process that checks and runs queries, so that nothing a query
does can stall or crash the process that serves people.

In the worker, and only there:
- the signal handlers of the parent (Streamlit's, kb serve's) are reset (it ends when its pipe closes);
- sockets inherited from the parent are closed, and a seccomp filter refuses new network sockets;
- memory is bounded by an rlimit (a growth budget over what the fork already holds);
- the query check (rdflib's parser) runs in a thread with a deep stack, so deep but valid
  queries parse, and a slow parse is stopped by the same time limit as a slow query;
- results are cut at a row cap and at a size in bytes.

The parent side, `Worker`, sends one request at a time and kills the process at the time limit."""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import resource
import signal
import stat
import sys
import threading
from dataclasses import dataclass

from core.errors import ErrorKind, QueryError
from kb.engine.sandbox import SandboxUnavailable, deny_network

DEFAULT_MEMORY_MB = int(os.environ.get("KB_WORKER_MEMORY_MB", "1024"))
DEFAULT_RESULT_BYTES = int(os.environ.get("KB_RESULT_BYTES", str(16 * 1024 * 1024)))
# Deep queries recurse in rdflib's parser: a big stack for the parsing thread and a matching
# recursion limit; beyond that, the query is refused as too deeply nested (not a syntax error).
PARSE_STACK_BYTES = 256 * 1024 * 1024
PARSE_RECURSION_LIMIT = 60_000


@dataclass(frozen=True)
class Limits:
    memory_mb: int = DEFAULT_MEMORY_MB
    result_bytes: int = DEFAULT_RESULT_BYTES


# ---------------------------------------------------------------- in the worker process


def serve(connection, kb: bytes | None, limits: Limits) -> None:
    _become_a_worker(connection)
    try:
        _bound_memory(limits.memory_mb)
        deny_network()  # before the store is opened or any query runs
    except (SandboxUnavailable, OSError, ValueError) as error:
        _refuse_all(connection, str(error))
        return
    import pyoxigraph as ox

    store = ox.Store()
    if kb:
        store.load(input=kb, format=ox.RdfFormat.TURTLE)
    while True:
        try:
            operation, query, row_cap, options = connection.recv()
        except EOFError:
            return
        try:
            form = _check(query) if operation in ("check", "check+run") else None
            if operation == "check":
                connection.send(("ok", {"form": form}))
                continue
            payload = _execute(ox, store, query, row_cap, limits.result_bytes, options.get("base_iri"))
            payload["form"] = form
            connection.send(("ok", payload))
        except QueryError as error:
            connection.send(("query-error", (str(error.kind), error.message, error.line, error.column)))
        except MemoryError:
            connection.send(("memory", ""))
        except BaseException as error:  # reported as data (pyoxigraph panics are BaseExceptions)
            connection.send(("error", str(error)[:2000]))


def _become_a_worker(connection) -> None:
    # Streamlit's and kb serve's handlers would keep a worker alive on SIGTERM, and
    # `make run` or a service manager would wait on it for ever.
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    # A query over the memory limit may abort the worker (Rust's allocation failure): the
    # parent reports it; the parent's fault handler (pytest's) need not dump a trace for it.
    faulthandler.disable()
    _close_inherited_sockets(keep=connection.fileno())
    sys.setrecursionlimit(PARSE_RECURSION_LIMIT)
    threading.stack_size(PARSE_STACK_BYTES)


def _bound_memory(budget_mb: int) -> None:
    """RLIMIT_AS at what the fork already maps plus the budget: a query that needs more
    fails its allocation (or aborts the worker, which is then replaced) instead of taking
    the machine's memory."""
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = mapped + PARSE_STACK_BYTES + budget_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _refuse_all(connection, reason: str) -> None:
    """Without its limits no query runs: answer each one with the reason."""
    while True:
        try:
            connection.recv()
        except EOFError:
            return
        connection.send(("query-error", ("refused", f"queries do not run without the worker's limits: {reason}", None, None)))


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


def _check(query: str) -> str:
    from kb.engine.safety import check_query

    outcome: dict = {}

    def parse() -> None:
        try:
            outcome["form"] = check_query(query)
        except RecursionError:
            outcome["error"] = QueryError(ErrorKind.REFUSED, "the query is nested too deeply to be checked", query)
        except QueryError as error:
            outcome["error"] = error

    thread = threading.Thread(target=parse)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["form"]


def _execute(ox, store, query: str, row_cap: int, byte_cap: int, base_iri: str | None = None) -> dict:
    # Relative IRIs (<s>, <measure/4.21>) resolve against the base IRI; without one Oxigraph refuses them.
    result = store.query(query, base_iri=base_iri)
    if isinstance(result, ox.QueryBoolean):
        return {"boolean": bool(result)}
    graph = not isinstance(result, ox.QuerySolutions)
    variables = ["subject", "predicate", "object"] if graph else [v.value for v in result.variables]
    rows, cut = [], None
    term = _TermConverter(ox)
    for item in result:
        if len(rows) >= row_cap:
            cut = "rows"
            break
        if graph:
            row = {"subject": term(item.subject), "predicate": term(item.predicate), "object": term(item.object)}
        else:
            row = {name: term(value) for name, value in zip(variables, item, strict=True) if value is not None}
        if term.size > byte_cap:
            cut = "bytes"
            break
        rows.append(row)
    return {"vars": variables, "rows": rows, "truncated": cut is not None, "cut": cut, "graph": graph}


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _TermConverter:
    """SPARQL-JSON terms for one query's results, each distinct term converted once; `size`
    counts what the terms converted so far weigh in the result (for the byte cap).

    Results repeat their terms (a measure on each of its rows, a class, a language tag), and
    a dict per term per row was most of the engine's own time on answers of 1 000+ rows. The
    rows share the dicts, which are never changed after this; pickling sends each one once."""

    def __init__(self, ox):
        self._ox = ox
        self._done: dict = {}
        self.size = 0

    def __call__(self, term) -> dict:
        done = self._done.get(term)
        if done is None:
            converted = _term(self._ox, term)
            done = self._done[term] = (converted, len(converted["value"]) + len(converted.get("datatype", "")) + 16)
        self.size += done[1]
        return done[0]


def _term(ox, term) -> dict:
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


# ---------------------------------------------------------------- in the parent


class WorkerDied(Exception):
    """The worker process ended while answering (killed, crashed or out of memory)."""


class Worker:
    """One worker process and its pipe; `request` kills and replaces it at the time limit.

    The KB file is read once, here: every worker started later (after a timeout or a crash)
    loads the same bytes, so a rebuild while a server runs never mixes old and new answers.
    The new KB is served after a restart."""

    def __init__(self, kb: bytes | None, limits: Limits):
        self.kb = kb
        self.limits = limits
        self._context = multiprocessing.get_context("fork")
        self._lock = threading.Lock()
        self._closed = False
        self._start()

    def _start(self) -> None:
        self._connection, child = self._context.Pipe()
        self._process = self._context.Process(target=serve, args=(child, self.kb, self.limits), daemon=True)
        self._process.start()
        child.close()

    def request(self, operation: str, query: str, row_cap: int, limit: float, base_iri: str | None = None) -> tuple[str, object]:
        """(status, payload); raises TimeoutError after `limit` seconds and WorkerDied if the process ended.

        The message is (operation, query, row_cap, options); options is a dict, so a new
        setting (today only `base_iri`) does not change the message's shape."""
        with self._lock:
            if self._closed:
                raise WorkerDied("the worker was closed")
            try:
                self._connection.send((operation, query, row_cap, {"base_iri": base_iri}))
                answered = self._connection.poll(limit)
                reply = self._connection.recv() if answered else None
            except (EOFError, OSError) as error:
                self._process.join(1)
                code = self._process.exitcode
                self._restart()
                raise WorkerDied(f"exit code {code}" if code is not None else repr(error)) from None
            if not answered:
                self._restart()
                raise TimeoutError
            return reply

    def _restart(self) -> None:
        self._stop()
        if not self._closed:
            self._start()

    def _stop(self) -> None:
        self._process.kill()
        self._process.join()
        self._connection.close()

    @property
    def pid(self) -> int:
        return self._process.pid

    def join(self) -> None:
        self._process.join()

    def close(self) -> None:
        """Stop the process now, even in the middle of a query (a server that is told to stop
        must not wait for a runaway query); the request in flight ends with WorkerDied."""
        self._closed = True
        self._process.kill()  # without the lock: the request holding it sees the pipe close
        with self._lock:
            self._stop()
