"""Explore: search first, then the thing's neighbourhood drawn around it (ui/graphview.py):
click a node for its summary beside the graph, double-click (or the button) to expand it,
hubs hidden by default; on a phone, a list of its neighbours instead. Below, the k shortest
paths between two things, around the hubs by default, in words and drawn."""

from __future__ import annotations

import streamlit as st

from ui import explorepanel as panel
from ui import graph as kbgraph
from ui import paths as kbpaths
from ui.components import entity_picker
from ui.data import graph, term_label, vocabulary
from ui.graphview import clicked, graph_view
from ui.language import lang, t
from ui.markup import plain
from ui.page import page
from ui.state import UrlParams, int_in, seed, set_url, url_value
from ui.viewdata import full_iri, local_name, short_id

LIMITS = (50, 100, 150, 200, 300, 400)
PATH_COUNTS = (1, 2, 3, 4, 5)
URL = UrlParams(
    {
        "entity": "fund/ESF",
        # The ontology's default relations (pres:defaultRelation), from the KB's vocabulary as
        # every other list of relations here: reading the ontology's files loaded rdflib's
        # graph and pyoxigraph into the server (~16 MB) for this one list.
        "rel": ",".join(local_name(r.iri) for r in vocabulary().relations("default_relation")),
        "depth": "2",
        "limit": "150",
        "hubs": "hide",  # hide | show
        "expand": "",  # nodes whose neighbours the reader added, as short ids
        "from": "fund/ESF",  # the paths' ends
        "to": "recommendation/7c",
        "k": "1",
        "around": "hubs",  # hubs | through: paths go around the hubs, or may pass through them
    }
)
GRAPH_KEY = "explore-graph"
PATH_KEY = "explore-path-graph"
SELECTED = "explore-selected"  # (entity, node clicked): the inspector's node
EXPAND = "explore-expand-request"
RESET = "explore-reset-request"
# Below 640 px the graph gives way to the list of neighbours; Streamlit's Python side does not
# know the width, so both are sent and CSS shows one.
STYLE = """<style>
@media (max-width: 640px) { .st-key-explore-graph-box, .st-key-explore-path-box { display: none !important; } }
@media (min-width: 641px) { .st-key-explore-list-box { display: none !important; } }
</style>"""


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


def on_off(on: str):
    """A `seed` parser for a two-valued URL parameter: True for `on`, False for anything else known."""
    return lambda value: {on: True}.get(value, False if value else None)


@st.cache_data(show_spinner=False, max_entries=8)
def hubs_of(relations: tuple[str, ...]) -> dict[str, int]:
    return kbgraph.hubs(graph(), list(relations))


# ------------------------------------------------------------------ clicks and expansions


def on_select() -> None:
    node = clicked(GRAPH_KEY, "select")
    if node:
        st.session_state[SELECTED] = (url_value("entity"), full_iri(node))


def on_expand() -> None:
    node = clicked(GRAPH_KEY, "expand")
    if node:
        st.session_state[EXPAND] = full_iri(node)
        st.session_state[SELECTED] = (url_value("entity"), full_iri(node))


def expanded_nodes(entity: str) -> list[str]:
    """The URL's expansions, with this run's request (a double click, the button) applied.
    Choosing another entity starts afresh."""
    if short_id(entity) != url_value("entity"):
        st.session_state.pop(EXPAND, None)
        set_url(expand=None)
        return []
    if st.session_state.pop(RESET, False):
        set_url(expand=None)
        return []
    g = graph()
    nodes = [full_iri(n) for n in url_value("expand").split(",") if n]
    nodes = [n for n in nodes if n in g]
    request = st.session_state.pop(EXPAND, None)
    if request in g:
        nodes = [n for n in nodes if n != request] if request in nodes else [*nodes, request]
        set_url(expand=",".join(short_id(n) for n in nodes) or None)
    return nodes


def selected_node(entity: str, drawn: set[str]) -> str:
    chosen_for, node = st.session_state.get(SELECTED, (None, None))
    return node if chosen_for == short_id(entity) and node in drawn else entity


# ------------------------------------------------------------------ the neighbourhood


@st.cache_data(show_spinner=False, max_entries=64)
def neighbourhood_drawing(
    entity: str, depth: int, relations: tuple[str, ...], limit: int, hide_hubs: bool, expanded: tuple[str, ...], language: str
) -> dict:
    hubs = set(hubs_of(relations)) - {entity} if hide_hubs else set()
    found = kbgraph.neighbourhood(graph(), entity, depth, list(relations), limit, hubs, expanded)
    sub = found.graph
    data = kbgraph.drawing(sub, language, vocabulary(), centre=entity, depth=found.depth)
    data.update(nodes_total=sub.number_of_nodes(), edges_total=sub.number_of_edges(), hidden=found.hidden)
    data.update(hidden_hubs=found.hidden_hubs, drawn=sorted(sub))
    return data


def graph_settings() -> tuple[int, int, bool]:
    seed("explore-depth", "depth", int_in((1, 2, 3)))
    seed("explore-limit", "limit", int_in(LIMITS))
    seed("explore-hubs", "hubs", on_off("hide"))
    left, middle, right = st.columns([2, 2, 3], vertical_alignment="bottom")
    depth = left.slider(t("depth"), 1, 3, key="explore-depth")
    limit = middle.select_slider(t("node_limit"), LIMITS, key="explore-limit")
    hide = right.toggle(t("explore_hide_hubs"), key="explore-hubs", help=t("explore_hide_hubs_help"))
    set_url(depth=str(depth), limit=str(limit), hubs="hide" if hide else "show")
    return depth, limit, hide


