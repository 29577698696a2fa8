"""Parameter values as RDF terms, and their safe textual form for remote endpoints."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node


def to_json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def to_sparql(term: Node) -> str:
    """rdflib's n3() escapes quotes, backslashes and newlines; IRIs are checked before."""
    if isinstance(term, URIRef) and any(c in str(term) for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not a valid IRI: {str(term)!r}")
    return term.n3()
