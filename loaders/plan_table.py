"""The measures table, in the plan's own layout and Latvian column headers.

Works for the committed CSV and for any .xlsx/.csv with the same headers, so
next year's plan (or another country's) loads without code. One line per table
row; a measure with several rows repeats its number (and 'Rinda' counts them)."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from core.errors import NotationError
from core.namespaces import ELI, RSF, document_iri, measure_iri, org_iri, point_iri, provision_iri, row_iri
from core.notation import (
    is_measure_number,
    parse_article_refs,
    parse_deadline,
    parse_measure_number,
    parse_policy_refs,
    split_footnotes,
    strip_footnote_marks,
)
from loaders.base import SourceRow, read_table
from loaders.context import Context
from loaders.rdfutil import add_footnotes, add_labels, add_note, add_source, page_of

NUMBER = "N.p.k."
TITLE = "Pasākums"
RESULT = "Darbības rezultāts"
INDICATOR = "Rezultatīvais rādītājs"
ARTICLES = "Sasaiste ar Ieteikuma pantu"
POLICY = "Atsauce uz politikas dokumentu vai normatīvo aktu"
RESPONSIBLE = "Atbildīgā institūcija"
CO_RESPONSIBLE = "Līdzatbildīgās institūcijas"
DEADLINE = "Izpildes termiņš"
REQUIRED = [NUMBER, TITLE, RESULT, INDICATOR, ARTICLES, POLICY, RESPONSIBLE, CO_RESPONSIBLE, DEADLINE]
# Optional columns: Rinda, Lpp., Zemsvītras piezīmes, Piezīme.


def _canonical_header(column: str) -> str:
    """The plan prints 'Izpildes termiņš (līdz pusgadam)'; accept it and the short form."""
    return DEADLINE if column.startswith(DEADLINE) else column


def load_plan_table(graph: Graph, path: Path, name: str, ctx: Context, english_titles: dict[str, str] | None = None) -> None:
    rows = read_table(path, REQUIRED, name, canonical=_canonical_header)
    seen_rows: dict[str, int] = {}
    for row in rows:
        number = _measure_number(row)
        seen_rows[number] = seen_rows.get(number, 0) + 1
        row_number = _row_number(row, seen_rows[number])
        if row_number != seen_rows[number]:
            raise row.error("Rinda", f"expected row {seen_rows[number]} of measure {number}, got {row_number}")
        footnotes = row.parse("Zemsvītras piezīmes", split_footnotes)
        unknown = [n for n in footnotes if ctx.footnotes and n not in ctx.footnotes]
        if unknown:
            raise row.error("Zemsvītras piezīmes", f"unknown footnote(s) {unknown}")
        page = page_of(row)
        if seen_rows[number] == 1:
            _add_measure(graph, row, number, footnotes, page, ctx, english_titles or {})
        _add_row(graph, row, number, row_number, footnotes, page, ctx)
        ctx.measures.add(number)


def _row_number(row: SourceRow, counted: int) -> int:
    text = row.get("Rinda")
    if not text:
        return counted
    if not text.isdigit():
        raise row.error("Rinda", f"row number such as 1 or 2 expected, got {text!r}")
    return int(text)


def _measure_number(row: SourceRow) -> str:
    try:
        return parse_measure_number(row.get(NUMBER))
    except NotationError as error:
        raise row.error(NUMBER, str(error)) from None


def _add_measure(graph, row, number, footnotes, page, ctx, english_titles) -> None:
    iri = measure_iri(number)
    title = strip_footnote_marks(row.get(TITLE), footnotes)
    if not title:
        raise row.error(TITLE, "the measure has no title")
    graph.add((iri, RDF.type, RSF.Measure))
    graph.add((iri, RSF.measureNumber, Literal(number)))
    graph.add((iri, RSF.inPlan, ctx.plan))
    english = english_titles.get(number) or f"Measure {number}"
    add_labels(graph, iri, title.rstrip("."), english)
    add_source(graph, iri, row, ctx.plan, page)
    title_notes = [n for n in footnotes if re.search(rf"[^\s\d]{n}(?:$|[\s,.;:)])", row.get(TITLE))]
    add_footnotes(graph, iri, title_notes)


def _add_row(graph, row, number, row_number, footnotes, page, ctx) -> None:
    iri = row_iri(number, row_number)
    measure = measure_iri(number)
    graph.add((iri, RDF.type, RSF.MeasureRow))
    graph.add((measure, RSF.hasRow, iri))
    graph.add((iri, RSF.rowOf, measure))
    graph.add((iri, RSF.rowNumber, Literal(row_number, datatype=XSD.integer)))
    add_labels(graph, iri, f"{number}. pasākuma {row_number}. rinda", f"Measure {number}, row {row_number}")
    add_source(graph, iri, row, ctx.plan, page)
    add_footnotes(graph, iri, footnotes)
    add_note(graph, iri, row.get("Piezīme"))
    for column, prop in ((RESULT, RSF.result), (INDICATOR, RSF.performanceIndicator)):
        text = strip_footnote_marks(row.get(column), footnotes)
        if text:
            graph.add((iri, prop, Literal(text, lang="lv")))
    _add_articles(graph, iri, row, ctx)
    _add_policy_refs(graph, iri, row, footnotes, ctx)
    _add_institutions(graph, iri, row, RESPONSIBLE, RSF.responsible, footnotes, ctx, required=True)
    _add_institutions(graph, iri, row, CO_RESPONSIBLE, RSF.coResponsible, footnotes, ctx, required=False)
    deadline = row.parse(DEADLINE, parse_deadline, footnotes)
    graph.add((iri, RSF.deadlineText, Literal(deadline.text)))
    graph.add((iri, RSF.deadline, Literal(deadline.end.isoformat(), datatype=XSD.date)))


def _add_articles(graph, iri, row, ctx) -> None:
    text = " ".join(row.get(ARTICLES).split())
    if not text:
        raise row.error(ARTICLES, "no link to a Recommendation point")
    graph.add((iri, RSF.articleNotation, Literal(text)))
    for point in row.parse(ARTICLES, parse_article_refs):
        if ctx.points and point not in ctx.points:
            raise row.error(
                ARTICLES, f"point {point.notation} is not in the Recommendation scheme (data/source/recommendation.csv)"
            )
        graph.add((iri, RSF.addressesPoint, point_iri(point.id)))


def _add_policy_refs(graph, iri, row, footnotes, ctx) -> None:
    text = " ".join(row.get(POLICY).split())
    if not text:
        return
    graph.add((iri, RSF.policyNotation, Literal(text)))
    aliases = {code: names for code, names in ctx.documents.items() if names}
    for ref in row.parse(POLICY, parse_policy_refs, aliases, footnotes):
        document = document_iri(ref.document)
        graph.add((iri, RSF.citesDocument, document))
        for number in ref.provisions:
            provision = provision_iri(ref.document, number)
            graph.add((iri, RSF.citesProvision, provision))
            _add_provision(graph, provision, document, ref.document, number, ctx)
        for note in ref.notes:
            add_note(graph, iri, f"Reading of '{text}': {note}.")


def _add_provision(graph, provision, document, code, number, ctx) -> None:
    graph.add((provision, RDF.type, RSF.Provision))
    graph.add((provision, ELI.is_part_of, document))
    graph.add((provision, RSF.provisionNumber, Literal(number)))
    if code == "TL" and is_measure_number(number):  # the Ombudsman law's 'article.paragraph' has the same shape
        article, paragraph = number.split(".")
        lv = f"Tiesībsarga likuma {article}. panta {paragraph}. punkts"
        en = f"Ombudsman Law, Article {article}({paragraph})"
    else:
        lv, en = f"{code} {number}.", f"{code}, provision {number}"
    if (provision, RDFS.label, None) not in graph:
        add_labels(graph, provision, lv, en)


def _add_institutions(graph, iri, row, column, prop, footnotes, ctx, *, required: bool) -> None:
    text = strip_footnote_marks(row.get(column), footnotes)
    names = [n.strip() for n in re.split(r"[,;]", text) if n.strip()]
    if required and not names:
        raise row.error(column, "no responsible institution")
    for name in names:
        org_id = ctx.institution(name)
        if org_id is None:
            parts = name.split()
            if len(parts) > 1 and all(ctx.institution(p) for p in parts):
                for part in parts:
                    graph.add((iri, prop, org_iri(ctx.institution(part))))
                continue
            raise row.error(column, f"unknown institution {name!r}; add it to data/source/institutions.csv")
        graph.add((iri, prop, org_iri(org_id)))


__all__ = ["REQUIRED", "load_plan_table"]
