"""The home page's first run imports only what it draws: the libraries of other pages' drawings
and of the downloads (made on click) load when those are used. Checked in a fresh Python, since
this process has everything loaded; a fork of the server made the query worker carry it too."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import QueryError
from kb.engine.stores import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
# Each of these cost the home page's first run tenths of a second (measured with -X importtime).
NOT_ON_HOME = {"pyvis", "IPython", "weasyprint", "docx", "pyshacl", "altair", "openpyxl", "report", "networkx"}
# What only the query worker needs: rdflib's SPARQL grammar (pyparsing; the check runs in the
# worker, ~0.1 s and ~11 MB) and pyoxigraph (the store lives in the worker, ~12 MB).
WORKER_ONLY = {"pyparsing", "pyoxigraph"}
# Tables are ui/tableview.py's HTML and charts are SVG or Plotly: no page needs pandas, pyarrow or
# altair (~80 MB and ~22 MB of the server's memory; Streamlit's dataframes, Stylers and
# Vega-Lite charts import them).
NOT_ON_ANY_PAGE = WORKER_ONLY | {"altair", "jsonschema", "pandas", "pyarrow"}
RUN_HOME = """import json, sys
from streamlit.testing.v1 import AppTest
app = AppTest.from_file(sys.argv[1], default_timeout=60)
if len(sys.argv) > 2:
    app.switch_page(sys.argv[2])
    app.query_params.update(json.loads(sys.argv[3]))
app.query_params["lang"] = "en"
app.run()
assert not app.exception, app.exception
assert app.title, "the page should have drawn its heading"
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))"""


def modules_after(script: str, *args: str, kb: Path) -> set[str]:
    env = {**os.environ, "KB_PATH": str(kb)}
    run = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    return set(json.loads(run.stdout.strip().splitlines()[-1]))


def test_the_home_page_does_not_import_other_pages_libraries(built):
    loaded = modules_after(RUN_HOME, str(ROOT / "ui" / "app.py"), kb=built[1] / "kb.ttl")
    assert "ui" in loaded  # the run did draw the page
    assert not loaded & (NOT_ON_HOME | NOT_ON_ANY_PAGE), sorted(loaded & (NOT_ON_HOME | NOT_ON_ANY_PAGE))


@pytest.mark.parametrize(
    ("page", "params", "not_loaded"),
    [
        ("coherence", {}, NOT_ON_ANY_PAGE),  # its network and hubs need networkx
        # Pages that name and link entities without drawing or walking the graph: their names
        # and classes come from ui.data.entities, not from the networkx graph (~0.1 s, ~12 MB).
        ("compliance", {}, NOT_ON_ANY_PAGE | {"networkx"}),
        ("detail", {"entity": "org/KM"}, NOT_ON_ANY_PAGE | {"networkx"}),
        ("measure", {"entity": "measure/4.21"}, NOT_ON_ANY_PAGE | {"networkx"}),
        # The public catalogue's checks of its default values read the ontology's files
        # (kb/engine/params.py, core.vocabulary.ontology_vocabulary): pyoxigraph is still loaded.
        ("questions", {}, NOT_ON_ANY_PAGE - {"pyoxigraph"} | {"networkx"}),
        ("search", {"q": "romu"}, NOT_ON_ANY_PAGE | {"networkx"}),
        # Its default relations come from the KB's vocabulary, not from the ontology's files.
        ("explore", {}, NOT_ON_ANY_PAGE),
    ],
)
def test_a_page_imports_only_the_libraries_it_draws_with(built, page, params, not_loaded):
    loaded = modules_after(RUN_HOME, str(ROOT / "ui" / "app.py"), f"views/{page}.py", json.dumps(params), kb=built[1] / "kb.ttl")
    assert "streamlit" in loaded and "ui" in loaded
    assert not loaded & not_loaded, sorted(loaded & not_loaded)


RUN_EVERY_PAGE = """import json, sys
from streamlit.testing.v1 import AppTest
for page, params in json.loads(sys.argv[2]):
    app = AppTest.from_file(sys.argv[1], default_timeout=60)
    app.switch_page(f"views/{page}.py")
    app.query_params.update({**params, "lang": "lv"})
    app.run()
    assert not app.exception, (page, app.exception)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))"""


def test_no_page_imports_pandas_or_pyarrow(built):
    """The server after a visit to every page, as bench/ui_pages.py measures its memory."""
    from tests.browser import ENTITY
    from ui.pages import PAGES

    visits = [
        (spec.file.removesuffix(".py"), {"entity": ENTITY[spec.url_path]} if spec.url_path in ENTITY else {}) for spec in PAGES
    ]
    loaded = modules_after(RUN_EVERY_PAGE, str(ROOT / "ui" / "app.py"), json.dumps(visits), kb=built[1] / "kb.ttl")
    assert {"networkx", "plotly"} <= loaded  # the run did draw every page, graphs and charts too
    assert not loaded & NOT_ON_ANY_PAGE - {"pyoxigraph"}, sorted(loaded & NOT_ON_ANY_PAGE)


def test_the_query_worker_imports_neither_the_ui_nor_its_libraries(built):
    """The UI's worker is a fresh Python: it maps pyoxigraph, not the libraries of the UI's process."""
    script = """import json, sys
