from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kb.build import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Graph, Path]:
    """Build once per test session into a temporary folder."""
    out = tmp_path_factory.mktemp("kb")
    result = build(build_dir=out)
    return result.graph, out


@pytest.fixture(scope="session")
def kb_graph(built) -> Graph:
    return built[0]
