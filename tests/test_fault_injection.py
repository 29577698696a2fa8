"""Corrupt a copy of the KB (one .ru file per fault) and check that SHACL names the broken fact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from kb.validate import validate

FAULTS = sorted((Path(__file__).parent / "faults").glob("*.ru"))


def _expectation(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    return re.search(r"# expect-focus: (\S+)", text)[1], re.search(r"# expect-path: (\S+)", text)[1]


def test_the_clean_kb_conforms(kb_graph):
    assert validate(kb_graph).conforms


@pytest.mark.parametrize("fault", FAULTS, ids=lambda p: p.stem)
def test_shacl_catches(kb_graph, fault):
    focus, path = _expectation(fault)
    corrupted = Graph()
    corrupted += kb_graph
    before = len(corrupted)
    corrupted.update(fault.read_text(encoding="utf-8"))
    assert len(corrupted) != before or "DELETE {" in fault.read_text(encoding="utf-8"), "the fault changed nothing"
    report = validate(corrupted)
    assert not report.conforms
    assert any(v.focus == focus and path in v.path.split(" / ") for v in report.violations), report.summary()
