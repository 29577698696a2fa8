"""Funding sources named per measure in the tables and footnotes."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from core.namespaces import RSF, fund_iri, measure_iri
from core.notation import is_measure_number, split_footnotes
from loaders.base import read_table
from loaders.context import Context
from loaders.rdfutil import add_footnotes, add_labels, add_note, add_source, page_of

SOURCE_TABLES = ("ch5-table1", "ch5-table2", "annex-2021", "measures-table")


def load_funding(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    counters: dict[str, int] = {}
    for row in read_table(path, ["Nr.", "Fonds", "Precizējums", "Lpp.", "Avots"], name):
        number = row.get("Nr.").rstrip(".")
        if not is_measure_number(number) or (ctx.measures and number not in ctx.measures):
            raise row.error("Nr.", f"unknown measure {row.get('Nr.')!r}")
        code = row.get("Fonds")
        if code not in ctx.funds:
            raise row.error("Fonds", f"unknown fund code {code!r}; add it to data/source/funds.csv")
        if row.get("Avots") not in SOURCE_TABLES:
            raise row.error("Avots", f"one of {', '.join(SOURCE_TABLES)} expected")
        counters[number] = counters.get(number, 0) + 1
        measure = measure_iri(number)
        iri = URIRef(f"{measure}/funding/{counters[number]}")
        graph.add((measure, RSF.fundedBy, fund_iri(code)))
        graph.add((measure, RSF.fundingAttribution, iri))
        graph.add((iri, RDF.type, RSF.FundingAttribution))
        graph.add((iri, RSF.fund, fund_iri(code)))
        if row.get("Precizējums"):
            graph.add((iri, RSF.fundingDetail, Literal(row.get("Precizējums"))))
        graph.add((iri, RSF.sourceTable, Literal(row.get("Avots"))))
        add_labels(graph, iri, f"{number}: {code}", f"{number}: {code}")
        add_source(graph, iri, row, ctx.plan, page_of(row))
        add_footnotes(graph, iri, row.parse("Zemsvītras piezīmes", split_footnotes))
        add_note(graph, iri, row.get("Piezīme"))
