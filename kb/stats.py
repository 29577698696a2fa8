"""Counts per class, for `python -m kb stats`; the classes and their names come from the
ontology that travels with the KB (core/vocabulary.py)."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from core.vocabulary import Vocabulary


def class_counts(graph: Graph) -> list[tuple[str, str, int]]:
    """(class IRI, English label, instance count) for every class of the ontology with instances;
    instances of a subclass count for the class too (a group of institutions is an institution)."""
    vocabulary = Vocabulary.from_graph(graph)
    rows = []
    for term in vocabulary.classes():
        members = {s for cls in vocabulary.subclasses(term.iri) for s in graph.subjects(RDF.type, URIRef(cls))}
        if members:
            rows.append((term.iri, term.label("en"), len(members)))
    return sorted(rows, key=lambda r: (-r[2], r[1]))
