"""Reference tables: plan, institutions, sectors, funds, documents, the
Recommendation's points, footnotes, plan indicators and the ministry's documents page."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from core.errors import SourceError
from core.namespaces import (
    ELI,
    FUND_SCHEME,
    ID,
    RECOMMENDATION_SCHEME,
    RSF,
    document_iri,
    footnote_iri,
    fund_iri,
    org_iri,
    plan_iri,
    point_iri,
    sector_iri,
)
from core.notation import PointRef, parse_article_refs, split_footnotes
from core.pointnames import point_name
from loaders.base import read_table
from loaders.context import Context
from loaders.rdfutil import add_footnotes, add_labels, add_note, add_source, decimal_literal, page_of
from loaders.sourcefile import load_yaml

MINISTRY_PAGE = URIRef("https://www.km.gov.lv/lv/dokumenti-3")


def _require(entry: dict, key: str, name: str, index: int):
    if key not in entry or entry[key] in (None, ""):
        raise SourceError(name, None, key, f"entry {index + 1} needs '{key}'")
    return entry[key]


def _date(value, name: str, index: int) -> date:
    if isinstance(value, date):  # YAML reads an unquoted 2021-01-18 as a date
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SourceError(name, None, "issued", f"entry {index + 1}: {value!r} is not a date (YYYY-MM-DD)") from None


def _url(value: str) -> URIRef | Literal:
    return URIRef(value) if re.fullmatch(r"https?://[!#-;=?-~]+", value) else Literal(value, datatype=XSD.anyURI)


def load_plan(graph: Graph, path: Path, name: str) -> Context:
    data = load_yaml(path, name)
    if not isinstance(data, dict):
        raise SourceError(name, None, None, "expected a mapping (id: …, title_lv: …, goal: …, recommendation: …)")
    try:
        return _load_plan(graph, data, name)
    except KeyError as missing:
        raise SourceError(name, None, str(missing.args[0]), "missing key") from None
    except (TypeError, AttributeError):  # e.g. `goal:` holding a text instead of its keys
        raise SourceError(name, None, None, "goal and recommendation must be mappings of their keys") from None


def _load_plan(graph: Graph, data: dict, name: str) -> Context:
    plan = plan_iri(_require(data, "id", name, 0))
    graph.add((plan, RDF.type, RSF.Plan))
    add_labels(graph, plan, data["title_lv"], data["title_en"])
    graph.add((plan, DCTERMS.title, Literal(data["title_lv"], lang="lv")))
    graph.add((plan, DCTERMS.title, Literal(data["title_en"], lang="en")))
    graph.add((plan, DCTERMS.identifier, Literal(data["identifier"])))
    graph.add((plan, RSF.publisher, org_iri(data["publisher"])))
    graph.add((plan, DCTERMS.source, Literal(data["source_file"])))
    graph.add((plan, RSF.page, Literal(data["signed_page"], datatype=XSD.integer)))
    graph.add((plan, SKOS.note, Literal(f"Signed: {data['signed_by']} (p. {data['signed_page']})", lang="lv")))
    goal = data["goal"]
    goal_iri = URIRef(f"{plan}/goal")
    graph.add((goal_iri, RDF.type, RSF.PlanGoal))
    add_labels(graph, goal_iri, "Plāna mērķis", "Plan goal")
    graph.add((goal_iri, RSF.text, Literal(goal["text_lv"], lang="lv")))
    graph.add((goal_iri, RSF.text, Literal(goal["text_en"], lang="en")))
    graph.add((goal_iri, RSF.page, Literal(goal["page"], datatype=XSD.integer)))
    graph.add((goal_iri, RSF.inPlan, plan))
    add_footnotes(graph, goal_iri, [goal["footnote"]])
    _load_recommendation_document(graph, data["recommendation"], plan)
    return Context(plan=plan)


def _load_recommendation_document(graph: Graph, rec: dict, plan: URIRef) -> None:
    scheme = RECOMMENDATION_SCHEME
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, RDF.type, ELI.LegalResource))
    graph.add((scheme, RDF.type, RSF.PolicyDocument))
    add_labels(graph, scheme, rec["title_lv"], rec["title_en"])
    graph.add((scheme, DCTERMS.title, Literal(rec["title_lv"], lang="lv")))
    graph.add((scheme, DCTERMS.title, Literal(rec["title_en"], lang="en")))
    graph.add((scheme, DCTERMS.identifier, Literal(f"CELEX {rec['celex']}")))
    graph.add((scheme, ELI.id_local, Literal(rec["oj"])))
    graph.add((scheme, DCTERMS.issued, Literal(rec["date"], datatype=XSD.date)))
    graph.add((scheme, FOAF.page, _url(rec["url"])))
    graph.add((scheme, RSF.documentKind, Literal("eu-act")))
    graph.add((scheme, RSF.page, Literal(rec["page"], datatype=XSD.integer)))
    add_footnotes(graph, scheme, [rec["footnote"]])
    graph.add((scheme, PROV.wasDerivedFrom, plan))


def load_institutions(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    for row in read_table(path, ["Saīsinājums", "Id", "Nosaukums", "Name (EN)", "Veids"], name):
        org_id = row.get("Id")
        kind = row.get("Veids")
        iri = org_iri(org_id)
        # Groups carry both types so queries need no RDFS inference.
        graph.add((iri, RDF.type, RSF.Institution))
        if kind == "group":
            graph.add((iri, RDF.type, RSF.InstitutionGroup))
        graph.add((iri, RDF.type, ORG.FormalOrganization if kind != "group" else ORG.Organization))
        add_labels(graph, iri, row.get("Nosaukums"), row.get("Name (EN)"))
        graph.add((iri, SKOS.prefLabel, Literal(row.get("Nosaukums"), lang="lv")))
        graph.add((iri, RSF.abbreviation, Literal(row.get("Saīsinājums"))))
        graph.add((iri, RSF.institutionKind, Literal(kind)))
        add_source(graph, iri, row, ctx.plan, page_of(row))
        add_note(graph, iri, row.get("Piezīme"))
        for key in (row.get("Saīsinājums"), org_id, row.get("Nosaukums")):
            ctx.institutions[key.lower()] = org_id


def load_sectors(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    for row in read_table(path, ["Kods", "Nosaukums", "Name (EN)", "Institūcija"], name):
        code = row.get("Kods")
        if not re.fullmatch(r"\d{2}", code):
            raise row.error("Kods", f"two-digit sector code expected, got {code!r}")
        org_id = ctx.institution(row.get("Institūcija"))
        if org_id is None:
            raise row.error("Institūcija", f"unknown institution {row.get('Institūcija')!r}")
        iri = sector_iri(code)
        graph.add((iri, RDF.type, RSF.BudgetSector))
        graph.add((iri, SKOS.notation, Literal(code)))
        add_labels(graph, iri, f"{code}.{row.get('Nosaukums')}", f"{code} {row.get('Name (EN)')}")
        graph.add((iri, RSF.sectorInstitution, org_iri(org_id)))
        add_source(graph, iri, row, ctx.plan, page_of(row))
        ctx.sectors[code] = row.get("Nosaukums")


def load_funds(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    rows = read_table(path, ["Kods", "Nosaukums", "Name (EN)", "Plašāks", "Saistīts"], name)
    ctx.funds.update(row.get("Kods") for row in rows)
    graph.add((FUND_SCHEME, RDF.type, SKOS.ConceptScheme))
    add_labels(graph, FUND_SCHEME, "Finansējuma avoti", "Funding sources")
    for row in rows:
        code = row.get("Kods")
        iri = fund_iri(code)
        graph.add((iri, RDF.type, RSF.Fund))
        graph.add((iri, SKOS.inScheme, FUND_SCHEME))
        graph.add((iri, RSF.fundCode, Literal(code)))
        add_labels(graph, iri, row.get("Nosaukums"), row.get("Name (EN)"))
        graph.add((iri, SKOS.prefLabel, Literal(row.get("Nosaukums"), lang="lv")))
        graph.add((iri, SKOS.altLabel, Literal(code)))
        for column, prop in (("Plašāks", SKOS.broader), ("Saistīts", SKOS.related)):
            other = row.get(column)
            if other and other not in ctx.funds:
                raise row.error(column, f"unknown fund code {other!r}")
            if other:
                graph.add((iri, prop, fund_iri(other)))
                if prop == SKOS.broader:
                    graph.add((fund_iri(other), SKOS.narrower, iri))
        if not row.get("Plašāks"):
            graph.add((iri, SKOS.topConceptOf, FUND_SCHEME))
        add_source(graph, iri, row, ctx.plan, page_of(row))
        add_footnotes(graph, iri, row.parse("Zemsvītras piezīme", split_footnotes))
        add_note(graph, iri, row.get("Piezīme"))


def load_documents(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    entries = load_yaml(path, name) or []
    if not isinstance(entries, list):
        raise SourceError(name, None, None, "expected a list of documents (- code: …)")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise SourceError(name, None, None, f"entry {index + 1} is not a mapping (code: …, kind: …)")
        code = _require(entry, "code", name, index)
        iri = document_iri(code)
        kind = _require(entry, "kind", name, index)
        graph.add((iri, RDF.type, RSF.PolicyDocument))
        if kind in ("law", "regulation"):
            graph.add((iri, RDF.type, ELI.LegalResource))
        title_lv, title_en = _require(entry, "title_lv", name, index), _require(entry, "title_en", name, index)
        add_labels(graph, iri, title_lv, title_en)
        graph.add((iri, DCTERMS.title, Literal(title_lv, lang="lv")))
        graph.add((iri, DCTERMS.title, Literal(title_en, lang="en")))
        graph.add((iri, DCTERMS.identifier, Literal(code)))
        graph.add((iri, SKOS.notation, Literal(code)))
        graph.add((iri, RSF.documentKind, Literal(kind)))
        if entry.get("approval"):
            graph.add((iri, RSF.approvalAct, Literal(entry["approval"], lang="lv")))
        if entry.get("issued"):
            graph.add((iri, DCTERMS.issued, Literal(_date(entry["issued"], name, index))))
        if entry.get("url"):
            graph.add((iri, FOAF.page, _url(entry["url"])))
        if entry.get("page"):
            graph.add((iri, RSF.page, Literal(entry["page"], datatype=XSD.integer)))
        if entry.get("footnote"):
            add_footnotes(graph, iri, [entry["footnote"]])
        add_note(graph, iri, entry.get("note", ""))
        graph.add((iri, PROV.wasDerivedFrom, ctx.plan))
        ctx.documents[code] = list(entry.get("aliases") or [])
        ctx.document_titles[code] = (title_lv, title_en)


def load_recommendation_points(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    """The scheme of points: number, letter, sub-item and structure; text stays empty
    until the official text is loaded."""
    rows = read_table(path, ["Apzīmējums", "Punkts", "Apakšpunkts", "Apakšpunkta daļa"], name)
    for row in rows:
        refs = row.parse("Apzīmējums", parse_article_refs)
        if len(refs) != 1:
            raise row.error("Apzīmējums", "one point per row expected")
        point = refs[0]
        expected = PointRef(int(row.get("Punkts")), row.get("Apakšpunkts") or None, row.get("Apakšpunkta daļa") or None)
        if point != expected:
            raise row.error("Apzīmējums", f"notation {point.notation!r} disagrees with the number/letter/sub-item columns")
        ctx.points.add(point)
    rows_by_notation = {row.get("Apzīmējums"): row for row in rows}
    for point in sorted(ctx.points):
        if point.parent and point.parent not in ctx.points:
            raise SourceError(name, None, "Apzīmējums", f"{point.notation} has no parent {point.parent.notation} in the scheme")
        _add_point(graph, point, rows_by_notation.get(point.notation), ctx)
    # Every point links to the Recommendation on EUR-Lex (the URL of footnote 1); its text is not in the KB.
    official = graph.value(RECOMMENDATION_SCHEME, FOAF.page)
    if official is not None:
        for point in sorted(ctx.points):
            graph.add((point_iri(point.id), RSF.officialText, official))


def _add_point(graph: Graph, point: PointRef, row, ctx: Context) -> None:
    iri = point_iri(point.id)
    graph.add((iri, RDF.type, RSF.RecommendationPoint))
    graph.add((iri, SKOS.inScheme, RECOMMENDATION_SCHEME))
    graph.add((iri, SKOS.notation, Literal(point.notation)))
    graph.add((iri, RSF.pointNumber, Literal(point.number, datatype=XSD.integer)))
    graph.add((iri, RSF.pointLevel, Literal(point.level, datatype=XSD.integer)))
    if point.letter:
        graph.add((iri, RSF.pointLetter, Literal(point.letter)))
    if point.sub:
        graph.add((iri, RSF.pointSubItem, Literal(point.sub)))
    graph.add((iri, RSF.area, point_iri(PointRef(point.number).id)))
    ancestor: PointRef | None = point
    while ancestor is not None:
        graph.add((iri, RSF.withinPoint, point_iri(ancestor.id)))
        ancestor = ancestor.parent
    if point.parent:
        graph.add((iri, SKOS.broader, point_iri(point.parent.id)))
        graph.add((point_iri(point.parent.id), SKOS.narrower, iri))
    else:
        graph.add((iri, SKOS.topConceptOf, RECOMMENDATION_SCHEME))
        graph.add((RECOMMENDATION_SCHEME, SKOS.hasTopConcept, iri))
    lv, en = point_name(point, "lv"), point_name(point, "en")
    add_labels(graph, iri, lv, en)
    graph.add((iri, SKOS.prefLabel, Literal(lv, lang="lv")))
    if row is not None:
        for column, lang in (("Teksts (LV)", "lv"), ("Text (EN)", "en")):
            if row.get(column):
                graph.add((iri, SKOS.definition, Literal(row.get(column), lang=lang)))
        add_note(graph, iri, row.get("Piezīme"))
        graph.add((iri, RSF.sourceFile, Literal(row.file)))
        graph.add((iri, RSF.sourceRow, Literal(row.number, datatype=XSD.integer)))


def load_footnotes(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    for row in read_table(path, ["number", "page", "text"], name):
        number = row.get("number")
        if not number.isdigit():
            raise row.error("number", f"footnote number expected, got {number!r}")
        iri = footnote_iri(int(number))
        graph.add((iri, RDF.type, RSF.Footnote))
        graph.add((iri, RSF.footnoteNumber, Literal(int(number), datatype=XSD.integer)))
        add_labels(graph, iri, f"Zemsvītras piezīme {number}", f"Footnote {number}")
        graph.add((iri, RSF.text, Literal(row.get("text"), lang="lv")))
        add_source(graph, iri, row, ctx.plan, page_of(row, "page"))
        ctx.footnotes.add(int(number))


_VALUE = re.compile(r"^(?P<num>\d+(?:,\d+)?)\s*(?P<unit>.*)$")


def _indicator_value(row, column: str) -> tuple[Literal, str]:
    match = _VALUE.match(row.get(column))
    if not match:
        raise row.error(column, f"value expected such as '27,2%' or '8 cilv.', got {row.get(column)!r}")
    return decimal_literal(Decimal(match["num"].replace(",", "."))), match["unit"].strip()


def load_indicators(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    columns = ["Nr.", "Rezultatīvais rādītājs", "Datu avots", "Bāzes gads", "Bāzes vērtība", "Mērķa gads", "Mērķa vērtība"]
    for row in read_table(path, columns, name):
        iri = URIRef(f"{ctx.plan}/indicator/{row.get('Nr.')}")
        graph.add((iri, RDF.type, RSF.PlanIndicator))
        graph.add((iri, RSF.inPlan, ctx.plan))
        graph.add((iri, RSF.indicatorNumber, Literal(int(row.get("Nr.")), datatype=XSD.integer)))
        add_labels(graph, iri, row.get("Rezultatīvais rādītājs"), row.get("Indicator (EN)") or f"Indicator {row.get('Nr.')}")
        graph.add((iri, RSF.dataSource, Literal(row.get("Datu avots"))))
        for prefix, year_col, value_col in (
            ("baseline", "Bāzes gads", "Bāzes vērtība"),
            ("target", "Mērķa gads", "Mērķa vērtība"),
        ):
            year = row.get(year_col)
            if not re.fullmatch(r"\d{4}", year):
                raise row.error(year_col, f"year expected, got {year!r}")
            value, unit = _indicator_value(row, value_col)
            graph.add((iri, RSF[f"{prefix}Year"], Literal(year, datatype=XSD.gYear)))
            graph.add((iri, RSF[f"{prefix}Value"], value))
            graph.add((iri, RSF[f"{prefix}Text"], Literal(row.get(value_col))))
            if prefix == "baseline":
                graph.add((iri, RSF.unit, Literal(unit)))
        add_source(graph, iri, row, ctx.plan, page_of(row))
        add_footnotes(graph, iri, row.parse("Zemsvītras piezīme", split_footnotes))
        add_note(graph, iri, row.get("Piezīme"))


def load_ministry_documents(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    graph.add((MINISTRY_PAGE, RDF.type, FOAF.Document))
    add_labels(graph, MINISTRY_PAGE, "Kultūras ministrijas tīmekļvietne: Dokumenti", "Ministry of Culture website: Documents")
    for row in read_table(path, ["Id", "Nosaukums", "Title (EN)", "Gads", "Sadaļa", "Izdevējs"], name):
        iri = ID[f"ministry-document/{row.get('Id')}"]
        graph.add((iri, RDF.type, RSF.MinistryDocument))
        add_labels(graph, iri, row.get("Nosaukums"), row.get("Title (EN)"))
        graph.add((iri, DCTERMS.title, Literal(row.get("Nosaukums"), lang="lv")))
        year = row.get("Gads")
        if not re.fullmatch(r"\d{4}", year):
            raise row.error("Gads", f"year expected, got {year!r}")
        graph.add((iri, DCTERMS.date, Literal(year, datatype=XSD.gYear)))
        if row.get("Datums"):
            graph.add((iri, DCTERMS.issued, Literal(date.fromisoformat(row.get("Datums")))))
        graph.add((iri, RSF.section, Literal(row.get("Sadaļa"), lang="lv")))
        publisher = ctx.institution(row.get("Izdevējs"))
        if publisher:
            graph.add((iri, RSF.publisher, org_iri(publisher)))
        else:
            graph.add((iri, DCTERMS.creator, Literal(row.get("Izdevējs"), lang="lv")))
        graph.add((iri, PROV.wasDerivedFrom, MINISTRY_PAGE))
        graph.add((iri, RSF.sourceFile, Literal(row.file)))
        graph.add((iri, RSF.sourceRow, Literal(row.number, datatype=XSD.integer)))
        add_note(graph, iri, row.get("Piezīme"))


__all__ = [
    "load_documents",
    "load_footnotes",
    "load_funds",
    "load_indicators",
    "load_institutions",
    "load_ministry_documents",
    "load_plan",
    "load_recommendation_points",
    "load_sectors",
]
