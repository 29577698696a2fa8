"""Pieces the measure card and the Recommendation point page draw the same way: point names
and links, the external EUR-Lex link, Markdown tables with right-aligned money, and the
print style that lets a card be printed or saved as PDF from the browser; view rows grouped
as the pages list them."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import streamlit as st

from core.notation import PointRef
from core.pointnames import point_name
from ui.data import rows
from ui.language import lang
from ui.links import anchor, entity_url
from ui.markup import plain
from ui.viewdata import text

POINT_CLASS = "https://w3id.org/lv-roma-plan/def#RecommendationPoint"
MEASURE_CLASS = "https://w3id.org/lv-roma-plan/def#Measure"

# Streamlit scrolls its main area inside a fixed-height box: printed as is, a card would stop
# after the first sheet. For print, the box grows with its content and the app's chrome goes.
PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], header, [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stSidebarCollapsedControl"],
  .no-print { display: none !important; }
  html, body, #root, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"], section.main, .main {
    overflow: visible !important; height: auto !important; position: static !important;
  }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  table, tr, li { page-break-inside: avoid; break-inside: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  a { color: inherit !important; text-decoration: none !important; }
}
/* The plan's cells hold long web addresses: they wrap instead of widening a phone's page;
   amounts (right-aligned cells) never break. */
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { overflow-wrap: anywhere; }
[data-testid="stMarkdownContainer"] td { overflow-wrap: break-word; }
[data-testid="stMarkdownContainer"] td[style*="right"], [data-testid="stMarkdownContainer"] th[style*="right"] {
  white-space: nowrap; overflow-wrap: normal;
}
/* A long measure title as the heading stays readable on a phone, and the card's four-column
   money table fits a 390 px screen in Latvian (with the default padding "Nodrošināts?" was cut). */
@media (max-width: 640px) {
  [data-testid="stMain"] h1 { font-size: 1.75rem; }
  [data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td { padding: 0.35rem 0.4rem; }
}
</style>
"""


def print_style() -> None:
    st.markdown(PRINT_CSS, unsafe_allow_html=True)


def present(value) -> bool:
    """A cell that holds a value (an unbound one is None)."""
    return text(value) != ""


def point_ref(number, letter=None, sub=None) -> PointRef:
    """A point from a view's number, letter and sub-item columns."""
    return PointRef(int(number), text(letter) or None, text(sub) or None)


def row_point_ref(row: Mapping[str, Any]) -> PointRef:
    """The point of a view row with number, letter and sub columns."""
    return point_ref(row["number"], row["letter"], row["sub"])


def point_link(iri: str, ref: PointRef) -> str:
    """The point's name, linking to its page in the same tab."""
    return anchor(point_name(ref, lang()), entity_url(iri, POINT_CLASS, lang()))


def measure_link(iri: str, label: str) -> str:
    return anchor(label, entity_url(iri, MEASURE_CLASS, lang()))


def external_link(label: str, url: str) -> str:
    """A link out of the app (EUR-Lex), in a new tab; only http(s) addresses from the data."""
    if not url.startswith(("https://", "http://")):
        return plain(label)
    return f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">{plain(label)}</a>'


def official_link(url: str = "") -> str:
    """'2021/C 93/01 · EUR-Lex', linking to the Recommendation's official text: `url` (a point's
    rsf:officialText) or else the address the KB keeps for the Recommendation (foaf:page)."""
    found = rows("recommendation")
    first = found[0] if found else {}
    label = " · ".join(part for part in (text(first.get("number")), "EUR-Lex") if part)
    return external_link(label, url or text(first.get("url")))


def markdown_table(headers: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> str:
    """A Markdown table (cells already made safe with `cell`), columns in `right` right-aligned."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = [headers, rule, *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def first_upper(label: str) -> str:
    """Ontology labels are lower case ('atbildīgā institūcija'); as a heading they start upper case."""
    return label[:1].upper() + label[1:]


def label_in(row: Mapping[str, Any], stem: str) -> str:
    """A row's `<stem>_<lang>` value, else its Latvian one."""
    return text(row.get(f"{stem}_{lang()}")) or text(row.get(f"{stem}_lv"))
