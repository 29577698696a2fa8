"""Detail: every attribute of a measure, point, institution, document or fund, its rows,
budget lines, links both ways, source page and footnotes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import QueryError
from core.namespaces import RDF, RSF
from kb.engine.service import ask
from ui.components import detail_url, entity_picker, show_error, show_result
from ui.data import graph, store, term_label, view
from ui.language import lang, t
from ui.markup import cell, plain
from ui.page import page
from ui.state import UrlParams
from ui.viewdata import local_name, short_id, text

URL = UrlParams({"entity": "measure/4.1"})
HIDDEN = {str(RSF.searchKey), str(RSF.withinPoint), str(RSF.hasRow)}


def value_text(row) -> str:
    language = lang()
    label = text(getattr(row, f"o_{language}")) or text(row.o_lv)
    if row.object in graph():
        return f"[{cell(label or short_id(row.object))}]({detail_url(row.object)})"
    if text(row.o_text):
        return cell(f"{label}: {row.o_text}" if label else row.o_text)
    return cell(label or row.object)


def property_name(group: pd.DataFrame, predicate: str) -> str:
    """The property's label in the current language (from the p_lv/p_en columns), else its local name."""
    first = group.iloc[0]
    return text(first[f"p_{lang()}"]) or text(first["p_lv"]) or local_name(predicate)


def attribute_table(facts: pd.DataFrame) -> str:
    lines = [f"| {t('property')} | {t('value')} |", "|---|---|"]
    facts = facts[~facts["predicate"].isin(HIDDEN)]
    for predicate, group in facts.groupby("predicate", sort=False):
        name = property_name(group, predicate)
        values = sorted({value_text(row) for row in group.itertuples(index=False)})
        lines.append(f"| {cell(name)} | {'<br>'.join(values)} |")
    return "\n".join(lines)


def footnotes(facts: pd.DataFrame) -> None:
    notes = facts[facts["predicate"] == str(RSF.footnote)]
    if notes.empty:
        return
    st.markdown(f"**{t('footnotes')}**")
    for row in notes.sort_values("object", key=lambda s: s.map(lambda iri: int(local_name(iri)))).itertuples(index=False):
        st.markdown(f"<sup>{plain(local_name(row.object))}</sup> {cell(text(row.o_text))}", unsafe_allow_html=True)


def pages(facts: pd.DataFrame) -> list[str]:
    return sorted({str(v) for v in facts.loc[facts["predicate"] == str(RSF.page), "object"]}, key=int)


def facts_of(iri: str) -> pd.DataFrame:
    return view("entity-out", (("entity", iri),))


def measure_rows(facts: pd.DataFrame) -> None:
    rows = sorted(facts.loc[facts["predicate"] == str(RSF.hasRow), "object"], key=lambda iri: int(local_name(iri)))
    st.subheader(t("rows_heading"))
    for row_iri in rows:
        row_facts = facts_of(row_iri)
        page_list = pages(row_facts)
        st.markdown(f"**{t('row', n=plain(local_name(row_iri)))}** · {t('source_page', pages=plain(', '.join(page_list)))}")
        st.markdown(attribute_table(row_facts[row_facts["predicate"] != str(RDF.type)]), unsafe_allow_html=True)
        footnotes(row_facts)


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
    show_result(result, f"budget-{measure_number}")


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
                f"[{cell(text(getattr(r, f's_{language}')) or short_id(r.subject))}]({detail_url(r.subject)})"
                if r.subject in graph()
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
    data = graph().nodes[iri]
    facts = facts_of(iri)
    st.header(plain(data[f"label_{lang()}"]))
    st.caption(f"{plain(term_label(data['cls']))} · {t('iri')}: `{iri}`")
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


page("page_detail", URL, main)
