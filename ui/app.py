"""Streamlit entry point: multipage navigation, the language switch, and the pages
in ui/views/. Start with `make run` (or `streamlit run ui/app.py`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.i18n import N_
from ui.language import language_switch, t

VIEWS = Path(__file__).resolve().parent / "views"
# (file, title key, icon, url path): the one list of pages; navigation and tests derive from it.
PAGES = [
    ("overview.py", N_("page_overview"), ":material/dashboard:", "overview"),
    ("questions.py", N_("page_questions"), ":material/help:", "questions"),
    ("sparql.py", N_("page_sparql"), ":material/code:", "sparql"),
    ("explore.py", N_("page_explore"), ":material/hub:", "explore"),
    ("compliance.py", N_("page_compliance"), ":material/fact_check:", "compliance"),
    ("coherence.py", N_("page_coherence"), ":material/account_tree:", "coherence"),
    ("detail.py", N_("page_detail"), ":material/info:", "detail"),
]


def main() -> None:
    st.set_page_config(page_title=t("app_title"), layout="wide")
    pages = [
        st.Page(VIEWS / file, title=t(title), icon=icon, url_path=path, default=index == 0)
        for index, (file, title, icon, path) in enumerate(PAGES)
    ]
    navigation = st.navigation(pages)
    language_switch()
    navigation.run()


main()
