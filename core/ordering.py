"""The one natural sort: numbers inside text compare as numbers ('4.9' < '4.10', 'p2' < 'p10')."""

from __future__ import annotations

import re

from core.notation.measures import measure_sort_key

__all__ = ["measure_sort_key", "natural_key", "point_sort_key"]


def natural_key(text: str) -> list[tuple[int, int, str]]:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", str(text))]


def point_sort_key(notation: str) -> tuple:
    """'10 h)' < '10 i)'; '9 a) i)' after '9 a)'; numbers numerically."""
    head, _, rest = str(notation).partition(" ")
    return (int(head.rstrip(".") or 0), rest)
