"""The built KB: completeness, determinism, provenance and all-or-nothing writes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from core.errors import SourceError
from core.namespaces import RSF, measure_iri, org_iri, point_iri, row_iri
from core.paths import KB_TTL, SOURCE_DIR
from kb.build import BuildFailed, build, canonical_jsonld

PREFIX = "PREFIX rsf: <https://w3id.org/lv-roma-plan/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def _numbers(graph: Graph, where: str) -> set[str]:
    query = PREFIX + f"SELECT DISTINCT ?n WHERE {{ ?m a rsf:Measure ; rsf:measureNumber ?n . {where} }}"
    return {str(r.n) for r in graph.query(query)}


def test_all_31_measures_and_37_rows(kb_graph):
    assert _numbers(kb_graph, "") == {f"4.{i}" for i in range(1, 32)}
    assert len(set(kb_graph.subjects(RDF.type, RSF.MeasureRow))) == 37
    rows_per_measure = {"4.11": 2, "4.12": 3, "4.16": 2, "4.17": 2, "4.24": 2}
    for number, count in rows_per_measure.items():
        assert len(list(kb_graph.objects(measure_iri(number), RSF.hasRow))) == count


def test_article_10h_gives_exactly_421_422_423(kb_graph):
    where = "?m rsf:hasRow/rsf:addressesPoint <{}> .".format(point_iri("10h"))
    assert _numbers(kb_graph, where) == {"4.21", "4.22", "4.23"}


def test_esf_includes_esf_plus(kb_graph):
    where = "?m rsf:fundedBy/skos:broader* <https://w3id.org/lv-roma-plan/id/fund/ESF> ."
    assert _numbers(kb_graph, where) == {"4.8", "4.9", "4.12", "4.16", "4.17"}


def test_rows_keep_their_own_links_institutions_and_deadlines(kb_graph):
    first, second = row_iri("4.16", 1), row_iri("4.16", 2)
    assert set(kb_graph.objects(first, RSF.responsible)) == {org_iri("NVA")}
    assert set(kb_graph.objects(second, RSF.responsible)) == {org_iri("LM")}
    assert set(kb_graph.objects(second, RSF.coResponsible)) == {org_iri("NVA")}
    assert set(kb_graph.objects(first, RSF.addressesPoint)) == {point_iri("8c")}
    assert set(kb_graph.objects(row_iri("4.17", 1), RSF.addressesPoint)) == {point_iri("9"), point_iri("9a-i")}
    assert kb_graph.value(row_iri("4.9", 1), RSF.deadline) == Literal("2023-12-31", datatype=XSD.date)
    assert kb_graph.value(row_iri("4.24", 2), RSF.deadline) == Literal("2022-06-30", datatype=XSD.date)


def test_stuck_footnote_reading_is_recorded(kb_graph):
    row = row_iri("4.18", 1)
    provisions = {str(p).rsplit("/", 1)[-1] for p in kb_graph.objects(row, RSF.citesProvision)}
    assert provisions == {"4.1.4.1", "349"}
    notes = " ".join(str(n) for n in kb_graph.objects(row, SKOS.editorialNote))
    assert "349 with footnote 74" in notes


def test_every_measure_row_budget_line_and_attribution_has_a_page(kb_graph):
    query = (
        PREFIX
        + """SELECT ?x WHERE {
        VALUES ?c { rsf:Measure rsf:MeasureRow rsf:BudgetLine rsf:FundingAttribution rsf:BudgetAllocation }
        ?x a ?c . FILTER NOT EXISTS { ?x rsf:page ?p } }"""
    )
    assert list(kb_graph.query(query)) == []


def test_within_budget_is_not_zero(kb_graph):
    query = (
        PREFIX
        + """SELECT ?a WHERE { ?a rsf:fundingStatus rsf:withinExistingBudget ; rsf:forMeasure ?m .
        ?m rsf:measureNumber "4.7" . FILTER NOT EXISTS { ?line rsf:allocation ?a } }"""
    )
    assert len(list(kb_graph.query(query))) == 2  # chapter V and the annex; no amount lines


def test_every_entity_has_lv_and_en_labels(kb_graph):
    for cls in (RSF.Measure, RSF.Institution, RSF.PolicyDocument, RSF.Fund, RSF.RecommendationPoint):
        for subject in kb_graph.subjects(RDF.type, cls):
            languages = {label.language for label in kb_graph.objects(subject, RDFS.label)}
            assert {"lv", "en"} <= languages, subject


def test_build_is_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    build(build_dir=first)
    build(build_dir=second)
    for name in (KB_TTL, "kb.jsonld"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def _copy_sources(tmp_path: Path) -> Path:
    target = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, target)
    return target


def _edit_csv(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        edit(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_broken_row_leaves_old_kb_untouched(tmp_path):
    out = tmp_path / "build"
    build(build_dir=out)
    before = (out / KB_TTL).read_bytes()
    source = _copy_sources(tmp_path)
    text = (source / "budget_table1.csv").read_text(encoding="utf-8").replace("1 800 000,1 800 000", "1 800 000,1,800 000")
    (source / "budget_table1.csv").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build(source, out)
    assert error.value.file.endswith("budget_table1.csv") and error.value.row == 6
    assert (out / KB_TTL).read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["kb.jsonld", "kb.ttl"]  # no temporary files left


def test_shacl_failure_leaves_old_kb_untouched(tmp_path):
    out = tmp_path / "build"
    build(build_dir=out)
    before = (out / KB_TTL).read_bytes()
    source = _copy_sources(tmp_path)
    _edit_csv(source / "measures.csv", lambda row: row.update({"Lpp.": "99"}) if row["N.p.k."] == "4.2." else None)
    with pytest.raises(BuildFailed) as failure:
        build(source, out)
    assert any("page" in v.message for v in failure.value.report.violations)
    assert (out / KB_TTL).read_bytes() == before


def test_jsonld_is_the_graph_as_json_dumps_would_indent_it(kb_graph):
    text = canonical_jsonld(kb_graph)
    nodes = json.loads(text)
    # Written by hand for speed: the text must be exactly json.dumps's, sorted keys and an indent of 1.
    assert text == json.dumps(nodes, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    assert [node["@id"] for node in nodes] == sorted(node["@id"] for node in nodes)
    assert set(Graph().parse(data=text, format="json-ld")) == set(kb_graph)
