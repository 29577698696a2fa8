"""Compliance tables (no Streamlit): points × measures, money per point, weak areas."""

from __future__ import annotations

import pandas as pd

from core.vocabulary import Vocabulary
from ui.viewdata import local_name, measure_sort_key, point_sort_key


def point_measure_matrix(links: pd.DataFrame) -> pd.DataFrame:
    """Rows: (area, point) in Recommendation order; columns: measures in plan order; cells ✓."""
    marks = links.assign(mark="✓").pivot_table(
        index=["area_notation", "notation"], columns="measure_id", values="mark", aggfunc="first", fill_value=""
    )
    marks = marks.reindex(columns=sorted(marks.columns, key=measure_sort_key))
    order = sorted(marks.index, key=lambda key: (point_sort_key(key[0]), point_sort_key(key[1])))
    return marks.reindex(order)


def money_per_measure(money: pd.DataFrame, kinds: list[str]) -> pd.DataFrame:
    """measure × kind totals over all years; `kinds` are the amount kinds' notations (mtbf, …)."""
    if money.empty:
        return pd.DataFrame(columns=kinds)
    money = money.assign(kind=money["kind"].map(local_name))
    table = money.pivot_table(index="measure", columns="kind", values="total", aggfunc="sum", fill_value=0)
    return table.reindex(columns=kinds, fill_value=0)


def coverage(links: pd.DataFrame, money: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """Per referenced point: how many measures, which, and the money of those measures (not split)."""
    kinds = [kind.notation for kind in vocabulary.amount_kinds()]
    per_measure = money_per_measure(money, kinds)
    rows = []
    for (area, point), group in links.groupby(["area_notation", "notation"]):
        measures = sorted(set(group["measure"]), key=lambda iri: measure_sort_key(local_name(iri)))
        amounts = per_measure.reindex(measures, fill_value=0).sum()
        rows.append(
            {
                "area": area,
                "point": point,
                "count": len(measures),
                "measures": ", ".join(local_name(m) for m in measures),
                **{kind: float(amounts[kind]) for kind in kinds},
                "pages": ", ".join(str(p) for p in sorted(set(group["page"]))),
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    return table.sort_values(["area", "point"], key=lambda s: s.map(point_sort_key), ignore_index=True)


def area_counts(links: pd.DataFrame) -> pd.DataFrame:
    counts = links.groupby("area_notation")["measure_id"].nunique().rename("count").reset_index()
    return counts.sort_values(["count", "area_notation"], key=lambda s: s.map(point_sort_key) if s.name == "area_notation" else s)


def weak_areas(links: pd.DataFrame, at_most: int) -> pd.DataFrame:
    counts = area_counts(links)
    return counts[counts["count"] <= at_most].reset_index(drop=True)
