"""The UI's own `st.components.v2` components (tables, Home's bar charts, the Explore graph):
each is a JavaScript module and a stylesheet in ui/, registered once per process under a name,
and given its data in a list (Streamlit checks a dict's values for data frames, which imports
pandas)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent


@cache
def registered(name: str, stem: str, before_js: str = ""):
    """The component `name` from ui/<stem>.js and ui/<stem>.css, after ui/webparts.js (the
    helpers they share); `before_js` goes first (a library it uses, inlined: nothing comes from
    a CDN)."""
    shared = (HERE / "webparts.js").read_text(encoding="utf-8")
    js = "\n".join(part for part in (before_js, shared, (HERE / f"{stem}.js").read_text(encoding="utf-8")) if part)
    css = (HERE / f"{stem}.css").read_text(encoding="utf-8")
    return st.components.v2.component(name, js=js, css=css)


def mount(name: str, stem: str, data: dict, key: str, **callbacks):
    """Draw an instance with `data` (the module reads it as `component.data[0]`)."""
    return registered(name, stem)(data=[data], key=key, **callbacks)
