"""Menus for a question's parameters: a thin adapter over the engine's choices
(kb/engine/choices.py), so the UI shows what `python -m kb choices` and the endpoint's
`GET /questions` show. Which menu a parameter gets is in its .rq header (`choices:`)."""

from __future__ import annotations

from kb.engine.catalogue import Choice, Param, Question
from kb.engine.choices import choices
from kb.engine.stores import Store

__all__ = ["Choice", "menu"]


def menu(store: Store, question: Question, param: Param) -> list[Choice] | None:
    """The parameter's choices in menu order, or None when it takes free text."""
    return None if param.choices.free else choices(store, question, param)
