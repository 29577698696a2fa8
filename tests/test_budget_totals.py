"""Summing the budget lines with SPARQL reproduces every total printed in the plan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib.namespace import RDF

from core.namespaces import RSF

PREFIX = """PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX id: <https://w3id.org/lv-roma-plan/id/>
"""

# The figures quoted in the issue, typed here independently of the source files.
HEADLINE = [
    ("mtbf", 2022, Decimal(4344513)),
    ("mtbf", 2023, Decimal(8334728)),
    ("additional", 2023, Decimal(5548200)),
    ("actual", 2021, Decimal(1738753)),
]


def _sum(graph, kind: str, year: int, dataset: str, extra: str = "") -> Decimal:
    query = (
        PREFIX
        + f"""SELECT (SUM(?a) AS ?total) WHERE {{
        ?line a rsf:BudgetLine ; qb:dataSet <https://w3id.org/lv-roma-plan/id/dataset/{dataset}> ; rsf:amountKind rsf:{kind} ;
              rsf:year ?y ; rsf:amount ?a . FILTER(STR(?y) = "{year}") {extra} }}"""
    )
    total = next(iter(graph.query(query))).total
    return Decimal(str(total)) if total is not None else Decimal(0)


@pytest.mark.parametrize(("kind", "year", "printed"), HEADLINE)
def test_headline_totals(kb_graph, kind, year, printed):
    dataset = "annex-2021" if kind == "actual" else "ch5-table1"
    assert _sum(kb_graph, kind, year, dataset) == printed


def _printed_totals(graph):
    yield from graph.subjects(RDF.type, RSF.PrintedTotal)


def test_every_printed_total_is_reproduced(kb_graph):
    checked = 0
    for total in _printed_totals(kb_graph):
        g = kb_graph.value
        kind = str(g(total, RSF.amountKind)).rsplit("#", 1)[-1]
        year = int(str(g(total, RSF.year)))
        dataset = str(g(total, RSF.sourceTable))
        extra = ""
        if g(total, RSF.budgetSector) is not None:
            extra += f" ?line rsf:budgetSector <{g(total, RSF.budgetSector)}> ."
        if g(total, RSF.budgetProgramme) is not None:
            extra += f" ?line rsf:budgetProgramme <{g(total, RSF.budgetProgramme)}> ."
        printed = Decimal(str(g(total, RSF.amount)))
        assert _sum(kb_graph, kind, year, dataset, extra) == printed, (str(total), printed)
        checked += 1
    assert checked == 40


def test_table2_matches_table1_additional_amounts(kb_graph):
    query = (
        PREFIX
        + """SELECT ?m ?y ?a WHERE { ?line qb:dataSet <https://w3id.org/lv-roma-plan/id/dataset/%s> ;
        rsf:amountKind rsf:additional ;
        rsf:forMeasure ?m ; rsf:year ?y ; rsf:amount ?a . FILTER NOT EXISTS { ?line rsf:recurring true } }"""
    )
    table1 = {(str(r.m), str(r.y), Decimal(str(r.a))) for r in kb_graph.query(query % "ch5-table1")}
    table2 = {(str(r.m), str(r.y), Decimal(str(r.a))) for r in kb_graph.query(query % "ch5-table2")}
    assert table2 == table1
