"""rdflib graphs handed to pyoxigraph where speed counts: the loaders build rdflib graphs, but
rdflib's SPARQL engine and its Turtle writer are 20–30 times slower than pyoxigraph's (the
build spent a second in them). Terms are copied as they are: rdflib has already normalised
every literal, so a value reads the same through either library."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from core.namespaces import TURTLE_PREFIXES


def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(node)
    if isinstance(node, BNode):
        return ox.BlankNode(node)
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(node.datatype))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def triples(graph: Graph | list[ox.Triple]) -> list[ox.Triple]:
    """The graph's triples as pyoxigraph's; a list already converted is returned as it is (the
    build converts once for its checks and its Turtle: ~70 ms each time)."""
    if isinstance(graph, list):
        return graph
    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in graph]


def store(graph: Graph | list[ox.Triple]) -> ox.Store:
    oxigraph = ox.Store()
    oxigraph.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples(graph))
    return oxigraph


def load_files(paths: list[Path]) -> ox.Store:
    """Turtle files read by pyoxigraph itself, with no rdflib graph in between."""
    oxigraph = ox.Store()
    for path in paths:
        oxigraph.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return oxigraph


def select(graph: Graph | ox.Store, query: str) -> list[dict[str, str | None]]:
    """The rows of a SELECT query as plain values (an IRI, a literal's lexical form, or None)."""
    solutions = (graph if isinstance(graph, ox.Store) else store(graph)).query(query)
    names = [variable.value for variable in solutions.variables]
    return [{name: _value(solution[name]) for name in names} for solution in solutions]


def _value(found) -> str | None:
    return None if found is None else found.value


def turtle(graph: Graph | list[ox.Triple]) -> bytes:
    """Turtle with the project's prefixes, one block per subject, in a fixed order (subject,
    predicate, object), so that the same graph is always the same bytes."""
    ordered = sorted(triples(graph), key=str)  # "<s> <p> o": the order of (s, p, o), as no IRI holds '>' or a space
    text = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
    # The writer's order of the @prefix lines is its map's, which no documentation promises: sorted here.
    lines = text.split(b"\n")
    count = next(i for i, line in enumerate(lines) if not line.startswith(b"@prefix "))
    return b"\n".join(sorted(lines[:count]) + lines[count:])
