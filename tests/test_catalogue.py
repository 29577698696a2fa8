"""The catalogue: documented, parameterised, and answering as the plan says."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from core.errors import CatalogueError, QueryError
from core.textfold import fold
from kb.engine.catalogue import bind, load_catalogue, parameter_variables, projection
from kb.engine.choices import choices, measure_sort_key
from kb.engine.service import ask
from tests.catalogue_expectations import EXPECTED, EXPECTED_DIR
from tests.cli import run_kb

EVERYTHING = load_catalogue()
CATALOGUE = EVERYTHING.select("catalogue")
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
    "funding-not-secured",
    "measures-continuing-after",
    "measure-targets",
    "measures-by-domain",
}


def test_required_questions_exist():
    assert set(CATALOGUE.questions) >= REQUIRED_IDS


@pytest.mark.parametrize("question", CATALOGUE.questions.values(), ids=lambda q: q.id)
def test_every_question_is_documented(question):
    assert question.summary_lv and question.summary_en and question.summary_lv != question.summary_en
    assert question.description and question.description.lv != question.description.en
    assert question.tags
    for param in question.params:
        assert param.default is not None or not param.choices.free, f"{param.name} lacks a default or an enumeration"
        assert param.label.lv and param.label.en
    assert question.columns and all(c.label.lv and c.label.en for c in question.columns)


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
    numeric = variable in ("amount", "baseline", "value", "min", "max")
    assert {_normal(v) if numeric else v for v in result.values(variable)} == expected


def test_coverage_counts(embedded):
    rows = {r["article"]["value"]: int(r["measures"]["value"]) for r in ask(embedded, "recommendation-coverage").rows}
    assert rows["10 h)"] == 3 and rows["2 e)"] == 4 and rows["3 a)"] == 5 and rows["24."] == 4
    areas = [r["area"]["value"] for r in ask(embedded, "recommendation-coverage").rows]
    assert areas == sorted(areas, key=lambda a: int(a.rstrip(".")))


@pytest.mark.parametrize("text", ["līdzdalība", "lidzdaliba", "LĪDZDALĪBA", "Līdzdalības", "lidzdalib"])
def test_search_ignores_case_and_diacritics(embedded, text):
    """The text index answers: any case, with or without diacritics, any ending or a word cut
    short give the same ranked entities, each with the matching word marked in its snippet."""
    expected = ask(embedded, "search", {"text": "līdzdalība"}).values("entity")
    result = ask(embedded, "search", {"text": text})
    assert result.values("entity") == expected and len(expected) > 1
    marked = [word for snippet in result.values("snippet") for word in re.findall("«([^»]*)»", snippet)]
    assert len(marked) >= len(expected) and all("lidzdalib" in fold(word) for word in marked)


@pytest.mark.parametrize(("text", "must_find"), [("pasakums", "pasākums"), ("lidzdaliba", "līdzdalība")])
def test_search_sparql_stand_in_ignores_case_and_diacritics(embedded, text, must_find):
    """What other clients of an endpoint run (the .rq's SPARQL): a label substring, folded."""
    question = CATALOGUE["search"]
    labels = [fold(v) for v in embedded.run(question.text, bind(question, {"text": text})).values("label")]
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


# ---------------------------------------------------------------- the header contract


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?_real }", ["_real"]),
        ("SELECT * WHERE { ?s ?p ?_real_iri }", ["_real_iri"]),
        ("SELECT * WHERE { ?s ?p $_real . ?s ?q ?_real }", ["_real"]),
        ("SELECT * WHERE { ?s ?p ?_two_words }", ["_two_words"]),
        ("SELECT * WHERE { ?s ?p ?o } # ?_ghost", []),
        ("# ?_ghost\nSELECT * WHERE { ?s ?p ?_real }", ["_real"]),
        ('SELECT * WHERE { ?s ?p "?_str" }', []),
        ("SELECT * WHERE { ?s ?p '?_str' }", []),
        ('SELECT * WHERE { ?s ?p """a\n?_x\n""" }', []),
        ("SELECT * WHERE { ?s ?p '''it's ?_x''' }", []),
        ('SELECT * WHERE { ?s ?p "say \\"?_esc\\"" . ?s ?q ?_real }', ["_real"]),
        ('SELECT * WHERE { ?s ?p "# not a comment" . ?s ?q ?_real }', ["_real"]),
        ("SELECT * WHERE { ?s ?p <http://x/#?_no> . ?s ?q ?_real_iri }", ["_real_iri"]),
        ("SELECT * WHERE { ?s ?p ?o FILTER(?o <= ?_until) }", ["_until"]),
    ],
)
def test_parameters_are_found_outside_comments_strings_and_iris(text, expected):
    assert parameter_variables(text) == expected


@pytest.mark.parametrize("question", EVERYTHING.questions.values(), ids=lambda q: q.id)
def test_declared_columns_are_what_the_query_returns(question):
    """The header's columns, checked against rdflib's own reading of the SELECT."""
    from rdflib.plugins.sparql import prepareQuery

    returned = [str(v) for v in prepareQuery(question.text).algebra["PV"]]
    assert [c.name for c in question.columns] == returned == projection(question.text)


