"""A table as files that spreadsheets open cleanly: CSV with a UTF-8 byte-order mark (without
it Excel on Windows misreads Latvian letters) and XLSX, both with the page's column names,
and text that looks like a formula (=, +, -, @) kept as text. Pure functions on a ui/tables.py
table: every download in the UI goes through them, and tests read the files back."""

from __future__ import annotations

import csv
import io
import numbers

from kb.engine.results import spreadsheet_safe
from ui.tables import Table

BOM = "\ufeff"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value) -> object:
    """None for an empty cell, numbers as numbers, anything else as text."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        # Whole amounts stay whole (4400000, not 4400000.0).
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return str(value)


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.label for column in table.columns])
    for row in table.values():
        cells = [_cell(value) for value in row]
        writer.writerow(["" if c is None else c if not isinstance(c, str) else spreadsheet_safe(c) for c in cells])
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(table: Table, sheet: str = "Dati") -> bytes:
    # Here, not at the top: a page draws its download buttons without making the file.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    book = workbook.active
    book.title = sheet[:31]  # Excel's limit on sheet names
    labels = [column.label for column in table.columns]
    book.append(labels)
    rows = table.values()
    for row in rows:
        book.append([None] * len(labels))
        for index, value in enumerate(row, start=1):
            target = book.cell(row=book.max_row, column=index)
            target.value = _cell(value)
            if isinstance(target.value, str):
                target.data_type = "s"  # never a formula, whatever the text starts with
    for index, label in enumerate(labels, start=1):
        widest = max([len(label), *(len(str(row[index - 1])) for row in rows if row[index - 1] is not None)])
        book.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
