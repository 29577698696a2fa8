"""Streamlit entry point: multipage navigation (from ui/pages.py), the language switch, and
the pages in ui/views/. Start with `make run` (or `streamlit run ui/app.py`)."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from ui.language import lang, language_switch, t
from ui.pages import HOME, PAGES

VIEWS = Path(__file__).resolve().parent / "views"
# Less empty space above the content on a phone, and headings that fit its width.
STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3rem; }
.st-key-lang label p { text-transform: uppercase; }
/* Captions carry the caveats: darker than Streamlit's faded grey, for WCAG AA contrast. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4b4e5a; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-left: 1rem; padding-right: 1rem; }
  h1 { font-size: 1.9rem !important; }
}
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
}
</style>"""


def declare_language() -> None:
    """<html lang> as the page's language (screen readers pronounce by it); Streamlit's page
    template says "en". The script is fixed text: the language is one of LANGUAGES."""
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang())};</script>", unsafe_allow_javascript=True)


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
    st.markdown(STYLE, unsafe_allow_html=True)
    language_switch()
    declare_language()
    navigation.run()


main()
