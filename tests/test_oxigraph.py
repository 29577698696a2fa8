"""core/oxigraph.py: the build's Turtle is the same graph, the same bytes whatever order the
triples were added in, and reads with the project's prefixes."""

from __future__ import annotations

import random

from rdflib import Graph

from core import oxigraph
from core.namespaces import TURTLE_PREFIXES


def _shuffled(graph: Graph, seed: int) -> Graph:
    triples = list(graph)
    random.Random(seed).shuffle(triples)
    copy = Graph()
    for triple in triples:
        copy.add(triple)
    return copy


def test_turtle_is_the_same_graph(kb_graph):
    assert set(Graph().parse(data=oxigraph.turtle(kb_graph), format="turtle")) == set(kb_graph)


def test_turtle_does_not_depend_on_the_order_of_the_triples(kb_graph):
    assert oxigraph.turtle(_shuffled(kb_graph, 1)) == oxigraph.turtle(_shuffled(kb_graph, 2))


def test_turtle_starts_with_the_project_prefixes_in_order(kb_graph):
    lines = oxigraph.turtle(kb_graph).decode("utf-8").splitlines()
    head = [line for line in lines if line.startswith("@prefix ")]
    assert head == lines[: len(head)] == sorted(head)
    assert {line.split()[1].rstrip(":") for line in head} == set(TURTLE_PREFIXES)
    assert any(line.startswith("rsf:") or "\trsf:" in line for line in lines)  # names are written short