def hubs_note(data: dict, relations: tuple[str, ...]) -> None:
    if not data["hidden_hubs"]:
        return
    degrees = hubs_of(relations)
    names = ", ".join(t("explore_hub", name=panel.name(h), n=degrees[h]) for h in data["hidden_hubs"])
    st.info(t("explore_hubs_hidden", names=plain(names)), icon=":material/visibility_off:")


def draw_neighbourhood(entity: str, relations: list[str]) -> None:
    depth, limit, hide = graph_settings()
    expanded = expanded_nodes(entity)
    key = tuple(sorted(relations))
    with st.spinner(t("drawing")):
        data = neighbourhood_drawing(entity, depth, key, limit, hide, tuple(expanded), lang())
    st.caption(t("graph_size", nodes=data["nodes_total"], edges=data["edges_total"]))
    if data["hidden"]:
        st.warning(t("hidden_nodes", hidden=data["hidden"], total=data["nodes_total"] + data["hidden"]))
    hubs_note(data, key)
    selected = selected_node(entity, set(data["drawn"]))
    canvas, side = st.columns([3, 1])
    with canvas:
        graph_view(view_data(data, selected, 600, expandable=True), GRAPH_KEY, on_select, on_expand)
    with side, st.container(border=True):
        panel.inspector(selected, relations)
        expand_buttons(entity, selected, expanded)


def view_data(data: dict, selected: str | None, height: int, expandable: bool) -> dict:
    """The drawing plus what the component needs to say, in the page's language; a drawing
    that cannot expand (the paths) sends no clicks either."""
    texts = {
        "fit": t("explore_fit"),
        "touch": t("explore_touch"),
        "done": t("explore_touch_done"),
        "legend": t("legend"),
        "names": t("explore_names"),
        "canvas": t("explore_canvas"),
    }
    keep = ("nodes", "edges", "legend", "key", "centre")
    chosen = short_id(selected) if selected else None
    return {**{k: data[k] for k in keep}, "texts": texts, "height": height, "expandable": expandable, "selected": chosen}


def expand_buttons(entity: str, selected: str, expanded: list[str]) -> None:
    """Expand or fold the inspected node; reset drops every expansion and the selection. The
    buttons' callbacks run before the next page run, which then draws the result once."""
    if selected != entity:
        label = t("explore_collapse") if selected in expanded else t("explore_expand")
        st.button(
            label, key="explore-expand", icon=":material/open_in_full:", width="stretch", on_click=request, args=(selected,)
        )
        st.markdown(panel.explore_link(selected), unsafe_allow_html=True)
    if expanded or selected != entity:
        st.button(t("explore_reset"), key="explore-reset", icon=":material/restart_alt:", width="stretch", on_click=reset)
    st.caption(t("explore_click_hint"))


def request(node: str) -> None:
    st.session_state[EXPAND] = node


def reset() -> None:
    st.session_state.pop(SELECTED, None)
    st.session_state.pop(EXPAND, None)
    st.session_state[RESET] = True


# ------------------------------------------------------------------ paths


def path_settings() -> tuple[int, bool]:
    seed("explore-k", "k", int_in(PATH_COUNTS))
    seed("explore-around", "around", on_off("hubs"))
    left, right = st.columns(2, vertical_alignment="bottom")
    k = left.select_slider(t("explore_path_count"), PATH_COUNTS, key="explore-k")
    around = right.toggle(t("explore_avoid_hubs"), key="explore-around", help=t("explore_avoid_hubs_help"))
    set_url(k=str(k), around="hubs" if around else "through")
    return k, around


@st.cache_data(show_spinner=False, max_entries=32)
def path_drawing(paths: tuple[tuple[str, ...], ...], relations: tuple[str, ...], language: str) -> dict:
    chosen = [list(p) for p in paths]
    sub = kbpaths.paths_graph(graph(), chosen, list(relations))
    positions = kbpaths.paths_layout(chosen)
    room = max(len(p) for p in chosen) - 1 <= kbpaths.ROOM_FOR_RELATIONS
    return kbgraph.drawing(sub, language, vocabulary(), paths=chosen[:1], positions=positions, edge_labels=room)


def draw_paths(relations: list[str]) -> None:
    st.subheader(t("shortest_path"))
    left, right = st.columns(2)
    with left:
        source = entity_picker("from", "path_from")
    with right:
        target = entity_picker("to", "path_to")
    k, around = path_settings()
    if not source or not target:
        return
    avoid = set(hubs_of(tuple(sorted(relations)))) if around else set()
    found = kbpaths.shortest_paths(graph(), source, target, relations, k, avoid)
    if not found:
        st.info(t("no_path") + (" " + t("explore_no_path_around") if around else ""))
        return
    for number, path in enumerate(found, start=1):
        st.markdown(
            f"**{plain(t('explore_path', n=number, hops=len(path) - 1))}** {panel.path_in_words(path, relations)}",
            unsafe_allow_html=True,
        )
    with st.container(key="explore-path-box"):
        data = path_drawing(tuple(tuple(p) for p in found), tuple(relations), lang())
        height = 230 + 170 * (len(found) - 1)
        graph_view(view_data(data, None, height, expandable=False), PATH_KEY, _ignore, _ignore)


def _ignore() -> None:
    """The path drawing only shows; its clicks change nothing."""


def main() -> None:
    st.markdown(STYLE, unsafe_allow_html=True)
    st.write(t("explore_intro"))
    entity = entity_picker("entity", "entity")
    relations = relation_choice()
    if entity:
        with st.container(key="explore-graph-box"):
            draw_neighbourhood(entity, relations)
        with st.container(key="explore-list-box"):
            panel.neighbour_list(entity, relations)
    draw_paths(relations)


page("page_explore", URL, main)
