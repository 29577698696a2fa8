"""Coherence: measures × national policy documents, the institutions network, funding mix, hubs."""

from __future__ import annotations

import math
import textwrap
from collections import Counter

import networkx as nx
import plotly.graph_objects as go
import streamlit as st

from core.ordering import measure_sort_key, natural_key
from core.pointnames import point_name_of
from ui import coherence, facets
from ui import graph as kbgraph
from ui.components import PLOTLY_CONFIG, detail_url, show_table
from ui.data import entities, entity_label, graph, rows, term_label, vocabulary
from ui.formats import number, separators
from ui.language import lang, t
from ui.markup import plotly_lines, plotly_text
from ui.page import page
from ui.palette import fund_colours
from ui.state import UrlParams
from ui.tables import Link, Table, TableColumn
from ui.viewdata import Record

URL = UrlParams()


def documents() -> None:
    st.subheader(t("matrix_measures_documents"))
    codes = {n: d["notation"] or d["label_lv"] for n, d in entities().items()}
    measures = {row["measure_id"]: row["measure"] for row in rows("measures")}
    matrix = coherence.document_matrix(rows("measure-documents"), codes, list(measures))
    if not matrix.documents:
        st.info(t("no_results"))
        return
    st.caption(t("matrix_documents_note"))
    table = Table(
        [TableColumn(t("measure")), *(TableColumn(code) for code in matrix.documents)],
        [[measure_cell(m, measures), *matrix.row(m)] for m in matrix.measures],
    )
    show_table(table, "measures-documents", t("matrix_measures_documents"))


def measure_cell(measure_id: str, iris: dict[str, str]) -> Link | str:
    """A measure's number as a link to its card."""
    return Link(measure_id, detail_url(iris[measure_id])) if measure_id in iris else measure_id


def institution_cell(node: str, language: str) -> Link | str:
    """An institution by its abbreviation, as a link to its page."""
    g = graph()
    return Link(kbgraph.short_label(g, node, language), detail_url(node)) if node in g else node


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
            text=[plotly_text(kbgraph.short_label(g, n, language)) if n in g else n for n in nodes],
            textposition="top center",
            textfont={"size": 13, "color": "#262730", "shadow": "0 0 3px #ffffff, 0 0 3px #ffffff"},  # legible over arrows
            hovertext=[plotly_text(node_title(n, language)) for n in nodes],
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
            plotly_text(f"{name(u)} → {name(v)}: {t('shared_measures')} {number(d['weight'], language)} ({measure_list(d)})")
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
    network = kbgraph.institution_network(rows("institution-roles"))
    if not network.number_of_edges():
        st.info(t("no_results"))
        return
    st.plotly_chart(network_figure(network, language), config=PLOTLY_CONFIG, alt=t("institution_network_alt"))
    columns = [
        TableColumn(t("responsible")),
        TableColumn(t("co_responsible")),
        TableColumn(t("shared_measures"), "number"),
        TableColumn(t("measures")),
    ]
    edges = [
        [institution_cell(u, language), institution_cell(v, language), d["weight"], measure_list(d)]
        for u, v, d in sorted(network.edges(data=True), key=lambda e: -e[2]["weight"])
    ]
    show_table(Table(columns, edges), "institution-pairs", t("institution_network"))


def funding() -> None:
    st.subheader(t("funding_mix"))
    mix = coherence.funding_mix(rows("measure-points"), rows("measure-funds"))
    if not mix:
        st.info(t("no_results"))
        return
    language = lang()
    funds = rows("options-funds")
    names = {row["value"]: facets.short_name(row[f"label_{language}"] or row["label_lv"]) for row in funds}
    for row in mix:
        row["area"] = point_name_of(row["area_notation"], language)
        row["fund"] = names.get(row["fund_code"], row["fund_code"])
    colours = fund_colours(row["value"] for row in funds)  # every fund of the KB: the same colours in every chart
    st.plotly_chart(funding_figure(mix, colours, language), config=PLOTLY_CONFIG, alt=t("funding_mix_alt"))
    st.caption(t("funding_mix_note"))
    with st.expander(t("matrix_table")):
        columns = {
            "area": TableColumn(t("area")),
            "fund": TableColumn(t("fund")),
            "count": TableColumn(t("measure_count"), "number"),
        }
        show_table(Table.of(mix, columns), "funding-mix", t("funding_mix"))


