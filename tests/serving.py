"""Helpers for tests that talk to `kb serve`: start it from the CLI, and send requests that
no client library would write."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def cli_server(kb: Path, workers: int | None = 2, options: tuple[str, ...] = ()) -> Iterator[int]:
    """`python -m kb serve` on a free port; yields the port once it says it is ready.
    `workers=None`: the command's own default (as users run it); `options`: more of its options."""
    from tests.browser import free_port

    port = free_port()
    command = [sys.executable, "-m", "kb", "serve", "--kb", str(kb), "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    command += options
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert "read-only SPARQL endpoint" in process.stdout.readline()
        yield port
    finally:
        process.terminate()
        process.wait(10)


def exchange(server, data: bytes, timeout: float = 30) -> bytes:
    """Send a hand-written request, close the sending side, read the whole answer."""
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=timeout) as connection:
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)
