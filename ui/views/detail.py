"""Detail: every attribute of a measure, point, institution, document or fund, its rows,
budget lines, links both ways, source page and footnotes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import QueryError
from core.namespaces import RSF
from kb.engine.service import ask, catalogue
from ui.components import entity_link, entity_picker, show_error, show_result
from ui.data import entities, store, term_label, view
from ui.facts import attribute_table, facts_of, footnotes, measure_rows, pages, property_name, value_text
from ui.language import lang, t
from ui.markup import cell, plain
from ui.page import page
from ui.state import UrlParams
from ui.viewdata import local_name, short_id, text

URL = UrlParams({"entity": ""})  # none: the page asks; never another entity than the link's


def funding(facts: pd.DataFrame) -> None:
    """Each funding attribution: the fund, the plan's wording, its page and footnotes (which name the sources)."""
    attributions = sorted(
        facts.loc[facts["predicate"] == str(RSF.fundingAttribution), "object"], key=lambda i: int(local_name(i))
    )
    if not attributions:
        return
    st.subheader(t("funding_heading"))
    for attribution in attributions:
        parts = facts_of(attribution)
        by_predicate = {p: g for p, g in parts.groupby("predicate")}
        funds = [value_text(r) for r in by_predicate.get(str(RSF.fund), parts.iloc[0:0]).itertuples(index=False)]
        detail = [text(v) for v in by_predicate.get(str(RSF.fundingDetail), parts.iloc[0:0])["object"]]
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
    show_result(result, f"budget-{measure_number}", catalogue()["measure-budget"].columns)


def incoming(iri: str) -> None:
    st.subheader(t("incoming"))
    links = view("entity-in", (("entity", iri),))
    links = links[links["subject"] != iri]
    if links.empty:
        st.info(t("no_incoming"))
        return
    language = lang()
    lines = [f"| {t('property')} | {t('entity')} |", "|---|---|"]
    for predicate, group in links.groupby("predicate", sort=False):
        name = property_name(group, predicate)
        subjects = sorted(
            {
                entity_link(r.subject, " ".join((text(getattr(r, f"s_{language}")) or short_id(r.subject)).split()))
                if r.subject in entities()
                else cell(text(getattr(r, f"s_{language}")) or short_id(r.subject))
                for r in group.itertuples(index=False)
            }
        )
        lines.append(f"| {cell(name)} | {'<br>'.join(subjects)} |")
    st.markdown("\n".join(lines), unsafe_allow_html=True)


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
