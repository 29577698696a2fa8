"""Build: load every source, validate with SHACL, and only then replace data/build/kb.ttl.

The output is deterministic: rdflib sorts subjects and predicates, there are no
blank nodes in the data and no timestamps."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from core.paths import BUILD_DIR, KB_JSONLD, KB_TTL, ONTOLOGY_DIR, SOURCE_DIR
from kb.validate import ValidationReport, validate
from loaders.registry import load_all


class BuildFailed(Exception):
    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__(report.summary())


@dataclass
class BuildResult:
    graph: Graph
    report: ValidationReport
    outputs: list[Path]


def build(source_dir: Path = SOURCE_DIR, build_dir: Path = BUILD_DIR, ontology_dir: Path = ONTOLOGY_DIR) -> BuildResult:
    graph = load_all(source_dir, ontology_dir)
    report = validate(graph, ontology_dir=ontology_dir)
    if not report.conforms:
        raise BuildFailed(report)
    build_dir.mkdir(parents=True, exist_ok=True)
    turtle = graph.serialize(format="turtle")
    jsonld = canonical_jsonld(graph)
    outputs = [_atomic_write(build_dir / KB_TTL, turtle), _atomic_write(build_dir / KB_JSONLD, jsonld)]
    return BuildResult(graph, report, outputs)


def canonical_jsonld(graph: Graph) -> str:
    """rdflib's JSON-LD order follows hash order; sort nodes and values for stable output."""
    nodes = json.loads(graph.serialize(format="json-ld"))
    nodes = nodes if isinstance(nodes, list) else [nodes]
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda n: n.get("@id", ""))
    return json.dumps(nodes, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def _atomic_write(target: Path, text: str) -> Path:
    """Write next to the target, then rename: readers never see a half-written file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
