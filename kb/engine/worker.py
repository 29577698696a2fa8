"""The query worker: a process of its own that checks and runs queries, so that nothing a query
does can stall or crash the process that serves people.

Two ways to start it. A fork of the process that uses the store (the default): it starts in
milliseconds, with rdflib's parser already imported, which matters to `kb serve`, whose
workers are replaced after every runaway query (fresh processes there, each importing the
parser within a query's time limit, answered 38 questions in a 30 s load test instead of
~1 000). Or a fresh Python (`fresh=True`, for the UI): a fork of Streamlit's process carried
Streamlit and pandas (~186 MB resident, where a fresh worker holds ~38 MB); it imports this
module and pyoxigraph, and rdflib's parser when it first checks a query.

In the worker, and only there:
- the parent's signal handlers (Streamlit's, kb serve's) are reset (it ends when its pipe closes);
- sockets other than its pipe are closed, and a seccomp filter refuses new network sockets;
- memory is bounded by an rlimit (a growth budget over what the process already maps);
- the query check (rdflib's parser) runs in a thread with a deep stack, so deep but valid
  queries parse, and a slow parse is stopped by the same time limit as a slow query;
- results are cut at a row cap and at a size in bytes (`kb/engine/solutions.py`).

The parent side, `Worker`, sends one request at a time and kills the process at the time limit."""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import multiprocessing
import os
import resource
import select
import signal
import socket
import stat
import subprocess
import sys
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from core.errors import ErrorKind, QueryError
from kb.engine.defaults import DEFAULT_MEMORY_MB, DEFAULT_RESULT_BYTES
from kb.engine.sandbox import SandboxUnavailable, deny_network

# Deep queries recurse in rdflib's parser: a big stack for the parsing thread and a matching
# recursion limit; beyond that, the query is refused as too deeply nested (not a syntax error).
PARSE_STACK_BYTES = 256 * 1024 * 1024
PARSE_RECURSION_LIMIT = 60_000


@dataclass(frozen=True)
class Limits:
    memory_mb: int = DEFAULT_MEMORY_MB
    result_bytes: int = DEFAULT_RESULT_BYTES


# ---------------------------------------------------------------- in the worker process


def main() -> None:
    """The worker process's entry. Arguments: the descriptors of its pipe and of the KB's bytes
    (a memory file; none: an empty store), then the limits."""
    pipe, kb_file, memory_mb, result_bytes = (int(arg) for arg in sys.argv[1:5])
    kb = None
    if kb_file >= 0:  # opened anew: workers share the descriptor, not a read position
        kb = Path(f"/proc/self/fd/{kb_file}").read_bytes()
        os.close(kb_file)
    serve(Connection(pipe), kb, Limits(memory_mb, result_bytes))


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
            with collector_paused():
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
    # Streamlit's and kb serve's handlers would keep a worker alive on SIGTERM, and `make run`
    # or a service manager would wait on it for ever (a fresh Python has Python's SIGINT one).
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    # A query over the memory limit may abort the worker (Rust's allocation failure): the
    # parent reports it; the parent's fault handler (pytest's) need not dump a trace for it.
    faulthandler.disable()
    gc.enable()  # forked while another thread of the parent had paused it
    _close_inherited_sockets(keep=connection.fileno())
    sys.setrecursionlimit(PARSE_RECURSION_LIMIT)
    threading.stack_size(PARSE_STACK_BYTES)


def _bound_memory(budget_mb: int) -> None:
    """RLIMIT_AS at what the process already maps plus the budget: a query that needs more
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
    on it (found with tests/test_ui_load.py). The worker needs only its own pipe. (A fresh
    worker inherits only its pipe and the KB's memory file.)"""
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
    from kb.engine.solutions import answer

    # Relative IRIs (<s>, <measure/4.21>) resolve against the base IRI; without one Oxigraph refuses them.
    result = store.query(query, base_iri=base_iri)
    if isinstance(result, ox.QueryBoolean):
        return {"boolean": bool(result)}
    return answer(ox, result, lambda: store.query(query, base_iri=base_iri), row_cap, byte_cap)


# ---------------------------------------------------------------- in the parent


class WorkerDied(Exception):
    """The worker process ended while answering (killed, crashed or out of memory)."""


# The code the worker runs from: this checkout, whatever the parent's sys.path or directory.
SOURCE_ROOT = Path(__file__).resolve().parents[2]
WORKER_MAIN = "from kb.engine.worker import main; main()"


