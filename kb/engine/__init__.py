"""Query engine: the catalogue of questions, safe free SPARQL, and two stores
(embedded pyoxigraph in a killable worker process, or any SPARQL 1.1 endpoint).

The names below are imported when first asked for: importing one module of the engine
(`kb.engine.stores` for `kb sparql`, `kb.engine.worker` in the query worker) does not load
rdflib, the catalogue and its YAML with it."""

from __future__ import annotations

import importlib

_WHERE = {
    "QueryError": "core.errors",
    **dict.fromkeys(("Catalogue", "Choice", "Column", "Param", "Question", "load_catalogue"), "kb.engine.catalogue"),
    "choices": "kb.engine.choices",
    "Result": "kb.engine.results",
    **dict.fromkeys(("EmbeddedStore", "RemoteStore", "Store", "open_store"), "kb.engine.stores"),
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
