"""Exports for the tools people already use: RDF serialisations, one CSV per main class
(with labels, for spreadsheets), the measures table as an .xlsx in the plan's layout
(which the spreadsheet loader reads back), and the VoID description."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from openpyxl import Workbook
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from core.namespaces import RSF, local_name, short_id
from core.ordering import natural_key
from core.vocabulary import Vocabulary
from kb.engine.results import spreadsheet_safe
from loaders import plan_table

RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}

# The plan's measures table, in its column order (chapter IV, pp. 13–22).
PLAN_COLUMNS = [
    plan_table.NUMBER,
    "Rinda",
    plan_table.TITLE,
    plan_table.RESULT,
    plan_table.INDICATOR,
    plan_table.ARTICLES,
    plan_table.POLICY,
    plan_table.RESPONSIBLE,
    plan_table.CO_RESPONSIBLE,
    "Izpildes termiņš (līdz pusgadam)",
    "Lpp.",
    "Zemsvītras piezīmes",
    "Piezīme",
]
GENERATED_NOTE = re.compile(r"^Reading of '")  # written by the policy-reference parser, not typed in


def export_rdf(graph: Graph, fmt: str, target: Path) -> Path:
    graph.serialize(target, format=RDF_FORMATS[fmt], encoding="utf-8")
    return target


def label(graph: Graph, node, lang: str = "lv") -> str:
    for value in graph.objects(node, RDFS.label):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def column_name(graph: Graph, predicate) -> str:
    """Our own properties by their local name (page, responsible); others with their prefix
    (foaf:page, rdfs:label), so two vocabularies never share a column."""
    if str(predicate).startswith(str(RSF)):
        return local_name(predicate)
    return graph.namespace_manager.normalizeUri(predicate)


def class_table(graph: Graph, cls: URIRef) -> tuple[list[str], list[dict[str, str]]]:
    """One row per instance; literal columns per language; an IRI column with a _label column
    whose values stand in the same order as the IRIs."""
    rows: list[dict[str, list]] = []
    for subject in sorted(set(graph.subjects(RDF.type, cls)), key=lambda s: natural_key(short_id(s))):
        row: dict[str, list] = {"iri": [(str(subject),)]}
        for predicate, value in graph.predicate_objects(subject):
            if predicate in (RDF.type, RSF.searchKey, RSF.withinPoint):
                continue
            name = column_name(graph, predicate)
            if isinstance(value, Literal):
                row.setdefault(f"{name}@{value.language}" if value.language else name, []).append((str(value),))
            else:
                row.setdefault(name, []).append((short_id(value), label(graph, value)))
        rows.append(row)
    names = ["iri", *sorted({c for row in rows for c in row} - {"iri"})]
    labelled = {n for n in names if any(len(v) == 2 and v[1] for row in rows for v in row.get(n, []))}
    columns = [c for n in names for c in ([n, f"{n}_label"] if n in labelled else [n])]
    table = []
    for row in rows:
        cells: dict[str, str] = {}
        for name in names:
            values = sorted(row.get(name, []), key=lambda v: natural_key(v[0]))
            cells[name] = " | ".join(v[0] for v in values)
            if name in labelled:
                cells[f"{name}_label"] = " | ".join(v[1] if len(v) == 2 else "" for v in values)
        table.append(cells)
    return columns, table


def export_csv(graph: Graph, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    # One table per class marked pres:csvTable in the ontology that travels with the KB.
    for term in Vocabulary.from_graph(graph).classes("csv_table"):
        cls = URIRef(term.iri)
        columns, rows = class_table(graph, cls)
        target = folder / f"{local_name(cls)}.csv"
        # utf-8-sig: the byte-order mark Excel needs to read Latvian letters.
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows({name: spreadsheet_safe(value) for name, value in row.items()} for row in rows)
        written.append(target)
    return written


def plan_rows(graph: Graph) -> list[list[str]]:
    """The measures table as the plan prints it, one line per table row, in measure order."""
    lines = []
    measures = sorted(graph.subjects(RDF.type, RSF.Measure), key=lambda m: natural_key(str(graph.value(m, RSF.measureNumber))))
    for measure in measures:
        number = str(graph.value(measure, RSF.measureNumber))
        rows = sorted(graph.objects(measure, RSF.hasRow), key=lambda r: int(graph.value(r, RSF.rowNumber)))
        for row in rows:
            lines.append(_plan_line(graph, measure, row, number))
    return lines


def _plan_line(graph: Graph, measure, row, number: str) -> list[str]:
    footnotes = sorted(int(local_name(f)) for f in graph.objects(row, RSF.footnote))
    title_notes = sorted(int(local_name(f)) for f in graph.objects(measure, RSF.footnote))
    # The footnote mark stays where the loader finds it: stuck to the title's last word.
    notes = sorted(str(n) for n in graph.objects(row, SKOS.editorialNote) if not GENERATED_NOTE.match(str(n)))
    # The plan's layout has room for one footnote mark on a title and one note per row;
    # refuse rather than write a table that would not load back the same.
    if len(title_notes) > 1 or len(notes) > 1:
        raise ValueError(f"measure {number}: {len(title_notes)} title footnotes and {len(notes)} notes do not fit the plan table")
    title = label(graph, measure) + "".join(str(n) for n in title_notes) + "."
    return [
        f"{number}.",
        str(graph.value(row, RSF.rowNumber)),
        title,
        _text(graph, row, RSF.result),
        _text(graph, row, RSF.performanceIndicator),
        _text(graph, row, RSF.articleNotation),
        _text(graph, row, RSF.policyNotation),
        _institutions(graph, row, RSF.responsible),
        _institutions(graph, row, RSF.coResponsible),
        _text(graph, row, RSF.deadlineText),
        _text(graph, row, RSF.page),
        ", ".join(str(n) for n in footnotes),
        "".join(notes),
    ]


def _text(graph: Graph, subject, predicate) -> str:
    value = graph.value(subject, predicate)
    return "" if value is None else str(value)


def _institutions(graph: Graph, row, predicate) -> str:
    codes = [str(graph.value(org, RSF.abbreviation) or local_name(org)) for org in graph.objects(row, predicate)]
    return ", ".join(sorted(codes))


def export_plan_table(graph: Graph, target: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Pasākumi"
    sheet.append(PLAN_COLUMNS)
    for line in plan_rows(graph):
        sheet.append(line)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text stays text: a cell starting with '=' is not a formula
    workbook.save(target)
    return target
