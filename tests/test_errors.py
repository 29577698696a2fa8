"""One error shape, shown the same everywhere: every ErrorKind carries its HTTP status, CLI
exit code and UI message key in one table, and a real failure reads the same in the CLI,
the endpoint and the UI."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.errors import SURFACES, ErrorKind, QueryError, format_error
from kb.engine.pool import StorePool
from kb.server import SparqlServer
from tests.cli import run_kb
from ui.i18n import LANGUAGES, text

UI = Path(__file__).resolve().parent.parent / "ui"
# A failure of each kind that a user can cause from every surface.
FAILURES = {
    ErrorKind.SYNTAX: "SELECT ?x WHERE { ?x ?y }",
    ErrorKind.REFUSED: "INSERT DATA { <http://a> <http://b> <http://c> }",
}


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_kind_has_one_row_in_the_table(kind):
    surface = SURFACES[kind]
    assert kind.http_status == surface.http_status and 400 <= kind.http_status < 600
    assert kind.exit_code == surface.exit_code != 0
    for lang in LANGUAGES:
        assert text(kind.ui_key, lang) != kind.ui_key  # a real message in both languages


def test_a_kind_outside_the_table_is_refused():
    with pytest.raises(ValueError):
        QueryError("guessed", "no such kind")
    assert QueryError("syntax", "x").kind is ErrorKind.SYNTAX and QueryError("syntax", "x").kind == "syntax"


def test_format_error_points_at_the_place():
    error = QueryError(ErrorKind.SYNTAX, "expected '.'", "SELECT *\nWHERE { ?s ?p }", line=2, column=15)
    assert format_error(error).splitlines() == [
        "error (syntax): expected '.'",
        "  at line 2, column 15",
        "  WHERE { ?s ?p }",
        "                ^",
    ]


@pytest.mark.parametrize("kind", list(FAILURES))
def test_the_cli_shows_the_shape_and_exits_with_the_kinds_code(built, kind):
    done = run_kb("sparql", FAILURES[kind], "--kb", str(built[1] / "kb.ttl"))
    assert done.returncode == kind.exit_code
    assert done.stderr.startswith(f"error ({kind}): ")


@pytest.fixture(scope="module")
def endpoint(built):
    pool = StorePool(built[1] / "kb.ttl", size=1, timeout=5, row_cap=100)
    server = SparqlServer(pool, built[1] / "kb.ttl", port=0)
    server.start_background()
    yield server
    server.shutdown()
    server.server_close()
    pool.close()


@pytest.mark.parametrize("kind", list(FAILURES))
def test_the_endpoint_answers_the_kinds_status_with_the_same_text(endpoint, kind):
    url = endpoint.url + "?" + urllib.parse.urlencode({"query": FAILURES[kind]})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(url, timeout=30)
    assert answer.value.code == kind.http_status != HTTPStatus.OK
    assert answer.value.read().decode().startswith(f"error ({kind}): ")


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("kind", list(FAILURES))
def test_the_ui_shows_the_kinds_message(ui_kb, kind, lang):
    app = AppTest.from_file(str(UI / "views" / "sparql.py"), default_timeout=60)
    app.query_params.update({"lang": lang, "query": FAILURES[kind]})
    app.run()
    shown = [e.value for e in app.error]
    assert any(text(kind.ui_key, lang) in message for message in shown), shown
