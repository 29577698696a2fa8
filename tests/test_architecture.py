"""The layers of ARCHITECTURE.md, checked on the code: sources → loaders → graph → engine →
catalogue → reports → CLI, endpoint, UI. Imports are read with `ast` (lazy imports inside functions
count too), so a cycle or a layer breach fails here before it confuses a reader."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "loaders", "kb", "report", "ui")

# Layer -> the layers it may import. Listed from the bottom up.
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "loaders": {"core", "loaders"},
    "kb.engine": {"core", "kb.engine"},
    "report": {"core", "kb.engine", "report"},
    "kb": {"core", "loaders", "kb.engine", "report", "kb"},
    "ui": {"core", "kb.engine", "report", "ui"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    return "kb.engine" if module.startswith("kb.engine") else module.split(".")[0]


def our_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(n for n in names if n.split(".")[0] in PACKAGES)
    return found


def import_graph() -> nx.DiGraph:
    modules = {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in our_imports(path):
            # 'from kb.engine import stores' names a module; 'from kb.engine.stores import X' names X in one.
            module = target if target in modules else target.rsplit(".", 1)[0]
            if module in modules and module != name:
                graph.add_edge(name, module)
    return graph


GRAPH = import_graph()


def test_the_graph_sees_the_code():
    assert {"core.errors", "loaders.registry", "kb.engine.stores", "kb.server", "ui.app"} <= set(GRAPH)
    assert GRAPH.has_edge("kb.build", "loaders.registry") and GRAPH.has_edge("loaders.budget", "core.namespaces")


def test_no_import_cycle_between_modules():
    cycles = list(nx.simple_cycles(GRAPH))
    assert not cycles, f"import cycles: {cycles[:5]}"


def test_no_import_cycle_between_packages():
    packages = nx.DiGraph()
    packages.add_edges_from((layer(a), layer(b)) for a, b in GRAPH.edges if layer(a) != layer(b))
    assert nx.is_directed_acyclic_graph(packages), list(nx.simple_cycles(packages))


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_each_module_imports_only_its_own_layer_or_below(module):
    breaches = [target for target in GRAPH.successors(module) if layer(target) not in ALLOWED[layer(module)]]
    assert not breaches, f"{module} ({layer(module)}) imports {breaches}"


def test_the_checker_finds_a_cycle(tmp_path):
    # A check that cannot fail proves nothing: two modules importing each other are found.
    graph = nx.DiGraph([("a", "b"), ("b", "a")])
    assert list(nx.simple_cycles(graph))
    (tmp_path / "m.py").write_text("from kb.engine.stores import open_store\nimport ui.graph\n")
    assert our_imports(tmp_path / "m.py") == {"kb.engine.stores", "kb.engine.stores.open_store", "ui.graph"}
