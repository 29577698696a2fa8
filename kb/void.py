"""A VoID description of the KB: counts, licence, the source document, the endpoint."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, XSD

from core.namespaces import BASE, ID, bind_prefixes
from core.paths import SOURCE_DIR
from loaders.sourcefile import load_yaml

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET_FILE = SOURCE_DIR / "dataset.yaml"
DATASET = URIRef(BASE + "id/dataset")


def void_graph(kb: Graph, endpoint: str | None = None, dump: str | None = None, settings: Path = DATASET_FILE) -> Graph:
    meta = load_yaml(settings, str(settings))
    void = Graph()
    bind_prefixes(void)
    void.bind("void", VOID)
    add = void.add
    add((DATASET, RDF.type, VOID.Dataset))
    add((DATASET, DCTERMS.title, Literal(meta["title_lv"], lang="lv")))
    add((DATASET, DCTERMS.title, Literal(meta["title_en"], lang="en")))
    add((DATASET, DCTERMS.license, URIRef(meta["license"])))
    add((DATASET, DCTERMS.description, Literal(f"Licence: {meta['license_note']}.", lang="en")))
    add((DATASET, DCTERMS.source, ID[meta["source_plan"]]))
    add((DATASET, DCTERMS.source, URIRef(meta["source_documents_page"])))
    add((DATASET, DCTERMS.references, URIRef(meta["recommendation"])))
    if dump:
        add((DATASET, VOID.dataDump, URIRef(dump)))
    add((DATASET, VOID.uriSpace, Literal(str(ID))))
    if endpoint:
        add((DATASET, VOID.sparqlEndpoint, URIRef(endpoint)))
    add((DATASET, VOID.triples, Literal(len(kb), datatype=XSD.integer)))
    subjects = set(kb.subjects())
    add((DATASET, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    add((DATASET, VOID.entities, Literal(sum(1 for s in subjects if str(s).startswith(str(ID))), datatype=XSD.integer)))
    add((DATASET, VOID.properties, Literal(len(set(kb.predicates())), datatype=XSD.integer)))
    classes: dict[URIRef, int] = {}
    for _, cls in kb.subject_objects(RDF.type):
        classes[cls] = classes.get(cls, 0) + 1
    add((DATASET, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    for cls, count in sorted(classes.items()):
        partition = URIRef(f"{DATASET}/class/{cls.n3(void.namespace_manager).replace(':', '-')}")
        add((DATASET, VOID.classPartition, partition))
        add((partition, VOID["class"], cls))
        add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    return void
