"""Paths between two things of the plan that explain something: the k shortest, optionally
around the hubs (a path through the state budget says only that both are paid from it), each
step named by its relation. Pure functions over the networkx projection (ui/graph.py)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from ui.graph import restrict

MAX_PATHS = 5


@dataclass(frozen=True)
class Step:
    """One hop of a path: `source` and `target` in the path's order; `forward` when the
    relation points that way in the plan (4.21 —funded by→ ESF), else the other way."""

    source: str
    target: str
    relation: str
    forward: bool


def simple_view(graph: nx.MultiDiGraph, relations: list[str], avoid: set[str] | frozenset[str] = frozenset()) -> nx.Graph:
    """The undirected graph a path may walk: only `relations`, without the nodes in `avoid`.
    Built edge by edge in the graph's own (sorted) order: networkx's undirected view of a
    directed graph lists a node's neighbours from a set, whose order changes from process to
    process, and with it which of several equally short paths comes first."""
    view = nx.Graph()
    view.add_nodes_from(n for n in graph.nodes if n not in avoid)
    view.add_edges_from(
        (u, v) for u, v, d in graph.edges(data=True) if d["relation"] in relations and u not in avoid and v not in avoid
    )
    return view


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    relations: list[str],
    k: int = 1,
    avoid: set[str] | frozenset[str] = frozenset(),
) -> list[list[str]]:
    """Up to `k` shortest simple paths, shortest first, never through `avoid` (its ends may be
    in it: a path from the state budget starts there). Empty when there is none."""
    if source not in graph or target not in graph:
        return []
    view = simple_view(graph, relations, set(avoid) - {source, target})
    if source == target:
        return [[source]]
    try:
        return [list(path) for path in islice(nx.shortest_simple_paths(view, source, target), max(k, 1))]
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def steps(graph: nx.MultiDiGraph, path: list[str], relations: list[str]) -> list[Step]:
    """Each hop with the relation that makes it; of several, the first in `relations`' order."""
    order = {relation: i for i, relation in enumerate(relations)}
    found = []
    for a, b in pairwise(path):
        links = [(order[d["relation"]], d["relation"], True) for d in _edges(graph, a, b) if d["relation"] in order]
        links += [(order[d["relation"]], d["relation"], False) for d in _edges(graph, b, a) if d["relation"] in order]
        _, relation, forward = min(links) if links else (0, "", True)
        found.append(Step(a, b, relation, forward))
    return found


def _edges(graph: nx.MultiDiGraph, a: str, b: str) -> list[dict]:
    return list(graph.get_edge_data(a, b, default={}).values())


def paths_graph(graph: nx.MultiDiGraph, paths: list[list[str]], relations: list[str]) -> nx.MultiDiGraph:
    """The nodes of `paths` and the chosen relations between consecutive nodes."""
    hops = {frozenset(pair) for path in paths for pair in pairwise(path)}
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for path in paths for n in path)
    sub.add_edges_from(
        (u, v, k, d) for u, v, k, d in restrict(graph, relations).edges(keys=True, data=True) if frozenset((u, v)) in hops
    )
    return sub


def paths_layout(paths: list[list[str]], width: float = 900.0, row: float = 170.0) -> dict[str, tuple[float, float]]:
    """Left to right along each path, one row per path; a node shared with an earlier path keeps
    its place, so the first (shortest) path is the line the others bend around. Steps shrink
    with the path's length, so most paths fit in view; every other node sits a little lower,
    so neighbouring names do not run into each other."""
    longest = max((len(p) - 1 for p in paths), default=1) or 1
    step = max(150.0, min(260.0, width / longest))
    zigzag = 0.0 if step >= 240 else ZIGZAG
    positions: dict[str, tuple[float, float]] = {}
    for index, path in enumerate(paths):
        offset = (index + 1) // 2 * row * (1 if index % 2 else -1)
        span = max(len(path) - 1, 1)
        for position, node in enumerate(path):
            positions.setdefault(node, (position * step * longest / span, offset + zigzag * (position % 2)))
    return positions


ZIGZAG = 60.0  # how much lower every other node of a long path sits
ROOM_FOR_RELATIONS = 4  # hops up to which the drawing names each hop's relation (the text always does)
