"""Compliance tables (no Streamlit): points × measures, money per point, weak areas."""

from __future__ import annotations

import pandas as pd

from core.ordering import natural_key
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


# ------------------------------------------------------------------ the compliance matrix

AXES = ("measure", "domain")  # the matrix's columns: single measures, or policy domains
COUNT = "count"  # what a cell shows: the number of measures, or an amount kind's notation


def matrix_cells(links: pd.DataFrame, money: pd.DataFrame, kinds: list[str], domains: pd.DataFrame, by: str) -> pd.DataFrame:
    """The matrix's non-empty cells, one row each: area, point (notations), column (a measure
    number, or a domain notation), the cell's measures (numbers, plan order), their count and
    their money per amount kind. `domains` pairs measures with domain notations (`measure`,
    `value`); a measure in two domains counts in both, as a measure linked to two points does."""
    per_measure = money_per_measure(money, kinds)
    number = dict(zip(links["measure"], links["measure_id"], strict=False))
    pairs = links[["area_notation", "notation", "measure"]].drop_duplicates()
    if by == "domain":
        pairs = pairs.merge(domains[["measure", "value"]].rename(columns={"value": "column"}), on="measure")
    else:
        pairs = pairs.assign(column=pairs["measure"].map(number))
    rows = []
    for (area, point, column), group in pairs.groupby(["area_notation", "notation", "column"]):
        measures = sorted(set(group["measure"]), key=lambda iri: measure_sort_key(number[iri]))
        amounts = per_measure.reindex(measures, fill_value=0).sum()
        rows.append(
            {
                "area": area,
                "point": point,
                "column": column,
                "measures": tuple(number[m] for m in measures),
                COUNT: len(measures),
                **{kind: float(amounts[kind]) for kind in kinds},
            }
        )
    columns = ["area", "point", "column", "measures", COUNT, *kinds]
    return sort_cells(pd.DataFrame(rows, columns=columns))


def sort_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Recommendation order (area, then point), then the column's key."""
    if cells.empty:
        return cells.reset_index(drop=True)

    def key(i) -> tuple:
        return point_sort_key(cells.at[i, "area"]), point_sort_key(cells.at[i, "point"]), natural_key(cells.at[i, "column"])

    return cells.loc[sorted(cells.index, key=key)].reset_index(drop=True)


def matrix_rows(cells: pd.DataFrame) -> list[tuple[str, str]]:
    """(area, point) in Recommendation order: the heatmap's rows."""
    return list(dict.fromkeys(zip(cells["area"], cells["point"], strict=True)))


def matrix_columns(cells: pd.DataFrame, by: str, domain_order: list[str] = ()) -> list[str]:
    """Measures in plan order, or domains in `domain_order` (those with no link to any point last)."""
    present = set(cells["column"])
    if by == "domain":
        ordered = [d for d in domain_order if d in present]
        return ordered + sorted(present - set(ordered))
    return sorted(present, key=measure_sort_key)


def matrix_grid(cells: pd.DataFrame, shown: str, rows: list[tuple[str, str]], columns: list[str]) -> pd.DataFrame:
    """rows × columns of the shown value (a count or an amount kind); NaN where a point has no
    measure in that column, and also where the measures have no amount of that kind: an empty
    cell and a cell of 0 € look different."""
    values = cells.assign(value=cells[shown].where(cells[shown] != 0))
    grid = values.pivot_table(index=["area", "point"], columns="column", values="value", aggfunc="first", dropna=False)
    return grid.reindex(index=pd.MultiIndex.from_tuples(rows, names=["area", "point"]), columns=columns)


def cell_measures(cells: pd.DataFrame, point: str | None = None, column: str | None = None) -> list[str]:
    """The measures behind one cell, a point's row (any column) or all `cells`: measure numbers, plan order."""
    chosen = cells
    if point:
        chosen = chosen[chosen["point"] == point]
    if column:
        chosen = chosen[chosen["column"] == column]
    return sorted({m for measures in chosen["measures"] for m in measures}, key=measure_sort_key)


def measures_total(measure_cells: pd.DataFrame, measures: list[str], shown: str) -> float:
    """The shown value for a set of measures, each counted once: their number, or their money
    of one kind (from the by-measure cells, where a cell is one measure)."""
    if shown == COUNT:
        return len(measures)
    amounts = measure_cells.drop_duplicates("column").set_index("column")[shown]
    return float(amounts.reindex(measures, fill_value=0).sum())
