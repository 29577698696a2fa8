"""A measure's card: what it does, who answers for it, until when, with how much money from
which funds, which Recommendation points and national policies it serves, and where the plan
says so. One readable page that prints; the raw facts wait behind "All data"."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.errors import QueryError
from core.namespaces import RSF
from core.ordering import natural_key
from ui import cardparts as parts
from ui.components import report_downloads, show_error
from ui.data import rows as view_rows
from ui.data import vocabulary
from ui.facts import attribute_table, facts_of, measure_rows
from ui.formats import money, number
from ui.language import lang, t
from ui.links import anchor, entity_url
from ui.markup import cell, plain
from ui.page import page
from ui.state import UrlParams, url_value
from ui.viewdata import Record, full_iri, grouped, local_name, page_text, text

URL = UrlParams({"entity": ""})
MEASURES_PAGE = "views/measures.py"


def card_view(view_id: str, iri: str) -> list[Record]:
    return view_rows(view_id, (("measure", iri),))


def class_name(cls) -> str:
    """A class's plural name from the ontology ('Skaitliskie mērķi'), as a section heading."""
    term = vocabulary().term(str(cls))
    return term.plural_label(lang()) if term else ""


def relation_name(prop) -> str:
    return parts.first_upper(vocabulary().label(str(prop), lang()))


# ------------------------------------------------------------------ the measure in the URL


def find_measure(wanted: str) -> list[Record]:
    """The card's head row(s), or none when the URL names no measure."""
    try:
        return card_view("card-measure", full_iri(wanted))
    except QueryError:  # not even an IRI: the same answer as an unknown one
        return []


def back_to_list() -> None:
    st.page_link(MEASURES_PAGE, label=t("card_back"), icon=":material/list:")


def no_measure(wanted: str) -> None:
    """No card for a missing or unknown measure, and never another measure's card instead."""
    st.title(t("page_measure"))
    if wanted:
        show_error(QueryError("unknown-entity", t("unknown_entity", entity=wanted)))
    else:
        st.info(t("card_no_entity"))
    back_to_list()


# ------------------------------------------------------------------ sections


def heading(head: list[Record], rows: list[Record]) -> None:
    first = head[0]
    title = parts.label_in(first, "title")
    st.title(t("card_title", number=plain(first["measure_id"]), title=plain(title)))
    domains = [vocabulary().label(d, lang()) for d in dict.fromkeys(r["domain"] for r in head) if parts.present(d)]
    facts = [t("card_caption", number=first["measure_id"], pages=page_text(r["page"] for r in rows))]
    if domains:
        facts.append(f"{relation_name(RSF.policyDomain)}: {', '.join(domains)}")
    st.caption(plain(" · ".join(facts)))


def what_it_does(rows: list[Record], iri: str) -> None:
    st.subheader(t("card_what"))
    several = len(rows) > 1
    for row in rows:
        prefix = f"**{t('row', n=row['row_number'])}** · " if several else ""
        for prop, value in ((RSF.result, row["result"]), (RSF.performanceIndicator, row["indicator"])):
            if parts.present(value):
                st.markdown(f"{prefix}**{relation_name(prop)}:** {cell(value)}")
    if lang() != "lv":
        st.caption(t("card_latvian_only"))
    targets(iri)


def target_text(row: Record) -> str:
    """'at least 10 events (each year)', '5–6 Roma mediators', '500 “Balsts” subsidies'."""
    language = lang()
    low, high = row["min"], row["max"]
    if parts.present(row["value"]):
        amount = number(row["value"], language)
    elif parts.present(low) and parts.present(high):
        amount = t("card_target_range", low=number(low, language), high=number(high, language))
    elif parts.present(low):
        amount = t("card_target_at_least", value=number(low, language))
    else:
        amount = t("card_target_at_most", value=number(high, language))
    if text(row["approximate"]) == "true":
        amount = t("card_target_about", value=amount)
    unit = parts.label_in(row, "unit")
    period = "" if row["period"] == str(RSF.periodNotStated) else f" ({parts.label_in(row, 'period')})"
    return f"{amount} {unit}{period}"


