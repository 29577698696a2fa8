"""Coherence tables (no Streamlit, no pandas): measures × documents, funding mix per area, hubs.

Inputs are view rows (ui.data.rows: records of plain values)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from core.namespaces import RSF
from core.ordering import natural_key
from core.vocabulary import Vocabulary
from ui import graph as kbgraph
from ui.viewdata import Record, measure_sort_key, point_sort_key


@dataclass(frozen=True)
class DocumentMatrix:
    """Rows: measures in plan order; columns: document codes (sorted); a cell: the cited
    provisions, ✓ for the whole document, "" for none."""

    measures: list[str]
    documents: list[str]
    cells: dict[tuple[str, str], str]

    def cell(self, measure: str, document: str) -> str:
        return self.cells.get((measure, document), "")

    def row(self, measure: str) -> list[str]:
        return [self.cell(measure, document) for document in self.documents]

    def column(self, document: str) -> dict[str, str]:
        return {measure: self.cell(measure, document) for measure in self.measures}


def document_matrix(citations: list[Record], codes: dict[str, str], measures: list[str] = ()) -> DocumentMatrix:
    """All of `measures` (so those citing nothing show as gaps) and every citing measure × the
    cited documents by code; no rows when nothing is cited."""
    provisions: dict[tuple[str, str], set[str]] = {}
    for row in citations:
        cited = provisions.setdefault((row["measure_id"], codes.get(row["document"], row["document"])), set())
        if row["provision"]:
            cited.add(row["provision"].rsplit("/", 1)[-1])
    cells = {key: ", ".join(sorted(found, key=natural_key)) or "✓" for key, found in provisions.items()}
    if not cells:
        return DocumentMatrix([], [], {})
    rows = {measure for measure, _ in cells} | set(measures)
    documents = sorted({document for _, document in cells})
    return DocumentMatrix(sorted(rows, key=measure_sort_key), documents, cells)


def funding_mix(links: list[Record], funds: list[Record]) -> list[Record]:
    """area × fund code: the number of measures in the area that name the fund; areas in
    Recommendation order, funds by code within an area (as the chart's legend lists them)."""
    funds_of: dict[str, set[str]] = defaultdict(set)
    for row in funds:
        funds_of[row["measure_id"]].add(row["fund_code"])
    measures: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in links:
        for fund in funds_of[row["measure_id"]]:
            measures[row["area_notation"], fund].add(row["measure_id"])
    mix = [{"area_notation": area, "fund_code": fund, "count": len(found)} for (area, fund), found in measures.items()]
    return sorted(mix, key=lambda row: (point_sort_key(row["area_notation"]), natural_key(row["fund_code"])))


def hubs(graph: nx.MultiDiGraph, vocabulary: Vocabulary) -> list[Record]:
    """Centrality over the relations the ontology marks for it (pres:centralityRelation): footnotes
    and budget lines would make every measure look central."""
    view = kbgraph.restrict(graph, [term.iri for term in vocabulary.relations("centrality")])
    view.remove_nodes_from([n for n in list(view) if view.degree(n) == 0])
    return kbgraph.centrality(view, [str(RSF.Institution), str(RSF.InstitutionGroup), str(RSF.PolicyDocument)])
