"""A networkx projection of the RDF graph for visual traversal, and its pyvis drawing.

Nodes are the entities users talk about (measures, points, institutions, documents,
funds, budget sectors and programmes, footnotes, indicators). Measure-table rows are
folded into their measure, so "4.21 → 10 h)" is one edge, not two."""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx
import pandas as pd
from pyvis.network import Network

from core.namespaces import RSF
from core.vocabulary import Vocabulary
from ui.viewdata import local_name, text


def legend_items(vocabulary: Vocabulary, classes: list[str], lang: str) -> list[tuple[str, str]]:
    """(colour, class name) for the classes drawn, in the ontology's order."""
    terms = [vocabulary.term(c) for c in classes]
    return [(t.colour or "#bbbbbb", t.label(lang)) for t in sorted((t for t in terms if t), key=lambda t: t.order)]


def build_graph(entities: pd.DataFrame, edges: pd.DataFrame, vocabulary: Vocabulary) -> nx.MultiDiGraph:
    """entities: entity, class, label_lv, label_en, notation; edges: source, relation, target.
    An entity with several classes takes the most specific one (the ontology's order)."""
    graph = nx.MultiDiGraph()
    for row in entities.itertuples(index=False):
        known = graph.nodes.get(row.entity)
        if known and vocabulary.most_specific([known["cls"], row.cls]) == known["cls"]:
            continue
        graph.add_node(
            row.entity,
            cls=row.cls,
            label_lv=text(row.label_lv) or text(row.notation) or local_name(row.entity),
            label_en=text(row.label_en) or text(row.label_lv) or local_name(row.entity),
            notation=text(row.notation),
        )
    for row in edges.itertuples(index=False):
        if row.source in graph and row.target in graph:
            graph.add_edge(row.source, row.target, key=row.relation, relation=row.relation)
    return graph


def node_label(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    return node_label_from(graph.nodes[node], lang)


def short_label(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    """Measure and point numbers read better on a crowded canvas than full titles."""
    data = graph.nodes[node]
    if data["cls"] == str(RSF.Measure):
        return local_name(node)
    if data["notation"]:
        return data["notation"]
    label = data[f"label_{lang}"]
    return label if len(label) <= 28 else label[:27] + "…"


def restrict(graph: nx.MultiDiGraph, relations: list[str]) -> nx.MultiDiGraph:
    """The same nodes with only the chosen relation types."""
    view = nx.MultiDiGraph()
    view.add_nodes_from(graph.nodes(data=True))
    view.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if d["relation"] in relations)
    return view


@dataclass
class Neighbourhood:
    graph: nx.MultiDiGraph
    hidden: int  # nodes within reach that the node limit left out


def neighbourhood(graph: nx.MultiDiGraph, start: str, depth: int, relations: list[str], limit: int) -> Neighbourhood:
    """Breadth-first in both directions, nearest nodes first, up to `limit` nodes."""
    view = restrict(graph, relations)
    undirected = view.to_undirected(as_view=True)
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for neighbour in sorted(undirected.neighbors(node)):
            if neighbour not in seen:
                seen[neighbour] = seen[node] + 1
                queue.append(neighbour)
    kept = sorted(seen, key=lambda n: (seen[n], n))[:limit]
    return Neighbourhood(view.subgraph(kept).copy(), len(seen) - len(kept))


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str, relations: list[str]) -> list[str] | None:
    undirected = restrict(graph, relations).to_undirected()
    try:
        return nx.shortest_path(undirected, source, target)
    except nx.NetworkXNoPath:
        return None


def path_graph(graph: nx.MultiDiGraph, path: list[str], relations: list[str]) -> nx.MultiDiGraph:
    view = restrict(graph, relations)
    steps = set(pairwise(path)) | {(b, a) for a, b in pairwise(path)}
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in path)
    sub.add_edges_from((u, v, k, d) for u, v, k, d in view.edges(keys=True, data=True) if (u, v) in steps)
    return sub


