"""Case- and diacritics-insensitive text keys: 'Līdzdalība' -> 'lidzdaliba'."""

from __future__ import annotations

import unicodedata

from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from core.namespaces import RSF


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def add_search_keys(graph: Graph) -> None:
    """Derived from rdfs:label, for entities and the ontology's own terms alike."""
    for subject, label in list(graph.subject_objects(RDFS.label)):
        graph.add((subject, RSF.searchKey, Literal(fold(str(label)))))
