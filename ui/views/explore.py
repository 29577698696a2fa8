"""Explore: a neighbourhood of any entity drawn with pyvis, and shortest paths (networkx)."""

from __future__ import annotations

import streamlit as st

from core.vocabulary import ontology_vocabulary
from ui import graph as kbgraph
from ui.components import draw_graph, entity_link, entity_picker, node_classes
from ui.data import entity_label, graph, term_label, vocabulary
from ui.language import lang, t
from ui.page import page
from ui.state import UrlParams, int_in, seed, set_url
from ui.viewdata import local_name

LIMITS = (50, 100, 150, 200, 300, 400)
URL = UrlParams(
    {
        "entity": "fund/ESF",
        # The ontology's default relations (pres:defaultRelation), read from its files at import.
        "rel": ",".join(local_name(r.iri) for r in ontology_vocabulary().relations("default_relation")),
        "depth": "2",
        "limit": "150",
        "from": "fund/ESF",  # the shortest path's ends
        "to": "recommendation/7c",
    }
)


def relations_from(value: str) -> list[str] | None:
    """Relations named in the URL (`rel=fundedBy,broader`); unknown names are dropped."""
    by_name = {local_name(r.iri): r.iri for r in vocabulary().relations()}
    return [by_name[n] for n in value.split(",") if n in by_name] or None


def relation_choice() -> list[str]:
    seed("explore-relations", "rel", relations_from)
    chosen = st.multiselect(
        t("relations"),
        [r.iri for r in vocabulary().relations()],
        key="explore-relations",
        format_func=term_label,
    )
    set_url(rel=",".join(local_name(r) for r in chosen))
    return chosen


@st.cache_data(show_spinner=False, max_entries=64)
def neighbourhood_html(
    entity: str, depth: int, relations: tuple[str, ...], limit: int, language: str
) -> tuple[str, int, int, int, list[str]]:
    g = graph()
    found = kbgraph.neighbourhood(g, entity, depth, list(relations), limit)
    sub = found.graph
    labels = {n: kbgraph.short_label(g, n, language) for n in sub}
    html = kbgraph.to_html(sub, language, labels, vocabulary())
    return html, sub.number_of_nodes(), sub.number_of_edges(), found.hidden, node_classes(sub)


def draw_neighbourhood(entity: str, relations: list[str]) -> None:
    left, right = st.columns(2)
    seed("explore-depth", "depth", int_in((1, 2, 3)))
    seed("explore-limit", "limit", int_in(LIMITS))
    depth = left.slider(t("depth"), 1, 3, key="explore-depth")
    limit = right.select_slider(t("node_limit"), LIMITS, key="explore-limit")
    set_url(depth=str(depth), limit=str(limit))
    with st.spinner(t("drawing")):
        html, nodes, edges, hidden, classes = neighbourhood_html(entity, depth, tuple(sorted(relations)), limit, lang())
    st.caption(t("graph_size", nodes=nodes, edges=edges))
    if hidden:
        st.warning(t("hidden_nodes", hidden=hidden, total=nodes + hidden))
    draw_graph(html, 640, classes)
    st.markdown(entity_link(entity, t("open_detail", label=entity_label(entity))), unsafe_allow_html=True)


def draw_path(relations: list[str]) -> None:
    st.subheader(t("shortest_path"))
    left, right = st.columns(2)
    with left:
        source = entity_picker("from", "path_from")
    with right:
        target = entity_picker("to", "path_to")
    if not source or not target:
        return
    g = graph()
    path = kbgraph.shortest_path(g, source, target, relations)
    if path is None:
        st.info(t("no_path"))
        return
    st.caption(t("path_length", n=len(path) - 1))
    st.markdown(" → ".join(entity_link(n, kbgraph.short_label(g, n, lang())) for n in path), unsafe_allow_html=True)
    # A second drawing costs a second copy of vis.js in the page, so it is drawn on request.
    if st.toggle(t("draw_path"), key="explore-draw-path"):
        sub = kbgraph.path_graph(g, path, relations)
        html = kbgraph.to_html(sub, lang(), {n: kbgraph.short_label(g, n, lang()) for n in sub}, vocabulary(), height=320)
        draw_graph(html, 340, node_classes(sub))


def main() -> None:
    st.write(t("explore_intro"))
    entity = entity_picker("entity", "entity")
    relations = relation_choice()
    if entity:
        draw_neighbourhood(entity, relations)
    draw_path(relations)


page("page_explore", URL, main)
