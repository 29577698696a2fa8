"""Amounts printed with thousands separated by spaces: '1 800 000'."""

from __future__ import annotations

import re
from decimal import Decimal

from core.errors import NotationError

_AMOUNT = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?$|^\d+(?:,\d+)?$")


def parse_amount(text: str) -> Decimal:
    """Parse a euro amount as printed in the plan; decimals use a comma."""
    cleaned = text.strip()
    if not cleaned:
        raise NotationError("empty amount")
    if cleaned.startswith("-"):
        raise NotationError(f"negative amount {text!r}")
    if not _AMOUNT.match(cleaned):
        raise NotationError(f"malformed amount {text!r}: expected digits grouped by spaces, e.g. '1 800 000'")
    return Decimal(re.sub(r"[ \u00a0\u202f]", "", cleaned).replace(",", "."))