def _worker_environment() -> dict[str, str]:
    environment = dict(os.environ)
    paths = [str(SOURCE_ROOT), environment.get("PYTHONPATH", "")]  # Python's setting, passed on
    environment["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    return environment


def _memory_file(data: bytes) -> int:
    """A descriptor of an in-memory file holding `data`: a worker reads the KB from it at its
    start, whenever it starts, without the parent waiting to send it."""
    descriptor = os.memfd_create("kb-snapshot", os.MFD_CLOEXEC)
    with open(descriptor, "wb", closefd=False) as memory:
        memory.write(data)
    return descriptor


class Worker:
    """One worker process and its pipe; `request` kills and replaces it at the time limit.

    The KB file is read once, here: every worker started later (after a timeout or a crash)
    loads the same bytes, so a rebuild while a server runs never mixes old and new answers.
    The new KB is served after a restart."""

    def __init__(self, kb: bytes | None, limits: Limits, fresh: bool = False):
        """`fresh`: a new Python rather than a fork (see the module's docstring)."""
        self.kb = kb
        self.limits = limits
        self.fresh = fresh
        self._lock = threading.Lock()
        self._closed = False
        self._kb_file = _memory_file(kb) if kb and fresh else None
        self._start()

    def _start(self) -> None:
        if self.fresh:
            self._start_fresh()
        else:
            self._start_forked()
        # One poll object per pipe: Connection.poll builds a selector on every call. The pipe
        # has no buffer in this process, so the descriptor being readable is the answer being there.
        self._answer_ready = select.poll()
        self._answer_ready.register(self._connection.fileno(), select.POLLIN)

    def _start_forked(self) -> None:
        from kb.engine.safety import load_grammar  # here: a fresh worker (this module) maps no rdflib until it checks

        load_grammar()  # once in this process, so that no fork builds it within a query's time limit
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=serve, args=(child, self.kb, self.limits), daemon=True)
        self._process.start()
        child.close()

    def _start_fresh(self) -> None:
        """Starting does not wait for the new Python: its first request waits (its time limit
        counts from the request, as a forked worker's did, and covers the start)."""
        ours, theirs = socket.socketpair()
        kb_file = -1 if self._kb_file is None else self._kb_file
        limits = [self.limits.memory_mb, self.limits.result_bytes]
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, "-c", WORKER_MAIN, *map(str, [theirs.fileno(), kb_file, *limits])],
                pass_fds=[theirs.fileno()] + ([kb_file] if kb_file >= 0 else []),
                stdin=subprocess.DEVNULL,
                env=_worker_environment(),
            )
        # Stopped when this process exits normally, as multiprocessing's daemon processes are
        # (an idle worker also ends when its pipe closes; a busy one would finish its query first).
        self._kill_at_exit = weakref.finalize(self._process, self._process.kill)
        self._connection = Connection(ours.detach())

    def request(self, operation: str, query: str, row_cap: int, limit: float, base_iri: str | None = None) -> tuple[str, object]:
        """(status, payload); raises TimeoutError after `limit` seconds and WorkerDied if the process ended.

        The message is (operation, query, row_cap, options); options is a dict, so a new
        setting (today only `base_iri`) does not change the message's shape."""
        with self._lock:
            if self._closed:
                raise WorkerDied("the worker was closed")
            try:
                self._connection.send((operation, query, row_cap, {"base_iri": base_iri}))
                answered = bool(self._answer_ready.poll(max(limit, 0) * 1000))
                with collector_paused():
                    reply = self._connection.recv() if answered else None
            except (EOFError, OSError) as error:
                code = self._exit_code(1)
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

    def _exit_code(self, wait: float | None = None) -> int | None:
        """Negative for a signal, None if still running after `wait` s (either kind of process)."""
        if isinstance(self._process, subprocess.Popen):
            try:
                return self._process.wait(wait)
            except subprocess.TimeoutExpired:
                return None
        self._process.join(wait)
        return self._process.exitcode

    def _stop(self) -> None:
        self._process.kill()
        self._exit_code()
        if self.fresh:
            self._kill_at_exit.detach()  # done: the finalizer would keep the process object until exit
        self._connection.close()

    @property
    def pid(self) -> int:
        return self._process.pid

    def join(self) -> None:
        self._exit_code()

    def close(self) -> None:
        """Stop the process now, even in the middle of a query (a server that is told to stop
        must not wait for a runaway query); the request in flight ends with WorkerDied."""
        self._closed = True
        self._process.kill()  # without the lock: the request holding it sees the pipe close
        with self._lock:
            self._stop()
            if self._kb_file is not None:
                os.close(self._kb_file)
                self._kb_file = None


class CollectorPauses:
    """Python's cycle collector paused while a long answer's rows are made and read: they are
    tens of thousands of dicts without cycles, and every few hundred of them would start a
    collection, now and then one that walks the whole heap (in a UI server, hundreds of MB).

    Pauses nest and overlap across threads (a server reads several workers' answers at once):
    the first pause in turns the collector off, the last one out turns it on again if it was
    on. Each thread saving and restoring the state itself could leave it off for good."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """A fresh count: also in a forked child, where a pause in another thread never ends."""
        self._lock = threading.Lock()
        self._open = 0
        self._was_enabled = False

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._open == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._open += 1
        try:
            yield
        finally:
            with self._lock:
                self._open -= 1
                if self._open == 0 and self._was_enabled:
                    gc.enable()


collector_paused = CollectorPauses()
os.register_at_fork(after_in_child=collector_paused.reset)
