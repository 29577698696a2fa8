"""Deadlines like '2023.gada II pusgads' (half-year) or '2023.gada IV ceturksnis'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.errors import NotationError
from core.notation.footnotes import strip_trailing_footnote

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PATTERN = re.compile(
    r"^(?P<year>\d{4})\.\s*gad(?:a|s)\s+(?P<part>IV|III|II|I)\.?\s*(?P<unit>pusgad[sā]|ceturksn(?:is|ī))$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    text: str  # as printed, without footnote marks
    year: int
    unit: str  # "half-year" | "quarter"
    part: int
    end: date
    footnote: int | None = None


def parse_deadline(text: str, footnotes: list[int] | None = None) -> Deadline:
    cleaned = " ".join(text.split())
    footnote = None
    match = _PATTERN.match(cleaned)
    if not match:
        # A footnote mark glued on: 'pusgads75'.
        head, footnote = strip_trailing_footnote(cleaned, footnotes or [])
        if footnote is None:
            head, footnote = _strip_any_trailing_number(cleaned)
        match = _PATTERN.match(head) if footnote is not None else None
        if not match:
            raise NotationError(f"unknown deadline {text!r}: expected e.g. '2023.gada II pusgads' or '2023.gada IV ceturksnis'")
        cleaned = head
    year = int(match["year"])
    part = _ROMAN[match["part"].upper()]
    unit = "half-year" if match["unit"].lower().startswith("pusgad") else "quarter"
    if unit == "half-year" and part > 2:
        raise NotationError(f"a year has two halves, not {match['part']}: {text!r}")
    return Deadline(cleaned, year, unit, part, _period_end(year, unit, part), footnote)


def _strip_any_trailing_number(text: str) -> tuple[str, int | None]:
    """Words never end in digits in this notation, so digits after a word are a footnote."""
    match = re.match(r"^(.*[^\d\s])(\d{1,3})$", text)
    return (match[1], int(match[2])) if match else (text, None)


def _period_end(year: int, unit: str, part: int) -> date:
    month = part * 6 if unit == "half-year" else part * 3
    day = 30 if month in (6, 9) else 31
    return date(year, month, day)
