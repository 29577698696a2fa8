"""The reports' data, fetched through the query engine on any store (embedded or an endpoint):
the UI's view queries (ui/queries/*.rq, source "ui") and the public catalogue's questions,
their parameters bound as RDF terms. Rows come back as plain values, without pandas."""

from __future__ import annotations

from decimal import Decimal

from core.vocabulary import VOCABULARY_QUERY, Vocabulary
from kb.engine.catalogue import bind
from kb.engine.results import Result
from kb.engine.service import all_questions, ask
from kb.engine.stores import Store

Row = dict[str, str | None]


def view(store: Store, view_id: str, **params: str) -> list[Row]:
    """A UI view query's rows (the card's and the point page's queries, and the lists)."""
    question = all_questions().select("ui")[view_id]
    return plain_rows(store.run(question.text, bind(question, params)))


def question(store: Store, question_id: str, **params: str) -> list[Row]:
    """A public catalogue question's rows, as `python -m kb ask` gives them."""
    return plain_rows(ask(store, question_id, params))


def plain_rows(result: Result) -> list[Row]:
    return [{name: (row[name]["value"] if name in row else None) for name in result.variables} for row in result.rows]


def vocabulary(store: Store) -> Vocabulary:
    """Names of classes, relations and amount kinds from the ontology in the KB."""
    return Vocabulary.from_rows(plain_rows(store.run(VOCABULARY_QUERY)))


def amount(value: str | None) -> Decimal:
    return Decimal(value or "0")


def integer(value: str | None) -> int:
    return int(Decimal(value)) if value else 0


def flag(value: str | None) -> bool:
    return value in ("true", "1")


def pages(values: object) -> tuple[int, ...]:
    """Page numbers in order, once each; a cell may hold several ('37, 40')."""
    found = {int(part) for value in values if value for part in str(value).replace(",", " ").split()}
    return tuple(sorted(found))
