"""What a report says, gathered through the query engine into plain dataclasses: one function
per section, each testable on its own, and no formatting (numbers stay numbers, points stay
PointRefs). Labels are taken in the report's language, Latvian where the KB has no other."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from core.errors import NotationError, QueryError
from core.namespaces import RSF, measure_iri
from core.notation import PointRef, parse_measure_number
from core.ordering import measure_sort_key, natural_key
from core.vocabulary import Vocabulary
from kb.engine.stores import Store
from report.views import Row, amount, flag, integer, pages, question, view, vocabulary

RESPONSIBLE = str(RSF.responsible)
CO_RESPONSIBLE = str(RSF.coResponsible)
NOT_SECURED = str(RSF.notSecured)


def label(row: Row, stem: str, lang: str) -> str:
    """A row's `<stem>_<lang>` column, else its Latvian one."""
    return row.get(f"{stem}_{lang}") or row.get(f"{stem}_lv") or ""


def point_ref(row: Row, prefix: str = "") -> PointRef:
    return PointRef(integer(row[f"{prefix}number"]), row.get(f"{prefix}letter") or None, row.get(f"{prefix}sub") or None)


# ------------------------------------------------------------------ shared


@dataclass(frozen=True)
class Recommendation:
    name: str
    number: str  # 2021/C 93/01
    url: str  # the official text on EUR-Lex, as the KB keeps it


@dataclass(frozen=True)
class Basics:
    """What every report needs once: the Recommendation, the ontology's names, and which
    footnotes say an amount is not secured (so a line's other footnotes are not blamed)."""

    lang: str
    recommendation: Recommendation
    vocabulary: Vocabulary
    not_secured_footnotes: frozenset[int]

    def kind_label(self, kind: str) -> str:
        term = self.vocabulary.term(kind)
        return term.short_label(self.lang) if term else kind

    def kind_order(self, kind: str) -> int:
        term = self.vocabulary.term(kind)
        return term.order if term else 99

    def kinds(self) -> list[str]:
        return [term.iri for term in self.vocabulary.amount_kinds()]


def recommendation(store: Store, lang: str) -> Recommendation:
    found = view(store, "recommendation")
    first = found[0] if found else {}
    return Recommendation(label(first, "label", lang), first.get("number") or "", first.get("url") or "")


def not_secured_footnotes(store: Store) -> frozenset[int]:
    """The footnotes that say an amount is not secured (the catalogue's funding-not-secured)."""
    return frozenset(integer(row["footnote"]) for row in question(store, "funding-not-secured"))


def basics(store: Store, lang: str) -> Basics:
    return Basics(lang, recommendation(store, lang), vocabulary(store), not_secured_footnotes(store))


# ------------------------------------------------------------------ one measure


@dataclass(frozen=True)
class TableRow:
    number: int
    result: str
    indicator: str
    deadline: str  # as printed
    deadline_end: str  # YYYY-MM-DD, the parser's reading of the printed deadline
    page: int


@dataclass(frozen=True)
class Institution:
    role: str  # rsf:responsible or rsf:coResponsible
    name: str
    abbreviation: str


@dataclass(frozen=True)
class Horizon:
    until: str  # YYYY-MM-DD, empty when not time-limited
    open_ended: bool
    text: str  # the plan's words
    page: int


@dataclass(frozen=True)
class Money:
    """A measure's amount of one kind in one year (its budget lines added up)."""

    year: str
    kind: str  # the amount kind's IRI
    recurring: bool  # 'every year after' (chapter V's 'turpmāk ik gadu')
    amount: Decimal
    not_secured: tuple[int, ...]  # the footnotes that say it is not secured; empty when none does
    security_label: str
    footnotes: tuple[int, ...]
    pages: tuple[int, ...]


@dataclass(frozen=True)
class Fund:
    code: str
    name: str
    details: tuple[str, ...]  # the plan's wording (programme, specific objective)
    pages: tuple[int, ...]


@dataclass(frozen=True)
class Target:
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    approximate: bool
    unit: str
    period: str  # empty when the plan states none
    page: int


@dataclass(frozen=True)
class Document:
    code: str
    name: str
    provisions: tuple[str, ...]
    pages: tuple[int, ...]


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    page: int


