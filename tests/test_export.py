"""Exports: RDF serialisations re-parse to the same graph, CSV tables carry labels, and the
plan-table .xlsx goes through the spreadsheet loader back to an isomorphic graph."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph
from rdflib.compare import isomorphic

from core.namespaces import RSF
from core.paths import SOURCE_DIR
from kb.export import PLAN_COLUMNS, export_csv, export_plan_table, export_rdf
from loaders.plan_table import load_plan_table
from loaders.registry import load_reference
from tests.cli import run_kb


@pytest.mark.parametrize(("fmt", "parse_as"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_rdf_exports_round_trip(kb_graph, tmp_path, fmt, parse_as):
    target = export_rdf(kb_graph, fmt, tmp_path / f"kb.{fmt}")
    assert isomorphic(Graph().parse(target, format=parse_as), kb_graph)


def test_csv_has_one_table_per_main_class_with_labels(kb_graph, tmp_path):
    written = {p.stem: p for p in export_csv(kb_graph, tmp_path)}
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in written.values())  # the BOM Excel needs
    assert {"Measure", "MeasureRow", "RecommendationPoint", "Institution", "PolicyDocument", "Fund", "BudgetLine"} <= set(written)
    with written["MeasureRow"].open(encoding="utf-8-sig") as handle:
        rows = {r["iri"].rsplit("/id/", 1)[1]: r for r in csv.DictReader(handle)}
    assert len(rows) == 37
    row = rows["measure/4.21/row/1"]
    assert row["responsible"] == "org/EM"
    assert row["responsible_label"] == "Ekonomikas ministrija"
    assert row["addressesPoint"] == "recommendation/3a | recommendation/9j | recommendation/10h"  # p. 20
    assert row["page"] == "20"
    with written["Measure"].open(encoding="utf-8-sig") as handle:
        measures = {r["iri"].rsplit("/", 1)[1]: r for r in csv.DictReader(handle)}
    assert len(measures) == 31
    funds = dict(zip(measures["4.29"]["fundedBy"].split(" | "), measures["4.29"]["fundedBy_label"].split(" | "), strict=True))
    assert funds["fund/OTHER"] == "Citas programmas" and funds["fund/VKKF"].startswith("Valsts kultūrkapitāla fonds")
    with written["PolicyDocument"].open(encoding="utf-8-sig") as handle:
        nap = next(r for r in csv.DictReader(handle) if r["iri"].endswith("/NAP2027"))
    assert nap["page"].isdigit() and nap["foaf:page"].startswith("http")  # two properties, two columns


def _measures_part(path: Path, english: dict[str, str]) -> Graph:
    """What the spreadsheet loader adds for `path`; the source file name is the only expected difference."""
    graph, ctx = load_reference()
    before = set(graph)
    load_plan_table(graph, path, path.name, ctx, english)
    part = Graph()
    for triple in set(graph) - before:
        if triple[1] != RSF.sourceFile:
            part.add(triple)
    return part


def test_plan_table_xlsx_round_trips(kb_graph, tmp_path):
    english = {str(kb_graph.value(m, RSF.measureNumber)): "" for m in kb_graph.subjects(RSF.measureNumber, None)}
    original = _measures_part(SOURCE_DIR / "measures.csv", english)
    exported = export_plan_table(kb_graph, tmp_path / "plan.xlsx")
    sheet = load_workbook(exported).active
    assert [c.value for c in sheet[1]] == PLAN_COLUMNS
    assert sheet.max_row == 1 + 37
    again = _measures_part(exported, english)
    assert len(again) == len(original) > 1000
    assert isomorphic(again, original)


def test_plan_table_cells_are_text_not_formulas(kb_graph, tmp_path):
    from rdflib import Literal

    from core.namespaces import row_iri

    graph = Graph()
    graph += kb_graph
    graph.set((row_iri("4.1", 1), RSF.result, Literal("=1+1 is not a formula", lang="lv")))
    sheet = load_workbook(export_plan_table(graph, tmp_path / "plan.xlsx")).active
    cell = sheet.cell(row=2, column=PLAN_COLUMNS.index("Darbības rezultāts") + 1)
    assert (cell.value, cell.data_type) == ("=1+1 is not a formula", "s")


def test_plan_table_refuses_what_its_layout_cannot_hold(kb_graph, tmp_path):
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from core.namespaces import row_iri

    graph = Graph()
    graph += kb_graph
    graph.add((row_iri("4.2", 1), SKOS.editorialNote, Literal("a second note", lang="en")))
    graph.add((row_iri("4.2", 1), SKOS.editorialNote, Literal("a third note", lang="en")))
    with pytest.raises(ValueError, match=r"measure 4\.2"):
        export_plan_table(graph, tmp_path / "plan.xlsx")
    assert not (tmp_path / "plan.xlsx").exists()


def test_plan_table_round_trip_notices_a_change(kb_graph, tmp_path):
    """The comparison above can fail: an edited cell gives a different graph."""
    exported = export_plan_table(kb_graph, tmp_path / "plan.xlsx")
    workbook = load_workbook(exported)
    workbook.active.cell(row=2, column=PLAN_COLUMNS.index("Atbildīgā institūcija") + 1, value="IZM")
    workbook.save(exported)
    assert not isomorphic(_measures_part(exported, {}), _measures_part(SOURCE_DIR / "measures.csv", {}))


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "nt", "xlsx", "void"])
def test_cli_export(built, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    done = run_kb("export", "--format", fmt, "--out", str(target), "--kb", str(built[1] / "kb.ttl"))
    assert done.returncode == 0, done.stderr
    assert target.stat().st_size > 1000


def test_cli_export_without_a_kb_is_a_clear_error(tmp_path):
    done = run_kb("export", "--format", "ttl", "--out", str(tmp_path / "x.ttl"), "--kb", str(tmp_path / "none.ttl"), timeout=60)
    assert done.returncode == 2 and "not found" in done.stderr
