"""`kb serve` against Debian's Virtuoso 7, both on 127.0.0.1 with the same KB, side by side.

Each client is a process with one persistent (keep-alive) HTTP/1.1 connection that sends
GET requests one after the other for --seconds. Two workloads: the catalogue's questions
(bound with their defaults, as bench/queries.py runs them; each client starts at another
question) and `ASK {}` (the fixed cost of a request). Prints requests/s, p50 and p95 for
both servers at 1, 5 and 20 clients, the ratio kb serve / Virtuoso (requests/s), and the
errors (connection resets, non-200 answers). Then `ASK {}` on one kept-alive connection
against a new connection per request (no per-request stall: within 2×). Last, with
--scale N (0: skip), the catalogue through `RemoteStore` against a Virtuoso loaded with an
N× copy of the KB: each question's p50/p95 and its row count.

    python -m bench.endpoint [--seconds 6] [--rounds 3] [--clients 1,5,20] [--scale 100] [--runs 10]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.queries import p50_p95, scaled_copy, timings
from core.paths import BUILD_DIR, KB_TTL
from kb.build import build
from kb.engine.catalogue import bind
from kb.engine.service import catalogue
from kb.engine.stores import KB_GRAPH, RemoteStore, with_values
from kb.engine.virtuoso import Virtuoso, available
from tests.serving import cli_server
from tests.virtuoso_support import loaded_virtuoso

HOST = "127.0.0.1"
ACCEPT = {"Accept": "application/sparql-results+json"}
ASK = "ASK {}"
# What a dropped or refused connection raises in http.client: counted, then the client reconnects.
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, OSError)


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0  # resets, refused connections, non-200 answers

    def add(self, other: Tally) -> None:
        self.latencies_ms += other.latencies_ms
        self.errors += other.errors


def request_path(query: str) -> str:
    """The same GET for both servers: the KB's graph as the default graph (where `kb push` puts it)."""
    return "/sparql?" + urllib.parse.urlencode({"query": query, "default-graph-uri": KB_GRAPH})


def catalogue_paths() -> list[str]:
    return [request_path(with_values(q.text, bind(q, {}))) for q in catalogue().questions.values()]


def _get(connection: http.client.HTTPConnection, path: str) -> int:
    connection.request("GET", path, headers=ACCEPT)
    response = connection.getresponse()
    response.read()
    return response.status


def _client(port: int, paths: list[str], first: int, start_at: float, end_at: float, out) -> None:
    """One client process: a kept-alive connection, requests back to back until `end_at`."""
    tally = Tally()
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    with_retry = 0
    while with_retry < 3:  # warm the connection before the clock starts
        try:
            _get(connection, paths[first % len(paths)])
            break
        except CONNECTION_ERRORS:
            connection.close()
            with_retry += 1
    time.sleep(max(0.0, start_at - time.monotonic()))
    turn = first
    while (now := time.monotonic()) < end_at:
        try:
            status = _get(connection, paths[turn % len(paths)])
        except CONNECTION_ERRORS:
            tally.errors += 1
            connection.close()  # http.client reconnects on the next request
            continue
        finally:
            turn += 1
        if status == 200:
            tally.latencies_ms.append((time.monotonic() - now) * 1000)
        else:
            tally.errors += 1
    connection.close()
    out.put(tally)


def load(port: int, paths: list[str], clients: int, seconds: float) -> Tally:
    """`clients` processes, each on its own kept-alive connection, for `seconds`."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    start_at = time.monotonic() + 0.5 + 0.05 * clients  # every client connected and warmed first
    end_at = start_at + seconds
    stride = max(1, len(paths) // clients)
    processes = [context.Process(target=_client, args=(port, paths, n * stride, start_at, end_at, out)) for n in range(clients)]
    for process in processes:
        process.start()
    total = Tally()
    for _ in processes:
        total.add(out.get(timeout=seconds + 120))
    for process in processes:
        process.join()
    return total


def summary(tally: Tally, seconds: float) -> tuple[float, float, float]:
    """requests/s, p50 ms, p95 ms"""
    if len(tally.latencies_ms) < 2:
        return 0.0, float("nan"), float("nan")
    p50, p95 = p50_p95(tally.latencies_ms)
    return len(tally.latencies_ms) / seconds, p50, p95


def warm_up(port: int, paths: list[str], clients: int) -> None:
    """Untimed: Virtuoso compiles a query on its first run (up to 1.4 s here) and keeps the plan;
    kb serve starts its workers on demand and checks each text once. Neither is measured."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    for path in paths * 2:
        _get(connection, path)
    connection.close()
    load(port, paths, clients, 1.0)


def side_by_side(ports: dict[str, int], workloads: dict[str, list[str]], clients: list[int], seconds: float, rounds: int) -> None:
    names = list(ports)
    baseline = names[-1]  # the last server is the one the others are compared with
    for paths in workloads.values():
        for port in ports.values():
            warm_up(port, paths, max(clients))
    print(f"\n## keep-alive clients, {seconds:g} s per cell in {rounds} turns: requests/s, p50 and p95 in ms, errors")
    header = f"{'workload':<10}{'clients':>8}"
    for name in names:
        header += f" | {name + ' req/s':>16}{'p50':>8}{'p95':>8}{'err':>5}"
    for name in names[:-1]:
        header += f" | {name + ' / ' + baseline:>30}"
    print(header)
    for workload, paths in workloads.items():
        for count in clients:
            line, rates = f"{workload:<10}{count:>8}", {}
            tallies = {name: Tally() for name in names}
            for _ in range(rounds):  # taking turns: a burst of load from elsewhere hits both alike
                for name in names:
                    tallies[name].add(load(ports[name], paths, count, seconds / rounds))
            for name in names:
                tally = tallies[name]
                rate, p50, p95 = summary(tally, seconds)
                rates[name] = rate
                line += f" | {rate:>16.0f}{p50:>8.2f}{p95:>8.2f}{tally.errors:>5}"
            for name in names[:-1]:
                line += f" | {rates[name] / rates[baseline] if rates[baseline] else float('nan'):>29.2f}×"
            print(line, flush=True)


