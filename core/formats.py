"""Numbers as people read them: Latvian texts write 8 334 728 € and 94,7 %, English texts
€8,334,728 and 94.7%. The one place that knows the two conventions: the UI (through
ui/formats.py, which adds tables and charts) and the reports (report/) both use it."""

from __future__ import annotations

from decimal import Decimal

# Latvian groups thousands with a space; a no-break space keeps "8 334 728" on one line.
GROUP = {"lv": "\u00a0", "en": ","}
DECIMAL = {"lv": ",", "en": "."}


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