@dataclass(frozen=True)
class Measure:
    iri: str
    number: str
    title: str
    domains: tuple[str, ...]
    rows: tuple[TableRow, ...]
    institutions: tuple[Institution, ...]
    horizon: Horizon | None
    money: tuple[Money, ...]
    funds: tuple[Fund, ...]
    targets: tuple[Target, ...]
    points: tuple[PointRef, ...]
    documents: tuple[Document, ...]
    footnotes: tuple[Footnote, ...]

    @property
    def deadlines(self) -> tuple[TableRow, ...]:
        """One row per printed deadline (merged cells repeat it on every row)."""
        return tuple({row.deadline: row for row in reversed(self.rows) if row.deadline}.values())[::-1]

    @property
    def pages(self) -> tuple[int, ...]:
        found: list[Iterable[int]] = [[row.page for row in self.rows], [t.page for t in self.targets]]
        found += [m.pages for m in self.money] + [f.pages for f in self.funds] + [d.pages for d in self.documents]
        if self.horizon:
            found.append([self.horizon.page])
        return tuple(sorted({page for group in found for page in group}))

    def in_role(self, role: str) -> tuple[Institution, ...]:
        return tuple(sorted((i for i in self.institutions if i.role == role), key=lambda i: i.name))


def measure_head(store: Store, iri: str, base: Basics) -> tuple[str, str, tuple[str, ...]]:
    """Number, title and policy domains; a QueryError when the KB has no such measure."""
    found = view(store, "card-measure", measure=iri)
    if not found:
        raise QueryError("unknown-entity", f"no measure {iri.rsplit('/', 1)[-1]} in the KB")
    domains = tuple(dict.fromkeys(base.vocabulary.label(row["domain"], base.lang) for row in found if row["domain"]))
    return found[0]["measure_id"] or "", label(found[0], "title", base.lang), domains


def table_rows(store: Store, iri: str) -> tuple[TableRow, ...]:
    return tuple(
        TableRow(
            integer(row["row_number"]),
            row["result"] or "",
            row["indicator"] or "",
            row["deadline_text"] or "",
            row["deadline"] or "",
            integer(row["page"]),
        )
        for row in view(store, "card-rows", measure=iri)
    )


def institutions(store: Store, iri: str, lang: str) -> tuple[Institution, ...]:
    return tuple(
        Institution(row["role"] or "", label(row, "label", lang) or row["abbreviation"] or "", row["abbreviation"] or "")
        for row in view(store, "card-institutions", measure=iri)
    )


def horizon(store: Store, iri: str) -> Horizon | None:
    found = view(store, "card-horizon", measure=iri)
    if not found:
        return None
    row = found[0]
    return Horizon(row["until"] or "", flag(row["open_ended"]), row["text"] or "", integer(row["page"]))


def money(store: Store, iri: str, base: Basics) -> tuple[Money, ...]:
    """Budget lines added up by year, kind, 'every year after' and security (a measure may have
    several programme lines of one kind in one year), in year and kind order."""
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in view(store, "card-money", measure=iri):
        groups[(row["year"] or "", row["kind"] or "", flag(row["recurring"]), row["security"] or "")].append(row)
    found = [_money(key, lines, base) for key, lines in groups.items()]
    return tuple(sorted(found, key=lambda m: (m.year, m.recurring, base.kind_order(m.kind))))


def _money(key: tuple, lines: list[Row], base: Basics) -> Money:
    year, kind, recurring, security = key
    footnotes = tuple(sorted({integer(n) for line in lines for n in (line["footnotes"] or "").split()}))
    blamed = tuple(n for n in footnotes if n in base.not_secured_footnotes) if security == NOT_SECURED else ()
    return Money(
        year=year,
        kind=kind,
        recurring=recurring,
        amount=sum((amount(line["amount"]) for line in lines), Decimal(0)),
        not_secured=blamed,
        security_label=label(lines[0], "security", base.lang) if security else "",
        footnotes=footnotes,
        pages=pages(line["page"] for line in lines),
    )


def funds(store: Store, iri: str, lang: str) -> tuple[Fund, ...]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in view(store, "card-funds", measure=iri):
        groups[row["fund"] or ""].append(row)
    found = [
        Fund(
            rows[0]["code"] or "",
            label(rows[0], "label", lang) or rows[0]["code"] or "",
            tuple(dict.fromkeys(row["detail"] for row in rows if row["detail"])),
            pages(row["page"] for row in rows),
        )
        for rows in groups.values()
    ]
    return tuple(sorted(found, key=lambda f: f.name))


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


