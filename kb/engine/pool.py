"""Several embedded workers behind one Store, for servers with concurrent clients.

Each worker is an EmbeddedStore (its own killable process), so a runaway query ties up
one worker until its time limit, not the whole server. Workers start on demand, up to
`size`. Waiting for a free worker counts against the query's time limit."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

from rdflib.term import Node

from core.errors import QueryError
from kb.engine.results import Result
from kb.engine.stores import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, EmbeddedStore
from kb.engine.worker import DEFAULT_MEMORY_MB

MAX_DEFAULT_WORKERS = 8


def default_workers(memory_mb: int = DEFAULT_MEMORY_MB, meminfo: Path = Path("/proc/meminfo")) -> int:
    """As many workers as the machine's available memory holds at each one's limit (and a
    half for everything else), at least 1 and at most 8."""
    try:
        fields = dict(line.split(":", 1) for line in meminfo.read_text().splitlines() if ":" in line)
        available_mb = int(fields["MemAvailable"].split()[0]) // 1024
    except (OSError, KeyError, ValueError):
        return 2
    return max(1, min(MAX_DEFAULT_WORKERS, available_mb // 2 // max(memory_mb, 1)))


class StorePool:
    def __init__(self, kb_path: Path, size: int = 4, timeout: float = DEFAULT_TIMEOUT, row_cap: int = DEFAULT_ROW_CAP):
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.kb_path = Path(kb_path)
        if not self.kb_path.exists():
            raise QueryError("unreachable", f"{kb_path} not found; run `kb build` first.")
        # Read once: workers started later serve the same KB, even if a rebuild replaces the file.
        self.snapshot = self.kb_path.read_bytes()
        self.size = size
        self.timeout = timeout
        self.row_cap = row_cap
        self._idle: queue.Queue[EmbeddedStore] = queue.Queue()
        self._all: list[EmbeddedStore] = []  # busy ones too, so close() stops every worker
        self._started = 0
        self._lock = threading.Lock()
        self._idle.put(self._new_worker())  # fail now, not at the first query, if the KB is missing

    def _new_worker(self) -> EmbeddedStore:
        self._started += 1
        worker = EmbeddedStore(self.kb_path, self.timeout, self.row_cap, snapshot=self.snapshot)
        self._all.append(worker)
        return worker

    def _acquire(self, limit: float) -> EmbeddedStore:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._started < self.size:
                return self._new_worker()
        try:
            return self._idle.get(timeout=limit)
        except queue.Empty:
            raise QueryError("timeout", f"all {self.size} workers stayed busy for the {limit:g} s time limit") from None

    def run(
        self,
        query: str,
        bindings: dict[str, Node] | None = None,
        *,
        timeout: float | None = None,
        check: bool = False,
        base_iri: str | None = None,
    ) -> Result:
        limit = self.timeout if timeout is None else timeout
        start = time.monotonic()
        worker = self._acquire(limit)
        try:
            worker.row_cap = self.row_cap
            remaining = max(limit - (time.monotonic() - start), 0.001)
            return worker.run(query, bindings, timeout=remaining, check=check, base_iri=base_iri)
        finally:
            self._idle.put(worker)

    @property
    def workers(self) -> int:
        return self._started

    def close(self) -> None:
        """Stop every worker, also one in the middle of a query (its caller gets an error)."""
        with self._lock:
            workers, self._started = list(self._all), self.size  # no new worker after this
        for worker in workers:
            worker.close()
