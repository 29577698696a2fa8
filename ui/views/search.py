"""Search: one box over everything people read in the plan (ui/searchview.py)."""

from __future__ import annotations

import streamlit as st

from ui.language import t
from ui.page import page
from ui.searchview import search_box, show_results
from ui.state import UrlParams

URL = UrlParams({"q": "", "kind": ""})


def main() -> None:
    text = search_box("search-text", t("search_label"))
    if text:
        show_results(text)
    else:
        st.caption(t("search_hint"))


page("page_search", URL, main)
