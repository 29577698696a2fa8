"""A VoID description of the KB: counts, licence, the source document, the endpoint."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, XSD

from core.namespaces import BASE, ID, bind_prefixes
from core.paths import SOURCE_DIR
from kb.engine.stores import Store, all_rows
from loaders.sourcefile import load_yaml

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET_FILE = SOURCE_DIR / "dataset.yaml"
DATASET = URIRef(BASE + "id/dataset")

# The statistics, asked of the store that already holds the KB (kb serve's workers): parsing
# the KB a second time with rdflib was most of the endpoint's start-up.
_COUNTS = f"""
SELECT ?triples ?subjects ?entities ?properties WHERE {{
  {{ SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
     WHERE {{ ?s ?p ?o }} }}
  {{ SELECT (COUNT(DISTINCT ?s) AS ?entities) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{ID}")) }} }}
}}"""
_CLASSES = "SELECT ?class (COUNT(*) AS ?instances) WHERE { ?s a ?class } GROUP BY ?class"
# The counts are the server's own queries at start-up, not a client's: they are not held to the
# clients' time limit (a large KB counts longer), and the classes come in pages (all_rows), so
# that a small row cap cannot cut the list short.
COUNT_TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Counts:
    triples: int
    subjects: int  # distinct
    entities: int  # distinct subjects in the KB's own id/ space
    properties: int  # distinct predicates
    classes: Mapping[str, int]  # class IRI -> its instances


def counts(store: Store) -> Counts:
    row = store.run(_COUNTS, timeout=COUNT_TIME_LIMIT).rows[0]
    number = lambda name: int(row[name]["value"])  # noqa: E731
    classes = {r["class"]: int(r["instances"]) for r in all_rows(store, _CLASSES, "?class", timeout=COUNT_TIME_LIMIT)}
    return Counts(number("triples"), number("subjects"), number("entities"), number("properties"), classes)


def void_graph(counts: Counts, endpoint: str | None = None, dump: str | None = None, settings: Path = DATASET_FILE) -> Graph:
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
    add((DATASET, VOID.triples, _integer(counts.triples)))
    add((DATASET, VOID.distinctSubjects, _integer(counts.subjects)))
    add((DATASET, VOID.entities, _integer(counts.entities)))
    add((DATASET, VOID.properties, _integer(counts.properties)))
    add((DATASET, VOID.classes, _integer(len(counts.classes))))
    for iri, instances in sorted(counts.classes.items()):
        cls = URIRef(iri)
        partition = URIRef(f"{DATASET}/class/{cls.n3(void.namespace_manager).replace(':', '-')}")
        add((DATASET, VOID.classPartition, partition))
        add((partition, VOID["class"], cls))
        add((partition, VOID.entities, _integer(instances)))
    return void


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)
