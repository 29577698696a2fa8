"""What the plan says beyond its table columns: footnote readings on budget lines, real time
horizons, quantified targets, table 2 calculations, policy domains, links made only in
footnotes, a quotation and the figures of chapter III.

Each file keeps the plan's words (`Teksts`, `Citāts`), its page (`Lpp.`) and footnotes, and
our reading in `Piezīme` (skos:editorialNote). These loaders run after the measures and the
budget tables, and look measures, rows, footnotes and budget lines up in the graph."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, SKOS, XSD

from core.errors import SourceError
from core.namespaces import (
    ELI,
    ID,
    RECOMMENDATION_SCHEME,
    RSF,
    dataset_iri,
    document_iri,
    footnote_iri,
    measure_iri,
    org_iri,
    point_iri,
    provision_iri,
    row_iri,
)
from core.notation import parse_article_refs, split_footnotes
from loaders.base import SourceRow, read_table
from loaders.context import Context
from loaders.rdfutil import add_footnotes, add_labels, add_note, add_source, decimal_literal, page_of

READINGS = {"not-secured": (RSF.statesFundingSecurity, RSF.fundingSecurity, RSF.notSecured)}
ROMA_READING = "roma-share-not-identifiable"
YES = {"jā": True, "": False}


def _measure(row: SourceRow, ctx: Context, column: str = "Nr.") -> tuple[str, URIRef]:
    number = row.get(column).rstrip(".")
    if number not in ctx.measures:
        raise row.error(column, f"unknown measure {row.get(column)!r}")
    return number, measure_iri(number)


def _footnotes(row: SourceRow, ctx: Context, column: str = "Zemsvītras piezīmes") -> list[int]:
    numbers = row.parse(column, split_footnotes)
    for number in numbers:
        if ctx.footnotes and number not in ctx.footnotes:
            raise row.error(column, f"unknown footnote {number}")
    return numbers


def _decimal(row: SourceRow, column: str) -> Decimal | None:
    text = row.get(column)
    return _number(row, column, text) if text else None


def _number(row: SourceRow, column: str, text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise row.error(column, f"a number such as 1583.75 expected, got {text!r}") from None


def _yes(row: SourceRow, column: str) -> bool:
    text = row.get(column).lower()
    if text not in YES:
        raise row.error(column, f"'jā' or empty expected, got {row.get(column)!r}")
    return YES[text]


def _provenance(graph: Graph, iri: URIRef, row: SourceRow, ctx: Context, footnotes: list[int]) -> None:
    add_source(graph, iri, row, ctx.plan, page_of(row))
    add_footnotes(graph, iri, footnotes)
    add_note(graph, iri, row.get("Piezīme"))


def _institution(row: SourceRow, column: str, ctx: Context) -> URIRef:
    org = ctx.institution(row.get(column))
    if org is None:
        raise row.error(column, f"unknown institution {row.get(column)!r}")
    return org_iri(org)


# ---------------------------------------------------------------- footnote readings


def load_footnote_readings(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    """What a footnote says about the money it is printed on: not secured, or the Roma share
    cannot be identified. The reading lands on the footnote and on every budget line (and, for
    the Roma share, every budget table row) that carries it."""
    rows = read_table(path, ["Zemsvītras piezīme", "Lpp.", "Nolasījums", "Iestāde", "Citāts", "Piezīme"], name)
    for row in rows:
        numbers = _footnotes(row, ctx, "Zemsvītras piezīme")
        if len(numbers) != 1:
            raise row.error("Zemsvītras piezīme", "exactly one footnote number is required")
        (number,) = numbers
        footnote = footnote_iri(number)
        printed_on = graph.value(footnote, RSF.page)
        if printed_on is None or page_of(row) != printed_on.toPython():
            raise row.error("Lpp.", f"footnote {number} is on page {printed_on}")
        quoted = row.get("Citāts")
        if not quoted or quoted not in str(graph.value(footnote, RSF.text) or ""):
            raise row.error("Citāts", f"not the words of footnote {number} (data/source/footnotes.csv)")
        reading = row.get("Nolasījums")
        carriers = set(graph.subjects(RSF.footnote, footnote))
        lines = {c for c in carriers if (c, RDF.type, RSF.BudgetLine) in graph}
        allocations = {c for c in carriers if (c, RDF.type, RSF.BudgetAllocation) in graph}
        if reading in READINGS:
            states, prop, value = READINGS[reading]
            if not lines:
                raise row.error("Zemsvītras piezīme", f"footnote {number} is on no budget amount")
            graph.add((footnote, states, value))
            bidder = _institution(row, "Iestāde", ctx)
            for line in lines:
                graph.add((line, prop, value))
                graph.add((line, RSF.priorityBidBy, bidder))
        elif reading == ROMA_READING:
            if not allocations:
                raise row.error("Zemsvītras piezīme", f"footnote {number} is on no budget table row")
            graph.add((footnote, RSF.statesRomaShare, RSF.romaShareNotIdentifiable))
            for carrier in lines | allocations:
                graph.add((carrier, RSF.romaShare, RSF.romaShareNotIdentifiable))
        else:
            raise row.error("Nolasījums", f"one of {', '.join([*READINGS, ROMA_READING])} expected, got {reading!r}")
        add_note(graph, footnote, row.get("Piezīme"))


# ---------------------------------------------------------------- time horizons


def load_horizons(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    for row in read_table(path, ["Nr.", "Līdz", "Nav terminēts", "Teksts", "Lpp.", "Zemsvītras piezīmes", "Piezīme"], name):
        number, measure = _measure(row, ctx)
        until, open_ended = row.get("Līdz"), _yes(row, "Nav terminēts")
        if bool(until) == open_ended:
            raise row.error("Līdz", "give either a year in 'Līdz' or 'jā' in 'Nav terminēts'")
        if until and not (until.isdigit() and len(until) == 4):
            raise row.error("Līdz", f"a year expected, got {until!r}")
        iri = URIRef(f"{measure}/horizon")
        graph.add((iri, RDF.type, RSF.ImplementationHorizon))
        graph.add((measure, RSF.implementationHorizon, iri))
        graph.add((iri, RSF.forMeasure, measure))
        if until:
            graph.add((iri, RSF.implementationUntil, Literal(f"{until}-12-31", datatype=XSD.date)))
            add_labels(graph, iri, f"{number}: īsteno līdz {until}. gadam", f"{number}: implemented until {until}")
        else:
            graph.add((iri, RSF.notTimeLimited, Literal(True)))
            add_labels(graph, iri, f"{number}: nav terminēts", f"{number}: not time-limited")
        graph.add((iri, RSF.text, Literal(row.get("Teksts"), lang="lv")))
        _provenance(graph, iri, row, ctx, _footnotes(row, ctx))


# ---------------------------------------------------------------- targets


def _concepts(graph: Graph, cls: URIRef) -> dict[str, URIRef]:
    """The ontology's controlled values of a class, by notation."""
    return {str(graph.value(c, SKOS.notation)): c for c in graph.subjects(RDF.type, cls) if isinstance(c, URIRef)}