def centrality(graph: nx.MultiDiGraph, classes: list[str]) -> pd.DataFrame:
    """Degree and betweenness centrality on the undirected projection, for nodes of `classes`."""
    undirected = nx.Graph(graph.to_undirected())
    degree = nx.degree_centrality(undirected)
    betweenness = nx.betweenness_centrality(undirected)
    rows = [
        {
            "entity": n,
            "cls": d["cls"],
            "degree": undirected.degree(n),
            "degree_centrality": degree[n],
            "betweenness": betweenness[n],
        }
        for n, d in graph.nodes(data=True)
        if d["cls"] in classes
    ]
    return pd.DataFrame(rows).sort_values(["betweenness", "degree"], ascending=False, ignore_index=True)


def institution_network(roles: pd.DataFrame) -> nx.Graph:
    """responsible → co-responsible, weighted by the number of measures they share."""
    network = nx.DiGraph()
    for measure, group in roles.groupby("measure"):
        leads = set(group.loc[group.role == str(RSF.responsible), "institution"])
        partners = set(group.loc[group.role == str(RSF.coResponsible), "institution"])
        for lead in leads:
            for partner in partners - {lead}:
                if network.has_edge(lead, partner):
                    network[lead][partner]["weight"] += 1
                    network[lead][partner]["measures"].append(measure)
                else:
                    network.add_edge(lead, partner, weight=1, measures=[measure])
    return network


_REMOTE_ASSET = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.S)


# vis-network.css embeds ~200 KB of icons for the navigation and manipulation toolbars, which
# these drawings do not show; dropping them makes every drawing load faster.
_UNUSED_ICONS = re.compile(r"url\(\"?data:image/[^)]*\)")


def layout(graph: nx.Graph, size: float = 900.0) -> dict[str, tuple[float, float]]:
    """Positions computed once here (seeded, so a view looks the same every time) instead of
    by vis.js physics in the browser, which takes seconds on a few hundred nodes."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(graph.to_undirected()) if graph.is_directed() else graph
    spread = 1.5 / max(graph.number_of_nodes(), 1) ** 0.5
    positions = nx.spring_layout(simple, seed=7, k=spread, iterations=60)
    return {n: (float(x) * size, float(y) * size) for n, (x, y) in positions.items()}


def to_html(
    graph: nx.MultiDiGraph | nx.DiGraph, lang: str, labels: dict[str, str], vocabulary: Vocabulary, height: int = 620
) -> str:
    """pyvis drawing with vis.js inlined; remote <link>/<script> tags (bootstrap) removed,
    since no CDN is reachable and nothing on the page needs them."""
    network = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    positions = layout(graph)
    for node, data in graph.nodes(data=True):
        cls = data.get("cls", "")
        x, y = positions[node]
        network.add_node(
            node,
            label=labels.get(node, node),
            title=f"{node_label_from(data, lang)}\n{vocabulary.label(cls, lang)}",
            color=(vocabulary.term(cls).colour if vocabulary.term(cls) else "") or "#bbbbbb",
            x=x,
            y=y,
        )
    for u, v, data in graph.edges(data=True):
        relation = data.get("relation")
        title = vocabulary.label(relation, lang) if relation else f"{data.get('weight', 1)}"
        network.add_edge(u, v, title=title, width=float(data.get("weight", 1)))
    options = {
        "interaction": {"hover": True, "navigationButtons": False},
        "physics": {"enabled": False},
        "edges": {"smooth": False},
    }
    network.set_options(json.dumps(options))
    html = network.generate_html(notebook=False)
    return _UNUSED_ICONS.sub("none", _REMOTE_ASSET.sub("", html))


def node_label_from(data: dict, lang: str) -> str:
    """The node's label in `lang`, else Latvian (nodes drawn outside the projection may have none)."""
    return data.get(f"label_{lang}") or data.get("label_lv") or ""
