"""Numbers as people read them: Latvian pages write 8 334 728 € and 94,7 %, English pages
€8,334,728 and 94.7%. The one place that knows the two conventions; tables (through
`styled`), cards and charts (through `vega_locale`) all use it. No Streamlit import, so it is
tested directly."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

# Latvian groups thousands with a space; a no-break space keeps "8 334 728" on one line.
GROUP = {"lv": "\u00a0", "en": ","}
DECIMAL = {"lv": ",", "en": "."}
# Column types (the .rq headers' `columns:`) that hold numbers, and how each is written.
NUMBER_TYPES = {"amount": "money", "count": "number", "number": "number"}


def number(value: float | int | Decimal | str | None, language: str, decimals: int | None = None) -> str:
    """'8 334 728' (lv) / '8,334,728' (en); decimals as given, else as many as the value has (at most 2)."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return ""
    amount = Decimal(str(value))
    if decimals is None:
        decimals = 0 if amount == amount.to_integral_value() else min(-amount.normalize().as_tuple().exponent, 2)
    written = f"{amount:,.{decimals}f}"  # Python's grouping: ',' thousands, '.' decimals
    group, point = GROUP.get(language, ","), DECIMAL.get(language, ".")
    return written.replace(",", "\0").replace(".", point).replace("\0", group)


def money(value, language: str) -> str:
    """'8 334 728 €' (lv) / '€8,334,728' (en); empty for no value."""
    written = number(value, language)
    if not written:
        return ""
    if language == "lv":
        return f"{written}\u00a0€"
    return f"-€{written[1:]}" if written.startswith("-") else f"€{written}"


def percent(value, language: str, decimals: int = 1) -> str:
    """'94,7 %' (lv) / '94.7%' (en), from a share in per cent (94.7, not 0.947)."""
    written = number(value, language, decimals)
    if not written:
        return ""
    return f"{written}\u00a0%" if language == "lv" else f"{written}%"


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
