"""A table as the UI shows it and as it is downloaded: named columns of a kind (text, money,
number), rows of plain values, and cells that open a page. Pure Python, no Streamlit and no
pandas (pandas, NumPy and pyarrow are 80 MB in the UI server), so it is tested directly;
ui/tableview.py draws it and ui/exports.py writes it as CSV and XLSX."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from core.formats import money, number

KINDS = ("text", "money", "number")


@dataclass(frozen=True)
class TableColumn:
    label: str
    kind: str = "text"  # one of KINDS: money and number cells are written in the page's format
    decimals: int | None = None  # a number column's decimals; else as many as the value has, at most 2

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.label!r}: kind {self.kind!r} is not one of {KINDS}")

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass(frozen=True)
class Link:
    """A cell that opens a page of this site (a same-tab link); downloads keep its text."""

    text: str
    href: str


@dataclass
class Table:
    columns: list[TableColumn]
    rows: list[list[Any]] = field(default_factory=list)

    @classmethod
    def of(cls, records: Iterable[Mapping[str, Any]], columns: Mapping[str, TableColumn]) -> Table:
        """The `columns` ({record key: column}) of each record, in that order."""
        return cls(list(columns.values()), [[record.get(key) for key in columns] for record in records])

    def __len__(self) -> int:
        return len(self.rows)

    def values(self) -> list[list[Any]]:
        """The rows as a spreadsheet gets them: links as their text, numbers as numbers."""
        return [[cell.text if isinstance(cell, Link) else cell for cell in row] for row in self.rows]

    def payload(self, language: str) -> dict:
        """What ui/tableview.js draws: each cell as [text as shown, sort key, link or absent]."""
        return {
            "columns": [{"label": column.label, "numeric": column.numeric} for column in self.columns],
            "rows": [
                [shown_cell(cell, column, language) for cell, column in zip(row, self.columns, strict=True)] for row in self.rows
            ],
        }


def is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool) and value == value  # NaN is no number


def shown(value: Any, column: TableColumn, language: str) -> str:
    """A cell's text on the page: numbers of money and number columns in the page's format."""
    if isinstance(value, Link):
        return value.text
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if column.kind == "money" and is_number(value):
        return money(value, language)
    if column.kind == "number" and is_number(value):
        return number(value, language, column.decimals)
    return str(value)


def sort_key(value: Any, column: TableColumn) -> float | str | None:
    """Numbers sort by value (a money column with 9 before 10), text by its words; empty last."""
    text = value.text if isinstance(value, Link) else value
    if text is None or text == "" or (isinstance(text, float) and text != text):
        return None
    if column.numeric and is_number(text):
        if not math.isfinite(text):
            return None  # JSON has no infinity: INF and -INF sort with the empty cells
        return float(text) if isinstance(text, Decimal | float) else int(text)
    return str(text)


def shown_cell(value: Any, column: TableColumn, language: str) -> list:
    cell = [shown(value, column, language), sort_key(value, column)]
    if isinstance(value, Link):
        cell.append(value.href)
    return cell
