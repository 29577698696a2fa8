"""Coherence: measures × national policy documents, the institutions network, funding mix, hubs."""

from __future__ import annotations

import html

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.ordering import measure_sort_key, natural_key
from core.pointnames import point_name_of
from ui import coherence, facets
from ui import graph as kbgraph
from ui.data import entity_label, graph, term_label, view, vocabulary
from ui.formats import number, styled, vega_locale
from ui.language import lang, t
from ui.page import page
from ui.palette import fund_colours
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


def network_figure(network: nx.DiGraph, language: str) -> go.Figure:
    """Institutions as labelled dots (abbreviations at 13 px, full names on hover: Plotly keeps
    text at its pixel size however the drawing is scaled, where vis.js shrank the labels
    out of sight), arrows from responsible to co-responsible, wider for more shared measures."""
    g = graph()
    positions = kbgraph.layout(network)
    nodes = list(network)
    figure = go.Figure()
    figure.add_trace(edge_markers(network, positions, language))
    figure.add_trace(
        go.Scatter(
            x=[positions[n][0] for n in nodes],
            y=[positions[n][1] for n in nodes],
            mode="markers+text",
            text=[html.escape(kbgraph.short_label(g, n, language)) if n in g else n for n in nodes],
            textposition="top center",
            textfont={"size": 13, "color": "#262730", "shadow": "0 0 3px #ffffff, 0 0 3px #ffffff"},  # legible over arrows
            hovertext=[html.escape(node_title(n, language)) for n in nodes],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"size": 16, "color": [node_colour(n) for n in nodes], "line": {"width": 1, "color": "#ffffff"}},
        )
    )
    hidden = {"visible": False, "fixedrange": True}
    figure.update_layout(
        annotations=arrows(network, positions),
        height=460,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        showlegend=False,
        plot_bgcolor="#ffffff",
        xaxis=hidden,
        yaxis=hidden | {"scaleanchor": None},
        hovermode="closest",
    )
    return figure


def node_title(node: str, language: str) -> str:
    g = graph()
    if node not in g:
        return node
    return f"{kbgraph.node_label(g, node, language)} · {term_label(g.nodes[node]['cls'])}"


def node_colour(node: str) -> str:
    """The class's colour from the ontology (institution, group of institutions)."""
    g = graph()
    term = vocabulary().term(g.nodes[node]["cls"]) if node in g else None
    return (term.colour if term else "") or "#bbbbbb"


def arrows(network: nx.DiGraph, positions: dict[str, tuple[float, float]]) -> list[dict]:
    return [
        {
            "x": positions[v][0],
            "y": positions[v][1],
            "ax": positions[u][0],
            "ay": positions[u][1],
            "xref": "x",
            "yref": "y",
            "axref": "x",
            "ayref": "y",
            "showarrow": True,
            "arrowhead": 2,
            "arrowsize": 1,
            "arrowwidth": 1 + data["weight"],
            "arrowcolor": "#9e9e9e",
            "standoff": 9,
            "startstandoff": 9,
            "text": "",
        }
        for u, v, data in network.edges(data=True)
    ]


