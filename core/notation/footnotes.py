"""Footnote numbers that the PDF extraction glued onto words and numbers."""

from __future__ import annotations

import re

from core.errors import NotationError


def split_footnotes(cell: str) -> list[int]:
    """Parse the 'Zemsvītras piezīmes' column: numbers separated by spaces or commas."""
    numbers = []
    for token in re.split(r"[,\s;]+", cell.strip()):
        if not token:
            continue
        if not token.isdigit():
            raise NotationError(f"footnote number expected, got {token!r}")
        numbers.append(int(token))
    return numbers


def strip_footnote_marks(text: str, footnotes: list[int]) -> str:
    """Remove known footnote numbers glued to the end of a word or closing quote.

    Only numbers listed for the row are removed, so '2022.gadā' or '1800' survive.
    """
    for number in sorted(footnotes, key=lambda n: -len(str(n))):
        pattern = rf"(?<=[^\s\d]){number}(?=$|[\s,.;:)])"
        text = re.sub(pattern, "", text)
    return text.strip()


def strip_trailing_footnote(token: str, footnotes: list[int]) -> tuple[str, int | None]:
    """'pusgads75' -> ('pusgads', 75); '34974' with 74 known -> ('349', 74)."""
    for number in sorted(footnotes, key=lambda n: -len(str(n))):
        suffix = str(number)
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)], number
    return token, None
