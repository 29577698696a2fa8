"""Query engine: the catalogue of questions, safe free SPARQL, and two stores
(embedded pyoxigraph in a killable worker process, or any SPARQL 1.1 endpoint).

The names below are imported when first asked for: importing one module of the engine
(`kb.engine.stores` for `kb sparql`) does not load the catalogue and its YAML with it."""

from __future__ import annotations

import importlib

_WHERE = {
    "Catalogue": "kb.engine.catalogue",
    "Choice": "kb.engine.catalogue",
    "Column": "kb.engine.catalogue",
    "Param": "kb.engine.catalogue",
    "Question": "kb.engine.catalogue",
    "load_catalogue": "kb.engine.catalogue",
    "choices": "kb.engine.choices",
    "Result": "kb.engine.results",
    "EmbeddedStore": "kb.engine.stores",
    "RemoteStore": "kb.engine.stores",
    "Store": "kb.engine.stores",
    "open_store": "kb.engine.stores",
    "QueryError": "core.errors",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
