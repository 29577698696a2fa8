"""A measure's card: what it does, who answers for it, until when, with how much money from
which funds, which Recommendation points and national policies it serves, and where the plan
says so. One readable page that prints; the raw facts wait behind "All data"."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import QueryError
from core.namespaces import RSF
from core.ordering import natural_key
from ui import cardparts as parts
from ui.components import report_downloads, show_error
from ui.data import view, vocabulary
from ui.facts import attribute_table, facts_of, measure_rows
from ui.formats import money, number
from ui.language import lang, t
from ui.links import anchor, entity_url
from ui.markup import cell, plain
from ui.page import page
from ui.state import UrlParams, url_value
from ui.viewdata import full_iri, local_name, text

URL = UrlParams({"entity": ""})
MEASURES_PAGE = "views/measures.py"


def card_view(view_id: str, iri: str) -> pd.DataFrame:
    return view(view_id, (("measure", iri),))


def class_name(cls) -> str:
    """A class's plural name from the ontology ('Skaitliskie mērķi'), as a section heading."""
    term = vocabulary().term(str(cls))
    return term.plural_label(lang()) if term else ""


def relation_name(prop) -> str:
    return parts.first_upper(vocabulary().label(str(prop), lang()))


def page_text(pages) -> str:
    return ", ".join(str(p) for p in sorted({int(p) for p in pages if parts.present(p)}))


# ------------------------------------------------------------------ the measure in the URL


def find_measure(wanted: str) -> pd.DataFrame:
    """The card's head row(s), or an empty frame when the URL names no measure."""
    try:
        return card_view("card-measure", full_iri(wanted))
    except QueryError:  # not even an IRI: the same answer as an unknown one
        return pd.DataFrame()


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


def heading(head: pd.DataFrame, rows: pd.DataFrame) -> None:
    first = head.iloc[0]
    title = parts.label_in(first, "title")
    st.title(t("card_title", number=plain(first["measure_id"]), title=plain(title)))
    domains = [vocabulary().label(d, lang()) for d in dict.fromkeys(head["domain"]) if parts.present(d)]
    facts = [t("card_caption", number=first["measure_id"], pages=page_text(rows["page"]))]
    if domains:
        facts.append(f"{relation_name(RSF.policyDomain)}: {', '.join(domains)}")
    st.caption(plain(" · ".join(facts)))


def what_it_does(rows: pd.DataFrame, iri: str) -> None:
    st.subheader(t("card_what"))
    several = len(rows) > 1
    for row in rows.itertuples(index=False):
        prefix = f"**{t('row', n=row.row_number)}** · " if several else ""
        for prop, value in ((RSF.result, row.result), (RSF.performanceIndicator, row.indicator)):
            if parts.present(value):
                st.markdown(f"{prefix}**{relation_name(prop)}:** {cell(value)}")
    if lang() != "lv":
        st.caption(t("card_latvian_only"))
    targets(iri)


def target_text(row) -> str:
    """'at least 10 events (each year)', '5–6 Roma mediators', '500 “Balsts” subsidies'."""
    language = lang()
    if parts.present(row.value):
        amount = number(row.value, language)
    elif parts.present(row.min) and parts.present(row.max):
        amount = t("card_target_range", low=number(row.min, language), high=number(row.max, language))
    elif parts.present(row.min):
        amount = t("card_target_at_least", value=number(row.min, language))
    else:
        amount = t("card_target_at_most", value=number(row.max, language))
    if text(row.approximate) == "true":
        amount = t("card_target_about", value=amount)
    unit = parts.label_in(row, "unit")
    period = "" if row.period == str(RSF.periodNotStated) else f" ({parts.label_in(row, 'period')})"
    return f"{amount} {unit}{period}"


def targets(iri: str) -> None:
    found = card_view("card-targets", iri)
    if found.empty:
        return
    st.markdown(f"**{class_name(RSF.Target)}**")
    lines = [f"- {cell(target_text(row))} · {t('card_page', page=row.page)}" for row in found.itertuples(index=False)]
    st.markdown("\n".join(lines))


def institution_text(row) -> str:
    """The full name, the abbreviation after it, linking to the institution's details."""
    name = parts.label_in(row, "label") or text(row.abbreviation)
    if parts.present(row.abbreviation) and row.abbreviation != name:
        name = f"{name} ({row.abbreviation})"
    return anchor(name, entity_url(row.institution, None, lang()))


def who(iri: str) -> None:
    found = card_view("card-institutions", iri)
    if found.empty:
        return
    st.subheader(t("card_who"))
    for role in (RSF.responsible, RSF.coResponsible):
        group = found[found["role"] == str(role)]
        if not group.empty:
            names = sorted(institution_text(row) for row in group.itertuples(index=False))
            st.markdown(f"**{relation_name(role)}:** {'; '.join(names)}", unsafe_allow_html=True)


