"""The catalogue: documented, parameterised, and answering as the plan says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import QueryError
from core.textfold import fold
from kb.engine.catalogue import load_catalogue
from kb.engine.service import ask
from tests.catalogue_expectations import EXPECTED

CATALOGUE = load_catalogue()
REQUIRED_IDS = {
    "measures-by-article",
    "measures-by-funding",
    "measures-by-institution",
    "measures-by-policy-document",
    "measures-by-deadline",
    "articles-of-measure",
    "measure-budget",
    "budget-total",
    "budget-by-sector",
    "plan-indicators",
    "recommendation-coverage",
    "search",
}


def test_required_questions_exist():
    assert set(CATALOGUE.questions) >= REQUIRED_IDS


@pytest.mark.parametrize("question", CATALOGUE.questions.values(), ids=lambda q: q.id)
def test_every_question_is_documented(question):
    assert question.summary_lv and question.summary_en and question.summary_lv != question.summary_en
    assert question.tags
    for param in question.params:
        assert param.default is not None or param.enumerate is not None, f"{param.name} lacks a default or an enumeration"


@pytest.mark.parametrize(
    "question", [q for q in CATALOGUE.questions.values() if q.id.startswith("measures-")], ids=lambda q: q.id
)
def test_measure_lists_return_measure_id(question, embedded):
    result = ask(embedded, question.id)
    assert "measure_id" in result.variables
    assert all(row["measure_id"].get("datatype") is None and "xml:lang" not in row["measure_id"] for row in result.rows)


def _normal(value: str) -> str:
    try:
        return format(Decimal(value).normalize(), "f")
    except Exception:
        return value


@pytest.mark.parametrize(
    ("question", "params", "variable", "expected"),
    [e for e in EXPECTED if e[3] is not None],
    ids=lambda v: str(v) if isinstance(v, (str, dict)) else "",
)
def test_expected_answers(embedded, question, params, variable, expected):
    result = ask(embedded, question, params)
    numeric = variable in ("amount", "baseline")
    assert {_normal(v) if numeric else v for v in result.values(variable)} == expected


def test_coverage_counts(embedded):
    rows = {r["article"]["value"]: int(r["measures"]["value"]) for r in ask(embedded, "recommendation-coverage").rows}
    assert rows["10 h)"] == 3 and rows["2 e)"] == 4 and rows["3 a)"] == 5 and rows["24."] == 4
    areas = [r["area"]["value"] for r in ask(embedded, "recommendation-coverage").rows]
    assert areas == sorted(areas, key=lambda a: int(a.rstrip(".")))


@pytest.mark.parametrize(
    ("text", "must_find"), [("pasakums", "pasākums"), ("lidzdaliba", "līdzdalība"), ("LĪDZDALĪBA", "līdzdalība")]
)
def test_search_ignores_case_and_diacritics(embedded, text, must_find):
    labels = [fold(v) for v in ask(embedded, "search", {"text": text}).values("label")]
    assert labels and all(fold(must_find) in label for label in labels)


@pytest.mark.parametrize(
    ("question", "params"),
    [
        ("measures-by-article", {"article": "ten h"}),
        ("measures-by-deadline", {"until": "31.12.2022"}),
        ("measure-budget", {"measure": "x"}),
        ("budget-total", {"kind": "guess", "year": "2022"}),
        ("budget-total", {"kind": "mtbf", "year": "22"}),
        ("measures-by-institution", {"institution": "KM", "role": "boss"}),
        ("plan-indicators", {"nope": "1"}),
    ],
)
def test_bad_parameters_are_clear(embedded, question, params):
    with pytest.raises(QueryError) as error:
        ask(embedded, question, params)
    assert error.value.kind == "parameter"


def test_unknown_question(embedded):
    with pytest.raises(QueryError) as error:
        ask(embedded, "no-such-question")
    assert error.value.kind == "unknown-question"
