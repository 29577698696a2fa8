"""The ontology is the one source for classes, relations and their names: a class added to a
scratch copy of the ontology, with a few instances, shows up in the overview counts, the CSV
export and the graph legend without a line of Python changing."""

from __future__ import annotations

import csv
import shutil

import pytest

from core.ontology import load_ontology
from core.paths import ONTOLOGY_DIR, SOURCE_DIR
from core.vocabulary import VOCABULARY_QUERY, Vocabulary, ontology_vocabulary
from kb.engine.stores import EmbeddedStore
from kb.export import export_csv
from loaders.registry import load_all
from ui import graph as kbgraph
from ui import viewdata

WIDGET = "https://w3id.org/lv-roma-plan/def#Widget"
NEW_CLASS = """
rsf:Widget a owl:Class ; rdfs:label "Logrīks"@lv , "Widget"@en .
rsf:widgetOf a owl:ObjectProperty ; rdfs:domain rsf:Widget ; rdfs:range rsf:Measure ;
    rdfs:label "logrīks pasākumam"@lv , "widget of"@en .
"""
NEW_PRESENTATION = """
rsf:Widget pres:order 30 ; pres:colour "#123456" ; pres:explorable true ; pres:inOverview true ; pres:csvTable true ;
    pres:pluralLabel "Logrīki"@lv , "Widgets"@en .
rsf:widgetOf pres:order 30 ; pres:explorable true .
"""
INSTANCES = """
@prefix rsf: <https://w3id.org/lv-roma-plan/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix id: <https://w3id.org/lv-roma-plan/id/> .
id:widget\\/1 a rsf:Widget ; rdfs:label "Pirmais"@lv , "First"@en ; rsf:widgetOf id:measure\\/4.21 .
id:widget\\/2 a rsf:Widget ; rdfs:label "Otrais"@lv , "Second"@en ; rsf:widgetOf id:measure\\/4.21 .
id:widget\\/3 a rsf:Widget ; rdfs:label "Trešais"@lv , "Third"@en ; rsf:widgetOf id:measure\\/4.22 .
"""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A KB built from the real sources with a scratch ontology that has one more class."""
    folder = tmp_path_factory.mktemp("scratch")
    ontology = folder / "ontology"
    shutil.copytree(ONTOLOGY_DIR, ontology)
    for name, addition in (("rsf.ttl", NEW_CLASS), ("presentation.ttl", NEW_PRESENTATION)):
        with (ontology / name).open("a", encoding="utf-8") as handle:
            handle.write(addition)
    graph = load_all(SOURCE_DIR, ontology)
    graph.parse(data=INSTANCES, format="turtle")
    kb = folder / "kb.ttl"
    graph.serialize(kb, format="turtle")
    store = EmbeddedStore(kb, timeout=10)
    yield graph, store, folder
    store.close()


def test_the_real_ontology_has_no_widget():
    assert ontology_vocabulary().term(WIDGET) is None  # so the next tests show the scratch copy at work


def test_the_new_class_is_counted_in_the_overview(scratch):
    _, store, _ = scratch
    counts = viewdata.view_records(store, "counts")
    assert {row["class"]: row["count"] for row in counts}[WIDGET] == 3
    vocabulary = Vocabulary.from_graph(scratch[0])
    assert "Widgets" in [t.plural_label("en") for t in vocabulary.classes("in_overview")]


def test_the_new_class_gets_its_own_csv_table(scratch):
    graph, _, folder = scratch
    written = export_csv(graph, folder / "csv")
    widget = folder / "csv" / "Widget.csv"
    assert widget in written
    with widget.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["rdfs:label@en"] for r in rows) == ["First", "Second", "Third"]


def test_the_new_class_is_in_the_graph_and_its_legend(scratch):
    _, store, _ = scratch
    rows = store.run(VOCABULARY_QUERY).rows
    vocabulary = Vocabulary.from_rows({k: v["value"] for k, v in row.items()} for row in rows)
    graph = kbgraph.build_graph(viewdata.view_records(store, "entities"), viewdata.view_records(store, "edges"), vocabulary)
    measure = "https://w3id.org/lv-roma-plan/id/measure/4.21"
    near = kbgraph.neighbourhood(graph, measure, 1, [r.iri for r in vocabulary.relations()], 100).graph
    classes = {data["cls"] for _, data in near.nodes(data=True)}
    assert WIDGET in classes
    assert ("#123456", "Widget") in kbgraph.legend_items(vocabulary, sorted(classes), "en")
    assert ("#123456", "Logrīks") in kbgraph.legend_items(vocabulary, sorted(classes), "lv")


def test_labels_come_from_the_ontology_everywhere():
    """One name per term: the graph, the detail page and the CLI use rdfs:label."""
    ontology = load_ontology()
    vocabulary = Vocabulary.from_graph(ontology)
    responsible = "https://w3id.org/lv-roma-plan/def#responsible"
    assert vocabulary.label(responsible, "en") == "responsible institution"
    assert vocabulary.label(responsible, "lv") == "atbildīgā institūcija"
    for term in vocabulary.classes("explorable") + vocabulary.relations():
        assert term.labels.get("lv") and term.labels.get("en"), term.iri


def test_the_ontology_files_read_by_pyoxigraph_give_the_rdflib_graph_s_vocabulary(scratch):
    """ontology_vocabulary reads the files with pyoxigraph alone; an rdflib graph of the same
    files gives the same terms (the scratch ontology too, whose Widget must be in both)."""
    folder = scratch[2] / "ontology"
    from_files = ontology_vocabulary(folder)
    assert WIDGET in from_files.terms
    assert from_files.terms == Vocabulary.from_graph(load_ontology(folder)).terms
    assert ontology_vocabulary().terms == Vocabulary.from_graph(load_ontology()).terms
