"""A spreadsheet with the plan's Latvian headers loads into the same graph, and bad input says where."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from core.errors import SourceError
from core.namespaces import RSF, measure_iri, org_iri, point_iri, row_iri
from core.paths import SOURCE_DIR
from kb.validate import validate
from loaders import budget
from loaders.plan_facts import load_measure_domains
from loaders.plan_table import load_plan_table
from loaders.registry import complete, load_reference

FIXTURE = Path(__file__).parent / "fixtures" / "plan_table_2024.csv"
DOMAINS = Path(__file__).parent / "fixtures" / "plan_table_2024_domains.csv"


def _to_xlsx(source: Path, target: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    with source.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    workbook.save(target)
    return target


@pytest.fixture(params=["csv", "xlsx"])
def table(request, tmp_path) -> Path:
    return FIXTURE if request.param == "csv" else _to_xlsx(FIXTURE, tmp_path / "plan_table_2024.xlsx")


def test_spreadsheet_loads_into_the_same_model(table):
    graph, ctx = load_reference()
    load_plan_table(graph, table, table.name, ctx)
    # Every measure needs its policy domains (issue 11): a table comes with its domain readings.
    load_measure_domains(graph, DOMAINS, DOMAINS.name, ctx)
    complete(graph)  # the facts the build derives from the tables, as after every source
    assert set(graph.subjects(RDF.type, RSF.Measure)) == {measure_iri("4.1"), measure_iri("4.2")}
    assert set(graph.objects(row_iri("4.1", 1), RSF.addressesPoint)) == {point_iri("2e"), point_iri("2h"), point_iri("24")}
    assert set(graph.objects(row_iri("4.1", 1), RSF.coResponsible)) == {org_iri("IZM"), org_iri("NVO")}
    assert graph.value(row_iri("4.2", 1), RSF.deadline) == Literal("2024-12-31", datatype=XSD.date)
    assert graph.value(row_iri("4.2", 2), RSF.deadline) == Literal("2024-06-30", datatype=XSD.date)
    assert set(graph.objects(row_iri("4.2", 2), RSF.responsible)) == {org_iri("EM")}
    assert validate(graph).conforms


def _write(tmp_path: Path, edit) -> Path:
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    target = tmp_path / "broken.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return target


def _set(row: int, column: str, value: str):
    def edit(rows):
        rows[row - 1][rows[0].index(column)] = value

    return edit


BAD_INPUT = [
    (_set(2, "Sasaiste ar Ieteikuma pantu", "2 e), point seven"), 2, "Sasaiste ar Ieteikuma pantu", "unknown article notation"),
    (_set(3, "Sasaiste ar Ieteikuma pantu", "77 q)"), 3, "Sasaiste ar Ieteikuma pantu", "not in the Recommendation scheme"),
    (_set(3, "Atbildīgā institūcija", "ABC"), 3, "Atbildīgā institūcija", "unknown institution 'ABC'"),
    (_set(4, "Izpildes termiņš (līdz pusgadam)", "drīzumā"), 4, "Izpildes termiņš", "unknown deadline"),
    (_set(4, "Atsauce uz politikas dokumentu vai normatīvo aktu", "Mājokļu likums 5."), 4, "Atsauce", "unknown policy document"),
    (lambda rows: [r.pop(6) for r in rows], 1, "Atbildīgā institūcija", "missing column"),
]


@pytest.mark.parametrize(("edit", "row", "column", "reason"), BAD_INPUT)
def test_bad_input_names_file_row_column_and_reason(tmp_path, edit, row, column, reason):
    broken = _write(tmp_path, edit)
    graph, ctx = load_reference()
    with pytest.raises(SourceError) as error:
        load_plan_table(graph, broken, "broken.csv", ctx)
    assert (error.value.file, error.value.row) == ("broken.csv", row)
    assert column in error.value.column and reason in error.value.reason
    assert str(error.value).startswith(f"broken.csv:{row} [")


def test_malformed_amount_names_file_row_column(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, source)
    path = source / "budget_annex_2021.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("1 500 000", "1 5OO OOO"), encoding="utf-8")
    graph, ctx = load_reference(source)
    ctx.measures.update(f"4.{i}" for i in range(1, 32))
    with pytest.raises(SourceError) as error:
        budget.load_budget_table(graph, path, "budget_annex_2021.csv", budget.ANNEX, ctx)
    assert (error.value.row, error.value.column) == (5, "Finansējums 2021.gadā")
    assert "malformed amount" in error.value.reason


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "plan.ods"
    path.write_bytes(b"")
    graph, ctx = load_reference()
    with pytest.raises(SourceError, match="unsupported file type"):
        load_plan_table(graph, path, "plan.ods", ctx)


def test_a_row_number_that_is_not_a_number_names_the_cell(tmp_path):
    """Found by tests/test_fuzz.py: 'Rinda' = ':' used to escape as a ValueError."""
    graph, ctx = load_reference()
    source = tmp_path / "plan.csv"
    with FIXTURE.open(encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    table[0].append("Rinda")
    table[1].append(":")
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    with pytest.raises(SourceError) as caught:
        load_plan_table(graph, source, "plan.csv", ctx)
    assert (caught.value.row, caught.value.column) == (2, "Rinda")