def _period(graph: Graph, row: SourceRow, column: str) -> URIRef:
    periods = _concepts(graph, RSF.TargetPeriod)
    value = row.get(column)
    if value not in periods:
        raise row.error(column, f"one of {', '.join(sorted(periods))} expected, got {value!r}")
    return periods[value]


def load_targets(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    columns = ["Nr.", "Rinda", "Mērķis", "Vērtība", "Vismaz", "Ne vairāk kā", "Aptuveni", "Mērvienība", "Unit", "Periods"]
    columns += ["Norādīts", "Teksts", "Lpp.", "Zemsvītras piezīmes", "Piezīme"]
    seen: set[URIRef] = set()
    for row in read_table(path, columns, name):
        number, measure = _measure(row, ctx)
        if row.get("Rinda") and not row.get("Rinda").isdigit():
            raise row.error("Rinda", f"a row number such as 1 expected, got {row.get('Rinda')!r}")
        measure_row = row_iri(number, int(row.get("Rinda") or 0))
        if (measure_row, RDF.type, RSF.MeasureRow) not in graph:
            raise row.error("Rinda", f"measure {number} has no row {row.get('Rinda')!r}")
        iri = URIRef(f"{measure}/target/{row.get('Mērķis')}")
        if iri in seen or not row.get("Mērķis").isdigit():
            raise row.error("Mērķis", "a target number, unique within the measure, expected")
        seen.add(iri)
        value, low, high = (_decimal(row, c) for c in ("Vērtība", "Vismaz", "Ne vairāk kā"))
        if value is None and low is None and high is None:
            raise row.error("Vērtība", "a value, a minimum or a maximum is required")
        if value is not None and (low is not None or high is not None):
            raise row.error("Vērtība", "give a value or a minimum/maximum, not both")
        if low is not None and high is not None and low > high:
            raise row.error("Vismaz", "the minimum is above the maximum")
        graph.add((iri, RDF.type, RSF.Target))
        graph.add((measure, RSF.target, iri))
        graph.add((iri, RSF.forMeasure, measure))
        graph.add((iri, RSF.targetRow, measure_row))
        for prop, number_value in ((RSF.value, value), (RSF.minValue, low), (RSF.maxValue, high)):
            if number_value is not None:
                graph.add((iri, prop, decimal_literal(number_value)))
        if _yes(row, "Aptuveni"):
            graph.add((iri, RSF.approximate, Literal(True)))
        graph.add((iri, RSF.unitLabel, Literal(row.get("Mērvienība"), lang="lv")))
        graph.add((iri, RSF.unitLabel, Literal(row.get("Unit"), lang="en")))
        graph.add((iri, RSF.targetPeriod, _period(graph, row, "Periods")))
        graph.add((iri, RSF.statedIn, Literal(row.get("Norādīts"))))
        graph.add((iri, RSF.text, Literal(row.get("Teksts"), lang="lv")))
        shown = _range_text(value, low, high)
        add_labels(graph, iri, f"{number}: {shown} {row.get('Mērvienība')}", f"{number}: {shown} {row.get('Unit')}")
        _provenance(graph, iri, row, ctx, _footnotes(row, ctx))


def _range_text(value, low, high) -> str:
    if value is not None:
        return format(value.normalize(), "f")
    if low is not None and high is not None:
        return f"{format(low.normalize(), 'f')}–{format(high.normalize(), 'f')}"
    return f"≥ {format(low.normalize(), 'f')}" if low is not None else f"≤ {format(high.normalize(), 'f')}"


# ---------------------------------------------------------------- table 2 calculations


def load_calculations(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    """One row per factor; the rows of one calculation share its id, year and printed amount."""
    columns = ["Aprēķins", "Nr.", "Gads", "Reizinātājs", "Vērtība", "Saskaitāmie", "Mērvienība", "Unit", "Teksts", "Summa"]
    columns += ["Lpp.", "Zemsvītras piezīmes", "Piezīme"]
    heads: dict[str, tuple[str, str, str]] = {}
    for row in read_table(path, columns, name):
        number, measure = _measure(row, ctx)
        key = row.get("Aprēķins")
        head = (number, row.get("Gads"), row.get("Summa"))
        if heads.setdefault(key, head) != head:
            raise row.error("Aprēķins", f"calculation {key!r} has another measure, year or amount on an earlier row")
        iri = ID[f"calculation/{key}"]
        if (iri, RDF.type, RSF.Calculation) not in graph:
            _add_calculation(graph, iri, row, number, measure, ctx)
        factor = URIRef(f"{iri}/factor/{row.get('Reizinātājs')}")
        if not row.get("Reizinātājs").isdigit() or (factor, RDF.type, RSF.CalculationFactor) in graph:
            raise row.error("Reizinātājs", "a factor number, unique within the calculation, expected")
        value = _decimal(row, "Vērtība")
        if value is None:
            raise row.error("Vērtība", "a factor needs a value")
        graph.add((iri, RSF.factor, factor))
        graph.add((factor, RDF.type, RSF.CalculationFactor))
        graph.add((factor, RSF.position, Literal(int(row.get("Reizinātājs")), datatype=XSD.integer)))
        graph.add((factor, RSF.value, decimal_literal(value)))
        addends = [_number(row, "Saskaitāmie", a) for a in row.get("Saskaitāmie").split()]
        if addends and sum(addends) != value:
            raise row.error("Saskaitāmie", f"the addends make {sum(addends)}, not {value}")
        for addend in addends:
            graph.add((factor, RSF.addend, decimal_literal(addend)))
        graph.add((factor, RSF.unitLabel, Literal(row.get("Mērvienība"), lang="lv")))
        graph.add((factor, RSF.unitLabel, Literal(row.get("Unit"), lang="en")))
        graph.add((factor, RSF.text, Literal(row.get("Teksts"), lang="lv")))
        shown = format(value.normalize(), "f")
        add_labels(graph, factor, f"{key}: {shown} {row.get('Mērvienība')}", f"{key}: {shown} {row.get('Unit')}")
        graph.add((factor, RSF.page, Literal(page_of(row), datatype=XSD.integer)))


def _add_calculation(graph: Graph, iri: URIRef, row: SourceRow, number: str, measure: URIRef, ctx: Context) -> None:
    graph.add((iri, RDF.type, RSF.Calculation))
    graph.add((iri, RSF.forMeasure, measure))
    year, printed = row.get("Gads"), _decimal(row, "Summa")
    if year:
        graph.add((iri, RSF.year, Literal(year, datatype=XSD.gYear)))
    if printed is not None:
        graph.add((iri, RSF.printedAmount, decimal_literal(printed)))
        line = _table2_line(graph, measure, year, printed)
        if line is None:
            raise row.error("Summa", f"no table 2 amount of {printed} for {number} in {year}")
        graph.add((iri, RSF.calculationOf, line))
    when = f" {year}" if year else ""
    add_labels(graph, iri, f"{number}: aprēķins{when}", f"{number}: calculation{when}")
    _provenance(graph, iri, row, ctx, _footnotes(row, ctx))


def _table2_line(graph: Graph, measure: URIRef, year: str, amount: Decimal) -> URIRef | None:
    table2 = dataset_iri("ch5-table2")
    for line in graph.subjects(RSF.forMeasure, measure):
        if (
            (line, QB.dataSet, table2) in graph
            and str(graph.value(line, RSF.year)) == year
            and graph.value(line, RSF.amount).toPython() == amount
        ):
            return line
    return None


# ---------------------------------------------------------------- policy domains


def load_measure_domains(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    domains = _concepts(graph, RSF.PolicyDomain)
    bases = {
        "guideline": "the guideline it cites",
        "institution": "the responsible institution's sector",
        "content": "the content",
    }
    seen: set[str] = set()
    for row in read_table(path, ["Nr.", "Jomas", "Pamatojums", "Lpp.", "Piezīme"], name):
        number, measure = _measure(row, ctx)
        if number in seen:
            raise row.error("Nr.", f"measure {number} is given twice")
        seen.add(number)
        codes = row.get("Jomas").split()
        if not codes:
            raise row.error("Jomas", "at least one domain is required")
        for code in codes:
            if code not in domains:
                raise row.error("Jomas", f"one of {', '.join(sorted(domains))} expected, got {code!r}")
            graph.add((measure, RSF.policyDomain, domains[code]))
        basis = row.get("Pamatojums")
        if basis not in bases:
            raise row.error("Pamatojums", f"one of {', '.join(bases)} expected, got {basis!r}")
        reading = f"Domain read from {bases[basis]} (p. {row.get('Lpp.')}): {row.get('Piezīme')}"
        graph.add((measure, RSF.domainReading, Literal(reading, lang="en")))
    missing = sorted(ctx.measures - seen, key=lambda n: [int(p) for p in n.split(".")])
    if missing:
        raise SourceError(name, None, "Nr.", f"no domain for measure(s) {', '.join(missing)}")


# ---------------------------------------------------------------- footnote citations, titles, quotation


def load_footnote_citations(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    columns = ["Nr.", "Dokuments", "Punkts", "Zemsvītras piezīme", "Lpp.", "Loma", "Role", "Piezīme"]
    counters: dict[str, int] = {}
    for row in read_table(path, columns, name):
        number, measure = _measure(row, ctx)
        code = row.get("Dokuments")
        if code not in ctx.documents:
            raise row.error("Dokuments", f"unknown document {code!r}; add it to data/source/documents.yaml")
        counters[number] = counters.get(number, 0) + 1
        iri = URIRef(f"{measure}/footnote-citation/{counters[number]}")
        document = document_iri(code)
        graph.add((iri, RDF.type, RSF.FootnoteCitation))
        graph.add((measure, RSF.footnoteCitation, iri))
        graph.add((iri, RSF.forMeasure, measure))
        graph.add((iri, RSF.citedDocument, document))
        if row.get("Punkts"):
            provision = provision_iri(code, row.get("Punkts"))
            graph.add((iri, RSF.citedProvision, provision))
            if (provision, RDF.type, RSF.Provision) not in graph:
                graph.add((provision, RDF.type, RSF.Provision))
                graph.add((provision, ELI.is_part_of, document))
                graph.add((provision, RSF.provisionNumber, Literal(row.get("Punkts"))))
                add_labels(graph, provision, f"{code} {row.get('Punkts')}.", f"{code}, provision {row.get('Punkts')}")
        graph.add((iri, RSF.text, Literal(row.get("Loma"), lang="lv")))
        graph.add((iri, RSF.text, Literal(row.get("Role"), lang="en")))
        where = f"{code} {row.get('Punkts')}".strip()
        footnotes = _footnotes(row, ctx, "Zemsvītras piezīme")
        fn = ", ".join(str(n) for n in footnotes)
        add_labels(graph, iri, f"{number} → {where} ({fn}. zemsvītras piezīme)", f"{number} → {where} (footnote {fn})")
        _provenance(graph, iri, row, ctx, footnotes)


def load_measure_titles(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    """A measure's title as printed elsewhere in the plan (chapter V), as an alternative label."""
    for row in read_table(path, ["Nr.", "Nosaukums", "Lpp.", "Zemsvītras piezīmes", "Piezīme"], name):
        _, measure = _measure(row, ctx)
        graph.add((measure, SKOS.altLabel, Literal(row.get("Nosaukums"), lang="lv")))
        add_note(graph, measure, row.get("Piezīme"))


def load_quotations(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    for row in read_table(path, ["Punkts", "Zemsvītras piezīme", "Lpp.", "Teksts", "Piezīme"], name):
        refs = row.parse("Punkts", parse_article_refs)
        if len(refs) != 1 or refs[0] not in ctx.points:
            raise row.error("Punkts", f"one point of data/source/recommendation.csv expected, got {row.get('Punkts')!r}")
        point = point_iri(refs[0].id)
        footnotes = _footnotes(row, ctx, "Zemsvītras piezīme")
        text = row.get("Teksts")
        if text.strip("[]. ") not in " ".join(str(graph.value(footnote_iri(n), RSF.text)) for n in footnotes):
            raise row.error("Teksts", "not the words of the footnote (data/source/footnotes.csv)")
        iri = URIRef(f"{point}/quotation/{'-'.join(str(n) for n in footnotes)}")
        graph.add((iri, RDF.type, RSF.Quotation))
        graph.add((iri, RSF.quotes, point))
        graph.add((iri, DCTERMS.source, RECOMMENDATION_SCHEME))
        graph.add((iri, RSF.text, Literal(text, lang="lv")))
        notation = refs[0].notation
        add_labels(
            graph,
            iri,
            f"Ieteikuma {notation} punkta vārdi plāna zemsvītras piezīmē",
            f"Words of Recommendation point {notation} quoted in a footnote of the plan",
        )
        _provenance(graph, iri, row, ctx, footnotes)


# ---------------------------------------------------------------- chapter III figures


def load_statistics(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    columns = ["Kods", "Rādītājs", "Indicator", "Vērtība", "Vismaz", "Ne vairāk kā", "Mērvienība", "Unit", "Pārskata laiks"]
    for row in read_table(path, [*columns, "Teksts", "Avots", "Lpp.", "Zemsvītras piezīmes", "Piezīme"], name):
        iri = ID[f"statistic/{row.get('Kods')}"]
        if not row.get("Kods") or (iri, RDF.type, RSF.StatisticalObservation) in graph:
            raise row.error("Kods", "a unique code is required")
        value, low, high = (_decimal(row, c) for c in ("Vērtība", "Vismaz", "Ne vairāk kā"))
        if value is None and low is None and high is None:
            raise row.error("Vērtība", "a value, a minimum or a maximum is required")
        graph.add((iri, RDF.type, RSF.StatisticalObservation))
        graph.add((iri, RSF.inPlan, ctx.plan))
        for prop, number_value in ((RSF.value, value), (RSF.minValue, low), (RSF.maxValue, high)):
            if number_value is not None:
                graph.add((iri, prop, decimal_literal(number_value)))
        graph.add((iri, RSF.unitLabel, Literal(row.get("Mērvienība"), lang="lv")))
        graph.add((iri, RSF.unitLabel, Literal(row.get("Unit"), lang="en")))
        if row.get("Pārskata laiks"):
            graph.add((iri, RSF.referencePeriod, Literal(row.get("Pārskata laiks"))))
        if row.get("Avots"):
            graph.add((iri, RSF.statisticSource, Literal(row.get("Avots"))))
        graph.add((iri, RSF.text, Literal(row.get("Teksts"), lang="lv")))
        add_labels(graph, iri, row.get("Rādītājs"), row.get("Indicator"))
        _provenance(graph, iri, row, ctx, _footnotes(row, ctx))
        graph.add((iri, PROV.wasDerivedFrom, ctx.plan))


__all__ = [
    "load_calculations",
    "load_footnote_citations",
    "load_footnote_readings",
    "load_horizons",
    "load_measure_domains",
    "load_measure_titles",
    "load_quotations",
    "load_statistics",
    "load_targets",
]
