"""Choices for a question's parameters, filled from the KB.

A catalogue parameter's `enumerate` header names a list (`[mtbf, additional]`), free
text (`free`), or a set in the KB: `points` is answered by ui/queries/options-points.rq,
and so on, so a new set is one new .rq file."""

from __future__ import annotations

from dataclasses import dataclass

from kb.engine.catalogue import Param
from ui.viewdata import VIEW_QUERY_DIR, measure_sort_key, point_sort_key, text


@dataclass(frozen=True)
class Choice:
    value: str
    label_lv: str
    label_en: str

    def label(self, lang: str) -> str:
        name = self.label_en if lang == "en" else self.label_lv
        return self.value if not name or name == self.value else f"{self.value} · {name}"


FREE = "free"
_SORT_KEYS = {"points": point_sort_key, "measures": measure_sort_key}


def option_set(param: Param) -> str | list[str] | None:
    """The set's name, an explicit list, or None for free text."""
    spec = param.enumerate
    if isinstance(spec, list):
        return [str(v) for v in spec]
    if spec and (VIEW_QUERY_DIR / f"options-{spec}.rq").exists():
        return str(spec)
    return None


def choices_from_frame(name: str, frame) -> list[Choice]:
    key = _SORT_KEYS.get(name, str)
    records = {str(r.value): r for r in frame.itertuples(index=False)}
    return [
        Choice(value, text(records[value].label_lv), text(records[value].label_en))
        for value in sorted(records, key=lambda v: (key(v), v))
    ]
