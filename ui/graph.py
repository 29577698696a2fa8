"""A networkx projection of the RDF graph for visual traversal, and its pyvis drawing.

Nodes are the entities users talk about (measures, points, institutions, documents,
funds, budget sectors and programmes, footnotes, indicators). Measure-table rows are
folded into their measure, so "4.21 → 10 h)" is one edge, not two."""

from __future__ import annotations

import hashlib
import json
import math
import re
import textwrap
from collections import deque
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx
import numpy as np

from core.namespaces import RSF
from core.ordering import natural_key
from core.vocabulary import Vocabulary
from ui.viewdata import Record, entity_nodes, local_name, node_label_from, short_id


def legend_items(vocabulary: Vocabulary, classes: list[str], lang: str) -> list[tuple[str, str]]:
    """(colour, class name) for the classes drawn, in the ontology's order."""
    terms = [vocabulary.term(c) for c in classes]
    return [(t.colour or "#bbbbbb", t.label(lang)) for t in sorted((t for t in terms if t), key=lambda t: t.order)]


def build_graph(entities: list[Record], edges: list[Record], vocabulary: Vocabulary) -> nx.MultiDiGraph:
    """entities: entity, class, label_lv, label_en, notation; edges: source, relation, target."""
    return graph_of(entity_nodes(entities, vocabulary), edges)


def graph_of(nodes: dict[str, dict[str, str]], edges: list[Record]) -> nx.MultiDiGraph:
    """The graph of `nodes` (ui.viewdata.entity_nodes) and the edges between them, taken in a
    sorted order, as the nodes are (ui.viewdata.entity_nodes says why)."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes.items())
    for row in sorted(edges, key=lambda row: (row["source"], row["relation"], row["target"])):
        if row["source"] in graph and row["target"] in graph:
            graph.add_edge(row["source"], row["target"], key=row["relation"], relation=row["relation"])
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


# Hubs: things so many others link to that a picture or a path through them says little (the
# state budget pays for most measures; the plan lists everything). Measures and points are
# never hubs: their links are what the plan is about.
HUB_DEGREE = 15
NEVER_HUBS = (str(RSF.Measure), str(RSF.RecommendationPoint))


def hubs(graph: nx.MultiDiGraph, relations: list[str], degree: int = HUB_DEGREE) -> dict[str, int]:
    """{hub: number of distinct neighbours} over `relations`, most linked first."""
    undirected = restrict(graph, relations).to_undirected(as_view=True)
    found = {
        n: len(set(undirected.neighbors(n)))
        for n, d in graph.nodes(data=True)
        if d["cls"] not in NEVER_HUBS and len(set(undirected.neighbors(n))) >= degree
    }
    return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))


@dataclass
class Neighbourhood:
    graph: nx.MultiDiGraph
    hidden: int  # nodes within reach that the node limit left out
    depth: dict[str, int] = field(default_factory=dict)  # hops from the start (expansions: one more than the node expanded)
    hidden_hubs: list[str] = field(default_factory=list)  # hubs next to a drawn node, left out


def neighbourhood(
    graph: nx.MultiDiGraph,
    start: str,
    depth: int,
    relations: list[str],
    limit: int,
    avoid: set[str] | frozenset[str] = frozenset(),
    expanded: tuple[str, ...] | list[str] = (),
) -> Neighbourhood:
    """Breadth-first in both directions, nearest nodes first, up to `limit` nodes, never
    entering a node of `avoid` (unless it is the start). Then each node of `expanded` that is
    drawn adds its own neighbours, past the limit: the reader asked for them."""
    view = restrict(graph, relations)
    undirected = view.to_undirected(as_view=True)
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for neighbour in sorted(undirected.neighbors(node)):
            if neighbour not in seen and neighbour not in avoid:
                seen[neighbour] = seen[node] + 1
                queue.append(neighbour)
    kept = {n: seen[n] for n in sorted(seen, key=lambda n: (seen[n], n))[:limit]}
    for node in expanded:
        if node in kept:
            for neighbour in sorted(undirected.neighbors(node)):
                if neighbour not in avoid or neighbour == start:
                    kept.setdefault(neighbour, kept[node] + 1)
    # Hubs the walk would have reached: next to a node it went on from, or to an expanded one.
    went_on = [n for n, hops in kept.items() if hops < depth or n in expanded]
    hidden_hubs = sorted({h for n in went_on for h in undirected.neighbors(n)} & set(avoid) - set(kept))
    return Neighbourhood(view.subgraph(kept).copy(), max(len(seen) - limit, 0), kept, hidden_hubs)


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


def centrality(graph: nx.MultiDiGraph, classes: list[str]) -> list[Record]:
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
    return sorted(rows, key=lambda row: (row["betweenness"], row["degree"]), reverse=True)


def institution_network(roles: list[Record]) -> nx.Graph:
    """responsible → co-responsible, weighted by the number of measures they share."""
    network = nx.DiGraph()
    by_measure: dict[str, dict[str, set[str]]] = {}
    for row in roles:
        by_measure.setdefault(row["measure"], {}).setdefault(row["role"], set()).add(row["institution"])
    for measure in sorted(by_measure):
        leads = by_measure[measure].get(str(RSF.responsible), set())
        partners = by_measure[measure].get(str(RSF.coResponsible), set())
        for lead in sorted(leads):
            for partner in sorted(partners - {lead}):
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
    from pyvis.network import Network  # here: pyvis brings IPython and jinja2, for one page's drawing

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


# ------------------------------------------------------------------ the Explore drawing (ui/graphview.js)

LABEL_WIDTH = 22  # characters per line of a node's name on the canvas
LABEL_LINES = 2
NEUTRAL = "#bbbbbb"


def full_name(data: dict, lang: str) -> str:
    """A node's name as a reader says it: a measure with its number ('4.21 Atbalsts …')."""
    name = node_label_from(data, lang)
    if data.get("cls") == str(RSF.Measure) and data.get("notation"):
        return f"{data['notation']} {name}"
    return name


