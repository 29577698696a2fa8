"""Table readers behind one tiny base class, chosen by file extension.

A reader turns a file into numbered rows of {column: text}. What the rows mean
is the business of the content loaders (plan_table, budget, reference)."""

from __future__ import annotations

import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from core.errors import NotationError, SourceError
from loaders.sourcefile import MAX_FILE_BYTES, cell_problem, check_file_size, read_text


@dataclass
class SourceRow:
    """One data row; `number` is the line a spreadsheet user sees (header = 1)."""

    file: str
    number: int
    cells: dict[str, str]

    def get(self, column: str, default: str = "") -> str:
        value = self.cells.get(column)
        return default if value is None else str(value).strip()

    def error(self, column: str | None, reason: str) -> SourceError:
        return SourceError(self.file, self.number, column, reason)

    def parse(self, column: str, parser, *args, **kwargs):
        """Run a notation parser on a cell; a NotationError becomes a SourceError here."""
        try:
            return parser(self.get(column), *args, **kwargs)
        except NotationError as exc:
            raise self.error(column, str(exc)) from None


class TableReader(ABC):
    suffixes: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def header_and_rows(self, path: Path, name: str = "") -> tuple[list[str], Iterator[list[str]]]:
        """The header and the rows; a file that cannot be read raises a SourceError naming `name`."""


class CsvReader(TableReader):
    suffixes = (".csv",)

    def header_and_rows(self, path: Path, name: str = "") -> tuple[list[str], Iterator[list[str]]]:
        name = name or str(path)
        reader = csv.reader(io.StringIO(read_text(path, name), newline=""))
        rows: list[list[str]] = []
        # The csv module stops at 128 Ki characters per field; cells are measured (in bytes) by
        # read_table, which can name the column, so the module may read up to the file's size.
        limit = csv.field_size_limit(MAX_FILE_BYTES + 1)
        try:
            rows.extend(reader)
        except csv.Error as exc:
            raise SourceError(name, len(rows) + 1, None, f"unreadable CSV: {exc}") from None
        finally:
            csv.field_size_limit(limit)
        if not rows:
            return [], iter(())
        return rows[0], iter(rows[1:])


class XlsxReader(TableReader):
    suffixes = (".xlsx",)

    def header_and_rows(self, path: Path, name: str = "") -> tuple[list[str], Iterator[list[str]]]:
        from openpyxl import load_workbook

        name = name or str(path)
        check_file_size(path, name)
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                rows = [["" if cell is None else _cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
            finally:
                workbook.close()
        except Exception as exc:  # a damaged zip or XML, or bytes that are not UTF-8, in any of its parts
            raise SourceError(name, None, None, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
        if not rows:
            return [], iter(())
        return rows[0], iter(rows[1:])


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


READERS: tuple[type[TableReader], ...] = (CsvReader, XlsxReader)


def reader_for(path: Path) -> TableReader:
    for reader in READERS:
        if path.suffix.lower() in reader.suffixes:
            return reader()
    known = ", ".join(s for r in READERS for s in r.suffixes)
    raise SourceError(str(path), None, None, f"unsupported file type {path.suffix!r}; expected one of {known}")


def read_table(
    path: Path, required: Iterable[str], display_name: str | None = None, canonical: Callable[[str], str] | None = None
) -> list[SourceRow]:
    """Read a table and check its columns; blank rows are skipped.

    `canonical` maps a printed header to the name the loader uses (e.g. a long form to a short one)."""
    name = display_name or str(path)
    if not path.exists():
        raise SourceError(name, None, None, "file not found")
    header, rows = reader_for(path).header_and_rows(path, name)
    _check_cells(name, 1, [], header)
    header = [h.strip() for h in header]
    if canonical:
        header = [canonical(h) for h in header]
    missing = [column for column in required if column not in header]
    if missing:
        raise SourceError(
            name, 1, ", ".join(missing), "missing column(s); the header row has: " + ", ".join(h for h in header if h)
        )
    result = []
    for offset, values in enumerate(rows, start=2):
        _check_cells(name, offset, header, values)
        if not any(str(v).strip() for v in values):
            continue
        if len(values) > len(header) and any(str(v).strip() for v in values[len(header) :]):
            raise SourceError(name, offset, None, f"{len(values)} cells but the header has {len(header)} columns")
        cells = {column: values[i] if i < len(values) else "" for i, column in enumerate(header) if column}
        result.append(SourceRow(name, offset, cells))
    return result


def _check_cells(name: str, number: int, header: list[str], values: list[str]) -> None:
    """Encoding, control characters and size, cell by cell: the error names the row and the column."""
    for index, value in enumerate(values):
        problem = cell_problem(value) if isinstance(value, str) else None
        if problem:
            column = header[index] if index < len(header) and header[index] else f"column {index + 1}"
            raise SourceError(name, number, column, problem)
