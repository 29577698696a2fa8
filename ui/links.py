"""Where a thing of the plan is shown, and links to it that stay in the same tab.

A measure opens its card, a Recommendation point its point page, anything else the detail
page; every link carries the page's language. Streamlit's Markdown opens links in a new tab
unless the anchor says otherwise, so internal links are written as escaped HTML anchors with
`target="_self"`."""

from __future__ import annotations

import html
from urllib.parse import urlencode

from core.namespaces import RSF, short_id
from ui.i18n import DEFAULT_LANGUAGE
from ui.language import url_token
from ui.markup import plain

# Class IRI -> the page (url path of ui.app.PAGES) that shows its instances; others: detail.
PAGE_OF_CLASS = {str(RSF.Measure): "measure", str(RSF.RecommendationPoint): "point"}
DETAIL_PAGE = "detail"


def page_of(cls: str | None) -> str:
    return PAGE_OF_CLASS.get(cls or "", DETAIL_PAGE)


def page_url(path: str, language: str, **params: str) -> str:
    """A relative URL to one of the app's pages, with its parameters and the language as the
    language switch writes it (nothing for the default language)."""
    query = {name: value for name, value in params.items() if value not in (None, "")}
    if language != DEFAULT_LANGUAGE:
        query["lang"] = url_token(language)
    return f"{path}?" + urlencode(query, safe="/") if query else path


def entity_url(iri: str, cls: str | None, language: str) -> str:
    return page_url(page_of(cls), language, entity=short_id(iri))


def anchor(label: str, url: str) -> str:
    """An HTML link that opens in the same tab, for `st.markdown(..., unsafe_allow_html=True)`.
    Markdown still parses the text between the tags, so the label goes through `plain`."""
    return f'<a href="{html.escape(url)}" target="_self">{plain(label)}</a>'


def page_params(**params: str) -> dict[str, str]:
    """Query parameters for `st.page_link` / `st.switch_page`. Not the language: its switch is
    bound to the URL, so Streamlit carries `lang` to the next page itself (and refuses a
    `lang` set by hand)."""
    return {name: value for name, value in params.items() if value not in (None, "")}
