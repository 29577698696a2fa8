"""State kept in the URL, so a view can be bookmarked and shared."""

from __future__ import annotations

import streamlit as st


def url_value(name: str, default: str = "") -> str:
    return st.query_params.get(name, default)


def set_url(**values: str | None) -> None:
    """Keep the page's state in the URL so a view can be bookmarked and shared."""
    # Only real changes are written: every write sends the browser a message.
    for name, value in values.items():
        if value in (None, ""):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != str(value):
            st.query_params[name] = str(value)
