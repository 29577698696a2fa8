"""Query engine: the catalogue of questions, safe free SPARQL, and two stores
(embedded pyoxigraph in a killable worker process, or any SPARQL 1.1 endpoint)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.errors import QueryError
    from kb.engine.catalogue import Catalogue, Choice, Column, Param, Question, load_catalogue
    from kb.engine.choices import choices
    from kb.engine.results import Result
    from kb.engine.stores import EmbeddedStore, RemoteStore, Store, open_store

# Loaded when first named: the query worker imports kb.engine.worker, and importing the
# package must not pull in rdflib, the catalogue and the stores with it.
_HOMES = {
    "QueryError": "core.errors",
    **dict.fromkeys(("Catalogue", "Choice", "Column", "Param", "Question", "load_catalogue"), "kb.engine.catalogue"),
    "choices": "kb.engine.choices",
    "Result": "kb.engine.results",
    **dict.fromkeys(("EmbeddedStore", "RemoteStore", "Store", "open_store"), "kb.engine.stores"),
}


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)


__all__ = [
    "Catalogue",
    "Choice",
    "Column",
    "EmbeddedStore",
    "Param",
    "QueryError",
    "Question",
    "RemoteStore",
    "Result",
    "Store",
    "choices",
    "load_catalogue",
    "open_store",
]
