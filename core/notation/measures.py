"""Measure numbers: the plan writes '4.21.' in its tables and '4.21' in the text."""

from __future__ import annotations

import re

from core.errors import NotationError

_NUMBER = re.compile(r"\d+\.\d+")


def parse_measure_number(text: str) -> str:
    """'4.21.' or ' 4.21 ' -> '4.21'; anything else is a NotationError."""
    number = str(text).strip().rstrip(".")
    if not _NUMBER.fullmatch(number):
        raise NotationError(f"measure number such as '4.21' expected, got {text!r}")
    return number


def is_measure_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(str(text)))


def measure_sort_key(number: str) -> tuple[int, int]:
    """'4.9' < '4.10' < '4.21'."""
    major, _, minor = str(number).partition(".")
    return (int(major or 0), int(minor or 0))
