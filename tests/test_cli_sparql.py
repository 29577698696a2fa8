"""`kb sparql` knows the project's prefixes, and its errors are short: a message of one line,
the position in the user's own text, the line and a caret."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import QueryError
from core.namespaces import PREFIXES
from kb.engine.prefixes import first_use, used_prefixes, with_prefixes
from kb.engine.safety import check_query

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _kb(kb_file: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KB_PATH": str(kb_file)}
    env.pop("KB_SPARQL_ENDPOINT", None)
    return subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


def test_the_readmes_sparql_command_works(built):
    line = next(line for line in README.splitlines() if line.startswith("python -m kb sparql "))
    args = shlex.split(line.split("#")[0])[3:]
    assert args[0] == "sparql" and "rsf:Measure" in args[1] and "PREFIX" not in args[1]
    done = _kb(built[1] / "kb.ttl", *args)
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()
    assert rows[0] == "\ufeffm" and len(rows) == 1 + 31  # CSV starts with the byte-order mark Excel needs
    assert {row.rsplit("/", 1)[-1] for row in rows[1:]} == {f"4.{i}" for i in range(1, 32)}


def _error_lines(built, query: str) -> list[str]:
    done = _kb(built[1] / "kb.ttl", "sparql", query, "--timeout", "5")
    assert done.returncode == 3 and "Traceback" not in done.stderr, done.stderr
    return done.stderr.rstrip("\n").splitlines()


def test_a_syntax_error_is_four_lines_on_the_users_own_text(built):
    query = "SELECT ?m\nWHERE {\n  ?m a rsf:Measure ;\n     skos:prefLabel ?l .\n  FILTER(?m = ) }"
    lines = _error_lines(built, query)
    assert lines == [
        "error (syntax): syntax error: unexpected 'FILTER'",
        "  at line 5, column 3",  # the user's line 5, not the line after two added PREFIX lines
        "    FILTER(?m = ) }",
        "    ^",
    ]


def test_an_unknown_prefix_is_named_with_its_place(built):
    lines = _error_lines(built, "SELECT ?m WHERE { ?m a rsf:Measure ; ex:weight ?w }")
    assert lines == [
        "error (syntax): unknown prefix 'ex:'; declare it with PREFIX ex: <…>",
        "  at line 1, column 38",
        "  SELECT ?m WHERE { ?m a rsf:Measure ; ex:weight ?w }",
        "                                       ^",
    ]


def test_a_query_that_declares_its_prefixes_is_run_as_written(built):
    query = "PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>\nSELECT ?m WHERE { ?m a rsf:Measure } LIMIT x"
    lines = _error_lines(built, query)
    assert lines[0] == "error (syntax): syntax error: expected the end of the query, found 'LIMIT'"
    assert lines[1] == "  at line 2, column 38" and lines[2] == "  SELECT ?m WHERE { ?m a rsf:Measure } LIMIT x"


# ------------------------------------------------------------------ the prefixes, in-process


def test_only_used_and_undeclared_prefixes_are_added_in_the_projects_order():
    query = 'PREFIX skos: <http://other/>\nSELECT * WHERE { ?s skos:x ?o ; rdfs:label "rsf:no" ; a <http://x/owl:no> } # foaf:no'
    text, added = with_prefixes(query)
    assert added == 1
    assert text == f"PREFIX rdfs: <{PREFIXES['rdfs']}>\n" + query
    text, added = with_prefixes("SELECT * { ?s a rsf:Measure ; skos:broader ?b ; rdfs:label ?l }")
    assert [line.split()[1] for line in text.splitlines()[:added]] == ["rsf:", "skos:", "rdfs:"]


def test_prefixed_names_are_told_from_blank_nodes_variables_and_local_names():
    assert used_prefixes("SELECT * { _:b rsf:a:b ?x . ?y :p eli:id_local . ?z a rsf:x.y-z:w }") == ["rsf", "", "eli"]
    assert first_use("SELECT *\nWHERE { ?s a xsd:int }", "xsd") == (2, 14)
    assert with_prefixes("SELECT * { ?s ex:p ?o }") == ("SELECT * { ?s ex:p ?o }", 0)  # not ours: the check names it


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?m WHERE { ?m a <x> ",
        "SELEC ?m WHERE {}",
        "",
        'SELECT * WHERE { ?s ?p "' + "a" * 500 + '" . ?s ?p }',
        "SELECT * WHERE { ?s <http://a b> ?o }",
        "SELECT * WHERE { ?s a :Measure }",
        "ASK { ?s ?p ?o . FILTER(?o = ) }",
    ],
)
def test_syntax_messages_are_one_short_line(query):
    with pytest.raises(QueryError) as error:
        check_query(query)
    message = error.value.message
    assert error.value.kind == "syntax" and "\n" not in message and len(message) <= 160, message
    assert not re.search(r"SelectQuery|AskQuery|line:\d", message), message
