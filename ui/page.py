"""What every page does around its own content: the title, the store check, and one error
boundary, so a failing query is shown as the one error shape instead of a traceback."""

from __future__ import annotations

import streamlit as st

from core.errors import QueryError
from kb.engine.stores import RemoteStore
from ui.components import show_error
from ui.data import store
from ui.language import t


def store_label() -> str:
    return t("store_remote") if isinstance(store(), RemoteStore) else t("store_embedded")


def start_page(title_key: str) -> bool:
    """Title, and a clear message instead of a traceback when the KB cannot be reached."""
    st.title(t(title_key))
    try:
        store()
    except QueryError as error:
        st.cache_resource.clear()
        show_error(error)
        return False
    st.sidebar.caption(store_label())
    return True


def run_page(render) -> None:
    """Run a page; a query that fails anywhere on it (say, the endpoint went away) is shown as
    the one error shape instead of a traceback, and the next visit tries again."""
    try:
        render()
    except QueryError as error:
        show_error(error)
