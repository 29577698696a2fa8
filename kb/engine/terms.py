"""The safe textual form of a bound parameter value."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node


def to_sparql(term: Node) -> str:
    """rdflib's n3() escapes quotes, backslashes and newlines; IRIs are checked before."""
    # What SPARQL's IRIREF excludes: <>"{}|^`\ and every character up to the space.
    if isinstance(term, URIRef) and any(c in '<>"{}|^`\\' or c <= " " for c in str(term)):
        raise ValueError(f"not a valid IRI: {str(term)!r}")
    return term.n3()
