"""CONSTRUCT and DESCRIBE results written as RDF by pyoxigraph's writers, from the terms the
store gave: every literal keeps its spelling ("01"^^xsd:integer stays 01, "2000"^^xsd:decimal
stays 2000). rdflib (Result.to_graph) normalises literals on the way in, so the endpoint does
not go through it.

RDF/XML cannot write every graph: a predicate must end in an XML name, and XML 1.0 cannot carry
most control characters. Oxigraph's writer then produces broken XML, so RDF/XML output is read
back before it is sent, and a graph it cannot carry is a QueryError (the endpoint answers 500)."""

from __future__ import annotations

import xml.parsers.expat

import pyoxigraph as ox

from core.errors import QueryError
from core.namespaces import TURTLE_PREFIXES
from kb.engine.results import Result

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
}


def serialize(result: Result, fmt: str) -> bytes:
    """The (subject, predicate, object) rows of a graph result in `fmt` (a key of FORMATS)."""
    triples = [ox.Triple(_term(row["subject"]), _term(row["predicate"]), _term(row["object"])) for row in result.rows]
    prefixes = TURTLE_PREFIXES if fmt == "turtle" else None
    data = ox.serialize(triples, format=FORMATS[fmt], prefixes=prefixes)
    if fmt == "xml":
        _check_rdf_xml(data, len(set(triples)))
    return data


def _term(term: dict):
    if term["type"] == "uri":
        return ox.NamedNode(term["value"])
    if term["type"] == "bnode":
        return ox.BlankNode(term["value"])
    if "xml:lang" in term:
        return ox.Literal(term["value"], language=term["xml:lang"])
    if "datatype" in term:
        return ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"]))
    return ox.Literal(term["value"])


CANNOT = "RDF/XML cannot carry this graph ({reason}); ask for Turtle, N-Triples or JSON-LD"


def _check_rdf_xml(data: bytes, expected: int) -> None:
    try:
        xml.parsers.expat.ParserCreate(namespace_separator=" ").Parse(data, True)  # names must be QNames
    except xml.parsers.expat.ExpatError as error:
        raise QueryError("endpoint", CANNOT.format(reason=f"the XML is not well-formed: {error}")) from None
    try:
        read_back = len(set(ox.parse(data, format=ox.RdfFormat.RDF_XML)))
    except (SyntaxError, ValueError) as error:
        raise QueryError("endpoint", CANNOT.format(reason=str(error)[:200])) from None
    if read_back != expected:
        raise QueryError("endpoint", CANNOT.format(reason=f"{expected} triples were written, {read_back} read back"))
