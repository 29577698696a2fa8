"""An entity's raw facts as the detail page shows them: the property table, footnotes,
source pages and a measure's table rows. Shared by the detail page and the measure card's
"all data" section."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.namespaces import RDF, RSF
from ui.components import entity_link
from ui.data import entities, view
from ui.language import lang, t
from ui.markup import cell, plain
from ui.viewdata import local_name, short_id, text

SHOWN_ELSEWHERE = {str(RSF.hasRow)}  # a measure's rows have their own section


def value_text(row) -> str:
    language = lang()
    label = text(getattr(row, f"o_{language}")) or text(row.o_lv)
    if row.object in entities():
        return entity_link(row.object, " ".join((label or short_id(row.object)).split()))
    if text(row.o_text):
        return cell(f"{label}: {row.o_text}" if label else row.o_text)
    return cell(label or row.object)


def property_name(group: pd.DataFrame, predicate: str) -> str:
    """The property's label in the current language (from the p_lv/p_en columns), else its local name."""
    first = group.iloc[0]
    return text(first[f"p_{lang()}"]) or text(first["p_lv"]) or local_name(predicate)


def is_technical(facts: pd.DataFrame) -> pd.Series:
    """Facts whose property the ontology marks pres:technical (files, vocabulary)."""
    return (
        facts["technical"].map(lambda value: value in (True, "true", "1"))
        if "technical" in facts
        else facts["predicate"] != facts["predicate"]
    )


def attribute_table(facts: pd.DataFrame, technical: bool = False) -> str:
    """The facts as a two-column table in words: what a reader needs, or (technical=True) the
    facts about files and vocabulary that the page keeps under "technical data"."""
    lines = [f"| {t('property')} | {t('value')} |", "|---|---|"]
    facts = facts[~facts["predicate"].isin(SHOWN_ELSEWHERE) & (is_technical(facts) == technical)]
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
