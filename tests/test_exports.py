"""Table downloads read back as a spreadsheet would: CSV with its byte-order mark, XLSX, the
page's column names, Latvian letters intact, and no text cell ever a formula."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from ui.exports import csv_bytes, xlsx_bytes
from ui.tables import Link, Table, TableColumn

TABLE = Table(
    [TableColumn("Pasākuma nr."), TableColumn("Nosaukums"), TableColumn("Summa, EUR", "money"), TableColumn("Piezīme")],
    [
        [Link("4.21", "/measure?entity=measure/4.21"), "Atbalsts mājokļa iegādei", 4_400_000, "+371 grants"],
        ["4.22", '=HYPERLINK("http://x")', -5.0, "-"],
        ["4.23", "@SUM(A1)", None, "ļoti svarīgi"],
    ],
)


def test_csv_has_the_bom_and_reads_back_as_text():
    data = csv_bytes(TABLE)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Pasākuma nr.", "Nosaukums", "Summa, EUR", "Piezīme"]
    assert rows[1] == ["4.21", "Atbalsts mājokļa iegādei", "4400000", "'+371 grants"]
    assert rows[2][1] == '\'=HYPERLINK("http://x")' and rows[2][2] == "-5"  # numbers stay numbers
    assert rows[3][1] == "'@SUM(A1)" and rows[3][2] == "" and rows[3][3] == "ļoti svarīgi"


def test_xlsx_keeps_numbers_and_never_makes_a_formula():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(TABLE))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Pasākuma nr.", "Nosaukums", "Summa, EUR", "Piezīme"]
    assert rows[1] == ["4.21", "Atbalsts mājokļa iegādei", 4_400_000, "+371 grants"]
    assert rows[3][2] is None
    formula_like = sheet["B3"]
    assert formula_like.value == '=HYPERLINK("http://x")' and formula_like.data_type == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