BAR_PX = 24  # one area's bar
LEGEND_LINE = 28  # characters: a phone has ~200 px beside the areas' names for the legend
LEGEND_ROW_PX = 22  # one fund in the legend, where a phone has room for one per line
LEGEND_LINE_PX = 16  # each further line of a long fund name
LEGEND_TITLE_PX = 24


def funding_figure(mix: list[Record], colours: dict[str, str], language: str) -> go.Figure:
    """Areas (Recommendation order, top down) × stacked bars, one colour per fund, named in a
    legend under the chart: horizontal, so a wide screen puts several funds on a line and a
    phone one per line, with full names (codes meant nothing to a reader)."""
    areas = list(dict.fromkeys(row["area"] for row in mix))
    codes = sorted({row["fund_code"] for row in mix}, key=natural_key)
    bars = [fund_bar(code, [row for row in mix if row["fund_code"] == code], colours, language) for code in codes]
    legend_px = LEGEND_TITLE_PX + sum(LEGEND_ROW_PX + LEGEND_LINE_PX * bar.name.count("<br>") for bar in bars)  # one per line
    figure = go.Figure(bars)
    figure.update_layout(
        barmode="stack",
        separators=separators(language),
        height=BAR_PX * len(areas) + legend_px + 90,  # the axis on top, the legend as a phone shows it
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        plot_bgcolor="#ffffff",
        hovermode="closest",
        # The count's axis on top, so the legend can sit right under the bars.
        xaxis={
            "title": {"text": t("measure_count")},
            "side": "top",
            "tickformat": "d",
            "dtick": tick_step(mix),
            "gridcolor": "#e6e6e6",
            "fixedrange": True,
        },
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [plotly_text(area) for area in areas],
            "autorange": "reversed",
            "automargin": True,
            "tickfont": {"size": 12},
            "fixedrange": True,
        },
        legend={
            "title": {"text": t("fund"), "side": "top"},
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -0.01,
            "yanchor": "top",
            "font": {"size": 12},
            "traceorder": "normal",
            "maxheight": legend_px,  # all of it, no scroll bar (Plotly's default is half the figure)
        },
    )
    return figure


def tick_step(mix: list[Record]) -> int:
    """Whole measures, and few enough ticks (at most 8) for a phone."""
    totals: Counter[str] = Counter()
    for row in mix:
        totals[row["area"]] += row["count"]
    return max(1, math.ceil(max(totals.values()) / 8))


def legend_name(name: str) -> str:
    """A fund's full name on lines of a phone's width (Plotly does not wrap legend text; it reads tags, so escaped)."""
    return plotly_lines(textwrap.wrap(name, LEGEND_LINE)) or plotly_text(name)


def fund_bar(code: str, rows_of_fund: list[Record], colours: dict[str, str], language: str) -> go.Bar:
    """One fund's part of every area's bar; the hover names area, fund and count (escaped: Plotly reads tags)."""
    return go.Bar(
        orientation="h",
        name=legend_name(rows_of_fund[0]["fund"]),
        x=[row["count"] for row in rows_of_fund],
        y=[plotly_text(row["area"]) for row in rows_of_fund],
        marker={"color": colours[code], "line": {"width": 0}},
        hovertext=[
            plotly_lines((row["area"], row["fund"], f"{t('measure_count')}: {number(row['count'], language)}"))
            for row in rows_of_fund
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def hubs() -> None:
    st.subheader(t("hubs"))
    st.caption(t("hubs_note"))
    columns = {
        "entity": TableColumn(t("entity")),
        "cls": TableColumn(t("class")),
        "degree": TableColumn(t("links"), "number"),
        "betweenness": TableColumn(t("betweenness"), "number", decimals=3),  # 0.001 is not 0
    }
    found = [
        row | {"entity": Link(entity_label(row["entity"]), detail_url(row["entity"])), "cls": term_label(row["cls"])}
        for row in coherence.hubs(graph(), vocabulary())[:15]
    ]
    show_table(Table.of(found, columns), "hubs", t("hubs"))


def main() -> None:
    st.write(t("coherence_intro"))
    documents()
    institutions()
    funding()
    hubs()


page("page_coherence", URL, main)
