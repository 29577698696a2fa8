"""What the plan says beyond its table columns: footnotes per amount, secured money, time
horizons, quantified targets, table 2 calculations, policy domains and chapter III figures."""

from __future__ import annotations

from decimal import Decimal
from math import prod

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from core.namespaces import ID, RSF, footnote_iri, measure_iri, point_iri

TABLE1 = "https://w3id.org/lv-roma-plan/id/dataset/ch5-table1"


def _lines(graph, measure: str, kind) -> set[URIRef]:
    return {
        line
        for line in graph.subjects(RSF.forMeasure, measure_iri(measure))
        if (line, RDF.type, RSF.BudgetLine) in graph and (line, RSF.amountKind, kind) in graph and str(line).startswith(TABLE1)
    }


@pytest.mark.parametrize(("measure", "footnote"), [("4.3", 94), ("4.4", 96)])
def test_the_not_in_mtbf_footnote_is_on_the_additional_amounts_only(kb_graph, measure, footnote):
    additional, mtbf = _lines(kb_graph, measure, RSF.additional), _lines(kb_graph, measure, RSF.mtbf)
    assert len(additional) == 3 and mtbf
    assert all((line, RSF.footnote, footnote_iri(footnote)) in kb_graph for line in additional)
    assert not any((line, RSF.footnote, footnote_iri(footnote)) in kb_graph for line in mtbf)
    assert all((line, RSF.fundingSecurity, RSF.notSecured) in kb_graph for line in additional)
    assert not any((line, RSF.fundingSecurity, None) in kb_graph for line in mtbf)


def test_a_footnote_on_one_amount_stays_on_that_amount(kb_graph):
    lines = _lines(kb_graph, "4.9", RSF.mtbf) | _lines(kb_graph, "4.9", RSF.additional)
    by_footnote = {n: {line for line in lines if (line, RSF.footnote, footnote_iri(n)) in kb_graph} for n in (101, 102)}
    assert len(by_footnote[101]) == 1 and len(by_footnote[102]) == 1
    assert by_footnote[101] != by_footnote[102]


def test_not_secured_lines_and_who_bids(kb_graph):
    found = {}
    for line in kb_graph.subjects(RSF.fundingSecurity, RSF.notSecured):
        number = str(kb_graph.value(kb_graph.value(line, RSF.forMeasure), RSF.measureNumber))
        found.setdefault(number, set()).add(str(kb_graph.value(kb_graph.value(line, RSF.priorityBidBy), RSF.abbreviation)))
    assert found == {"4.3": {"KM"}, "4.4": {"KM"}, "4.9": {"LM"}, "4.16": {"LM"}, "4.21": {"EM"}, "4.31": {"KM"}}
    assert all((line, RSF.amountKind, RSF.additional) in kb_graph for line in kb_graph.subjects(RSF.fundingSecurity, None))


def test_roma_share_not_identifiable(kb_graph):
    measures = {
        str(kb_graph.value(kb_graph.value(s, RSF.forMeasure), RSF.measureNumber))
        for s in kb_graph.subjects(RSF.romaShare, RSF.romaShareNotIdentifiable)
    }
    assert measures == {"4.8", "4.9", "4.12", "4.15", "4.16", "4.17"}
    table2 = URIRef("https://w3id.org/lv-roma-plan/id/dataset/ch5-table2/4.9/1/additional-2023")
    assert (table2, RSF.romaShare, RSF.romaShareNotIdentifiable) in kb_graph  # stated in the calculation text


def test_every_calculation_reproduces_its_printed_amount(kb_graph):
    calculations = list(kb_graph.subjects(RDF.type, RSF.Calculation))
    assert len(calculations) >= 5
    for calculation in calculations:
        factors = [Decimal(str(kb_graph.value(f, RSF.value))) for f in kb_graph.objects(calculation, RSF.factor)]
        assert factors, calculation
        printed = kb_graph.value(calculation, RSF.printedAmount)
        if printed is None:  # the plan prints no total (4.12, footnote 103): our note says so
            assert kb_graph.value(calculation, SKOS.editorialNote) is not None
            continue
        assert prod(factors) == Decimal(str(printed)), calculation
        line = kb_graph.value(calculation, RSF.calculationOf)
        assert Decimal(str(kb_graph.value(line, RSF.amount))) == Decimal(str(printed))
    for factor in kb_graph.subjects(RDF.type, RSF.CalculationFactor):
        addends = [Decimal(str(a)) for a in kb_graph.objects(factor, RSF.addend)]
        if addends:
            assert sum(addends) == Decimal(str(kb_graph.value(factor, RSF.value)))


@pytest.mark.parametrize(
    ("key", "factors", "amount"),
    [("4.9-2023", ["50", "12", "1583.75", "0.8"], "760200"), ("4.16-2023", ["30", "600"], "18000")],
)
def test_the_issue_s_examples(kb_graph, key, factors, amount):
    calculation = ID[f"calculation/{key}"]
    values = sorted(str(kb_graph.value(f, RSF.value)) for f in kb_graph.objects(calculation, RSF.factor))
    assert values == sorted(str(Decimal(f)) if "." in f else f"{f}.0" for f in factors)
    assert Decimal(str(kb_graph.value(calculation, RSF.printedAmount))) == Decimal(amount)


