"""The data behind the UI's views, fetched through the query engine.

Every view query is a grlc-style .rq file in ui/queries/, loaded by the same
catalogue loader as the public questions (source "ui"), so the UI works on any store the engine
supports (embedded or remote). Functions here return rows as plain Python values and do
not import Streamlit, so they are tested directly."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from core.namespaces import full_iri, local_name, short_id  # noqa: F401 - the UI's modules import them from here
from core.ordering import measure_sort_key, point_sort_key  # noqa: F401 - the UI's modules import them from here
from core.vocabulary import Vocabulary
from kb.engine.catalogue import SOURCES, Catalogue, bind, load_catalogue
from kb.engine.results import Result
from kb.engine.stores import Store

_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer",
    "http://www.w3.org/2001/XMLSchema#decimal",
    "http://www.w3.org/2001/XMLSchema#double",
    "http://www.w3.org/2001/XMLSchema#int",
    "http://www.w3.org/2001/XMLSchema#long",
}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_BOOLEAN_FORMS = {"true": True, "1": True, "false": False, "0": False}  # xsd:boolean's lexical forms


@cache
def views() -> Catalogue:
    """The view queries (ui/queries/) alone: the public catalogue's checks load the ontology
    with rdflib (~0.5 s), which a page that asks no catalogue question need not wait for."""
    return load_catalogue({"ui": SOURCES["ui"]})


Record = dict[str, Any]  # a view's row: variable -> plain value (None when unbound)


def view_records(store: Store, view_id: str, params: dict[str, str] | None = None) -> list[Record]:
    question = views()[view_id]
    return records(store.run(question.text, bind(question, params or {})))


def records(result: Result) -> list[Record]:
    """Plain Python values: numbers as numbers, everything else as its lexical form."""
    return [{v: plain_value(row.get(v)) for v in result.variables} for row in result.rows]


def is_number_term(term: dict | None) -> bool:
    return bool(term) and term.get("datatype") in _NUMERIC


def boolean_value(term: dict | None) -> bool | None:
    """An xsd:boolean literal's truth; None for any other term (or an ill-formed boolean)."""
    if not term or term.get("datatype") != _BOOLEAN:
        return None
    return _BOOLEAN_FORMS.get(term["value"])


def plain_value(term: dict | None):
    """A term's value in Python: numbers as int or float (INF and NaN as floats), else its text."""
    if term is None:
        return None
    if is_number_term(term):
        number = Decimal(term["value"].strip())
        if not number.is_finite():
            return float(number)
        return int(number) if number == number.to_integral_value() else float(number)
    return term["value"]


Row = TypeVar("Row", bound=Mapping[str, Any])
Key = TypeVar("Key", bound=Hashable)


def grouped(records: Iterable[Row], key: Callable[[Row], Key]) -> dict[Key, list[Row]]:
    """The records by `key`, groups in the order of their first record, records in their order."""
    groups: dict[Key, list[Row]] = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return groups


def page_numbers(values: Iterable) -> list[int]:
    """The plan's pages named by `values` (numbers, or texts such as a GROUP_CONCAT's '28, 27'),
    each once, in order; empty values are skipped."""
    found = {int(page) for value in values if value is not None for page in str(value).split(",") if page.strip()}
    return sorted(found)


def page_text(values: Iterable) -> str:
    """'26, 27, 28': the pages of `values` as a reader reads them."""
    return ", ".join(map(str, page_numbers(values)))


def text(value) -> str:
    """A cell as text: '' for an unbound value (None) or a NaN."""
    return "" if value is None or value != value else str(value)


def entity_nodes(entities: list[Record], vocabulary: Vocabulary) -> dict[str, dict[str, str]]:
    """Each entity's class, names and notation: the graph's nodes (ui/graph.py), and all that
    the pages that only name and link entities need, without networkx.
    entities: entity, cls, label_lv, label_en, notation. An entity with several classes takes
    the most specific one (the ontology's order). Rows are taken in a sorted order, not the
    store's: a store answers in its own order, which changes with the data and from store to
    store, and the graph's order decides between equally short paths and lays out the drawing."""
    nodes: dict[str, dict[str, str]] = {}
    for row in sorted(entities, key=lambda row: (row["entity"], row["cls"])):
        known = nodes.get(row["entity"])
        if known and vocabulary.most_specific([known["cls"], row["cls"]]) == known["cls"]:
            continue
        nodes[row["entity"]] = {
            "cls": row["cls"],
            "label_lv": text(row["label_lv"]) or text(row["notation"]) or local_name(row["entity"]),
            "label_en": text(row["label_en"]) or text(row["label_lv"]) or local_name(row["entity"]),
            "notation": text(row["notation"]),
        }
    return nodes


def node_label_from(data: dict, lang: str) -> str:
    """The node's label in `lang`, else Latvian (nodes drawn outside the projection may have none)."""
    return data.get(f"label_{lang}") or data.get("label_lv") or ""
