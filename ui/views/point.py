"""Placeholder while the page is built (issue 12)."""

from __future__ import annotations

import streamlit as st

from ui.page import page
from ui.state import UrlParams

URL = UrlParams({"entity": ""})


def main() -> None:
    st.write("…")


page("page_point", URL, main)
