"""The ontology files: rsf.ttl (classes, properties, controlled values), presentation.ttl
(order, colour and where things are shown) and shapes.ttl (SHACL)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from core.paths import ONTOLOGY_DIR

SHAPES_FILE = "shapes.ttl"


def ontology_files(directory: Path = ONTOLOGY_DIR) -> list[Path]:
    """Every Turtle file of the ontology except the shapes; they travel with the data."""
    return [path for path in sorted(directory.glob("*.ttl")) if path.name != SHAPES_FILE]


def load_ontology(directory: Path = ONTOLOGY_DIR) -> Graph:
    graph = Graph()
    for path in ontology_files(directory):
        graph.parse(path)
    return graph


def load_shapes(directory: Path = ONTOLOGY_DIR) -> Graph:
    return Graph().parse(directory / SHAPES_FILE)