def edge_markers(network: nx.DiGraph, positions: dict[str, tuple[float, float]], language: str) -> go.Scatter:
    """An invisible marker mid-arrow that names the pair and their shared measures on hover."""
    g = graph()

    def name(node: str) -> str:
        return kbgraph.short_label(g, node, language) if node in g else node

    edges = list(network.edges(data=True))
    return go.Scatter(
        x=[(positions[u][0] + positions[v][0]) / 2 for u, v, _ in edges],
        y=[(positions[u][1] + positions[v][1]) / 2 for u, v, _ in edges],
        mode="markers",
        marker={"size": 12, "color": "rgba(0,0,0,0)"},
        hovertext=[
            html.escape(f"{name(u)} → {name(v)}: {t('shared_measures')} {number(d['weight'], language)} ({measure_list(d)})")
            for u, v, d in edges
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def measure_list(data: dict) -> str:
    return ", ".join(sorted((m.rsplit("/", 1)[-1] for m in data["measures"]), key=measure_sort_key))


def institutions() -> None:
    st.subheader(t("institution_network"))
    st.caption(t("institution_network_note"))
    language = lang()
    network = kbgraph.institution_network(view("institution-roles"))
    if not network.number_of_edges():
        st.info(t("no_results"))
        return
    st.plotly_chart(network_figure(network, language), config={"displayModeBar": False}, alt=t("institution_network_alt"))
    g = graph()
    edges = [
        {
            "from": kbgraph.short_label(g, u, language) if u in g else u,
            "to": kbgraph.short_label(g, v, language) if v in g else v,
            "weight": d["weight"],
            "measures": measure_list(d),
        }
        for u, v, d in sorted(network.edges(data=True), key=lambda e: -e[2]["weight"])
    ]
    st.dataframe(
        styled(pd.DataFrame(edges), {"weight": "number"}, language),
        hide_index=True,
        column_config={
            "from": t("responsible"),
            "to": t("co_responsible"),
            "weight": st.column_config.NumberColumn(t("shared_measures"), alignment="right"),
            "measures": t("measures"),
        },
    )


def funding() -> None:
    st.subheader(t("funding_mix"))
    mix = coherence.funding_mix(view("measure-points"), view("measure-funds"))
    if mix.empty:
        st.info(t("no_results"))
        return
    language = lang()
    funds = view("options-funds")
    names = {
        row.value: facets.short_name(getattr(row, f"label_{language}") or row.label_lv) for row in funds.itertuples(index=False)
    }
    colours = fund_colours(funds["value"])  # every fund of the KB: the same colours in every chart
    mix = mix.assign(
        area=[point_name_of(area, language) for area in mix["area_notation"]],
        fund=[names.get(code, code) for code in mix["fund_code"]],
    )
    shown = sorted(set(mix["fund_code"]), key=natural_key)
    # A Vega-Lite spec, not altair: altair's import (with jsonschema) cost this page ~0.13 s and ~22 MB.
    chart = {
        "mark": "bar",
        "encoding": {
            "y": {
                "field": "area",
                "type": "nominal",
                "sort": list(dict.fromkeys(mix["area"])),
                "title": None,
                "axis": {"labelLimit": 260, "labelFontSize": 12},
            },
            "x": {
                "field": "count",
                "type": "quantitative",
                "title": t("measure_count"),
                "axis": {"format": "d", "tickMinStep": 1},
            },
            # By name, one per line, a long one ending in "…" (the legend starts where the bars
            # do, so a phone has ~200 px for it): three columns of codes ran off a phone's screen.
            "color": {
                "field": "fund",
                "type": "nominal",
                "title": t("fund"),
                "scale": {"domain": [names.get(code, code) for code in shown], "range": [colours[code] for code in shown]},
                "legend": {
                    "orient": "bottom",
                    "direction": "vertical",
                    "labelLimit": 180,
                    "labelFontSize": 12,
                    "symbolType": "square",
                },
            },
            "order": {"field": "fund_code", "type": "nominal"},
            "tooltip": [
                {"field": "area", "type": "nominal", "title": t("area")},
                {"field": "fund", "type": "nominal", "title": t("fund")},
                {"field": "count", "type": "quantitative", "title": t("measure_count"), "format": "d"},
            ],
        },
        "config": {"locale": {"number": vega_locale(language)}},
    }
    st.vega_lite_chart(mix, chart, width="stretch")
    st.caption(t("funding_mix_note"))


def hubs() -> None:
    st.subheader(t("hubs"))
    st.caption(t("hubs_note"))
    table = coherence.hubs(graph(), vocabulary()).head(15)
    table = table.assign(entity=[entity_label(n) for n in table["entity"]], cls=[term_label(c) for c in table["cls"]])[
        ["entity", "cls", "degree", "betweenness"]
    ]
    language = lang()
    shown = table.style.format({"degree": lambda v: number(v, language), "betweenness": lambda v: number(v, language, 3)})
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            "entity": t("entity"),
            "cls": t("class"),
            "degree": st.column_config.NumberColumn(t("links"), alignment="right"),
            "betweenness": st.column_config.NumberColumn(t("betweenness"), alignment="right"),
        },
    )


def main() -> None:
    st.write(t("coherence_intro"))
    documents()
    institutions()
    funding()
    hubs()


page("page_coherence", URL, main)
