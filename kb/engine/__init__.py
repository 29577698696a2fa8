"""Query engine: the catalogue of questions, safe free SPARQL, and two stores
(embedded pyoxigraph in a killable worker process, or any SPARQL 1.1 endpoint)."""

from core.errors import QueryError
from kb.engine.catalogue import Catalogue, Choice, Column, Param, Question, load_catalogue
from kb.engine.choices import choices
from kb.engine.results import Result
from kb.engine.stores import EmbeddedStore, RemoteStore, Store, open_store

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
