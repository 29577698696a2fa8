"""What the CLI and UI call: ask a catalogue question, or run checked free SPARQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb.engine.results import Result
from kb.engine.stores import Store

if TYPE_CHECKING:  # the catalogue (YAML, notation, vocabulary) loads when a question is asked, not for `kb sparql`
    from kb.engine.catalogue import Catalogue, Question

_ALL: Catalogue | None = None


def all_questions() -> Catalogue:
    """Every question of queries/ and ui/queries/, loaded and checked once per process."""
    from kb.engine.catalogue import load_catalogue

    global _ALL
    if _ALL is None:
        _ALL = load_catalogue()
    return _ALL


def catalogue() -> Catalogue:
    """The public catalogue (queries/): what `ask`, `kb questions` and `GET /questions` offer."""
    return all_questions().select("catalogue")


def ask(store: Store, question_id: str, params: dict[str, str] | None = None, *, timeout: float | None = None) -> Result:
    from kb.engine.catalogue import bind

    question = catalogue()[question_id]
    bound = bind(question, params or {})  # checks the values for every kind of answer
    if question.answer == "text-index":
        return _from_index(store, question, params or {})
    return store.run(question.text, bound, timeout=timeout)


def _from_index(store: Store, question: Question, params: dict[str, str]) -> Result:
    from kb.engine.catalogue import INDEX_PARAM
    from kb.engine.search import answer

    # The text as typed, not the bound (folded) term: stemming reads the Latvian letters.
    text = params.get(INDEX_PARAM) or question.param(INDEX_PARAM).default or ""
    return answer(store, question, text)


def sparql(store: Store, query: str, *, timeout: float | None = None) -> Result:
    # The check runs in the store's worker (or a local one for a remote store), inside the
    # time limit: a slow parse cannot stall the caller.
    return store.run(query, timeout=timeout, check=True)
