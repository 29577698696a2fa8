"""The data behind the UI's views, fetched through the query engine.

Every view query is a grlc-style .rq file in ui/queries/, loaded by the same
catalogue loader as the public questions (source "ui"), so the UI works on any store the engine
supports (embedded or remote). Functions here return pandas frames and do not
import Streamlit, so they are tested directly."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pandas as pd

from core.namespaces import full_iri, local_name, short_id  # noqa: F401 - the UI's modules import them from here
from core.ordering import measure_sort_key, point_sort_key  # noqa: F401 - the UI's modules import them from here
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


@cache
def views() -> Catalogue:
    """The view queries (ui/queries/) alone: the public catalogue's checks load the ontology
    with rdflib (~0.5 s), which a page that asks no catalogue question need not wait for."""
    return load_catalogue({"ui": SOURCES["ui"]})


def run_view(store: Store, view_id: str, params: dict[str, str] | None = None) -> pd.DataFrame:
    question = views()[view_id]
    return frame(store.run(question.text, bind(question, params or {})))


def frame(result: Result) -> pd.DataFrame:
    """Plain Python values: numbers as numbers, everything else as its lexical form."""
    records = [{v: _value(row.get(v)) for v in result.variables} for row in result.rows]
    return pd.DataFrame.from_records(records, columns=result.variables)


def _value(term: dict | None):
    if term is None:
        return None
    if term.get("datatype") in _NUMERIC:
        number = Decimal(term["value"])
        return int(number) if number == number.to_integral_value() else float(number)
    return term["value"]


def text(value) -> str:
    """A cell as text: '' for an unbound value (pandas shows those as NaN)."""
    return "" if value is None or value != value else str(value)
