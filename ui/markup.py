"""Text from users or from the data, made safe for Streamlit's Markdown (which may also let
HTML through) and Plotly's labels: shown literally, never as a link, an image, emphasis or a tag."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# What can make a link, an image, emphasis, code, a heading, a table cell or maths. Dots and
# brackets of ordinary text ("4.21", "(2023)") stay as they are.
_MARKDOWN = re.compile(r"([\\`*_\[\]!#|~$])")
# GitHub-flavoured Markdown links bare URLs and e-mail addresses after parsing, so escapes do
# not stop it: an invisible word joiner (U+2060) breaks '://', 'www.' and '@'.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(value: object) -> str:
    """HTML-escaped (< > & never make tags), Markdown control characters backslash-escaped."""
    text = _MARKDOWN.sub(r"\\\1", html.escape(str(value), quote=False))
    return _AUTOLINK.sub(WORD_JOINER, text)


def plotly_text(value: object) -> str:
    """Text from the data for Plotly's labels and hover texts, which read a few HTML tags:
    escaped, so a name can never become a tag or a link."""
    return html.escape(str(value), quote=False)


def plotly_lines(lines: Iterable[object]) -> str:
    """Lines of text from the data as one Plotly label or hover text: each escaped, joined by <br>."""
    return "<br>".join(plotly_text(line) for line in lines)


def cell(value: object) -> str:
    """`plain`, on one line, for a Markdown table cell."""
    return plain(" ".join(str(value).split()))
