"""Content -> Document: the words, headings and tables of the compliance report and of the
measure factsheets, in the report's language. Numbers are written by core/formats.py and
points named by core/pointnames.py, as on the UI's pages; names of classes and relations
come from the ontology."""

from __future__ import annotations

from decimal import Decimal

from core.formats import money, number
from core.namespaces import RSF
from core.notation import PointRef
from core.pointnames import point_name
from report.content import (
    CO_RESPONSIBLE,
    RESPONSIBLE,
    AreaSection,
    Basics,
    Compliance,
    Factsheets,
    Footnote,
    Measure,
    Money,
    PointSection,
    Target,
    Total,
)
from report.document import Block, Bullets, Document, Heading, Inline, Paragraph, Run, Table, labelled, plain
from report.texts import text


class Words:
    """The report's texts and the ontology's names in one language."""

    def __init__(self, base: Basics) -> None:
        self.base = base
        self.lang = base.lang

    def __call__(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

    def relation(self, iri: object) -> str:
        name = self.base.vocabulary.label(str(iri), self.lang)
        return name[:1].upper() + name[1:]  # ontology labels are lower case ('atbildīgā institūcija')

    def classes(self, iri: object) -> str:
        """A class's plural name ('Quantified targets'), as a heading."""
        term = self.base.vocabulary.term(str(iri))
        return term.plural_label(self.lang) if term else ""

    def money(self, value: Decimal) -> str:
        return money(value, self.lang)

    def number(self, value: object) -> str:
        return number(value, self.lang)

    def point(self, ref: PointRef) -> str:
        return point_name(ref, self.lang)

    def pages(self, pages: tuple[int, ...]) -> str:
        return ", ".join(str(p) for p in pages)

    def year(self, year: str, recurring: bool) -> str:
        return self("every_year", year=year) if recurring else year


# ------------------------------------------------------------------ shared pieces


def official_text(words: Words) -> Paragraph:
    """Says the Recommendation's text is not stored, and links to it (the address the KB keeps)."""
    url = words.base.recommendation.url
    template = words("official_text", url="\0")
    before, _, after = template.partition("\0")
    return Paragraph((Run(before), Run(url, link=url), Run(after)), note=True)


def money_table(words: Words, lines: tuple[Money, ...]) -> Table:
    rows = []
    for line in lines:
        status = ", ".join(words("not_secured", footnote=n) for n in line.not_secured) if line.not_secured else "—"
        rows.append((words.year(line.year, line.recurring), words.base.kind_label(line.kind), words.money(line.amount), status))
    headers = (words("col_year"), words("col_kind"), words("col_amount"), words("col_status"))
    return Table(headers, tuple(rows), widths=(22, 34, 20, 24), numeric=frozenset({2}))


def money_blocks(words: Words, measure: Measure) -> list[Block]:
    if not measure.money:
        return [Paragraph(plain(words("no_money")), note=True)]
    blocks: list[Block] = [money_table(words, measure.money)]
    for label in dict.fromkeys(line.security_label for line in measure.money if line.not_secured):
        blocks.append(Paragraph(plain(words("not_secured_note", label=label)), note=True))
    every_page = tuple(sorted({page for line in measure.money for page in line.pages}))
    blocks.append(Paragraph(plain(words("money_source", pages=words.pages(every_page))), note=True))
    return blocks


def institution_names(measure: Measure, role: str) -> str:
    return "; ".join(
        f"{i.name} ({i.abbreviation})" if i.abbreviation and i.abbreviation != i.name else i.name for i in measure.in_role(role)
    )


def who(words: Words, measure: Measure) -> list[Inline]:
    lines = []
    for role in (RESPONSIBLE, CO_RESPONSIBLE):
        names = institution_names(measure, role)
        if names:
            lines.append(labelled(words.relation(role), names))
    return lines


def when(words: Words, measure: Measure) -> list[Inline]:
    lines = [
        labelled(words("deadline"), words("deadline_value", text=row.deadline, date=row.deadline_end, page=row.page))
        for row in measure.deadlines
    ]
    found = measure.horizon
    if found is None:
        lines.append(labelled(words("horizon"), words("horizon_same")))
    elif found.until:
        lines.append(labelled(words("horizon"), words("horizon_until", date=found.until, text=found.text, page=found.page)))
    else:
        lines.append(labelled(words("horizon"), words("horizon_open", text=found.text, page=found.page)))
    return lines


def target_text(words: Words, target: Target) -> str:
    """'at least 10 events (each year), p. 13', '5–6 Roma mediators', '500 “Balsts” subsidies'."""
    if target.value is not None:
        amount = words.number(target.value)
    elif target.low is not None and target.high is not None:
        amount = words("target_range", low=words.number(target.low), high=words.number(target.high))
    elif target.low is not None:
        amount = words("target_at_least", value=words.number(target.low))
    else:
        amount = words("target_at_most", value=words.number(target.high))
    if target.approximate:
        amount = words("target_about", value=amount)
    period = f" ({target.period})" if target.period else ""
    return f"{amount}\u00a0{target.unit}{period}, {words('page', page=target.page)}"


def fund_text(words: Words, fund) -> str:
    extra = f" — {words('fund_detail', detail='; '.join(fund.details))}" if fund.details else ""
    where = f", {words('page', page=words.pages(fund.pages))}" if fund.pages else ""
    return f"{fund.name}{extra}{where}"


def footnote_items(words: Words, notes: tuple[Footnote, ...]) -> Bullets:
    return Bullets(tuple((Run(f"{n.number}. ", bold=True), Run(f"{n.text} ({words('page', page=n.page)})")) for n in notes))


# ------------------------------------------------------------------ a measure in the compliance report


def measure_summary(words: Words, measure: Measure) -> list[Block]:
    """A measure under a point: who, until when, targets, funds and money, with pages."""
    facts = who(words, measure) + when(words, measure)
    if measure.funds:
        facts.append(labelled(words.classes(RSF.Fund), "; ".join(fund_text(words, f) for f in measure.funds)))
    if measure.targets:
        facts.append(labelled(words.classes(RSF.Target), "; ".join(target_text(words, t) for t in measure.targets)))
    facts.append(labelled(words("col_pages"), words.pages(measure.pages)))
    heading = Heading(4, words("measure_heading", number=measure.number, title=measure.title))
    return [heading, Bullets(tuple(facts)), *money_blocks(words, measure)]


# ------------------------------------------------------------------ the compliance report


def totals_table(words: Words, totals: tuple[Total, ...]) -> Table:
    rows = tuple(
        (words.year(t.year, t.recurring), words.base.kind_label(t.kind), words.money(t.amount), words.pages(t.pages))
        for t in totals
    )
    headers = (words("col_year"), words("col_kind"), words("col_amount"), words("col_pages"))
    return Table(headers, rows, widths=(24, 34, 20, 22), numeric=frozenset({2}))


def measure_numbers(report: Compliance, iris: tuple[str, ...]) -> str:
    return ", ".join(report.measures[iri].number for iri in iris if iri in report.measures)


def cited_table(words: Words, report: Compliance) -> Table:
    """Every point the plan cites, under its area, with its number of measures and which."""
    rows, strong = [], set()
    for area in report.areas:
        strong.add(len(rows))
        rows.append((words.point(area.ref), words.number(len(area.measures)), measure_numbers(report, area.measures)))
        for point in area.points:
            if point.ref != area.ref:
                rows.append((words.point(point.ref), words.number(len(point.measures)), measure_numbers(report, point.measures)))
    headers = (words("col_point"), words("col_count"), words("col_measures"))
    return Table(headers, tuple(rows), widths=(46, 12, 42), numeric=frozenset({1}), strong_rows=frozenset(strong))


def by_kind(words: Words, money: tuple[Total, ...]) -> list[str]:
    """The money of each amount kind over all years (a cell per kind, empty when none)."""
    sums = {kind: sum((t.amount for t in money if t.kind == kind), Decimal(0)) for kind in words.base.kinds()}
    return [words.money(sums[kind]) if any(t.kind == kind for t in money) else "" for kind in words.base.kinds()]


def summary_table(words: Words, report: Compliance) -> Table:
    """Per area and cited point: the number of measures and their money by kind (not additive)."""
    rows, strong = [], set()
    for area in report.areas:
        strong.add(len(rows))
        rows.append((words.point(area.ref), words.number(len(area.measures)), *by_kind(words, area.money)))
        for point in area.points:
            if point.ref != area.ref:
                rows.append((words.point(point.ref), words.number(len(point.measures)), *by_kind(words, point.money)))
    kinds = [words.base.kind_label(kind) for kind in words.base.kinds()]
    headers = (words("col_point"), words("col_count"), *kinds)
    numeric = frozenset(range(1, len(headers)))
    widths = (34, 10, *(56 // len(kinds) for _ in kinds))
    return Table(headers, tuple(rows), widths=widths, numeric=numeric, strong_rows=frozenset(strong))


def point_money_table(words: Words, money: tuple[Total, ...]) -> Table:
    rows = tuple(
        (words.year(t.year, t.recurring), words.base.kind_label(t.kind), words.money(t.amount), words.number(t.measures))
        for t in money
    )
    headers = (words("col_year"), words("col_kind"), words("col_amount"), words("col_measures"))
    return Table(headers, rows, widths=(24, 36, 22, 18), numeric=frozenset({2, 3}))


def point_blocks(words: Words, report: Compliance, point: PointSection, level: int) -> list[Block]:
    blocks: list[Block] = [
        Heading(level, words.point(point.ref)),
        Paragraph(plain(words("point_line", n=words.number(len(point.measures)), pages=words.pages(point.pages))), note=True),
    ]
    if point.money:
        blocks += [Paragraph(plain(words("point_money")), note=True), point_money_table(words, point.money)]
    for iri in point.measures:
        blocks += measure_summary(words, report.measures[iri])
    return blocks


def area_blocks(words: Words, report: Compliance, area: AreaSection) -> list[Block]:
    line = words("area_line", area=words.point(area.ref), n=words.number(len(area.measures)))
    blocks: list[Block] = [Heading(2, words.point(area.ref), new_page=True), Paragraph(plain(line), note=True)]
    for point in area.points:
        blocks += point_blocks(words, report, point, 3)
    return blocks


def compliance_document(report: Compliance) -> Document:
    words = Words(report.basics)
    title = words("compliance_title", number=report.basics.recommendation.number)
    cited = report.points
    blocks: list[Block] = [
        Heading(1, title),
        Paragraph(plain(words("plan_name"))),
        Paragraph(plain(words("compliance_intro"))),
        official_text(words),
        Paragraph(plain(words("latvian_only")), note=True),
        Heading(2, words("totals_heading")),
        totals_table(words, report.totals),
        Paragraph(plain(words("totals_note")), note=True),
        Heading(2, words("cited_heading")),
        Paragraph(plain(words("cited_intro", points=words.number(len(cited)), areas=words.number(len(report.areas))))),
        cited_table(words, report),
        Heading(2, words("summary_heading"), new_page=True),
        Paragraph(plain(words("not_additive")), note=True),
        summary_table(words, report),
        Heading(1, words("details_heading"), new_page=True),
        Paragraph(plain(words("not_additive")), note=True),
    ]
    for area in report.areas:
        blocks += area_blocks(words, report, area)
    blocks += [Heading(2, words("footnotes_heading"), new_page=True), footnote_items(words, report.footnotes())]
    blocks.append(Paragraph(plain(words("made_from")), note=True))
    return Document(report.basics.lang, title, tuple(blocks))


# ------------------------------------------------------------------ the factsheets


def what_it_does(words: Words, measure: Measure) -> list[Block]:
    several = len(measure.rows) > 1
    items = []
    for row in measure.rows:
        prefix = f"{words('row', n=row.number)} · " if several else ""
        for key, value in (("result", row.result), ("indicator", row.indicator)):
            if value:
                items.append(labelled(f"{prefix}{words(key)}", value))
    blocks: list[Block] = [Heading(2, words("what_heading")), Bullets(tuple(items))]
    if measure.targets:
        blocks += [Heading(3, words.classes(RSF.Target)), Bullets(tuple(plain(target_text(words, t)) for t in measure.targets))]
    return blocks


def documents_items(words: Words, measure: Measure) -> Bullets:
    items = []
    for document in measure.documents:
        name = f"{document.name} ({document.code})" if document.code and document.code != document.name else document.name
        what = words("provisions", provisions=", ".join(document.provisions)) if document.provisions else words("whole_document")
        items.append((Run(name, bold=True), Run(f" — {what}, {words('page', page=words.pages(document.pages))}")))
    return Bullets(tuple(items))


def factsheet_blocks(words: Words, measure: Measure, new_page: bool) -> list[Block]:
    caption = words("measure_caption", number=measure.number, pages=words.pages(measure.pages))
    if measure.domains:
        caption += f" · {words('domains')}: {', '.join(measure.domains)}"
    blocks: list[Block] = [
        Heading(1, words("measure_heading", number=measure.number, title=measure.title), new_page=new_page),
        Paragraph(plain(caption), note=True),
        *what_it_does(words, measure),
        Heading(2, words("who_heading")),
        Bullets(tuple(who(words, measure))),
        Heading(2, words("when_heading")),
        Bullets(tuple(when(words, measure))),
        Heading(2, words("money_heading")),
        *money_blocks(words, measure),
    ]
    if measure.funds:
        blocks += [Heading(2, words.classes(RSF.Fund)), Bullets(tuple(plain(fund_text(words, f)) for f in measure.funds))]
    if measure.points:
        blocks += [
            Heading(2, words.classes(RSF.RecommendationPoint)),
            Bullets(tuple(plain(words.point(p)) for p in measure.points)),
        ]
        blocks.append(official_text(words))
    if measure.documents:
        blocks += [Heading(2, words("documents_heading")), documents_items(words, measure)]
    if measure.footnotes:
        blocks += [Heading(2, words.classes(RSF.Footnote)), footnote_items(words, measure.footnotes)]
    return blocks


def factsheet_document(sheets: Factsheets) -> Document:
    words = Words(sheets.basics)
    title = words("factsheet_title")
    blocks: list[Block] = [
        Paragraph((Run(title, bold=True), Run(f" · {words('factsheet_intro', plan=words('plan_name'))}")), note=True),
        Paragraph(plain(words("latvian_only")), note=True),
    ]
    for index, measure in enumerate(sheets.measures):
        blocks += factsheet_blocks(words, measure, new_page=index > 0)
    blocks.append(Paragraph(plain(words("made_from")), note=True))
    return Document(sheets.basics.lang, title, tuple(blocks))
