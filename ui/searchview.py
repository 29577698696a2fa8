"""Search results as every page shows them: ranked by the engine's text index
(kb/engine/search.py), so the CLI and the catalogue's `search` question rank alike; each result
with the kind of thing it is and a snippet showing where it matched; kinds as pills with their
counts. The home page and the search page both use it; the query and the chosen kind are the
URL's `q` and `kind`."""

from __future__ import annotations

import html
from collections import Counter

import streamlit as st

from core.namespaces import RSF
from kb.engine.search import MARK, Hit
from ui.data import entities, entity_label, search_hits, vocabulary
from ui.language import lang, other_language_note, t
from ui.links import anchor, entity_url, page_url
from ui.markup import plain
from ui.state import seed, set_url
from ui.viewdata import local_name

LIMIT = 100
ALL = ""


def kind_of(hit: Hit) -> str:
    return vocabulary().most_specific(hit.classes)


def snippet_markup(snippet: str) -> str:
    """The snippet as text, escaped, with the matched words marked: only the « » the index put
    in become <mark> tags, after everything else was escaped."""
    escaped = plain(snippet)
    opening, closing = (html.escape(m, quote=False) for m in MARK)
    return escaped.replace(opening, "<mark>").replace(closing, "</mark>")


def result_line(hit: Hit) -> str:
    nodes = entities()
    cls = kind_of(hit)
    label = entity_label(hit.entity) if hit.entity in nodes else hit.entity
    number = nodes[hit.entity]["notation"] if hit.entity in nodes and cls == str(RSF.Measure) else ""
    label = f"{number} {label}" if number else label
    kind = vocabulary().label(cls, lang())
    line = f"{anchor(label, entity_url(hit.entity, cls, lang()))} · <small>{plain(kind)}</small>"
    line += measures_link(hit.entity, cls)
    if not hit.in_title and hit.snippet:
        note = f" {plain(written)}" if (written := other_language_note(hit.snippet_lang)) else ""
        line += f"<br><span style='font-size:0.9rem'>{snippet_markup(hit.snippet)}{note}</span>"
    return line


def measures_link(iri: str, cls: str) -> str:
    """For a funding source or an institution, its measures as well: the measure list filtered
    by it is what a reader looking for "ESF" usually wants, more than the source's own facts."""
    if cls == str(RSF.Fund):
        return f" · {anchor(t('search_measures_funded'), page_url('measures', lang(), fund=local_name(iri)))}"
    abbreviation = entities().get(iri, {}).get("notation") if cls == str(RSF.Institution) else None
    if abbreviation:
        return f" · {anchor(t('search_measures_of_institution'), page_url('measures', lang(), institution=abbreviation))}"
    return ""


def kind_filter(hits: list[Hit]) -> str:
    """Pills for the kinds of things found, each with its count; the choice is in the URL."""
    counts = Counter(kind_of(hit) for hit in hits)
    order = {term.iri: term.order for term in vocabulary().classes()}
    kinds = sorted(counts, key=lambda c: (order.get(c, 99), c))
    language = lang()
    names = {ALL: t("search_all_kinds", n=len(hits))}
    names |= {c: f"{vocabulary().term(c).plural_label(language)} ({counts[c]})" for c in kinds}
    seed("search-kind", "kind", lambda value: value if value in names else None)
    if st.session_state["search-kind"] not in names:
        st.session_state["search-kind"] = ALL
    chosen = st.pills(t("search_kind"), [ALL, *kinds], key="search-kind", format_func=names.get) or ALL
    set_url(kind=chosen)
    return chosen


def search_box(key: str, label: str) -> str:
    """The search box, seeded from the URL's `q` (and again after Back); Enter searches."""
    seed(key, "q")
    text = st.text_input(label, key=key, placeholder=t("home_search_placeholder"))
    set_url(q=text.strip())
    return text.strip()


def show_results(text: str) -> None:
    hits = search_hits(text, LIMIT)
    if not hits:
        st.info(t("search_nothing", text=plain(text)))
        return
    chosen = kind_filter(hits)
    shown = [hit for hit in hits if chosen == ALL or kind_of(hit) == chosen]
    st.caption(t("search_found", n=len(shown), text=plain(text)))
    st.markdown("\n\n".join(result_line(hit) for hit in shown), unsafe_allow_html=True)
    if len(hits) == LIMIT:
        st.caption(t("search_more", n=LIMIT))
