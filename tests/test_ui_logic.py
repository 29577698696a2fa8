"""The UI's data layer without Streamlit: view queries, graph projection, compliance and
coherence tables, parameter choices, texts. Expected values come from the plan or are
recomputed from the RDF graph by a different route (rdflib) than the UI takes (engine)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from core.namespaces import ID, QB, RDF, RSF, SKOS
from core.vocabulary import ontology_vocabulary
from kb.engine.service import catalogue
from ui import coherence, compliance, viewdata
from ui import graph as kbgraph
from ui.i18n import LANGUAGES, TEXTS
from ui.options import menu

# The graph's vocabulary, read from the ontology files (the UI reads the same from the KB).
VOCABULARY = ontology_vocabulary()
ALL_RELATIONS = [r.iri for r in VOCABULARY.relations()]
DEFAULT_RELATIONS = [r.iri for r in VOCABULARY.relations("default_relation")]
ESF = str(ID["fund/ESF"])
POINT_7C = str(ID["recommendation/7c"])
TABLE2 = ID["dataset/ch5-table2"]


@pytest.fixture(scope="module")
def graph(embedded):
    return kbgraph.build_graph(viewdata.view_records(embedded, "entities"), viewdata.view_records(embedded, "edges"), VOCABULARY)


@pytest.fixture(scope="module")
def links(embedded):
    return viewdata.view_records(embedded, "measure-points")


def test_every_view_query_runs_and_returns_rows(embedded):
    for view_id, question in viewdata.views().questions.items():
        # A point page's views take a point; every other view a measure (or any entity).
        params = {p.name: str(ID["recommendation/10" if p.name == "point" else "measure/4.21"]) for p in question.params}
        found = viewdata.view_records(embedded, view_id, params)
        assert view_id == "unlinked-measures" or found, view_id


@pytest.mark.parametrize(
    ("cls", "expected"),
    [(RSF.Measure, 31), (RSF.RecommendationPoint, 60), (RSF.PolicyDocument, 21), (RSF.Fund, 14), (RSF.Footnote, 142)],
)
def test_graph_has_every_entity_once(graph, kb_graph, cls, expected):
    in_graph = [n for n, d in graph.nodes(data=True) if d["cls"] == str(cls)]
    assert len(in_graph) == expected == len(set(kb_graph.subjects(RDF.type, cls)))


def test_institution_groups_keep_their_specific_class(graph):
    assert graph.nodes[str(ID["org/pasvaldibas"])]["cls"] == str(RSF.InstitutionGroup)
    assert graph.nodes[str(ID["org/KM"])]["cls"] == str(RSF.Institution)


def test_row_links_are_lifted_to_the_measure(graph, kb_graph):
    """Every rsf:addressesPoint of a measure-table row is one measure → point edge."""
    expected = {(str(kb_graph.value(row, RSF.rowOf)), str(point)) for row, point in kb_graph.subject_objects(RSF.addressesPoint)}
    edges = {(u, v) for u, v, d in graph.edges(data=True) if d["relation"] == str(RSF.addressesPoint)}
    assert edges == expected


def test_neighbourhood_of_esf_by_funding(graph):
    found = kbgraph.neighbourhood(graph, ESF, 1, [str(RSF.fundedBy)], 100)
    measures = {viewdata.local_name(n) for n, d in found.graph.nodes(data=True) if d["cls"] == str(RSF.Measure)}
    assert measures == {"4.8", "4.9", "4.12", "4.16"}  # 4.17 is funded by ESF+, a narrower fund (p. 30)
    assert found.hidden == 0


def test_node_limit_reports_what_it_hides(graph):
    full = kbgraph.neighbourhood(graph, ESF, 3, ALL_RELATIONS, 1000)
    cut = kbgraph.neighbourhood(graph, ESF, 3, ALL_RELATIONS, 10)
    assert cut.graph.number_of_nodes() == 10
    assert cut.hidden == full.graph.number_of_nodes() - 10
    assert ESF in cut.graph


def test_shortest_path_esf_to_point_7c(graph):
    path = kbgraph.shortest_path(graph, ESF, POINT_7C, DEFAULT_RELATIONS)
    assert path == [ESF, str(ID["measure/4.12"]), POINT_7C]  # 4.12 is ESF-funded and addresses 7 c) (pp. 17, 29)
    assert kbgraph.shortest_path(graph, ESF, POINT_7C, [str(RSF.responsible)]) is None


def test_pyvis_html_inlines_vis_and_fetches_nothing(graph):
    found = kbgraph.neighbourhood(graph, ESF, 2, DEFAULT_RELATIONS, 50)
    html = kbgraph.to_html(found.graph, "en", {n: kbgraph.short_label(graph, n, "en") for n in found.graph}, VOCABULARY)
    assert "vis.Network" in html and "new vis.DataSet" in html
    assert not re.search(r"<(script|link)\b[^>]*(src|href)=\"https?://", html)
    assert "European Social Fund" in html


def test_compliance_matrix_covers_every_link(links):
    cells = compliance.matrix_cells(links, [], [], [], "measure")
    rows, columns = compliance.matrix_rows(cells), compliance.matrix_columns(cells, "measure")
    grid = compliance.matrix_grid(cells, compliance.COUNT, rows, columns)
    assert sum(1 for line in grid.values for value in line if value) == len({(r["notation"], r["measure_id"]) for r in links})
    assert [grid.value(("10.", "10 h)"), m) for m in ("4.21", "4.22", "4.23")] == [1, 1, 1]
    assert grid.columns == sorted(grid.columns, key=viewdata.measure_sort_key)


def _measure_totals(kb_graph, measure: str) -> dict[str, Decimal]:
    totals = {"mtbf": Decimal(0), "additional": Decimal(0), "actual": Decimal(0)}
    for line in kb_graph.subjects(RSF.forMeasure, ID[f"measure/{measure}"]):
        if (line, RDF.type, RSF.BudgetLine) in kb_graph and kb_graph.value(line, QB.dataSet) != TABLE2:
            kind = str(kb_graph.value(line, RSF.amountKind)).rsplit("#", 1)[-1]
            totals[kind] += kb_graph.value(line, RSF.amount).toPython()
    return totals


def test_money_per_point_is_the_sum_of_its_measures(embedded, links, kb_graph):
    table = compliance.coverage(links, viewdata.view_records(embedded, "measure-money"), VOCABULARY)
    (row,) = [row for row in table if row["point"] == "10 h)"]
    assert row["count"] == 3 and row["measures"] == "4.21, 4.22, 4.23"
    expected = {
        k: sum(_measure_totals(kb_graph, m)[k] for m in ("4.21", "4.22", "4.23")) for k in ("mtbf", "additional", "actual")
    }
    # A kind none of the three has (the plan prints no amount) is empty, not 0.
    assert {k: row[k] and Decimal(str(row[k])) for k in expected} == {k: total or None for k, total in expected.items()}


def test_weak_areas_are_those_with_few_measures(links):
    weak = compliance.weak_areas(links, 1)
    assert {row["area_notation"] for row in weak} >= {"16.", "17.", "38.", "39."}
    assert all(row["count"] <= 1 for row in weak)
    counts = {row["area_notation"]: row["count"] for row in compliance.area_counts(links)}
    assert counts["10."] == 6  # 4.18–4.23 (pp. 18–20)


def test_document_matrix_holds_cited_provisions(embedded, graph):
    codes = {n: d["notation"] for n, d in graph.nodes(data=True)}
    all_measures = [row["measure_id"] for row in viewdata.view_records(embedded, "measures")]
    matrix = coherence.document_matrix(viewdata.view_records(embedded, "measure-documents"), codes, all_measures)
    assert len(matrix.measures) == 31 and not any(matrix.row("4.10"))  # 4.10 cites no national document (p. 16)
    nap = {m: cell for m, cell in matrix.column("NAP2027").items() if cell}
    assert set(nap) == {"4.18", "4.19", "4.20", "4.21", "4.23"}
    assert set(", ".join(nap.values()).split(", ")) == {"349", "350", "351", "352", "353"}


def test_institution_network_weights_count_shared_measures(embedded, kb_graph):
    """Weight = measures where one institution is responsible and the other co-responsible (any rows)."""
    network = kbgraph.institution_network(viewdata.view_records(embedded, "institution-roles"))
    expected: dict[tuple[str, str], int] = {}
    for measure in kb_graph.subjects(RDF.type, RSF.Measure):
        rows = list(kb_graph.objects(measure, RSF.hasRow))
        leads = {str(o) for r in rows for o in kb_graph.objects(r, RSF.responsible)}
        partners = {str(o) for r in rows for o in kb_graph.objects(r, RSF.coResponsible)}
        for pair in ((a, b) for a in leads for b in partners if a != b):
            expected[pair] = expected.get(pair, 0) + 1
    assert {(u, v): d["weight"] for u, v, d in network.edges(data=True)} == expected
    assert expected


def test_funding_mix_counts_measures_per_area_and_fund(embedded, links):
    found = coherence.funding_mix(links, viewdata.view_records(embedded, "measure-funds"))
    mix = {(row["area_notation"], row["fund_code"]): row["count"] for row in found}
    assert mix["10.", "STATE-BUDGET"] >= 1
    assert mix["7.", "ESF"] == 1  # 4.12 only
    areas = [row["area_notation"] for row in found]
    assert areas == sorted(areas, key=viewdata.point_sort_key)  # Recommendation order: 2. before 10.


def test_hubs_rank_institutions_and_documents(graph):
    hubs = coherence.hubs(graph, VOCABULARY)
    assert {row["cls"] for row in hubs} <= {str(RSF.Institution), str(RSF.InstitutionGroup), str(RSF.PolicyDocument)}
    betweenness = [row["betweenness"] for row in hubs]
    assert betweenness == sorted(betweenness, reverse=True)


@pytest.mark.parametrize("question", sorted(catalogue().questions))
def test_every_parameter_has_choices_or_free_text(embedded, question):
    for param in catalogue()[question].params:
        choices = menu(embedded, catalogue()[question], param)
        if choices is None:
            assert param.choices.free, f"{question}: {param.name} has no options query"
        elif param.choices.set:
            assert choices, f"{question}: {param.name}"
            assert param.default is None or param.default in {c.value for c in choices}, (
                f"{question}: {param.default!r} not offered"
            )


def test_point_choices_are_in_recommendation_order(embedded):
    question = catalogue()["measures-by-article"]
    values = [c.value for c in menu(embedded, question, question.param("article"))]
    assert values.index("9 a)") < values.index("9 a) i)") < values.index("9 b)") < values.index("10.")


def test_every_text_is_translated():
    for key, entry in TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry.values()), key


def test_every_tag_parameter_and_error_kind_has_a_label():
    tags = {tag for q in catalogue().questions.values() for tag in q.tags}
    assert {f"tag_{tag}" for tag in tags} <= set(TEXTS)
    # Parameter names and listed values are labelled in the .rq headers now (issue 9), not in UI texts.
    params = [p for q in catalogue().questions.values() for p in q.params]
    assert all(p.label.lv and p.label.en for p in params)
    listed = [c for p in params for c in p.choices.listed]
    assert listed and all(c.label_lv and c.label_en for c in listed)
    kinds = set(
        re.findall(r"(\w[\w-]*)", "syntax refused parameter timeout unreachable endpoint unknown-question unknown-entity")
    )
    assert {f"error_kind_{k}" for k in kinds} <= set(TEXTS)


def test_skos_broader_in_graph_matches_kb(graph, kb_graph):
    expected = {
        (str(s), str(o))
        for s, o in kb_graph.subject_objects(SKOS.broader)
        if (s, RDF.type, RSF.RecommendationPoint) in kb_graph or (s, RDF.type, RSF.Fund) in kb_graph
    }
    edges = {(u, v) for u, v, d in graph.edges(data=True) if d["relation"] == str(SKOS.broader)}
    assert edges == expected


def test_the_plan_reaches_a_300_node_graph(graph):
    """bench/ui_pages.py draws the plan's 3-hop neighbourhood over every relation at the 300-node limit."""
    plan = str(ID["plan/2022-2023"])
    full = kbgraph.neighbourhood(graph, plan, 3, ALL_RELATIONS, 1000)
    assert full.graph.number_of_nodes() > 300
    assert kbgraph.neighbourhood(graph, plan, 3, ALL_RELATIONS, 300).graph.number_of_nodes() == 300


@pytest.mark.parametrize(
    "term, truth",
    [
        ({"type": "literal", "value": "true", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}, True),
        ({"type": "literal", "value": "0", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}, False),
        ({"type": "literal", "value": "TRUE", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}, None),
        ({"type": "literal", "value": "true"}, None),
        (None, None),
    ],
)
def test_a_boolean_is_read_from_its_lexical_forms_only(term, truth):
    assert viewdata.boolean_value(term) is truth
