"""Coherence: measures × national policy documents, the institutions network, funding mix, hubs."""

from __future__ import annotations

import altair as alt
import streamlit as st

from ui import coherence
from ui import graph as kbgraph
from ui.components import draw_graph
from ui.data import entity_label, graph, term_label, view, vocabulary
from ui.language import lang, t
from ui.page import page
from ui.state import UrlParams

URL = UrlParams()


def documents() -> None:
    st.subheader(t("matrix_measures_documents"))
    g = graph()
    codes = {n: d["notation"] or d["label_lv"] for n, d in g.nodes(data=True)}
    table = coherence.document_matrix(view("measure-documents"), codes, list(view("measures")["measure_id"]))
    if table.empty:
        st.info(t("no_results"))
        return
    st.caption(t("matrix_documents_note"))
    table.index = table.index.set_names(t("measure"))
    st.dataframe(table, height=min(36 * (len(table) + 1), 900))


@st.cache_data(show_spinner=False)
def network_html(language: str) -> tuple[str, list[dict]]:
    g = graph()
    network = kbgraph.institution_network(view("institution-roles"))
    for node in network:
        network.nodes[node].update(g.nodes[node] if node in g else {})
    labels = {n: kbgraph.short_label(g, n, language) if n in g else n for n in network}
    edges = [
        {
            "from": labels[u],
            "to": labels[v],
            "weight": d["weight"],
            "measures": ", ".join(sorted(m.rsplit("/", 1)[-1] for m in d["measures"])),
        }
        for u, v, d in sorted(network.edges(data=True), key=lambda e: -e[2]["weight"])
    ]
    return kbgraph.to_html(network, language, labels, vocabulary(), height=480), edges


def institutions() -> None:
    st.subheader(t("institution_network"))
    st.caption(t("institution_network_note"))
    with st.spinner(t("drawing")):
        html, edges = network_html(lang())
    if not edges:
        st.info(t("no_results"))
        return
    draw_graph(html, 500)
    st.dataframe(
        edges,
        hide_index=True,
        column_config={
            "from": t("responsible"),
            "to": t("co_responsible"),
            "weight": t("shared_measures"),
            "measures": t("measures"),
        },
    )


def funding() -> None:
    st.subheader(t("funding_mix"))
    mix = coherence.funding_mix(view("measure-points"), view("measure-funds"))
    if mix.empty:
        st.info(t("no_results"))
        return
    order = list(dict.fromkeys(mix["area_notation"]))
    chart = (
        alt.Chart(mix)
        .mark_bar()
        .encode(
            x=alt.X("area_notation:N", sort=order, title=t("area")),
            y=alt.Y("count:Q", title=t("measure_count")),
            color=alt.Color("fund_code:N", title=t("fund")),
            tooltip=["area_notation", "fund_code", "count"],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.caption(t("funding_mix_note"))


def hubs() -> None:
    st.subheader(t("hubs"))
    st.caption(t("hubs_note"))
    table = coherence.hubs(graph(), vocabulary()).head(15)
    table = table.assign(entity=[entity_label(n) for n in table["entity"]], cls=[term_label(c) for c in table["cls"]])[
        ["entity", "cls", "degree", "betweenness"]
    ]
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "entity": t("entity"),
            "cls": t("class"),
            "degree": t("links"),
            "betweenness": st.column_config.NumberColumn(t("betweenness"), format="%.3f"),
        },
    )


def main() -> None:
    st.write(t("coherence_intro"))
    documents()
    left, right = st.columns(2)
    with left:
        institutions()
    with right:
        hubs()
    funding()


page("page_coherence", URL, main)
