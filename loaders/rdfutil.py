"""Small helpers for writing triples with labels and provenance."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS, SKOS, XSD

from core.namespaces import RSF, footnote_iri
from loaders.base import SourceRow


def add_labels(graph: Graph, subject: URIRef, lv: str, en: str) -> None:
    graph.add((subject, RDFS.label, Literal(lv, lang="lv")))
    graph.add((subject, RDFS.label, Literal(en, lang="en")))


def add_source(graph: Graph, subject: URIRef, row: SourceRow, plan: URIRef, page: int | None) -> None:
    """Where a fact comes from: the plan page, and the source file row it was typed into."""
    graph.add((subject, PROV.wasDerivedFrom, plan))
    graph.add((subject, RSF.sourceFile, Literal(row.file)))
    graph.add((subject, RSF.sourceRow, Literal(row.number, datatype=XSD.integer)))
    if page is not None:
        graph.add((subject, RSF.page, Literal(page, datatype=XSD.integer)))


def add_note(graph: Graph, subject: URIRef, note: str) -> None:
    if note:
        graph.add((subject, SKOS.editorialNote, Literal(note, lang="en")))


def add_footnotes(graph: Graph, subject: URIRef, numbers: list[int]) -> None:
    for number in numbers:
        graph.add((subject, RSF.footnote, footnote_iri(number)))


def decimal_literal(value: Decimal) -> Literal:
    # A canonical lexical form keeps the output byte-identical between runs.
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def page_of(row: SourceRow, column: str = "Lpp.") -> int | None:
    text = row.get(column)
    if not text:
        return None
    if not text.isdigit():
        raise row.error(column, f"page number expected, got {text!r}")
    return int(text)
