"""An entity's raw facts as the detail page shows them: the property table, footnotes,
source pages and a measure's table rows. Shared by the detail page and the measure card's
"all data" section. Facts are the rows of the view entity-out (predicate, its names, object,
the object's names and text, whether the property is technical)."""

from __future__ import annotations

import streamlit as st

from core.namespaces import RDF, RSF
from ui.components import entity_link
from ui.data import entities, rows
from ui.language import lang, other_language_note, t
from ui.markup import cell, plain
from ui.viewdata import Record, grouped, local_name, page_numbers, short_id, text

SHOWN_ELSEWHERE = {str(RSF.hasRow)}  # a measure's rows have their own section


def value_text(row: Record) -> str:
    label = text(row[f"o_{lang()}"]) or text(row["o_lv"])
    if row["object"] in entities():
        return entity_link(row["object"], " ".join((label or short_id(row["object"])).split()))
    if text(row["o_text"]):
        return cell(f"{label}: {row['o_text']}" if label else row["o_text"])
    return cell(label or row["object"])


def in_page_language(group: list[Record]) -> list[Record]:
    """A property's values: when some are texts in the page's language, only those and the
    values without a language (a title in Latvian and in English shows once)."""
    if not any(text(row["o_lang"]) == lang() for row in group):
        return group
    return [row for row in group if text(row["o_lang"]) in ("", lang())]


def language_note(row: Record) -> str:
    """' (angliski)' / ' (in Latvian)' after a text that is only in the other language."""
    note = other_language_note(text(row["o_lang"]))
    return f" {cell(note)}" if note else ""


def property_name(group: list[Record], predicate: str) -> str:
    """The property's label in the current language (from the p_lv/p_en columns), else its local name."""
    first = group[0]
    return text(first[f"p_{lang()}"]) or text(first["p_lv"]) or local_name(predicate)


def is_technical(fact: Record) -> bool:
    """A fact whose property the ontology marks pres:technical (files, vocabulary)."""
    return fact.get("technical") in (True, 1, "true", "1")


def with_predicate(facts: list[Record], predicate: str) -> list[Record]:
    return [fact for fact in facts if fact["predicate"] == predicate]


def objects(facts: list[Record], predicate: str) -> list:
    return [fact["object"] for fact in with_predicate(facts, predicate)]


def attribute_table(facts: list[Record], technical: bool = False) -> str:
    """The facts as a two-column table in words: what a reader needs, or (technical=True) the
    facts about files and vocabulary that the page keeps under "technical data"."""
    lines = [f"| {t('property')} | {t('value')} |", "|---|---|"]
    kept = [f for f in facts if f["predicate"] not in SHOWN_ELSEWHERE and is_technical(f) == technical]
    for predicate, group in grouped(kept, lambda fact: fact["predicate"]).items():
        values = sorted({value_text(row) + language_note(row) for row in in_page_language(group)})
        lines.append(f"| {cell(property_name(group, predicate))} | {'<br>'.join(values)} |")
    return "\n".join(lines)


def footnotes(facts: list[Record]) -> None:
    notes = with_predicate(facts, str(RSF.footnote))
    if not notes:
        return
    st.markdown(f"**{t('footnotes')}**")
    for row in sorted(notes, key=lambda note: int(local_name(note["object"]))):
        st.markdown(f"<sup>{plain(local_name(row['object']))}</sup> {cell(text(row['o_text']))}", unsafe_allow_html=True)


def pages(facts: list[Record]) -> list[str]:
    return [str(page) for page in page_numbers(objects(facts, str(RSF.page)))]


def facts_of(iri: str) -> list[Record]:
    return rows("entity-out", (("entity", iri),))


def measure_rows(facts: list[Record]) -> None:
    row_iris = sorted(objects(facts, str(RSF.hasRow)), key=lambda iri: int(local_name(iri)))
    st.subheader(t("rows_heading"))
    for row_iri in row_iris:
        row_facts = facts_of(row_iri)
        page_list = pages(row_facts)
        st.markdown(f"**{t('row', n=plain(local_name(row_iri)))}** · {t('source_page', pages=plain(', '.join(page_list)))}")
        st.markdown(attribute_table([f for f in row_facts if f["predicate"] != str(RDF.type)]), unsafe_allow_html=True)
        footnotes(row_facts)
