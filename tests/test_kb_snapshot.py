"""A rebuild while kb serve (or the UI) runs: the running process keeps the KB it started with
until it is restarted, also in workers it starts later, so answers never mix old and new."""

from __future__ import annotations

import shutil

import pytest

from core.errors import QueryError
from kb.engine.pool import StorePool

MEASURES = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a <https://w3id.org/lv-roma-plan/def#Measure> }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def count(pool: StorePool) -> int:
    return int(pool.run(MEASURES).rows[0]["n"]["value"])


def test_a_rebuild_reaches_a_running_pool_only_after_a_restart(built, tmp_path):
    kb = tmp_path / "kb.ttl"
    shutil.copy(built[1] / "kb.ttl", kb)
    pool = StorePool(kb, size=2, timeout=1.0)
    try:
        assert count(pool) == 31
        kb.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8")
        with pytest.raises(QueryError):
            pool.run(RUNAWAY)  # its worker is killed and a new one started after the rebuild
        assert count(pool) == 31 and pool.workers >= 1
    finally:
        pool.close()
    restarted = StorePool(kb, size=1, timeout=5)
    try:
        assert count(restarted) == 0
    finally:
        restarted.close()


def test_kb_serve_keeps_answering_and_describing_the_kb_it_started_with(built, tmp_path):
    import urllib.parse
    import urllib.request

    from kb.server import SparqlServer

    kb = tmp_path / "kb.ttl"
    shutil.copy(built[1] / "kb.ttl", kb)
    pool = StorePool(kb, size=1, timeout=5)
    server = SparqlServer(pool, kb, port=0)
    server.start_background()
    try:
        kb.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8")
        url = server.url + "?" + urllib.parse.urlencode({"query": MEASURES})
        request = urllib.request.Request(url, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.read().decode().splitlines()[1] == "31"
        base = server.url[: -len("/sparql")]
        with urllib.request.urlopen(base + "/kb.ttl", timeout=30) as dump:
            assert b"lv-roma-plan" in dump.read()
        with urllib.request.urlopen(base + "/void", timeout=30) as void:
            assert b"example.org" not in void.read()
    finally:
        server.shutdown()
        server.server_close()
        pool.close()