import pandas  # a parent with big libraries loaded before its first query
from ui.store import store
store = store()
store.run("ASK {}")
print(json.dumps(sorted(open(f"/proc/{store.pid}/maps").read().split())))"""
    mapped = " ".join(modules_after(script, str(built[1] / "kb.ttl"), kb=built[1] / "kb.ttl"))
    assert "pyoxigraph" in mapped
    for library in ("pandas", "numpy", "pyarrow"):  # compiled, so mapped when imported
        assert f"/{library}/" not in mapped, library


# Put before the worker's own start: each import of rdflib or pyparsing is written to a file.
IMPORT_WATCH = """import sys
class _Watch:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("rdflib", "pyparsing"):
            with open({log!r}, "a") as log:
                log.write(name + "\\n")
sys.meta_path.insert(0, _Watch())
"""


def test_a_fresh_worker_answers_queries_without_rdflib(built, tmp_path, monkeypatch):
    """A fresh worker (the UI's) imports rdflib's parser with its first check only: importing
    the checker at its start (through kb.engine.prefixes and core.namespaces) made it 35 -> 50
    MB resident. Queries the engine runs without a check (the UI's own views) never load it."""
    from kb.engine import worker

    log = tmp_path / "imports.txt"
    monkeypatch.setattr(worker, "WORKER_MAIN", IMPORT_WATCH.format(log=str(log)) + worker.WORKER_MAIN)
    store = EmbeddedStore(built[1] / "kb.ttl", fresh_worker=True)
    try:
        assert store.run("SELECT ?s WHERE { ?s a ?class } LIMIT 3").rows
        assert not log.exists(), log.read_text()
        # The watch works: a check imports the grammar (a text of its own: this process
        # remembers the texts its workers have passed, and those are not checked again).
        store.run(f"ASK {{ ?s <https://example.org/{tmp_path.name}> ?o }}", check=True)
        assert "rdflib.plugins.sparql.parser" in log.read_text().split()
    finally:
        store.close()


def test_a_remote_store_checks_in_a_fresh_python_for_the_ui(monkeypatch):
    """With KB_SPARQL_ENDPOINT the UI's checker is a fresh Python too: a forking one built the
    SPARQL grammar in the UI's server first and copied the server into the worker."""
    script = """import json, sys
from core.errors import QueryError
from kb.engine.service import sparql
from kb.engine.stores import open_store
store = open_store(fresh_worker=True)
try:
    sparql(store, "ASK {}")
except QueryError as error:
    print(error.kind, file=sys.stderr)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))"""
    env = {**os.environ, "KB_SPARQL_ENDPOINT": "http://127.0.0.1:9/sparql"}  # nothing listens: the check runs first
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "unreachable" in run.stderr  # it got past the check to the endpoint
    assert "pyparsing" not in json.loads(run.stdout.strip().splitlines()[-1])


def test_a_fresh_worker_keeps_the_limits_of_a_forked_one(built):
    """Time limit (killed and replaced), seccomp filter, SIGTERM's default action, memory limit."""
    store = EmbeddedStore(built[1] / "kb.ttl", timeout=1, fresh_worker=True)
    try:
        first = store.pid
        with pytest.raises(QueryError) as stopped:
            store.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        assert stopped.value.kind == "timeout" and store.pid != first
        assert store.run("ASK { ?s ?p ?o }").meta["boolean"] is True
        status = dict(line.split(":\t", 1) for line in Path(f"/proc/{store.pid}/status").read_text().splitlines())
        assert status["Seccomp"].strip() == "2"  # filter mode
        assert not int(status["SigCgt"], 16) & (1 << (signal.SIGTERM - 1))  # no handler: SIGTERM ends it
        limits = Path(f"/proc/{store.pid}/limits").read_text()
        assert "Max address space" in limits and "unlimited" not in limits.split("Max address space")[1].splitlines()[0]
    finally:
        store.close()
