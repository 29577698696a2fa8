"""Coherence tables (no Streamlit): measures × documents, funding mix per area, hubs."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from core.namespaces import RSF
from core.ordering import natural_key
from core.vocabulary import Vocabulary
from ui import graph as kbgraph
from ui.viewdata import measure_sort_key, point_sort_key


def document_matrix(citations: pd.DataFrame, codes: dict[str, str], measures: list[str] = ()) -> pd.DataFrame:
    """Rows: measures (all of `measures`, so those citing nothing show as gaps); columns: document codes;
    cell: cited provisions, or ✓ for the whole document."""
    cells: dict[tuple[str, str], set[str]] = {}
    for row in citations.itertuples(index=False):
        provisions = cells.setdefault((row.measure_id, codes.get(row.document, row.document)), set())
        if isinstance(row.provision, str) and row.provision:
            provisions.add(row.provision.rsplit("/", 1)[-1])
    table = pd.DataFrame(
        [{"measure": m, "document": d, "cell": ", ".join(sorted(p, key=natural_key)) or "✓"} for (m, d), p in cells.items()]
    )
    if table.empty:
        return table
    matrix = table.pivot_table(index="measure", columns="document", values="cell", aggfunc="first", fill_value="")
    rows = set(matrix.index) | set(measures)
    return matrix.reindex(sorted(rows, key=measure_sort_key), fill_value="")


def funding_mix(links: pd.DataFrame, funds: pd.DataFrame) -> pd.DataFrame:
    """area × fund code: the number of measures in the area that name the fund."""
    pairs = links[["area_notation", "measure_id"]].drop_duplicates().merge(funds[["measure_id", "fund_code"]], on="measure_id")
    counts = pairs.groupby(["area_notation", "fund_code"])["measure_id"].nunique().rename("count").reset_index()
    return counts.sort_values("area_notation", key=lambda s: s.map(point_sort_key), ignore_index=True)


def hubs(graph: nx.MultiDiGraph, vocabulary: Vocabulary) -> pd.DataFrame:
    """Centrality over the relations the ontology marks for it (pres:centralityRelation): footnotes
    and budget lines would make every measure look central."""
    view = kbgraph.restrict(graph, [term.iri for term in vocabulary.relations("centrality")])
    view.remove_nodes_from([n for n in list(view) if view.degree(n) == 0])
    return kbgraph.centrality(view, [str(RSF.Institution), str(RSF.InstitutionGroup), str(RSF.PolicyDocument)])
