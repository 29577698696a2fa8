"""Egress is impossible, not just refused: a SERVICE that gets past the query check still
reaches no one, because the query worker runs under a seccomp filter with no network."""

from __future__ import annotations

import multiprocessing
import socket
import subprocess
import sys
import threading

import pytest

from core.errors import ErrorKind, QueryError
from kb.engine.stores import NO_NETWORK, EmbeddedStore


class Listener:
    """A local HTTP-ish listener that counts the connections it receives."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            client.close()

    def close(self):
        self.socket.close()


@pytest.fixture
def listener():
    running = Listener()
    yield running
    running.close()


def service_query(port: int) -> str:
    return f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"


def test_without_the_sandbox_oxigraph_would_connect(listener):
    # The control: the same query in a plain process does reach the listener, so the
    # next test's zero means something.
    query = service_query(listener.port)
    code = f"import pyoxigraph as ox\ntry:\n    list(ox.Store().query({query!r}))\nexcept BaseException:\n    pass\n"
    subprocess.run([sys.executable, "-c", code], timeout=60, check=True)
    assert listener.connections >= 1


def test_a_service_that_reaches_the_worker_gets_no_connection(built, listener):
    store = EmbeddedStore(built[1] / "kb.ttl", timeout=10)
    try:
        # EmbeddedStore.run does not check the query: this is the path a checker bug would open.
        with pytest.raises(QueryError) as refused:
            store.run(service_query(listener.port))
        assert refused.value.kind is ErrorKind.REFUSED and refused.value.message == NO_NETWORK
        assert listener.connections == 0
        # A closed port reads the same: no port scanning through error messages.
        listener.close()
        with pytest.raises(QueryError) as closed:
            store.run(service_query(listener.port))
        assert closed.value.message == refused.value.message
        assert len(store.run("SELECT ?m WHERE { ?m a <https://w3id.org/lv-roma-plan/def#Measure> }").rows) == 31
    finally:
        store.close()


def _open_sockets(results) -> None:
    from kb.engine.sandbox import deny_network

    deny_network()
    outcome = {}
    for name, family in (("inet", socket.AF_INET), ("inet6", socket.AF_INET6), ("netlink", socket.AF_NETLINK)):
        try:
            socket.socket(family, socket.SOCK_DGRAM if family != socket.AF_NETLINK else socket.SOCK_RAW).close()
            outcome[name] = "opened"
        except OSError as error:
            outcome[name] = error.strerror
    for end in socket.socketpair():  # the worker's own pipe kind still works
        end.close()
    outcome["unix"] = "opened"
    results.put(outcome)


def test_the_filter_refuses_every_socket_but_unix_ones():
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_open_sockets, args=(results,))
    child.start()
    outcome = results.get(timeout=30)
    child.join()
    denied = "Permission denied"
    assert outcome == {"inet": denied, "inet6": denied, "netlink": denied, "unix": "opened"}


@pytest.mark.parametrize("line_end", ["\r", "\r\n", "\n"])
def test_a_comment_ended_by_a_carriage_return_hides_nothing_from_the_check(line_end):
    # Found by an outside test: rdflib ended comments at LF only, Oxigraph at CR too.
    from kb.engine.safety import check_query

    query = f"SELECT * WHERE {{ # x{line_end}SERVICE <http://127.0.0.1:1/> {{ ?s ?p ?o }}\n}}"
    with pytest.raises(QueryError) as refused:
        check_query(query)
    assert refused.value.kind is ErrorKind.REFUSED and "SERVICE" in refused.value.message


def test_unicode_escapes_hide_nothing_from_the_check(embedded):
    # Found in review: rdflib expanded \u0022 everywhere before parsing, Oxigraph only inside
    # strings, so the check saw a string where the store ran a pattern.
    hidden = r'SELECT ?proof WHERE { BIND(CONCAT("\u0022, ", ?x) AS ?q) BIND(42 AS ?proof) BIND(CONCAT(?w, ", \u0022") AS ?a) }'
    try:
        result = embedded.run(hidden, check=True)
    except QueryError:
        return  # refused or a syntax error: the store ran nothing the check did not read
    assert all("proof" not in row for row in result.rows)


@pytest.mark.parametrize("escape", [r"\u000D", r"\u000A", r"\u005Cu000D"])
def test_an_escaped_line_end_hides_no_service(escape):
    from kb.engine.safety import check_query

    with pytest.raises(QueryError) as refused:
        check_query(f"SELECT * WHERE {{ # x{escape}SERVICE <http://127.0.0.1:1/> {{ ?s ?p ?o }}\n}}")
    assert refused.value.kind is ErrorKind.REFUSED
