"""The command line and kb serve load only what they use (issue 15): `kb sparql` neither the
build's SHACL nor the catalogue, kb serve neither the build nor a Turtle parser (VoID is
counted by the store that already holds the KB). Read from `python -X importtime`, so the
test is about imports, never about time."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.browser import free_port

ROOT = Path(__file__).resolve().parent.parent
# Heavy and needed only by the build, the catalogue, the exports or the reports.
BUILD_ONLY = {"pyshacl", "owlrl", "kb.build", "kb.validate", "loaders.registry"}
NEVER_AT_START = {"openpyxl", "pandas", "report", "kb.export"}


def _modules(importtime: str) -> set[str]:
    """The modules named in `-X importtime` lines: 'import time: self | cumulative | name'."""
    lines = (line.split("|") for line in importtime.splitlines() if line.startswith("import time:"))
    return {parts[2].strip() for parts in lines if len(parts) == 3}


def _environment(kb: Path) -> dict[str, str]:
    env = {**os.environ, "KB_PATH": str(kb)}
    env.pop("KB_SPARQL_ENDPOINT", None)
    return env


def test_the_importtime_reader_sees_modules():
    stderr = subprocess.run([sys.executable, "-X", "importtime", "-c", "import json"], capture_output=True, text=True).stderr
    assert "json" in _modules(stderr)


def test_kb_sparql_loads_neither_shacl_nor_the_catalogue(built):
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kb", "sparql", "ASK {}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_environment(built[1] / "kb.ttl"),
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = _modules(done.stderr)
    assert "kb.engine.stores" in loaded  # the reader works on this output
    unexpected = (BUILD_ONLY | NEVER_AT_START | {"yaml", "kb.engine.catalogue"}) & loaded
    assert not unexpected


def test_kb_serve_starts_without_the_build_or_a_turtle_parser(built):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "kb", "serve", "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(built[1] / "kb.ttl"),
        cwd=ROOT,
    )
    try:
        assert "read-only SPARQL endpoint" in server.stdout.readline()
        for path in ("/sparql?query=ASK%7B%7D", "/void"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                assert response.status == 200
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    loaded = _modules(stderr)
    assert "kb.server" in loaded
    # rdflib's Turtle parser would mean the KB was parsed a second time, beside the workers' store.
    unexpected = (BUILD_ONLY | NEVER_AT_START | {"rdflib.plugins.parsers.notation3"}) & loaded
    assert not unexpected


def test_the_grammar_loads_where_queries_are_checked_and_before_a_fork(built):
    """Sending queries needs no SPARQL grammar (the UI's server checks nothing itself); a store
    whose workers are forks (kb serve) builds it before forking, so no worker builds it again
    within a query's time limit."""
    script = """import sys
from kb.engine.stores import EmbeddedStore
assert "rdflib.plugins.sparql.parser" not in sys.modules, "imported with the store"
store = EmbeddedStore(sys.argv[1])
assert "rdflib.plugins.sparql.parser" in sys.modules, "not built before the fork"
store.close()"""
    done = subprocess.run([sys.executable, "-c", script, str(built[1] / "kb.ttl")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
