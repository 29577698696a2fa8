"""Streamlit entry point: multipage navigation (from ui/pages.py), the language switch, and
the pages in ui/views/. Start with `make run` (or `streamlit run ui/app.py`)."""

from __future__ import annotations

import json
from contextlib import suppress
from pathlib import Path

import streamlit as st

from core.errors import QueryError
from ui.language import lang, language_switch, t
from ui.pages import HOME, PAGES
from ui.store import store

VIEWS = Path(__file__).resolve().parent / "views"
FAVICON = str(Path(__file__).resolve().parent / "static" / "favicon.png")  # the Roma flag, 64 px
# Less empty space above the content on a phone, and headings that fit its width.
STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3rem; }
.st-key-lang label p { text-transform: uppercase; }
/* Captions carry the caveats: darker than Streamlit's faded grey, for WCAG AA contrast. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4b4e5a !important; opacity: 1 !important; }
[data-testid="stCaptionContainer"] a { color: #1d4f9c !important; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-left: 1rem; padding-right: 1rem; }
  /* A long web address in a fact table breaks rather than widen the table past the phone. */
  [data-testid="stMarkdownContainer"] td:last-child { overflow-wrap: anywhere !important; }
  h1 { font-size: 1.9rem !important; }
}
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
}
</style>"""


# When another page opens on a phone, the menu closes: Streamlit's own menu does, but its page
# links (this app's menu, see `main`) leave the menu over the new page. The width is Streamlit's
# own for a menu that covers the page.
CLOSE_MENU_ON_A_NEW_PAGE = """(() => {
  const page = %s, last = window.rsfPage;
  window.rsfPage = page;
  if (last === undefined || last === page || !window.matchMedia("(max-width: 767.98px)").matches) return;
  const menu = document.querySelector('[data-testid="stSidebar"]');
  const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (menu && menu.dataset.collapsed === "false" && close) close.click();
})();"""


def page_script(page: str) -> None:
    """<html lang> as the page's language (screen readers pronounce by it; Streamlit's page
    template says "en"), and the menu closed on a phone when `page` is new. The script is fixed
    text: the language is one of LANGUAGES and the page one of PAGES' paths."""
    declare = f"document.documentElement.lang = {json.dumps(lang())};"
    st.html(f"<script>{declare}\n{CLOSE_MENU_ON_A_NEW_PAGE % json.dumps(page)}</script>", unsafe_allow_javascript=True)


def start_the_query_worker() -> None:
    """Before the page's imports, so that the worker starts alongside them. A KB that cannot
    be reached is the page's to report (ui/page.py)."""
    with suppress(QueryError):
        store()


def main() -> None:
    start_the_query_worker()
    # The tab's icon is ours: a page's Material icon would be fetched from fonts.gstatic.com.
    st.set_page_config(page_title=t("app_title"), page_icon=FAVICON, layout="wide", initial_sidebar_state="auto")
    pages = {
        spec: st.Page(VIEWS / spec.file, title=t(spec.title_key), icon=spec.icon, url_path=spec.url_path, default=spec is HOME)
        for spec in PAGES
    }
    # Streamlit's own menu nests its links in <div>s inside a <ul>, which screen readers
    # announce wrongly (axe: "list", "listitem"); the menu is drawn here with page links.
    navigation = st.navigation(list(pages.values()), position="hidden")
    st.markdown(STYLE, unsafe_allow_html=True)
    menu(pages)
    language_switch()
    page_script(navigation.url_path)
    navigation.run()


def menu(pages: dict) -> None:
    """The sidebar menu: visible pages by section, the current one marked by Streamlit."""
    with st.sidebar.container(key="menu"):
        section = None
        for spec, page in pages.items():
            if not spec.visible:
                continue
            if spec.section != section:
                section = spec.section
                if section:
                    st.markdown(f"**{t(section)}**")
            st.page_link(page, label=t(spec.title_key), icon=spec.icon)


main()
