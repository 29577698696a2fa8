"""kb serve keeps answers to repeated requests (kb/answers.py): the same request gets the same
bytes without a worker, a different request or format does not, errors are never kept, and the
cache stays within its bytes."""

from __future__ import annotations

import pytest

from core.namespaces import RSF
from kb.answers import AnswerCache
from kb.engine.pool import StorePool
from kb.server import SparqlServer
from tests.test_serve import request


class CountingStore:
    """The pool, with a count of the queries that reached it."""

    def __init__(self, pool: StorePool):
        self._pool = pool
        self.runs = 0

    def run(self, *args, **kwargs):
        self.runs += 1
        return self._pool.run(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._pool, name)


@pytest.fixture
def counted(built):
    pool = StorePool(built[1] / "kb.ttl", size=1, timeout=2.0, row_cap=1000)
    store = CountingStore(pool)
    server = SparqlServer(store, built[1] / "kb.ttl", port=0, cache_bytes=1024 * 1024)
    server.start_background()
    store.runs = 0  # /void's counts were asked at start
    yield server, store
    server.shutdown()
    server.server_close()
    pool.close()


MEASURES = f"SELECT ?m WHERE {{ ?m a <{RSF.Measure}> }} ORDER BY ?m"


def test_a_repeated_request_is_answered_without_a_worker(counted):
    server, store = counted
    first = request(server, query=MEASURES, accept="application/sparql-results+json")
    second = request(server, query=MEASURES, accept="application/sparql-results+json")
    assert first[0] == second[0] == 200
    assert first[2] == second[2] and '"m"' in first[2]
    assert store.runs == 1
    assert server.answers.hits == 1


def test_another_format_or_query_reaches_the_store(counted):
    server, store = counted
    request(server, query=MEASURES, accept="application/sparql-results+json")
    status, headers, body = request(server, query=MEASURES, accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and body.lstrip("\ufeff").startswith("m")
    request(server, query=MEASURES + " LIMIT 3", accept="text/csv")
    assert store.runs == 3


def test_errors_are_never_kept(counted):
    server, store = counted
    for _ in range(2):
        status, _, _ = request(server, query="SELECT * WHERE { ?s ?p }")
        assert status == 400
    assert store.runs == 2 and len(server.answers) == 0


def test_no_cache_when_its_size_is_zero(built):
    pool = StorePool(built[1] / "kb.ttl", size=1, timeout=2.0, row_cap=1000)
    store = CountingStore(pool)
    server = SparqlServer(store, built[1] / "kb.ttl", port=0, cache_bytes=0)
    server.start_background()
    store.runs = 0
    try:
        for _ in range(2):
            assert request(server, query="ASK {}")[0] == 200
        assert store.runs == 2
    finally:
        server.shutdown()
        server.server_close()
        pool.close()


def test_the_cache_keeps_to_its_bytes_dropping_the_least_recently_used():
    cache: AnswerCache[bytes] = AnswerCache(100, len)
    cache.put(("a",), b"x" * 40)
    cache.put(("b",), b"x" * 40)
    assert cache.get(("a",)) is not None  # now b is the least recently used
    cache.put(("c",), b"x" * 40)
    assert cache.get(("b",)) is None and cache.get(("a",)) is not None and cache.get(("c",)) is not None
    assert cache.size_bytes <= 100
    cache.put(("huge",), b"x" * 500)  # bigger than the whole cache: not kept, nothing pushed out
    assert cache.get(("huge",)) is None and len(cache) == 2