def when(rows: pd.DataFrame, iri: str) -> None:
    st.subheader(t("card_when"))
    printed = list(dict.fromkeys(text(v) for v in rows["deadline_text"] if parts.present(v)))
    for deadline in printed:
        st.markdown(t("card_deadline_printed", text=cell(deadline)))
    horizon = card_view("card-horizon", iri)
    if horizon.empty:
        st.markdown(t("card_horizon_same"))
        return
    for row in horizon.itertuples(index=False):
        if parts.present(row.until):
            st.markdown(f"**{t('card_horizon_until', date=cell(row.until))}**")
        else:
            st.markdown(f"**{t('card_horizon_open')}**")
        if parts.present(row.text):
            st.caption(t("card_horizon_source", page=row.page, text=cell(row.text)))


def money_rows(lines: pd.DataFrame) -> pd.DataFrame:
    """Budget lines added up by year, kind, 'every year after' and security (a measure may have
    several programme lines of one kind in one year)."""
    keyed = lines.assign(
        recurring=[text(v) == "true" for v in lines["recurring"]],
        security=[text(v) for v in lines["security"]],
        security_label=[parts.label_in(row, "security") for row in lines.itertuples(index=False)],
        footnotes=[text(v) for v in lines["footnotes"]],
    )
    grouped = keyed.groupby(["year", "kind", "recurring", "security", "security_label"], sort=False)
    return grouped.agg(
        amount=("amount", "sum"),
        page=("page", lambda p: page_text(p)),
        footnotes=("footnotes", lambda f: " ".join(sorted({n for v in f for n in v.split()}, key=int))),
    ).reset_index()


def money_section(iri: str) -> None:
    st.subheader(t("card_money"))
    lines = card_view("card-money", iri)
    if lines.empty:
        st.info(t("no_budget"))
        return
    language = lang()
    kinds = vocabulary()
    order = {term.iri: term.order for term in kinds.amount_kinds()}
    table = money_rows(lines).sort_values(["year", "kind"], key=lambda s: s.map(order) if s.name == "kind" else s)
    rows = []
    for row in table.itertuples(index=False):
        year = t("card_every_year", year=row.year) if row.recurring else row.year
        kind = kinds.term(row.kind).short_label(language) if kinds.term(row.kind) else row.kind
        status = t("card_not_secured") if row.security == str(RSF.notSecured) else ""
        if status and row.footnotes:
            status += f"<sup>{plain(row.footnotes)}</sup>"
        rows.append([cell(year), cell(kind), plain(money(row.amount, language)), status])
    # Four columns fit a phone; the pages go under the table.
    headers = [t("card_col_year"), t("card_col_kind"), t("card_col_amount"), t("card_col_status")]
    st.markdown(parts.markdown_table(headers, rows, right=frozenset({2})), unsafe_allow_html=True)
    for label in dict.fromkeys(table.loc[table["security"] == str(RSF.notSecured), "security_label"]):
        st.caption(t("card_not_secured_note", label=plain(label)))
    st.caption(f"{t('card_money_source')} {t('source_page', pages=page_text(lines['page']))}")


def funds(iri: str) -> None:
    found = card_view("card-funds", iri)
    if found.empty:
        return
    st.subheader(class_name(RSF.Fund))
    lines = []
    for fund, group in found.groupby("fund", sort=False):
        first = group.iloc[0]
        name = anchor(parts.label_in(first, "label") or text(first["code"]), entity_url(fund, None, lang()))
        details = [text(d) for d in group["detail"] if parts.present(d)]
        extra = f" — {t('card_fund_detail', detail=cell('; '.join(details)))}" if details else ""
        where = page_text(group["page"])
        lines.append(f"- {name}{extra}" + (f" · {t('card_page', page=where)}" if where else ""))
    st.markdown("\n".join(sorted(lines)), unsafe_allow_html=True)


def points(iri: str) -> None:
    found = card_view("card-points", iri)
    if found.empty:
        return
    st.subheader(class_name(RSF.RecommendationPoint))
    refs = {row.point: parts.point_ref(row.number, row.letter, row.sub) for row in found.itertuples(index=False)}
    ordered = sorted(refs.items(), key=lambda item: item[1].sort_key)
    st.markdown("\n".join(f"- {parts.point_link(point, ref)}" for point, ref in ordered), unsafe_allow_html=True)
    st.caption(t("card_eurlex", link=parts.official_link()), unsafe_allow_html=True)


def documents(iri: str) -> None:
    found = card_view("card-documents", iri)
    if found.empty:
        return
    st.subheader(t("card_documents"))
    lines = []
    for document, group in found.groupby("document", sort=False):
        first = group.iloc[0]
        name = parts.label_in(first, "label")
        code = text(first["code"])
        label = f"{name} ({code})" if code and code != name else name
        provisions = sorted({text(p) for p in group["provision"] if parts.present(p)}, key=natural_key)
        what = t("card_provisions", provisions=cell(", ".join(provisions))) if provisions else t("card_whole_document")
        lines.append(f"- {anchor(label, entity_url(document, None, lang()))} — {what}")
    st.markdown("\n".join(lines), unsafe_allow_html=True)


def footnotes(iri: str) -> None:
    found = card_view("card-footnotes", iri)
    if found.empty:
        return
    st.subheader(class_name(RSF.Footnote))
    for row in found.itertuples(index=False):
        st.markdown(
            f"<sup>{plain(row.number)}</sup> {cell(text(row.text))} · {t('card_page', page=row.page)}",
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
    head = find_measure(wanted) if wanted else pd.DataFrame()
    if head.empty:
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