def targets(iri: str) -> None:
    found = card_view("card-targets", iri)
    if not found:
        return
    st.markdown(f"**{class_name(RSF.Target)}**")
    lines = [f"- {cell(target_text(row))} · {t('card_page', page=row['page'])}" for row in found]
    st.markdown("\n".join(lines))


def institution_text(row: Record) -> str:
    """The full name, the abbreviation after it, linking to the institution's details."""
    abbreviation = row["abbreviation"]
    name = parts.label_in(row, "label") or text(abbreviation)
    if parts.present(abbreviation) and abbreviation != name:
        name = f"{name} ({abbreviation})"
    return anchor(name, entity_url(row["institution"], None, lang()))


def who(iri: str) -> None:
    found = card_view("card-institutions", iri)
    if not found:
        return
    st.subheader(t("card_who"))
    for role in (RSF.responsible, RSF.coResponsible):
        group = [row for row in found if row["role"] == str(role)]
        if group:
            names = sorted(institution_text(row) for row in group)
            st.markdown(f"**{relation_name(role)}:** {'; '.join(names)}", unsafe_allow_html=True)


def when(rows: list[Record], iri: str) -> None:
    st.subheader(t("card_when"))
    printed = list(dict.fromkeys(text(r["deadline_text"]) for r in rows if parts.present(r["deadline_text"])))
    for deadline in printed:
        st.markdown(t("card_deadline_printed", text=cell(deadline)))
    horizon = card_view("card-horizon", iri)
    if not horizon:
        st.markdown(t("card_horizon_same"))
        return
    for row in horizon:
        if parts.present(row["until"]):
            st.markdown(f"**{t('card_horizon_until', date=cell(row['until']))}**")
        else:
            st.markdown(f"**{t('card_horizon_open')}**")
        if parts.present(row["text"]):
            st.caption(t("card_horizon_source", page=row["page"], text=cell(row["text"])))


@dataclass(frozen=True)
class MoneyRow:
    """One row of the card's money table: the budget lines of one year, kind, 'every year
    after' and security added up, with the footnotes they carry."""

    year: str
    kind: str
    recurring: bool
    security: str
    security_label: str
    amount: int | float
    footnotes: str


def money_rows(lines: list[Record], kind_order: dict[str, int]) -> list[MoneyRow]:
    """Budget lines added up by year, kind, 'every year after' and security (a measure may have
    several programme lines of one kind in one year), by year and then kind in `kind_order`."""
    groups = grouped(
        lines,
        lambda line: (
            text(line["year"]),
            line["kind"],
            text(line["recurring"]) == "true",
            text(line["security"]),
            parts.label_in(line, "security"),
        ),
    )
    found = [
        MoneyRow(
            *key,
            amount=sum(line["amount"] for line in group),
            footnotes=" ".join(sorted({n for line in group for n in text(line["footnotes"]).split()}, key=int)),
        )
        for key, group in groups.items()
    ]
    return sorted(found, key=lambda row: (row.year, kind_order.get(row.kind, len(kind_order))))


def money_section(iri: str) -> None:
    st.subheader(t("card_money"))
    lines = card_view("card-money", iri)
    if not lines:
        st.info(t("no_budget"))
        return
    language = lang()
    kinds = vocabulary()
    order = kinds.amount_kind_ranks()
    table = money_rows(lines, order)
    rows = []
    for row in table:
        year = t("card_every_year", year=row.year) if row.recurring else row.year
        kind = kinds.term(row.kind).short_label(language) if kinds.term(row.kind) else row.kind
        status = t("card_not_secured") if row.security == str(RSF.notSecured) else ""
        if status and row.footnotes:
            status += f"<sup>{plain(row.footnotes)}</sup>"
        rows.append([cell(year), cell(kind), plain(money(row.amount, language)), status])
    # Four columns fit a phone; the pages go under the table.
    headers = [t("card_col_year"), t("card_col_kind"), t("card_col_amount"), t("card_col_status")]
    st.markdown(parts.markdown_table(headers, rows, right=frozenset({2})), unsafe_allow_html=True)
    for label in dict.fromkeys(row.security_label for row in table if row.security == str(RSF.notSecured)):
        st.caption(t("card_not_secured_note", label=plain(label)))
    st.caption(f"{t('card_money_source')} {t('source_page', pages=page_text(line['page'] for line in lines))}")


