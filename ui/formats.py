"""Numbers on the UI's pages: Latvian pages write 8 334 728 € and 94,7 %, English pages
€8,334,728 and 94.7%. The two conventions are core/formats.py's (the reports use them too);
this adds what the UI needs on top: tables (through `styled`), cards and charts (through
`vega_locale`). No Streamlit import, so it is tested directly."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from core.formats import DECIMAL, GROUP, money, number, percent  # noqa: F401 - the UI's modules import them from here

# Column types (the .rq headers' `columns:`) that hold numbers, and how each is written.
NUMBER_TYPES = {"amount": "money", "count": "number", "number": "number"}


def formatter(kind: str, language: str):
    """The cell formatter for a column type's number kind ('money' or 'number')."""
    if kind == "money":
        return lambda value: money(value, language)
    return lambda value: number(value, language)


def styled(frame: pd.DataFrame, kinds: dict[str, str], language: str):
    """A Styler that shows `frame`'s number columns ({column: 'money'|'number'}) in the
    language's format. The frame keeps its numbers, so sorting a column still sorts by value."""
    present = {column: kind for column, kind in kinds.items() if column in frame.columns}
    return frame.style.format({column: formatter(kind, language) for column, kind in present.items()}, na_rep="")


def number_columns(columns: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{name: 'money'|'number'} for (name, column type) pairs whose type holds numbers."""
    return {name: NUMBER_TYPES[kind] for name, kind in columns if kind in NUMBER_TYPES}


def vega_locale(language: str) -> dict:
    """A Vega number locale, so charts' axes and tooltips group and mark decimals as the page does."""
    if language == "lv":
        return {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0€"]}
    return {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]}
