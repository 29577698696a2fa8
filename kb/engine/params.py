"""Typed parameter values -> RDF terms. Values never enter the query text as text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from core.errors import NotationError, QueryError
from core.namespaces import RSF, measure_iri, point_iri
from core.notation import parse_point_query
from core.textfold import fold

if TYPE_CHECKING:
    from kb.engine.catalogue import Param, Question


def _point(value: str) -> Node:
    return point_iri(parse_point_query(value).id)


def _measure(value: str) -> Node:
    number = value.strip().rstrip(".")
    if not re.fullmatch(r"\d+\.\d+", number):
        raise NotationError(f"measure number such as '4.21' expected, got {value!r}")
    return measure_iri(number)


def _kind(value: str) -> Node:
    kinds = {"mtbf": RSF.mtbf, "additional": RSF.additional, "actual": RSF.actual}
    if value.strip().lower() not in kinds:
        raise NotationError(f"kind must be one of {', '.join(kinds)}, got {value!r}")
    return kinds[value.strip().lower()]


def _year(value: str) -> Node:
    if not re.fullmatch(r"\d{4}", value.strip()):
        raise NotationError(f"year such as 2023 expected, got {value!r}")
    return Literal(value.strip(), datatype=XSD.gYear)


def _date(value: str) -> Node:
    try:
        return Literal(date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)
    except ValueError:
        raise NotationError(f"date as YYYY-MM-DD expected, got {value!r}") from None


def _role(value: str) -> Node:
    if value.strip().lower() not in ("responsible", "co-responsible", "any"):
        raise NotationError(f"role must be responsible, co-responsible or any, got {value!r}")
    return Literal(value.strip().lower())


def _iri(value: str) -> Node:
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value.strip()):
        raise NotationError(f"an http(s) IRI expected, got {value!r}")
    return URIRef(value.strip())


TRANSFORMS: dict[str, Callable[[str], Node]] = {
    "point": _point,
    "measure": _measure,
    "kind": _kind,
    "year": _year,
    "date": _date,
    "role": _role,
    "folded": lambda v: Literal(fold(v)),
    "literal": lambda v: Literal(v),
    "iri": _iri,
}
# The types whose value is an IRI: their variable is ?_name_iri, the others' ?_name.
IRI_TYPES = frozenset({"point", "measure", "kind", "iri"})


def bind(question: Question, values: dict[str, str]) -> dict[str, Node]:
    """Check and convert the user's values; missing values take the default."""
    unknown = set(values) - {p.name for p in question.params}
    if unknown:
        raise QueryError("parameter", f"unknown parameter(s) {', '.join(sorted(unknown))} for {question.id}", question.text)
    bound: dict[str, Node] = {}
    for param in question.params:
        value = values.get(param.name)
        if value is None or value == "":
            value = None if param.optional else param.default
        if value is None:
            if param.optional:
                continue
            raise QueryError("parameter", f"parameter {param.name!r} is required", question.text)
        bound[param.variable] = _convert(param, value, question)
    return bound


def _convert(param: Param, value: str, question: Question) -> Node:
    try:
        return TRANSFORMS[param.type](str(value))
    except NotationError as error:
        raise QueryError("parameter", f"{param.name}: {error}", question.text) from None
