"""The safe textual form of a bound parameter value."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node


def to_sparql(term: Node) -> str:
    """rdflib's n3() escapes quotes, backslashes and newlines; IRIs are checked before."""
    if isinstance(term, URIRef) and any(c in str(term) for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not a valid IRI: {str(term)!r}")
    return term.n3()