@pytest.mark.parametrize("question", EVERYTHING.questions.values(), ids=lambda q: q.id)
def test_measure_columns_are_declared_not_guessed(question):
    """Pages used to find the measure by the names measure_id/measure; the header now says so."""
    if question.column("measure_id"):
        assert question.column_of("measure-number").name == "measure_id"
    if question.column("measure"):
        assert question.column_of("measure").name == "measure"


def test_both_folders_load_into_one_catalogue():
    sources = {q.source for q in EVERYTHING.questions.values()}
    assert sources == {"catalogue", "ui"}
    assert set(CATALOGUE.questions) == REQUIRED_IDS
    assert EVERYTHING.select("ui")["options-funds"].source == "ui"
    with pytest.raises(QueryError) as error:
        CATALOGUE["options-funds"]  # a UI question is not a public one
    assert error.value.kind == "unknown-question"


def test_every_question_has_its_expected_answers():
    files = {p.stem for p in EXPECTED_DIR.glob("*.yaml")}
    assert files == set(CATALOGUE.questions), "each catalogue question needs queries/expected/<id>.yaml"
    assert {case[0] for case in EXPECTED} == files


GOOD = """#+ title: {lv: "Virsraksts", en: "Title"}
#+ tags: [test]
#+ params:
#+   measure:
#+     label: {lv: "Pasākums", en: "Measure"}
#+     type: measure
#+     choices: options-measures
#+     default: "4.1"
#+ columns:
#+   n: {label: {lv: "Nr.", en: "No."}, type: measure-number}
SELECT ?n WHERE { ?_measure_iri <https://w3id.org/lv-roma-plan/def#measureNumber> ?n }
"""
CHOICE_SET = """#+ title: {lv: "Pasākumi", en: "Measures"}
#+ columns:
#+   value: {label: {lv: "Nr.", en: "No."}, type: measure-number}
#+   label_lv: {label: {lv: "LV", en: "LV"}, type: label}
#+   label_en: {label: {lv: "EN", en: "EN"}, type: label}
SELECT ?value ?label_lv ?label_en WHERE { ?m <https://w3id.org/lv-roma-plan/def#measureNumber> ?value }
"""


def _load(tmp_path, text: str, sets: str = CHOICE_SET, name: str = "q"):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / f"{name}.rq").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "options-measures.rq").write_text(sets, encoding="utf-8")
    return load_catalogue({"catalogue": tmp_path / "a", "ui": tmp_path / "b"})


