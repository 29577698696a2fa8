"""A parameter's menu: the choices its header declares, served the same way to the CLI
(`python -m kb choices`), the endpoint (`GET /questions`) and the UI.

A listed choice comes from the header; a named set is answered by the choice-set
question the header names (columns value, label_lv, label_en). Choices are sorted by
what their value is, which that question's `value` column declares: measure numbers
numerically (4.2 before 4.10), Recommendation points by number, then letter, then
sub-item; anything else as text."""

from __future__ import annotations

from collections.abc import Callable

from core.errors import QueryError
from core.ordering import measure_sort_key, point_sort_key
from kb.engine.catalogue import Choice, Param, Question, bind
from kb.engine.stores import Store

SORT_KEYS: dict[str, Callable[[str], tuple]] = {"measure-number": measure_sort_key, "point": point_sort_key}


def parameter(question: Question, name: str) -> Param:
    """The question's parameter, or the one QueryError shape for a parameter it does not have."""
    param = question.param(name)
    if param is None:
        known = ", ".join(p.name for p in question.params) or "none"
        raise QueryError("parameter", f"unknown parameter {name!r} for {question.id}; it has: {known}", question.text)
    return param


def choices(store: Store, question: Question, param: Param | str) -> list[Choice]:
    """The parameter's choices in menu order; [] for free text."""
    if isinstance(param, str):
        param = parameter(question, param)
    spec = param.choices
    if spec.free:
        return []
    if not spec.set:
        return list(spec.listed)
    source = spec.query
    result = store.run(source.text, bind(source, {}))
    found: dict[str, Choice] = {}
    for row in result.rows:
        value = row.get("value", {}).get("value")
        if value is not None and value not in found:
            found[value] = Choice(value, _text(row, "label_lv"), _text(row, "label_en"))
    value_column = source.column("value")
    key = SORT_KEYS.get(value_column.type if value_column else "", str)
    return [found[v] for v in sorted(found, key=lambda v: (key(v), v))]


def _text(row: dict, name: str) -> str:
    return (row.get(name) or {}).get("value", "")


def describe(store: Store, question: Question) -> dict:
    """The question's contract as plain data, with every parameter's choices filled in
    (`values` is [] for free text)."""
    data = question.to_dict()
    for param, entry in zip(question.params, data["params"], strict=True):
        entry["choices"]["values"] = [c.to_dict() for c in choices(store, question, param)]
    return data
