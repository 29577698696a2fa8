"""Detail: every attribute of a measure, point, institution, document or fund, its rows,
budget lines, links both ways, source page and footnotes."""

from __future__ import annotations

import streamlit as st

from core.errors import QueryError
from core.namespaces import RSF
from kb.engine.service import ask, catalogue
from ui.components import entity_link, entity_picker, show_error, show_result
from ui.data import entities, rows, store, term_label
from ui.facts import attribute_table, facts_of, footnotes, measure_rows, objects, pages, property_name, value_text
from ui.language import lang, t
from ui.markup import cell, plain
from ui.page import page
from ui.state import UrlParams
from ui.viewdata import Record, grouped, local_name, short_id, text

URL = UrlParams({"entity": ""})  # none: the page asks; never another entity than the link's


def funding(facts: list[Record]) -> None:
    """Each funding attribution: the fund, the plan's wording, its page and footnotes (which name the sources)."""
    attributions = sorted(objects(facts, str(RSF.fundingAttribution)), key=lambda i: int(local_name(i)))
    if not attributions:
        return
    st.subheader(t("funding_heading"))
    for attribution in attributions:
        parts = facts_of(attribution)
        funds = [value_text(r) for r in parts if r["predicate"] == str(RSF.fund)]
        detail = [text(v) for v in objects(parts, str(RSF.fundingDetail))]
        line = ", ".join(funds) + (f" — {cell('; '.join(detail))}" if detail else "")
        st.markdown(f"{line} · {t('source_page', pages=', '.join(pages(parts)))}")
        footnotes(parts)


def budget(measure_number: str) -> None:
    st.subheader(t("budget_lines"))
    try:
        result = ask(store(), "measure-budget", {"measure": measure_number})
    except QueryError as error:
        show_error(error)
        return
    if not result.rows:
        st.info(t("no_budget"))
        return
    # Without the lines' IRIs: the other columns say which line it is, and a phone has no room for them.
    columns = catalogue()["measure-budget"].columns
    show_result(result, f"budget-{measure_number}", t("budget_lines"), columns, hidden={"line"})


def incoming(iri: str) -> None:
    st.subheader(t("incoming"))
    links = [row for row in rows("entity-in", (("entity", iri),)) if row["subject"] != iri]
    if not links:
        st.info(t("no_incoming"))
        return
    lines = [f"| {t('property')} | {t('entity')} |", "|---|---|"]
    for predicate, group in grouped(links, lambda row: row["predicate"]).items():
        name = property_name(group, predicate)
        subjects = sorted({subject_text(row) for row in group})
        lines.append(f"| {cell(name)} | {'<br>'.join(subjects)} |")
    st.markdown("\n".join(lines), unsafe_allow_html=True)


def subject_text(row: Record) -> str:
    """The linking entity by its name, as a link to its page when the UI has one."""
    subject = row["subject"]
    label = text(row[f"s_{lang()}"]) or short_id(subject)
    return entity_link(subject, " ".join(label.split())) if subject in entities() else cell(label)


def main() -> None:
    st.caption(t("detail_intro"))
    iri = entity_picker("entity", "entity")
    if not iri:
        return
    data = entities()[iri]
    facts = facts_of(iri)
    st.header(plain(data[f"label_{lang()}"]))
    st.caption(plain(term_label(data["cls"])))
    page_list = pages(facts)
    if page_list:
        st.markdown(t("source_page", pages=", ".join(page_list)))
    st.subheader(t("attributes"))
    st.markdown(attribute_table(facts), unsafe_allow_html=True)
    footnotes(facts)
    if data["cls"] == str(RSF.Measure):
        measure_rows(facts)
        funding(facts)
        budget(local_name(iri))
    incoming(iri)
    with st.expander(t("technical_data")):
        st.markdown(f"{t('iri')}: `{iri}`")
        st.markdown(attribute_table(facts, technical=True), unsafe_allow_html=True)


page("page_detail", URL, main)
