"""SHACL validation with pySHACL. Results are data: (conforms, results_graph, text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph
from rdflib.collection import Collection
from rdflib.namespace import RDF

from core import oxigraph
from core.namespaces import RSFS, SH
from core.ontology import load_ontology, load_shapes
from core.paths import ONTOLOGY_DIR


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.focus} [{self.path}] {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    results_graph: Graph
    text: str
    checked: list[Violation] = field(default_factory=list)  # from the whole-graph checks

    @property
    def violations(self) -> list[Violation]:
        found = list(self.checked)
        for result in self.results_graph.subjects(RDF.type, SH.ValidationResult):
            value = lambda p, r=result: str(self.results_graph.value(r, p) or "")  # noqa: E731
            path = _render_path(self.results_graph, self.results_graph.value(result, SH.resultPath))
            found.append(
                Violation(value(SH.focusNode), path, value(SH.resultMessage), value(SH.resultSeverity).rsplit("#", 1)[-1])
            )
        return sorted(found, key=lambda v: (v.focus, v.path, v.message))

    def summary(self) -> str:
        if self.conforms:
            return "The KB conforms to ontology/shapes.ttl."
        lines = [f"{len(self.violations)} SHACL violation(s):"]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


def _render_path(graph: Graph, node) -> str:
    """A sequence path is an RDF list; show it as 'p1 / p2' rather than a blank node id."""
    if isinstance(node, BNode):
        items = list(Collection(graph, node))
        if items:
            return " / ".join(str(i) for i in items)
    return str(node or "")


def validate(
    data: Graph, shapes: Graph | None = None, ontology_dir: Path = ONTOLOGY_DIR, converted: list | None = None
) -> ValidationReport:
    """SHACL over the data, then the whole-graph checks; `converted`: the data's triples already
    converted for pyoxigraph (core.oxigraph.triples), if the caller has them."""
    # The ontology supplies subclass links (e.g. InstitutionGroup ⊑ Institution) for sh:class.
    # pySHACL mixes it into a copy of the data; a KB already carries it (the build adds it), and
    # then the copy, a tenth of the validation's time, would add nothing.
    ontology = load_ontology(ontology_dir)
    shapes = shapes if shapes is not None else load_shapes(ontology_dir)
    _find_constraints_by_hash()
    conforms, results_graph, text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=None if _holds(data, ontology) else ontology,
        inference="none",
        allow_warnings=True,
    )
    checked = whole_graph_violations(converted if converted is not None else data, shapes)
    return ValidationReport(bool(conforms) and not checked, results_graph, text, checked)


def whole_graph_violations(data: Graph | list, shapes: Graph) -> list[Violation]:
    """The shapes graph's rsfs:WholeGraphCheck queries, each run once over the data with
    pyoxigraph: every row (?this, ?path) is a violation with the check's sh:message."""
    checks = list(shapes.subjects(RDF.type, RSFS.WholeGraphCheck))
    if not checks:
        return []
    store = oxigraph.store(data)
    found = []
    for check in checks:
        message = str(shapes.value(check, SH.message))
        for solution in store.query(str(shapes.value(check, RSFS.select))):
            found.append(Violation(solution["this"].value, solution["path"].value, message, "Violation"))
    return found


def _holds(data: Graph, part: Graph) -> bool:
    return all(triple in data for triple in part)


def _find_constraints_by_hash() -> None:
    """pySHACL (0.40) finds a shape's constraints by testing each predicate of the shape against
    a list of the ~40 constraint parameters, `p in list`, an rdflib comparison per item: a fifth
    of this KB's validation, since nested shapes are evaluated per value. It keeps that list in
    its own cache, `pyshacl.shape.CONSTRAINT_PARAMS`; filled first with a frozenset of the same
    parameters, each test is one hash lookup. The same constraints run; only pySHACL's advanced
    and JavaScript modes, never used here, would need the list itself."""
    import pyshacl.shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    if getattr(pyshacl.shape, "CONSTRAINT_PARAMS", None) is None:
        pyshacl.shape.CONSTRAINT_PARAMS = (frozenset(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)