def test_horizons(kb_graph):
    def horizon(number):
        return kb_graph.value(measure_iri(number), RSF.implementationHorizon)

    assert kb_graph.value(horizon("4.18"), RSF.implementationUntil) == Literal("2029-12-31", datatype=XSD.date)
    assert kb_graph.value(horizon("4.19"), RSF.implementationUntil) == Literal("2026-12-31", datatype=XSD.date)
    assert (horizon("4.18"), RSF.footnote, footnote_iri(75)) in kb_graph
    open_ended = {
        str(kb_graph.value(m, RSF.measureNumber))
        for m, h in kb_graph.subject_objects(RSF.implementationHorizon)
        if (h, RSF.notTimeLimited, Literal(True)) in kb_graph
    }
    assert open_ended == {"4.3", "4.4", "4.20", "4.21", "4.22", "4.23", "4.31"}
    # the printed deadline stays
    assert kb_graph.value(URIRef(f"{measure_iri('4.18')}/row/1"), RSF.deadline) == Literal("2023-12-31", datatype=XSD.date)


@pytest.mark.parametrize(
    ("measure", "value", "low", "high"),
    [
        ("4.4", None, "75", None),
        ("4.18", "1800", None, None),
        ("4.18", "1200", None, None),
        ("4.19", "700", None, None),
        ("4.21", "500", None, None),
        ("4.29", "11000", None, None),
        ("4.30", None, "2", None),
        ("4.1", None, "5", "6"),
        ("4.1", None, "6", None),
    ],
)
def test_targets_of_the_issue(kb_graph, measure, value, low, high):
    def number(node, prop):
        found = kb_graph.value(node, prop)
        return None if found is None else format(Decimal(str(found)).normalize(), "f")

    targets = [
        (number(t, RSF.value), number(t, RSF.minValue), number(t, RSF.maxValue))
        for t in kb_graph.objects(measure_iri(measure), RSF.target)
    ]
    assert (value, low, high) in targets


def test_every_target_has_units_period_row_page_and_text(kb_graph):
    for target in kb_graph.subjects(RDF.type, RSF.Target):
        assert {lit.language for lit in kb_graph.objects(target, RSF.unitLabel)} == {"lv", "en"}
        assert kb_graph.value(target, RSF.targetPeriod) is not None
        assert kb_graph.value(target, RSF.targetRow) is not None
        assert kb_graph.value(target, RSF.page) is not None
        assert kb_graph.value(target, RSF.text) is not None


def test_every_measure_has_a_domain_and_a_reading(kb_graph):
    for measure in kb_graph.subjects(RDF.type, RSF.Measure):
        assert list(kb_graph.objects(measure, RSF.policyDomain)), measure
        assert kb_graph.value(measure, RSF.domainReading) is not None
    ombudsman = str(kb_graph.value(measure_iri("4.24"), RSF.domainReading))
    assert "no guideline" in ombudsman


def test_smaller_facts(kb_graph):
    assert Literal("Pētījumos balstītas saliedētas sabiedrības politikas attīstība", lang="lv") in set(
        kb_graph.objects(measure_iri("4.3"), SKOS.altLabel)
    )
    cited = {
        (str(kb_graph.value(c, RSF.citedDocument)).rsplit("/", 1)[-1], str(kb_graph.value(c, RSF.footnote)).rsplit("/", 1)[-1])
        for c in kb_graph.objects(measure_iri("4.18"), RSF.footnoteCitation)
    }
    assert cited == {("NAP2027", "111"), ("SADTPP", "111")}
    quotation = next(kb_graph.subjects(RSF.quotes, point_iri("1")))
    assert (quotation, RSF.footnote, footnote_iri(2)) in kb_graph
    assert kb_graph.value(point_iri("1"), SKOS.definition) is None  # a quotation, not the official text
    eurlex = "https://eur-lex.europa.eu/legal-content/lv/TXT/?uri=CELEX%3A32021H0319%2801%29"
    for point in kb_graph.subjects(RDF.type, RSF.RecommendationPoint):
        assert str(kb_graph.value(point, RSF.officialText)) == eurlex


def test_chapter_iii_figures(kb_graph):
    registered = ID["statistic/roma-registered"]
    assert Decimal(str(kb_graph.value(registered, RSF.value))) == 6842
    assert (registered, RSF.footnote, footnote_iri(18)) in kb_graph
    assert Decimal(str(kb_graph.value(ID["statistic/roma-citizens"], RSF.value))) == Decimal("94.7")
    assert int(kb_graph.value(registered, RSF.page)) == 7


def test_every_shape_has_a_message():
    from rdflib import Graph

    from core.paths import ONTOLOGY_DIR

    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    sh = "http://www.w3.org/ns/shacl#"
    node_shapes = set(shapes.subjects(RDF.type, URIRef(sh + "NodeShape")))
    property_shapes = set(shapes.objects(None, URIRef(sh + "property")))
    assert node_shapes and property_shapes
    missing = [s for s in node_shapes | property_shapes if shapes.value(s, URIRef(sh + "message")) is None]
    assert not missing, [shapes.value(s, URIRef(sh + "path")) or s for s in missing]