def display_label(data: dict, lang: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """The name on the canvas: at most `lines` short lines, cut with '…' (the full name is
    the node's tooltip), so labels can be drawn large enough to read."""
    name = full_name(data, lang)
    wrapped = textwrap.wrap(name, width) or [name]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip(" ,.;:–-") + "…"
    return "\n".join(wrapped)


def ego_layout(graph: nx.Graph, centre: str | None, depth: dict[str, int] | None = None) -> dict[str, tuple[float, float]]:
    """Positions with `centre` at (0, 0): nodes start on rings by their hops from it and the
    spring model settles them (seeded: the same view looks the same every time). Then the
    picture is scaled so that near neighbours sit a label's width apart, whatever the count."""
    simple = nx.Graph(graph.to_undirected()) if graph.is_directed() else nx.Graph(graph)
    if simple.number_of_nodes() == 0:
        return {}
    if centre not in simple:
        centre = max(simple, key=simple.degree)
    depth = depth or nx.single_source_shortest_path_length(simple, centre)
    rings: dict[int, list[str]] = {}
    for node in sorted(simple, key=lambda n: (depth.get(n, 9), n)):
        rings.setdefault(depth.get(node, 9), []).append(node)
    start = {}
    for ring, nodes in rings.items():
        for i, node in enumerate(nodes):
            angle = 2 * math.pi * i / len(nodes) + ring * 0.4
            start[node] = (ring * math.cos(angle), ring * math.sin(angle))
    n = simple.number_of_nodes()
    # The centre stays put, so the rest settles around it (spring_layout does not rescale then).
    placed = nx.spring_layout(simple, pos=start, fixed=[centre], seed=7, k=2.0 / n**0.5, iterations=80)
    return _spaced({node: (float(x), float(y)) for node, (x, y) in placed.items()})


# Near neighbours this far apart on the canvas (in vis units, 1 px at zoom 1): room for a label.
SPACING = 120.0


def _spaced(positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """`positions` scaled so the typical distance to the nearest node is SPACING."""
    if len(positions) < 2:
        return positions
    points = np.array(list(positions.values()))
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(distances, np.inf)
    typical = float(np.median(distances.min(axis=1))) or 1.0
    factor = SPACING / typical
    return {node: (x * factor, y * factor) for node, (x, y) in positions.items()}


def drawing(
    graph: nx.MultiDiGraph,
    lang: str,
    vocabulary: Vocabulary,
    centre: str | None = None,
    depth: dict[str, int] | None = None,
    paths: list[list[str]] | None = None,
    positions: dict[str, tuple[float, float]] | None = None,
    edge_labels: bool = False,
) -> dict:
    """What ui/graphview.js draws: nodes named in `lang` and coloured by class (the ontology's
    pres:colour), the centre larger, the nodes of `paths` outlined and their hops drawn thick; node
    ids are the short ids the app's URLs use. `key` changes only when the picture does."""
    positions = positions or ego_layout(graph, centre, depth)
    depth = depth or {}
    highlight = {n for path in paths or [] for n in path}
    hops = {frozenset(pair) for path in paths or [] for pair in pairwise(path)}
    nodes = [
        _node(graph.nodes[n], n, lang, vocabulary, positions[n], emphasis(n, centre, depth.get(n), highlight)) for n in graph
    ]
    edges = []
    for u, v, data in graph.edges(data=True):
        name = vocabulary.label(data["relation"], lang) if data.get("relation") else ""
        edge = {"from": short_id(u), "to": short_id(v), "title": name}
        if edge_labels:
            edge["label"] = name
        if frozenset((u, v)) in hops:
            edge.update(width=4, color={"color": "#1a1a1a"})
        edges.append(edge)
    classes = sorted({d["cls"] for _, d in graph.nodes(data=True)})
    legend = [{"colour": colour, "label": label} for colour, label in legend_items(vocabulary, classes, lang)]
    key = hashlib.sha1(json.dumps([nodes, edges, legend], sort_keys=True).encode()).hexdigest()[:16]
    return {"nodes": nodes, "edges": edges, "legend": legend, "key": key, "centre": short_id(centre) if centre else None}


# How much a node stands out: the chosen entity, a node on a path, a neighbour, the rest.
SIZES = {"centre": 26, "path": 18, "near": 17, "far": 12}


def emphasis(node: str, centre: str | None, hops: int | None, highlight: frozenset[str] | set[str]) -> str:
    if node == centre:
        return "centre"
    if node in highlight:
        return "path"
    return "near" if hops == 1 else "far"


def _node(data: dict, node: str, lang: str, vocabulary: Vocabulary, at: tuple[float, float], role: str) -> dict:
    cls = data.get("cls", "")
    term = vocabulary.term(cls)
    colour = (term.colour if term else "") or NEUTRAL
    strong = role in ("centre", "path")
    return {
        "id": short_id(node),
        "name": full_name(data, lang),
        "label": display_label(data, lang),
        "title": f"{full_name(data, lang)}\n{vocabulary.label(cls, lang)}",
        "x": round(at[0], 1),
        "y": round(at[1], 1),
        "size": SIZES[role],
        "borderWidth": 4 if strong else 1,
        "color": {
            "background": colour,
            "border": "#000000" if strong else "#3a3a3a",
            "highlight": {"background": colour, "border": "#000000"},
        },
        "font": {"size": 17, "color": "#000000"} if strong else {},
    }


# ------------------------------------------------------------------ a node's surroundings in words


@dataclass(frozen=True)
class NeighbourGroup:
    relation: str
    outgoing: bool  # the node → its neighbours (4.21 → its responsible institution), else ←
    nodes: list[str]


def neighbour_groups(graph: nx.MultiDiGraph, node: str, relations: list[str]) -> list[NeighbourGroup]:
    """The node's neighbours by relation, in the relations' order, its own links before the
    links to it; each group in name order of the nodes' short ids."""
    groups = []
    for relation in relations:
        outgoing = {v for _, v, d in graph.out_edges(node, data=True) if d["relation"] == relation}
        incoming = {u for u, _, d in graph.in_edges(node, data=True) if d["relation"] == relation}
        groups += [NeighbourGroup(relation, True, sorted(outgoing, key=_natural))] if outgoing else []
        groups += [NeighbourGroup(relation, False, sorted(incoming, key=_natural))] if incoming else []
    return sorted(groups, key=lambda g: not g.outgoing)


def neighbour_classes(graph: nx.MultiDiGraph, node: str, relations: list[str]) -> dict[str, int]:
    """{class: number of distinct neighbours of that class} over `relations`."""
    counts: dict[str, int] = {}
    for neighbour in {n for group in neighbour_groups(graph, node, relations) for n in group.nodes}:
        cls = graph.nodes[neighbour]["cls"]
        counts[cls] = counts.get(cls, 0) + 1
    return counts


def _natural(node: str) -> tuple:
    return natural_key(short_id(node))