def ask_latencies(port: int, requests: int, keep_alive: bool) -> list[float]:
    path = request_path(ASK)
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    _get(connection, path)  # warm-up
    samples = []
    for _ in range(requests):
        if not keep_alive:
            connection.close()
        started = time.perf_counter()
        status = _get(connection, path)
        samples.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"ASK {{}} answered {status}")
    connection.close()
    return samples


def stall_check(ports: dict[str, int], requests: int = 300) -> None:
    print(f"\n## `ASK {{}}`, one client, {requests} requests: kept-alive connection vs a new connection each (ms)")
    print(f"{'server':<20}{'kept p50':>10}{'kept p95':>10}{'new p50':>10}{'new p95':>10}{'kept/new p50':>14}")
    for name, port in ports.items():
        kept50, kept95 = p50_p95(ask_latencies(port, requests, keep_alive=True))
        new50, new95 = p50_p95(ask_latencies(port, requests, keep_alive=False))
        verdict = "ok (within 2×)" if kept50 <= 2 * new50 else "STALL (over 2×)"
        print(f"{name:<20}{kept50:>10.2f}{kept95:>10.2f}{new50:>10.2f}{new95:>10.2f}{kept50 / new50:>13.2f}×  {verdict}")


@contextmanager
def virtuoso_with(kb_path: Path) -> Iterator[int]:
    """Debian's Virtuoso on a free port with `kb_path` pushed to the KB's graph; yields its port."""
    with tempfile.TemporaryDirectory() as folder:
        server = loaded_virtuoso(Path(folder), kb_path)
        try:
            yield server.http_port
        finally:
            server.stop()


def remote_at_scale(kb_path: Path, factor: int, runs: int) -> None:
    """The catalogue through RemoteStore against a Virtuoso with a factor× copy of the KB."""
    print(f"\n## RemoteStore → Virtuoso, {factor}× synthetic copy, {runs} runs per question (ms)")
    with tempfile.TemporaryDirectory() as folder:
        started = time.monotonic()
        big = scaled_copy(kb_path, factor, Path(folder) / f"kb-{factor}x.nt")
        print(f"copy written in {time.monotonic() - started:.0f} s", flush=True)
        server = Virtuoso.in_folder(Path(folder) / "virtuoso").start()
        try:
            started = time.monotonic()
            server.bulk_load(big, KB_GRAPH)  # `kb push` needs over 5 minutes at 100×
            print(f"bulk-loaded into Virtuoso in {time.monotonic() - started:.0f} s", flush=True)
            run_catalogue_remotely(RemoteStore(server.endpoint, timeout=120), runs)
        finally:
            server.stop()


def run_catalogue_remotely(remote: RemoteStore, runs: int) -> None:
    answered = 0
    print(f"{'question':<30}{'rows':>7}{'p50':>10}{'p95':>10}")
    for question in catalogue().questions.values():
        bound = bind(question, {})
        try:
            rows = len(remote.run(question.text, bound).rows)
            p50, p95 = p50_p95(timings(lambda q=question, b=bound: remote.run(q.text, b), runs))
        except Exception as error:  # reported and counted: the run goes on with the others
            print(f"{question.id:<30} FAILED: {error}")
            continue
        answered += 1
        print(f"{question.id:<30}{rows:>7}{p50:>10.1f}{p95:>10.1f}", flush=True)
    total = len(catalogue().questions)
    print(f"{answered} of {total} questions answered" + ("" if answered == total else " — SOME FAILED"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="duration of each measurement (default %(default)s)")
    parser.add_argument("--clients", default="1,5,20", help="client counts, comma-separated (default %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="turns each cell is split into (default %(default)s)")
    parser.add_argument("--workers", type=int, default=None, help="kb serve --workers (default: its own default)")
    parser.add_argument("--scale", type=int, default=100, help="RemoteStore run at this size; 0 skips it (default %(default)s)")
    parser.add_argument("--runs", type=int, default=10, help="runs per question at --scale (default %(default)s)")
    args = parser.parse_args()
    clients = [int(n) for n in args.clients.split(",")]
    kb_path = BUILD_DIR / KB_TTL
    if not kb_path.exists():
        build()
    if not available():
        print("Virtuoso is not installed (scripts/install-system-deps.sh): nothing to compare against; skipped.")
        return
    workloads = {"catalogue": catalogue_paths(), "ASK {}": [request_path(ASK)]}
    # kb serve keeps answers to repeated requests, and the catalogue's are repeated: the same
    # server without kept answers shows what the workers themselves give.
    with (
        cli_server(kb_path, workers=args.workers) as kb_port,
        cli_server(kb_path, workers=args.workers, options=("--cache-mb", "0")) as uncached_port,
        virtuoso_with(kb_path) as virtuoso_port,
    ):
        ports = {"kb serve": kb_port, "kb serve, no cache": uncached_port, "virtuoso": virtuoso_port}
        side_by_side(ports, workloads, clients, args.seconds, args.rounds)
        stall_check(ports)
    if args.scale > 0:
        remote_at_scale(kb_path, args.scale, args.runs)


if __name__ == "__main__":
    main()
