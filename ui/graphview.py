"""The Explore graph as a Streamlit component that answers back.

pyvis writes a static page in an iframe: it draws well but cannot tell Python which node was
clicked. This is an `st.components.v2` component instead: vis-network (the copy that ships
with pyvis, inlined, so nothing is fetched from a CDN) drawn in the page by ui/graphview.js,
which sends a trigger value "select" on a click and "expand" on a double click. The node and
edge data come from ui/graph.py's `drawing` (pure, tested without a browser)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import streamlit as st

from ui.webparts import registered

# pyvis's copy of vis-network, found without importing pyvis (which imports IPython).
VIS_JS = Path(find_spec("pyvis").origin).resolve().parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
# The map is not shipped; without the comment the browser does not ask for it.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


@cache
def vis_network() -> str:
    """Inlined before the component's module, which is registered once per process: the browser
    caches the module by its text, so vis-network is parsed once per page load however often
    the graph is redrawn."""
    return _SOURCE_MAP.sub("", VIS_JS.read_text(encoding="utf-8"))


def graph_view(data: dict, key: str, on_select: Callable[[], None], on_expand: Callable[[], None]):
    """Draw `data` (ui.graph.drawing plus texts); the callbacks run before the next page run,
    when a node was clicked or double-clicked; they read the node from st.session_state[key]."""
    component = registered("rsf_explore_graph", "graphview", before_js=vis_network())
    return component(data=[data], key=key, on_select_change=on_select, on_expand_change=on_expand)


def clicked(key: str, event: str) -> str | None:
    """The node sent with `event` ("select", "expand") in this run, inside a callback."""
    state = st.session_state.get(key) or {}
    value = state.get(event) if isinstance(state, dict) else None
    return value if isinstance(value, str) and value else None