def targets(store: Store, iri: str, lang: str) -> tuple[Target, ...]:
    return tuple(
        Target(
            _decimal(row["value"]),
            _decimal(row["min"]),
            _decimal(row["max"]),
            flag(row["approximate"]),
            label(row, "unit", lang),
            "" if row["period"] == str(RSF.periodNotStated) else label(row, "period", lang),
            integer(row["page"]),
        )
        for row in view(store, "card-targets", measure=iri)
    )


def points(store: Store, iri: str) -> tuple[PointRef, ...]:
    return tuple(sorted({point_ref(row) for row in view(store, "card-points", measure=iri)}))


def documents(store: Store, iri: str, lang: str) -> tuple[Document, ...]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in view(store, "card-documents", measure=iri):
        groups[row["document"] or ""].append(row)
    found = [
        Document(
            rows[0]["code"] or "",
            label(rows[0], "label", lang),
            tuple(sorted({row["provision"] for row in rows if row["provision"]}, key=natural_key)),
            pages(row["page"] for row in rows),
        )
        for rows in groups.values()
    ]
    return tuple(sorted(found, key=lambda d: d.name))


def footnotes(store: Store, iri: str) -> tuple[Footnote, ...]:
    found = {
        integer(row["number"]): Footnote(integer(row["number"]), row["text"] or "", integer(row["page"]))
        for row in view(store, "card-footnotes", measure=iri)
    }
    return tuple(found[n] for n in sorted(found))


def measure(store: Store, iri: str, base: Basics) -> Measure:
    """Everything the measure card shows, in the report's language."""
    number, title, domains = measure_head(store, iri, base)
    return Measure(
        iri=iri,
        number=number,
        title=title,
        domains=domains,
        rows=table_rows(store, iri),
        institutions=institutions(store, iri, base.lang),
        horizon=horizon(store, iri),
        money=money(store, iri, base),
        funds=funds(store, iri, base.lang),
        targets=targets(store, iri, base.lang),
        points=points(store, iri),
        documents=documents(store, iri, base.lang),
        footnotes=footnotes(store, iri),
    )


def measure_iris(store: Store) -> list[str]:
    """Every measure, in the plan's order."""
    found = {row["measure"]: row["measure_id"] or "" for row in view(store, "measures")}
    return sorted(found, key=lambda iri: measure_sort_key(found[iri]))


def measure_by_number(number: str) -> str:
    """'4.21' or '4.21.' -> the measure's IRI; the engine's parameter error for anything else."""
    try:
        return str(measure_iri(parse_measure_number(number)))
    except NotationError as error:
        raise QueryError("parameter", str(error)) from None


# ------------------------------------------------------------------ the compliance report


@dataclass(frozen=True)
class Total:
    year: str
    kind: str
    recurring: bool
    amount: Decimal
    measures: int  # 0 when not counted (the plan's totals)
    pages: tuple[int, ...] = ()


@dataclass(frozen=True)
class PointSection:
    ref: PointRef
    iri: str
    measures: tuple[str, ...]  # IRIs, in the plan's order
    pages: tuple[int, ...]  # where the plan's table links them
    money: tuple[Total, ...]


@dataclass(frozen=True)
class AreaSection:
    ref: PointRef
    iri: str
    measures: tuple[str, ...]
    money: tuple[Total, ...]
    points: tuple[PointSection, ...]


@dataclass(frozen=True)
class Compliance:
    basics: Basics
    totals: tuple[Total, ...]
    areas: tuple[AreaSection, ...]
    measures: dict[str, Measure]

    @property
    def points(self) -> tuple[PointSection, ...]:
        return tuple(point for area in self.areas for point in area.points)

    def footnotes(self) -> tuple[Footnote, ...]:
        """The footnotes of the measures the report lists, once each, by number."""
        found = {note.number: note for m in self.measures.values() for note in m.footnotes}
        return tuple(found[n] for n in sorted(found))


