"""Reading the W3C SPARQL 1.1 test suites from /work/shared/w3c-sparql11 (an unmodified copy of
w3c/rdf-tests' sparql/sparql11, used from there and never copied into the project)."""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection

SUITE = Path(os.environ.get("KB_W3C_SPARQL11", "/work/shared/w3c-sparql11"))
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
MISSING = f"the W3C SPARQL 1.1 test suite is not at {SUITE} (set KB_W3C_SPARQL11 to its folder)"


def available() -> bool:
    return (SUITE / "manifest-sparql11-query.ttl").exists()


def manifest(path: Path) -> tuple[Graph, list]:
    """A manifest's graph and its entries, in order (included manifests are not followed)."""
    graph = Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    entries = []
    for head in graph.subjects(RDF.type, MF.Manifest):
        for listed in graph.objects(head, MF.entries):
            entries += list(Collection(graph, listed))
    return graph, entries


def included(path: Path) -> list[Path]:
    graph = Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    found = []
    for head in graph.subjects(RDF.type, MF.Manifest):
        for listed in graph.objects(head, MF.include):
            found += [Path(str(item).removeprefix("file://")) for item in Collection(graph, listed)]
    return found


def local(path_or_iri) -> Path:
    return Path(str(path_or_iri).removeprefix("file://"))
