"""Typed parameter values -> RDF terms. Values never enter the query text as text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from core.errors import NotationError
from core.namespaces import measure_iri, point_iri
from core.notation import parse_measure_number, parse_point_query
from core.textfold import fold
from core.vocabulary import ontology_vocabulary


def _point(value: str) -> Node:
    return point_iri(parse_point_query(value).id)


def _measure(value: str) -> Node:
    return measure_iri(parse_measure_number(value))


def _kind(value: str) -> Node:
    """A kind of amount by its notation; the kinds are the SKOS concepts of the ontology."""
    return URIRef(ontology_vocabulary().amount_kind(value))


def _domain(value: str) -> Node:
    """A policy domain by code or by its Latvian or English name; the domains are SKOS concepts of the ontology."""
    return URIRef(ontology_vocabulary().policy_domain(value))


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
    "domain": _domain,
    "year": _year,
    "date": _date,
    "role": _role,
    "folded": lambda v: Literal(fold(v)),
    "literal": lambda v: Literal(v),
    "iri": _iri,
}
# The types whose value is an IRI: their variable is ?_name_iri, the others' ?_name.
IRI_TYPES = frozenset({"point", "measure", "kind", "domain", "iri"})