def funds(iri: str) -> None:
    found = card_view("card-funds", iri)
    if not found:
        return
    st.subheader(class_name(RSF.Fund))
    lines = []
    for fund, group in grouped(found, lambda row: row["fund"]).items():
        first = group[0]
        name = anchor(parts.label_in(first, "label") or text(first["code"]), entity_url(fund, None, lang()))
        details = [text(row["detail"]) for row in group if parts.present(row["detail"])]
        extra = f" — {t('card_fund_detail', detail=cell('; '.join(details)))}" if details else ""
        where = page_text(row["page"] for row in group)
        lines.append(f"- {name}{extra}" + (f" · {t('card_page', page=where)}" if where else ""))
    st.markdown("\n".join(sorted(lines)), unsafe_allow_html=True)


def points(iri: str) -> None:
    found = card_view("card-points", iri)
    if not found:
        return
    st.subheader(class_name(RSF.RecommendationPoint))
    refs = {row["point"]: parts.row_point_ref(row) for row in found}
    ordered = sorted(refs.items(), key=lambda item: item[1].sort_key)
    st.markdown("\n".join(f"- {parts.point_link(point, ref)}" for point, ref in ordered), unsafe_allow_html=True)
    st.caption(t("card_eurlex", link=parts.official_link()), unsafe_allow_html=True)


def documents(iri: str) -> None:
    found = card_view("card-documents", iri)
    if not found:
        return
    st.subheader(t("card_documents"))
    lines = []
    for document, group in grouped(found, lambda row: row["document"]).items():
        first = group[0]
        name = parts.label_in(first, "label")
        code = text(first["code"])
        label = f"{name} ({code})" if code and code != name else name
        provisions = sorted({text(r["provision"]) for r in group if parts.present(r["provision"])}, key=natural_key)
        what = t("card_provisions", provisions=cell(", ".join(provisions))) if provisions else t("card_whole_document")
        lines.append(f"- {anchor(label, entity_url(document, None, lang()))} — {what}")
    st.markdown("\n".join(lines), unsafe_allow_html=True)


def footnotes(iri: str) -> None:
    found = card_view("card-footnotes", iri)
    if not found:
        return
    st.subheader(class_name(RSF.Footnote))
    for row in found:
        st.markdown(
            f"<sup>{plain(row['number'])}</sup> {cell(text(row['text']))} · {t('card_page', page=row['page'])}",
            unsafe_allow_html=True,
        )


def all_data(iri: str) -> None:
    """The detail page's raw property table and rows, for whoever wants every fact."""
    with st.expander(t("card_all_data")):
        facts = facts_of(iri)
        st.markdown(attribute_table(facts), unsafe_allow_html=True)
        measure_rows(facts)


# ------------------------------------------------------------------ the page


def main() -> None:
    parts.print_style()
    wanted = url_value("entity").strip()
    head = find_measure(wanted) if wanted else []
    if not head:
        no_measure(wanted)
        return
    iri = full_iri(wanted)
    rows = card_view("card-rows", iri)
    heading(head, rows)
    what_it_does(rows, iri)
    who(iri)
    when(rows, iri)
    money_section(iri)
    funds(iri)
    points(iri)
    documents(iri)
    footnotes(iri)
    all_data(iri)
    st.caption(t("card_print_hint"))
    report_downloads("factsheet", local_name(iri))
    back_to_list()


page("page_measure", URL, main, heading=False)
