"""The same catalogue on a real Virtuoso 7, loaded with `python -m kb push`, gives the same answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import QueryError
from kb.engine.choices import choices
from kb.engine.service import ask, catalogue, sparql
from kb.engine.stores import RemoteStore
from kb.engine.virtuoso import available
from tests.catalogue_expectations import EXPECTED
from tests.virtuoso_support import loaded_virtuoso

pytestmark = pytest.mark.skipif(
    not available(), reason="virtuoso-opensource is not installed: run scripts/install-system-deps.sh"
)


@pytest.fixture(scope="module")
def virtuoso(built, tmp_path_factory):
    server = loaded_virtuoso(tmp_path_factory.mktemp("virtuoso"), built[1] / "kb.ttl")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def remote(virtuoso):
    return RemoteStore(virtuoso.endpoint, timeout=30)


def _canonical(result) -> list[tuple]:
    def value(term):
        if term is None:
            return None
        if term.get("datatype", "").endswith("#boolean"):
            return str(term["value"] in ("1", "true"))
        if term.get("datatype", "").endswith(("#decimal", "#integer")):
            return format(Decimal(term["value"]).normalize(), "f")
        return term["value"]

    return sorted(tuple(value(row.get(v)) for v in result.variables) for row in result.rows)


@pytest.mark.parametrize("question_id", sorted(catalogue().questions))
def test_same_answers_as_embedded(embedded, remote, question_id):
    assert _canonical(ask(remote, question_id)) == _canonical(ask(embedded, question_id))


@pytest.mark.parametrize(
    ("question_id", "param"), [(q.id, p.name) for q in catalogue().questions.values() for p in q.params if p.choices.set]
)
def test_same_menus_as_embedded(embedded, remote, question_id, param):
    question = catalogue()[question_id]
    assert choices(remote, question, param) == choices(embedded, question, param)


@pytest.mark.parametrize(
    ("question", "params", "variable", "expected"),
    [e for e in EXPECTED if e[3] is not None],
    ids=lambda v: str(v) if isinstance(v, (str, dict)) else "",
)
def test_expected_answers_on_virtuoso(remote, question, params, variable, expected):
    values = ask(remote, question, params).values(variable)
    if variable in ("amount", "baseline"):
        values = [format(Decimal(v).normalize(), "f") for v in values]
    assert set(values) == expected


def test_refusals_apply_to_the_endpoint_too(remote):
    with pytest.raises(QueryError) as error:
        sparql(remote, "DROP ALL")
    assert error.value.kind == "refused"


def test_unreachable_endpoint_is_a_clear_error():
    store = RemoteStore("http://127.0.0.1:9/sparql", timeout=2)
    with pytest.raises(QueryError) as error:
        ask(store, "budget-total")
    assert error.value.kind == "unreachable" and "endpoint unreachable" in error.value.message
