"""Streamlit entry point: multipage navigation (from ui/pages.py), the language switch, and
the pages in ui/views/. Start with `make run` (or `streamlit run ui/app.py`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.language import language_switch, t
from ui.pages import HOME, PAGES

VIEWS = Path(__file__).resolve().parent / "views"


def main() -> None:
    st.set_page_config(page_title=t("app_title"), layout="wide", initial_sidebar_state="auto")
    sections: dict[str, list] = {}
    for spec in PAGES:
        page = st.Page(
            VIEWS / spec.file,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec is HOME,
            visibility="visible" if spec.visible else "hidden",
        )
        sections.setdefault(t(spec.section) if spec.section else "", []).append(page)
    navigation = st.navigation(sections)
    language_switch()
    navigation.run()


main()