def test_a_good_header_loads(tmp_path):
    question = _load(tmp_path, GOOD)["q"]
    param = question.param("measure")
    assert param.choices.set == "options-measures" and param.choices.query.id == "options-measures"
    assert param.label.get("en") == "Measure" and param.default == "4.1" and param.is_iri
    assert question.column_of("measure-number").name == "n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("#+ tags: [test]", "#+ tags: [test]\n#+ summary: old"), "unknown key(s) summary"),
        (("#+ tags: [test]", "#+ tags: [test]\n#+ defaults: {measure: '4.1'}"), "unknown key(s) defaults"),
        (("choices: options-measures", "choices: options-nothing"), "no question 'options-nothing'"),
        (("choices: options-measures", "choices: q"), "q is not a choice set"),
        (("type: measure\n", "type: measur\n"), "type: one of"),
        (("type: measure\n", "type: literal\n"), "must be ?_measure"),
        (('default: "4.1"', 'default: "four"'), "default: measure number"),
        (('default: "4.1"', "default: 4.1"), "as a quoted string"),
        (("#+     choices: options-measures\n", ""), "choices are needed"),
        (("type: measure-number", "type: numbr"), "columns.n.type"),
        (("#+   n: {", "#+   m: {"), "the query returns n"),
        (("?_measure_iri <", "?_other_iri <"), "the query uses other"),
        (("?n }", "?n FILTER(?n != ?_measure) }"), "uses both ?_measure_iri and ?_measure"),
        (('#+ title: {lv: "Virsraksts", en: "Title"}', '#+ title: {lv: "Virsraksts"}'), "text needed for en"),
        (("#+ tags: [test]", "#+ tags: [test\n"), "not valid YAML"),
    ],
)
def test_a_broken_header_is_a_load_time_error(tmp_path, change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(CatalogueError, match=re.escape(message)):
        _load(tmp_path, GOOD.replace(old, new))


SEARCHING = """#+ title: {lv: "Meklēt", en: "Search"}
#+ answer: text-index
#+ params:
#+   text:
#+     label: {lv: "Teksts", en: "Text"}
#+     type: folded
#+     choices: free
#+     default: "romi"
#+ columns:
#+   entity: {label: {lv: "Vienība", en: "Entity"}, type: entity}
#+   snippet: {label: {lv: "Fragments", en: "Snippet"}, type: text}
SELECT ?entity ?snippet WHERE { ?entity <https://w3id.org/lv-roma-plan/def#searchKey> ?snippet FILTER(CONTAINS(?snippet, ?_text))
}
"""


def test_a_question_answered_by_the_text_index_loads(tmp_path):
    assert _load(tmp_path, SEARCHING)["q"].answer == "text-index"
    assert CATALOGUE["search"].answer == "text-index" and CATALOGUE["budget-total"].answer == "sparql"
    assert CATALOGUE["search"].to_dict()["answer"] == "text-index"  # GET /questions says who answers


@pytest.mark.parametrize(
    ("text", "change", "message"),
    [
        (GOOD, ("#+ tags: [test]", "#+ tags: [test]\n#+ answer: index"), "answer: one of sparql, text-index"),
        (GOOD, ("#+ tags: [test]", "#+ tags: [test]\n#+ answer: text-index"), "takes one parameter, 'text'"),
        (SEARCHING, ("#+   snippet: {", "#+   score: {"), "has no column score"),
    ],
)
def test_the_answer_key_is_checked(tmp_path, text, change, message):
    old, new = change
    assert old in text
    text = text.replace(old, new).replace("?snippet", "?score") if "score" in new else text.replace(old, new)
    with pytest.raises(CatalogueError, match=re.escape(message)):
        _load(tmp_path, text)


def test_a_listed_default_must_be_listed(tmp_path):
    text = GOOD.replace("choices: options-measures", 'choices: [{value: "4.2", label: {lv: "a", en: "b"}}]')
    with pytest.raises(CatalogueError, match="not one of the listed choices"):
        _load(tmp_path, text)


def test_ids_are_unique_across_folders(tmp_path):
    with pytest.raises(CatalogueError, match="is also"):
        _load(tmp_path, CHOICE_SET, name="options-measures")


# ---------------------------------------------------------------- choices


@pytest.mark.parametrize(
    ("question", "param"),
    [(q, p) for q in CATALOGUE.questions.values() for p in q.params],
    ids=lambda v: getattr(v, "id", getattr(v, "name", "")),
)
def test_every_parameter_has_a_menu_with_its_default(embedded, question, param):
    found = choices(embedded, question, param)
    if param.choices.free:
        assert found == []
        return
    values = [c.value for c in found]
    assert values and len(values) == len(set(values))
    assert param.default is None or param.default in values, f"{param.default!r} not offered"
    if param.choices.set:
        assert all(c.label_lv or c.label_en or c.value for c in found)


def test_measures_are_in_numeric_order(embedded):
    values = [c.value for c in choices(embedded, CATALOGUE["articles-of-measure"], "measure")]
    assert values == sorted(values, key=measure_sort_key) and values.index("4.2") < values.index("4.10")
    assert len(values) == 31


def test_points_are_in_recommendation_order(embedded):
    values = [c.value for c in choices(embedded, CATALOGUE["measures-by-article"], "article")]
    assert values.index("2.") < values.index("2 a)") < values.index("9 a)") < values.index("9 a) i)") < values.index("9 b)")
    assert values.index("9 b)") < values.index("10.") < values.index("10 h)") < values.index("16.")


def test_kinds_are_the_ontologys_amount_kinds(embedded, kb_graph):
    from core.namespaces import RDF, RSF, SKOS

    found = choices(embedded, CATALOGUE["budget-total"], "kind")
    notations = {str(kb_graph.value(k, SKOS.notation)) for k in kb_graph.subjects(RDF.type, RSF.AmountKind)}
    assert {c.value for c in found} == notations == {"mtbf", "additional", "actual"}
    assert all(c.label_lv and c.label_en for c in found)


def test_an_unknown_parameter_has_no_menu(embedded):
    with pytest.raises(QueryError) as error:
        choices(embedded, CATALOGUE["budget-total"], "colour")
    assert error.value.kind == "parameter"


def test_the_cli_shows_the_engines_menus(built, embedded):
    kb = str(built[1] / "kb.ttl")
    done = run_kb("choices", "measures-by-funding", "source", "--format", "json", "--kb", kb)
    assert done.returncode == 0, done.stderr
    engine = [c.to_dict() for c in choices(embedded, CATALOGUE["measures-by-funding"], "source")]
    assert json.loads(done.stdout) == engine
    table = run_kb("choices", "measures-by-institution", "role", "--kb", kb)
    assert [line.split()[0] for line in table.stdout.splitlines()] == ["responsible", "co-responsible", "any"]
    listing = run_kb("questions")
    assert "python -m kb choices measures-by-funding source" in listing.stdout
    assert "responsible | co-responsible | any" in listing.stdout


@pytest.mark.parametrize(("args", "kind"), [(("budget-total", "colour"), "parameter"), (("nope", "kind"), "unknown-question")])
def test_the_cli_refuses_unknown_menus_with_the_one_error_shape(built, args, kind):
    done = run_kb("choices", *args, "--kb", str(built[1] / "kb.ttl"))
    assert done.returncode == 3 and done.stderr.startswith(f"error ({kind}):")
