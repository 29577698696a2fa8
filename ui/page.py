"""The one page wrapper: what every page does around its own content."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.errors import QueryError
from ui.components import show_error
from ui.data import store
from ui.language import t
from ui.state import UrlParams, declare, flush_url


def page(title_key: str, url: UrlParams, content: Callable[[], None], heading: bool = True) -> None:
    """Run one page: declare its URL parameters, show its title (unless the
    page names itself: a measure's card is headed by the measure), check the store, then draw
    `content`. A query that fails anywhere on the page (say, the endpoint went
    away) is shown as the one error shape instead of a traceback, and the next visit tries again."""
    declare(url)
    try:
        if _start(title_key if heading else None):
            content()
    except QueryError as error:
        show_error(error)
    finally:
        flush_url()


def _start(title_key: str | None) -> bool:
    """Title, and a clear message instead of a traceback when the KB cannot be reached."""
    if title_key:
        st.title(t(title_key))
    try:
        store()
    except QueryError as error:
        st.cache_resource.clear()
        show_error(error)
        return False
    return True
