"""Bad bytes in a source file: bytes that are not UTF-8, a NUL byte or another control character,
an oversized cell, a damaged workbook. Each stops the build with `file:row [column]: reason`,
never a traceback, and the previous KB stays as it was."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.errors import SourceError
from core.paths import KB_JSONLD, KB_TTL, SOURCE_DIR
from kb.build import build
from loaders.plan_table import load_plan_table
from loaders.registry import load_reference
from loaders.sourcefile import MAX_CELL_BYTES
from tests.cli import run_kb

TITLE = "Romu līdzdalības".encode()  # measure 4.1's title (measures.csv row 2, column Pasākums)
WHOLE_TITLE = "Romu līdzdalības veicināšana un kultūras savpatnības saglabāšana.".encode()
DOC_TITLE = "Saliedētas un pilsoniski aktīvas sabiedrības attīstības plāns".encode()  # documents.yaml line 6
WHOLE_DOC_TITLE = DOC_TITLE + " 2021.–2023.gadam".encode()
BIG = b"x" * (MAX_CELL_BYTES + 1)

CASES = {
    "csv, not UTF-8": (
        "measures.csv",
        lambda b: b.replace(TITLE, b"Romu l\xe2dzdal", 1),
        ":2 [Pasākums]: invalid UTF-8 (byte 0xE2) at character 7 of the cell; save the file as UTF-8",
    ),
    "csv, Windows-1257": (
        "institutions.csv",
        lambda b: b.decode("utf-8").encode("cp1257"),
        ":1 [column 1]: invalid UTF-8 (byte 0xEE) at character 3 of the cell; save the file as UTF-8",
    ),
    "csv, NUL byte": (
        "measures.csv",
        lambda b: b.replace(TITLE, b"Romu\x00", 1),
        ":2 [Pasākums]: a NUL byte at character 5 of the cell",
    ),
    "csv, control character": (
        "funding.csv",
        lambda b: b.replace(b"ESF", b"E\x01SF", 1),
        ":10 [Fonds]: a control character (U+0001) at character 2 of the cell",
    ),
    "csv, cell over 128 KiB": (
        "measures.csv",
        lambda b: b.replace(WHOLE_TITLE, BIG, 1),
        ":2 [Pasākums]: the cell is 131073 bytes; a cell may have at most 131072 (128 KiB)",
    ),
    "csv read by the registry (English titles), not UTF-8": (
        "measures_en.csv",
        lambda b: b.replace(b"4.2.", b"4.2\xff", 1),
        ":3 [N.p.k.]: invalid UTF-8 (byte 0xFF) at character 4 of the cell; save the file as UTF-8",
    ),
    "yaml, not UTF-8": (
        "documents.yaml",
        lambda b: b.replace(DOC_TITLE, b"Sal\xe7", 1),
        ":6 [title_lv]: invalid UTF-8 (byte 0xE7) at column 16 of the line; save the file as UTF-8",
    ),
    "yaml, NUL byte": (
        "documents.yaml",
        lambda b: b.replace(DOC_TITLE, b"Sal\x00", 1),
        ":6 [title_lv]: a NUL byte at column 16 of the line",
    ),
    "yaml, DEL": (
        "documents.yaml",
        lambda b: b.replace(b"kind: policy-plan", b"kind: policy\x7fplan", 1),
        ":5 [kind]: a character YAML does not allow (U+007F) at column 15 of the line",
    ),
    "yaml, value over 128 KiB": (
        "documents.yaml",
        lambda b: b.replace(WHOLE_DOC_TITLE, BIG, 1),
        ":6 [title_lv]: the value is 131073 bytes; a value may have at most 131072 (128 KiB)",
    ),
    "yaml, nested key": (
        "plan.yaml",
        lambda b: b.replace(b"celex: 32021H0319(01)", b"celex: 3202\xc11H0319(01)", 1),
        ":22 [recommendation.celex]: invalid UTF-8 (byte 0xC1) at column 14 of the line; save the file as UTF-8",
    ),
    "yaml, a missing key": ("plan.yaml", lambda b: b.replace(b"publisher: KM\n", b"", 1), " [publisher]: missing key"),
    "yaml, not a date": (
        "documents.yaml",
        lambda b: b.replace(b'issued: "2021-01-18"', b'issued: "2021-13-18"', 1),
        " [issued]: entry 1: '2021-13-18' is not a date (YYYY-MM-DD)",
    ),
}


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("previous") / "build"
    build(build_dir=out)
    return out


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _broken_sources(tmp_path: Path, filename: str, edit) -> Path:
    source = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, source)
    path = source / filename
    changed = edit(path.read_bytes())
    assert changed != path.read_bytes(), "the edit must change the file"
    path.write_bytes(changed)
    return source


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_bytes_name_file_row_and_column_and_keep_the_old_kb(previous, tmp_path, case):
    filename, edit, expected = CASES[case]
    before = _snapshot(previous)
    source = _broken_sources(tmp_path, filename, edit)
    with pytest.raises(SourceError) as error:
        build(source, previous)
    assert error.value.file.endswith(filename)
    message = str(error.value)
    assert message.startswith(error.value.file) and message.endswith(expected), message
    assert _snapshot(previous) == before
    assert sorted(before) == [KB_JSONLD, KB_TTL]


def test_the_cli_prints_one_line_and_no_traceback(previous, tmp_path):
    before = _snapshot(previous)
    source = _broken_sources(tmp_path, "measures.csv", lambda b: b.replace(TITLE, b"Romu l\xe2dzdal", 1))
    done = run_kb("build", "--source", str(source), "--out", str(previous))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and lines[0].startswith("error: ")
        and lines[0].endswith(
            "measures.csv:2 [Pasākums]: invalid UTF-8 (byte 0xE2) at character 7 of the cell; save the file as UTF-8"
        )
    ), done.stderr
    assert _snapshot(previous) == before


# ------------------------------------------------------------------ .xlsx (the spreadsheet loader)
FIXTURE = Path(__file__).parent / "fixtures" / "plan_table_2024.csv"


def _workbook(tmp_path: Path) -> Path:
    workbook = Workbook()
    with FIXTURE.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            workbook.active.append(row)
    target = tmp_path / "plan.xlsx"
    workbook.save(target)
    return target


def _patched(path: Path, old: bytes, new: bytes) -> Path:
    """Edit the workbook's XML directly, as a broken or hostile file would be (openpyxl cuts cells at 32 767 characters)."""
    target = path.with_name("patched.xlsx")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new, 1)
            zout.writestr(item, data)
    return target


