"""Budget tables of chapter V and the annex, as RDF Data Cube observations.

Each source row becomes a BudgetAllocation (measure × sector × programme, with
its status, e.g. 'Budžeta ietvaros'); each printed amount becomes a BudgetLine
(allocation × kind × year). An empty cell is no amount, never 0."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import QB, RDF, RDFS, SKOS, XSD

from core.errors import NotationError
from core.namespaces import RSF, dataset_iri, footnote_iri, measure_iri, programme_iri, sector_iri
from core.notation import parse_amount, split_footnotes, strip_footnote_marks
from loaders.base import SourceRow, read_table
from loaders.context import Context
from loaders.rdfutil import add_footnotes, add_labels, add_note, add_source, decimal_literal, page_of

SECTOR = "Budžeta resors"
PROGRAMME = "Budžeta programmas (apakšprogrammas) kods un nosaukums"

# Printed in the programme column instead of a programme: funding status.
STATUS_TEXTS = {
    "budžeta ietvaros": RSF.withinExistingBudget,
    "atveseļošanās un noturības mehānisma finansējuma ietvaros": RSF.withinRRF,
    "eiropas savienības struktūrfondu ietvaros": RSF.withinEUStructuralFunds,
}
RECURRING_LABEL = "turpmāk ik gadu"
# 'turpmāk ik gadu' (annually thereafter) follows the 2024 column: read as from 2025 on.
RECURRING_FIRST_YEAR = 2025


@dataclass(frozen=True)
class AmountColumn:
    column: str
    kind: URIRef
    year: int
    recurring: bool = False


@dataclass(frozen=True)
class TableSpec:
    table_id: str
    label_lv: str
    label_en: str
    amount_columns: tuple[AmountColumn, ...]
    first_page: int
    extra_text_column: str | None = None
    restates: str | None = None  # a table that gives the same money again in more detail


# Tables 1 and 2 print the additional need in the same three year columns.
ADDITIONAL_BY_YEAR = tuple(AmountColumn(f"Papildu {year}", RSF.additional, year) for year in (2022, 2023, 2024))

TABLE1 = TableSpec(
    "ch5-table1",
    "V nodaļa, 1. tabula: kopsavilkums par nepieciešamo finansējumu",
    "Chapter V, table 1: summary of funding needed",
    (
        AmountColumn("VTBI 2022", RSF.mtbf, 2022),
        AmountColumn("VTBI 2023", RSF.mtbf, 2023),
        AmountColumn("VTBI 2024", RSF.mtbf, 2024),
        *ADDITIONAL_BY_YEAR,
        AmountColumn("Papildu turpmāk ik gadu", RSF.additional, RECURRING_FIRST_YEAR, recurring=True),
    ),
    23,
)
TABLE2 = TableSpec(
    "ch5-table2",
    "V nodaļa, 2. tabula: detalizēts papildu finansējuma aprēķins",
    "Chapter V, table 2: detailed calculation of the additional funding",
    ADDITIONAL_BY_YEAR,
    34,
    extra_text_column="Aprēķins",
    restates="ch5-table1",  # table 2 breaks table 1's additional need down by programme (p. 34)
)
ANNEX = TableSpec(
    "annex-2021",
    "Pielikums: 2021. gadā īstenotie pasākumi",
    "Annex: measures implemented in 2021",
    (AmountColumn("Finansējums 2021.gadā", RSF.actual, 2021),),
    36,
)
UNSUPPORTED_COLUMNS = ("Papildu līdz pabeigšanai",)
# Footnotes printed on one amount ('30 00094') go with that amount only:
# 'Papildu 2023: 94; Papildu 2024: 94'. Row footnotes (title, sector, programme) go with every amount.
AMOUNT_FOOTNOTES = "Summu zemsvītras piezīmes"
# A reading of the row's own text (not a footnote): 'nav nosakāma' when the plan says the Roma share cannot be told.
ROMA_SHARE = "Romu daļa"
ROMA_SHARE_VALUES = {"nav nosakāma": RSF.romaShareNotIdentifiable}


def add_dataset(graph: Graph, spec: TableSpec, plan: URIRef, structure: URIRef = RSF.budgetStructure) -> URIRef:
    iri = dataset_iri(spec.table_id)
    graph.add((iri, RDF.type, QB.DataSet))
    graph.add((iri, QB.structure, structure))
    graph.add((iri, SKOS.notation, Literal(spec.table_id)))
    add_labels(graph, iri, spec.label_lv, spec.label_en)
    graph.add((iri, RSF.page, Literal(spec.first_page, datatype=XSD.integer)))
    graph.add((iri, RSF.inPlan, plan))
    if spec.restates:
        # Recorded as data, so sums leave such a table out without naming it.
        graph.add((iri, RSF.restates, dataset_iri(spec.restates)))
    return iri


def load_budget_table(graph: Graph, path: Path, name: str, spec: TableSpec, ctx: Context) -> None:
    required = ["Nr.", SECTOR, PROGRAMME, *(c.column for c in spec.amount_columns), "Lpp."]
    rows = read_table(path, required, name)
    dataset = add_dataset(graph, spec, ctx.plan)
    counters: dict[str, int] = {}
    for row in rows:
        for column in UNSUPPORTED_COLUMNS:
            if row.get(column):
                raise row.error(column, "amounts until completion are not supported: no year can be given to them")
        number = row.get("Nr.").rstrip(".")
        if ctx.measures and number not in ctx.measures:
            raise row.error("Nr.", f"unknown measure {row.get('Nr.')!r}")
        counters[number] = counters.get(number, 0) + 1
        _load_row(graph, row, number, counters[number], spec, dataset, ctx)


def _amount_footnotes(row: SourceRow, spec: TableSpec) -> dict[str, list[int]]:
    """'Papildu 2023: 94; Papildu 2024: 94' -> {'Papildu 2023': [94], 'Papildu 2024': [94]}."""
    text = row.get(AMOUNT_FOOTNOTES)
    columns = {c.column for c in spec.amount_columns}
    result: dict[str, list[int]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        column, _, numbers = part.rpartition(":")
        column = column.strip()
        if column not in columns:
            raise row.error(AMOUNT_FOOTNOTES, f"'column: footnotes' expected with an amount column, got {part!r}")
        if not row.get(column):
            raise row.error(AMOUNT_FOOTNOTES, f"footnote given for the empty amount column {column!r}")
        try:
            result[column] = split_footnotes(numbers)
        except NotationError as error:
            raise row.error(AMOUNT_FOOTNOTES, str(error)) from None
    return result


def _load_row(graph, row: SourceRow, number: str, index: int, spec: TableSpec, dataset, ctx: Context) -> None:
    footnotes = row.parse("Zemsvītras piezīmes", split_footnotes)
    amount_footnotes = _amount_footnotes(row, spec)
    roma_share = row.get(ROMA_SHARE)
    if roma_share and roma_share not in ROMA_SHARE_VALUES:
        raise row.error(ROMA_SHARE, f"one of {', '.join(ROMA_SHARE_VALUES)} or empty expected, got {roma_share!r}")
    page = page_of(row)
    allocation = URIRef(f"{dataset}/{number}/{index}")
    measure = measure_iri(number)
    graph.add((allocation, RDF.type, RSF.BudgetAllocation))
    graph.add((allocation, RSF.forMeasure, measure))
    graph.add((allocation, RSF.inTable, dataset))
    add_source(graph, allocation, row, ctx.plan, page)
    # The table row carries every footnote printed in it; a budget line only its row's and its own.
    add_footnotes(graph, allocation, sorted({*footnotes, *(n for ns in amount_footnotes.values() for n in ns)}))
    add_note(graph, allocation, row.get("Piezīme"))
    if roma_share:
        graph.add((allocation, RSF.romaShare, ROMA_SHARE_VALUES[roma_share]))
    sector = _sector(row, footnotes, ctx)
    programme, status = _programme(graph, row, footnotes, sector)
    if sector:
        graph.add((allocation, RSF.budgetSector, sector_iri(sector)))
    if programme:
        graph.add((allocation, RSF.budgetProgramme, programme))
    if spec.extra_text_column and row.get(spec.extra_text_column):
        graph.add((allocation, RSF.calculation, Literal(row.get(spec.extra_text_column), lang="lv")))
    year_text = row.get("Īstenošanas gads")
    if year_text:
        year = strip_footnote_marks(year_text, footnotes)
        if not re.fullmatch(r"\d{4}", year):
            raise row.error("Īstenošanas gads", f"year expected, got {year_text!r}")
        graph.add((allocation, RSF.implementationYear, Literal(year, datatype=XSD.gYear)))
    amounts = 0
    for column in spec.amount_columns:
        if row.get(column.column):
            amounts += 1
            if not sector:
                raise row.error(SECTOR, "an amount needs a budget sector")
            line = _add_line(graph, row, allocation, measure, number, sector, programme, column, dataset, page, ctx)
            add_footnotes(graph, line, [*footnotes, *amount_footnotes.get(column.column, [])])
            if roma_share:
                graph.add((line, RSF.romaShare, ROMA_SHARE_VALUES[roma_share]))
    status = status or (RSF.amountsGiven if amounts else RSF.notQuantified)
    graph.add((allocation, RSF.fundingStatus, status))
    where = f"{sector}/{_programme_code(programme)}" if sector else "—"
    add_labels(graph, allocation, f"{number} · {where} · {spec.table_id}", f"{number} · {where} · {spec.table_id}")


def _sector(row: SourceRow, footnotes: list[int], ctx: Context) -> str | None:
    text = strip_footnote_marks(row.get(SECTOR), footnotes)
    if not text:
        return None
    match = re.match(r"^(\d{2})\.\s*(.+)$", text)
    if not match:
        raise row.error(SECTOR, f"sector such as '22.Kultūras ministrija' expected, got {text!r}")
    code = match[1]
    if ctx.sectors and code not in ctx.sectors:
        raise row.error(SECTOR, f"unknown budget sector {code!r}; add it to data/source/sectors.csv")
    expected = ctx.sectors.get(code)
    if expected and " ".join(match[2].split()).replace(" ", "") != expected.replace(" ", ""):
        raise row.error(SECTOR, f"sector {code} is {expected!r} in data/source/sectors.csv, not {match[2]!r}")
    return code


_PROGRAMME = re.compile(r"^(?P<code>\d{2}\.\d{2}\.\d{2})\s*(?P<name>.*)$")


def _programme(graph: Graph, row: SourceRow, footnotes: list[int], sector: str | None):
    text = " ".join(strip_footnote_marks(row.get(PROGRAMME), footnotes).split())
    if not text:
        return None, None
    status = STATUS_TEXTS.get(text.lower())
    if status:
        graph.add((status, RSF.statusText, Literal(text)))
        return None, status
    match = _PROGRAMME.match(text)
    if not match:
        raise row.error(PROGRAMME, f"programme such as '26.01.00 „…”' or 'Budžeta ietvaros' expected, got {text!r}")
    if not sector:
        raise row.error(SECTOR, "a programme needs a budget sector")
    iri = programme_iri(sector, match["code"])
    name = match["name"].strip().strip('„”"')
    if (iri, RDF.type, RSF.BudgetProgramme) not in graph:
        graph.add((iri, RDF.type, RSF.BudgetProgramme))
        graph.add((iri, SKOS.notation, Literal(match["code"])))
        graph.add((iri, RSF.programmeSector, sector_iri(sector)))
        add_labels(graph, iri, f"{match['code']} „{name}”", f"Programme {match['code']} (budget sector {sector})")
        graph.add((iri, SKOS.prefLabel, Literal(name, lang="lv")))
    elif (iri, SKOS.prefLabel, Literal(name, lang="lv")) not in graph:
        graph.add((iri, SKOS.altLabel, Literal(name, lang="lv")))
    return iri, None


def _programme_code(programme) -> str:
    return str(programme).rsplit("-", 1)[-1] if programme else "—"


def _add_line(graph, row, allocation, measure, number, sector, programme, column: AmountColumn, dataset, page, ctx) -> URIRef:
    amount = row.parse(column.column, parse_amount)
    kind_id = str(column.kind).rsplit("#", 1)[-1]
    suffix = "recurring" if column.recurring else str(column.year)
    line = URIRef(f"{allocation}/{kind_id}-{suffix}")
    graph.add((line, RDF.type, RSF.BudgetLine))
    graph.add((line, RDF.type, QB.Observation))
    graph.add((line, QB.dataSet, dataset))
    graph.add((line, RSF.allocation, allocation))
    graph.add((line, RSF.forMeasure, measure))
    graph.add((line, RSF.budgetSector, sector_iri(sector)))
    if programme:
        graph.add((line, RSF.budgetProgramme, programme))
    graph.add((line, RSF.amountKind, column.kind))
    graph.add((line, RSF.year, Literal(str(column.year), datatype=XSD.gYear)))
    graph.add((line, RSF.amount, decimal_literal(amount)))
    graph.add((line, RSF.periodLabel, Literal(column.column)))
    if column.recurring:
        graph.add((line, RSF.recurring, Literal(True)))
        add_note(
            graph,
            line,
            f"Column '{RECURRING_LABEL}' (annually thereafter) follows 2024; read as every year from {RECURRING_FIRST_YEAR}.",
        )
    add_source(graph, line, row, ctx.plan, page)
    kind = ctx.vocabulary.term(column.kind)
    lv_kind, en_kind = kind.abbreviation("lv"), kind.abbreviation("en")
    period = RECURRING_LABEL if column.recurring else str(column.year)
    period_en = f"annually from {column.year}" if column.recurring else str(column.year)
    add_labels(
        graph,
        line,
        f"{number} · {sector}/{_programme_code(programme)} · {lv_kind} {period}",
        f"{number} · {sector}/{_programme_code(programme)} · {en_kind} {period_en}",
    )
    return line


TOTALS = TableSpec("printed-totals", "Plānā norādītās kopsummas", "Totals printed in the plan", (), 23)
SCOPES = {"plāns": "plan", "resors": "sector", "programma": "programme"}


def load_printed_totals(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    columns = ["Tabula", "Līmenis", "Budžeta resors", "Budžeta programma", "Veids", "Gads", "Summa", "Lpp."]
    dataset = add_dataset(graph, TOTALS, ctx.plan, RSF.totalsStructure)
    for row in read_table(path, columns, name):
        scope = SCOPES.get(row.get("Līmenis"))
        if scope is None:
            raise row.error("Līmenis", f"one of {', '.join(SCOPES)} expected, got {row.get('Līmenis')!r}")
        try:
            kind = URIRef(ctx.vocabulary.amount_kind(row.get("Veids") or ""))
        except NotationError as error:
            raise row.error("Veids", str(error)) from None
        year_text = row.get("Gads")
        recurring = year_text == RECURRING_LABEL
        year = RECURRING_FIRST_YEAR if recurring else year_text
        if not recurring and not re.fullmatch(r"\d{4}", year_text):
            raise row.error("Gads", f"year or '{RECURRING_LABEL}' expected, got {year_text!r}")
        sector, programme = row.get("Budžeta resors"), row.get("Budžeta programma")
        key = "-".join(
            p
            for p in (
                row.get("Tabula"),
                scope,
                sector,
                programme.replace(".", ""),
                row.get("Veids"),
                "recurring" if recurring else year_text,
            )
            if p
        )
        iri = URIRef(f"{dataset}/{key}")
        graph.add((iri, RDF.type, RSF.PrintedTotal))
        graph.add((iri, RDF.type, QB.Observation))
        graph.add((iri, QB.dataSet, dataset))
        graph.add((iri, RSF.totalScope, Literal(scope)))
        graph.add((iri, RSF.sourceTable, Literal(row.get("Tabula"))))
        graph.add((iri, RSF.amountKind, kind))
        graph.add((iri, RSF.year, Literal(str(year), datatype=XSD.gYear)))
        graph.add((iri, RSF.recurring, Literal(recurring)))
        graph.add((iri, RSF.amount, decimal_literal(row.parse("Summa", parse_amount))))
        if sector:
            if ctx.sectors and sector not in ctx.sectors:
                raise row.error("Budžeta resors", f"unknown budget sector {sector!r}")
            graph.add((iri, RSF.budgetSector, sector_iri(sector)))
        if programme:
            graph.add((iri, RSF.budgetProgramme, programme_iri(sector, programme)))
        add_source(graph, iri, row, ctx.plan, page_of(row))
        add_note(graph, iri, row.get("Piezīme"))
        label = f"{row.get('Tabula')} · {scope} {sector} {programme} · {row.get('Veids')} {year_text}".replace("  ", " ")
        add_labels(graph, iri, label, label)


__all__ = ["ANNEX", "RDFS", "TABLE1", "TABLE2", "footnote_iri", "load_budget_table", "load_printed_totals"]
