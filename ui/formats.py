"""Numbers on the UI's pages: Latvian pages write 8 334 728 € and 94,7 %, English pages
€8,334,728 and 94.7%. The two conventions are core/formats.py's (the reports use them too);
this adds which of the questions' column types hold numbers (tables write those through
ui/tables.py) and the charts' number marks. No Streamlit import, so it is tested directly."""

from __future__ import annotations

from collections.abc import Iterable

from core.formats import DECIMAL, GROUP, money, number, percent  # noqa: F401 - the UI's modules import them from here

# Column types (the .rq headers' `columns:`) that hold numbers, and how each is written.
NUMBER_TYPES = {"amount": "money", "count": "number", "number": "number"}


def number_columns(columns: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{name: 'money'|'number'} for (name, column type) pairs whose type holds numbers."""
    return {name: NUMBER_TYPES[kind] for name, kind in columns if kind in NUMBER_TYPES}


def separators(language: str) -> str:
    """Plotly's layout.separators: the decimal mark, then the thousands separator."""
    return DECIMAL[language] + GROUP[language]