def plan_totals(store: Store, base: Basics, recurring: frozenset[tuple[str, str]] = frozenset()) -> tuple[Total, ...]:
    """The plan's money by year and kind: the sums of its budget lines, with their pages.
    `recurring` names the (year, kind) pairs that stand for 'every year after' (the view has
    no such column; the measures' lines say it)."""
    found = [
        Total(
            row["year"] or "",
            row["kind"] or "",
            (row["year"], row["kind"]) in recurring,
            amount(row["total"]),
            0,
            pages([row["pages"]]),
        )
        for row in view(store, "budget-by-year-kind")
    ]
    return tuple(sorted(found, key=lambda t: (t.year, base.kind_order(t.kind))))


def point_money(store: Store, iri: str, base: Basics) -> tuple[Total, ...]:
    """The linked measures' money by year and kind (not split between points: not additive)."""
    found = [
        Total(row["year"] or "", row["kind"] or "", flag(row["recurring"]), amount(row["total"]), integer(row["measures"]))
        for row in view(store, "point-money", point=iri)
    ]
    return tuple(sorted(found, key=lambda t: (t.year, t.recurring, base.kind_order(t.kind))))


@dataclass(frozen=True)
class Link:
    measure: str
    measure_id: str
    point: str
    area: str
    page: int


def links(store: Store) -> list[Link]:
    """Every measure–point link of the plan's table, with the area and the page."""
    return [
        Link(row["measure"] or "", row["measure_id"] or "", row["point"] or "", row["area"] or "", integer(row["page"]))
        for row in view(store, "measure-points")
    ]


def cited_points(store: Store) -> dict[str, tuple[PointRef, dict[str, PointRef]]]:
    """Area IRI -> (the area's point, {cited point IRI: its point}), from the points the plan cites."""
    areas: dict[str, tuple[PointRef, dict[str, PointRef]]] = {}
    for row in view(store, "points-cited"):
        ref = point_ref(row)
        area = areas.setdefault(row["area"] or "", (PointRef(ref.number), {}))
        area[1][row["point"] or ""] = ref
    return dict(sorted(areas.items(), key=lambda item: item[1][0]))


def _measures_in_order(found: Iterable[Link]) -> tuple[str, ...]:
    numbers = {link.measure: link.measure_id for link in found}
    return tuple(sorted(numbers, key=lambda iri: measure_sort_key(numbers[iri])))


def area_sections(store: Store, base: Basics) -> tuple[AreaSection, ...]:
    """Per area (top-level point), its cited points, each with its measures, pages and money."""
    every_link = links(store)
    sections = []
    for area, (area_ref, cited) in cited_points(store).items():
        in_area = [link for link in every_link if link.area == area]
        point_sections = tuple(
            _point_section(iri, ref, [link for link in in_area if link.point == iri], store, base)
            for iri, ref in sorted(cited.items(), key=lambda item: item[1])
        )
        sections.append(AreaSection(area_ref, area, _measures_in_order(in_area), point_money(store, area, base), point_sections))
    return tuple(sections)


def _point_section(iri: str, ref: PointRef, found: list[Link], store: Store, base: Basics) -> PointSection:
    return PointSection(ref, iri, _measures_in_order(found), pages(link.page for link in found), point_money(store, iri, base))


def compliance(store: Store, lang: str) -> Compliance:
    base = basics(store, lang)
    areas = area_sections(store, base)
    wanted = dict.fromkeys(iri for area in areas for point in area.points for iri in point.measures)
    ordered = sorted(wanted, key=lambda iri: measure_sort_key(iri.rsplit("/", 1)[-1]))
    measures = {iri: measure(store, iri, base) for iri in ordered}
    recurring = frozenset((m.year, m.kind) for item in measures.values() for m in item.money if m.recurring)
    return Compliance(base, plan_totals(store, base, recurring), areas, measures)


# ------------------------------------------------------------------ factsheets


@dataclass(frozen=True)
class Factsheets:
    basics: Basics
    measures: tuple[Measure, ...]


def factsheets(store: Store, lang: str, number: str | None = None) -> Factsheets:
    """One measure's factsheet (by number, '4.21'), or every measure's in the plan's order."""
    base = basics(store, lang)
    iris = [measure_by_number(number)] if number else measure_iris(store)
    return Factsheets(base, tuple(measure(store, iri, base) for iri in iris))