def _load(path: Path) -> None:
    graph, ctx = load_reference()
    load_plan_table(graph, path, path.name, ctx)


def test_xlsx_cell_over_128_kib_names_row_and_column(tmp_path):
    path = _patched(_workbook(tmp_path), b"<t>Veicin", b"<t>" + BIG + b"Veicin")
    with pytest.raises(SourceError) as error:
        _load(path)
    assert (error.value.row, error.value.column) == (2, "Darbības rezultāts")
    assert "a cell may have at most 131072 (128 KiB)" in error.value.reason


@pytest.mark.parametrize("bad", [b"\xff", b"\x00"], ids=["not UTF-8", "NUL byte"])
def test_xlsx_with_bytes_xml_cannot_hold_is_refused_by_name(tmp_path, bad):
    path = _patched(_workbook(tmp_path), b"<t>Veicin", b"<t>" + bad + b"Veicin")
    with pytest.raises(SourceError) as error:
        _load(path)
    assert str(error.value).startswith("patched.xlsx: not a readable .xlsx workbook (")


def test_a_file_that_is_not_a_workbook_is_refused_by_name(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"N.p.k.,Pasakums\n")
    with pytest.raises(SourceError) as error:
        _load(path)
    assert str(error.value).startswith("plan.xlsx: not a readable .xlsx workbook (BadZipFile")
