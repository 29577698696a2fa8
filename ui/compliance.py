"""Compliance tables (no Streamlit, no pandas): points × measures, money per point, weak areas.

Inputs are view rows (ui.data.rows: records of plain values); outputs are records or a Grid."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from core.ordering import natural_key
from core.vocabulary import Vocabulary
from ui.viewdata import Record, grouped, local_name, measure_sort_key, page_text, point_sort_key

Amounts = dict[str, float]  # amount kind's notation (mtbf, …) -> total; no key: the plan prints none


def money_per_measure(money: list[Record], kinds: list[str]) -> dict[str, Amounts]:
    """measure IRI -> kind -> total over all years, for the kinds (notations) the plan gives it."""
    totals: dict[str, Amounts] = defaultdict(dict)
    for row in money:
        kind = local_name(row["kind"])
        if kind in kinds and row["total"] is not None:
            totals[row["measure"]][kind] = totals[row["measure"]].get(kind, 0.0) + float(row["total"])
    return dict(totals)


def summed(per_measure: dict[str, Amounts], measures: Iterable[str], kinds: list[str]) -> dict[str, float | None]:
    """The measures' money per kind, each measure once; None where none of them has an amount of
    that kind (the plan prints none: a table shows an empty cell, not 0 €)."""
    return {kind: total_of([per_measure.get(m, {}).get(kind) for m in measures]) for kind in kinds}


def total_of(amounts: Iterable[float | None]) -> float | None:
    given = [amount for amount in amounts if amount is not None]
    return float(sum(given)) if given else None


def by_point_order(area: str, point: str) -> tuple:
    return point_sort_key(area), point_sort_key(point)


def coverage(links: list[Record], money: list[Record], vocabulary: Vocabulary) -> list[Record]:
    """Per referenced point: how many measures, which, and the money of those measures (not split)."""
    kinds = [kind.notation for kind in vocabulary.amount_kinds()]
    per_measure = money_per_measure(money, kinds)
    by_point = grouped(links, lambda row: (row["area_notation"], row["notation"]))
    table = []
    for (area, point), group in sorted(by_point.items(), key=lambda item: by_point_order(*item[0])):
        measures = sorted({row["measure"] for row in group}, key=lambda iri: measure_sort_key(local_name(iri)))
        table.append(
            {
                "area": area,
                "point": point,
                "count": len(measures),
                "measures": ", ".join(local_name(m) for m in measures),
                **summed(per_measure, measures, kinds),
                "pages": page_text(row["page"] for row in group),
            }
        )
    return table


def measures_per_area(links: list[Record]) -> dict[str, list[str]]:
    """Recommendation area (its notation) -> the measures that cite a point of it, both in the
    document's order."""
    found: dict[str, set[str]] = defaultdict(set)
    for link in links:
        found[link["area_notation"]].add(link["measure_id"])
    return {area: sorted(found[area], key=measure_sort_key) for area in sorted(found, key=point_sort_key)}


def area_counts(links: list[Record]) -> list[Record]:
    """Per area: the number of distinct measures citing it; fewest first, then Recommendation order."""
    counts = [{"area_notation": area, "count": len(found)} for area, found in measures_per_area(links).items()]
    return sorted(counts, key=lambda row: row["count"])  # a stable sort keeps the Recommendation's order


def weak_areas(links: list[Record], at_most: int) -> list[Record]:
    return [row for row in area_counts(links) if row["count"] <= at_most]


# ------------------------------------------------------------------ the compliance matrix

AXES = ("measure", "domain")  # the matrix's columns: single measures, or policy domains
COUNT = "count"  # what a cell shows: the number of measures, or an amount kind's notation


def matrix_cells(links: list[Record], money: list[Record], kinds: list[str], domains: list[Record], by: str) -> list[Record]:
    """The matrix's non-empty cells, one record each: area, point (notations), column (a measure
    number, or a domain notation), the cell's measures (numbers, plan order), their count and
    their money per amount kind. `domains` pairs measures with domain notations (`measure`,
    `value`); a measure in two domains counts in both, as a measure linked to two points does."""
    per_measure = money_per_measure(money, kinds)
    number = {row["measure"]: row["measure_id"] for row in links}
    domains_of: dict[str, set[str]] = defaultdict(set)
    for row in domains:
        domains_of[row["measure"]].add(row["value"])
    grouped: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in links:
        columns = domains_of[row["measure"]] if by == "domain" else {number[row["measure"]]}
        for column in columns:
            grouped[row["area_notation"], row["notation"], column].add(row["measure"])
    cells = []
    for (area, point, column), measures in grouped.items():
        ordered = sorted(measures, key=lambda iri: measure_sort_key(number[iri]))
        cells.append(
            {
                "area": area,
                "point": point,
                "column": column,
                "measures": tuple(number[m] for m in ordered),
                COUNT: len(ordered),
                **summed(per_measure, ordered, kinds),
            }
        )
    return sort_cells(cells)


def sort_cells(cells: list[Record]) -> list[Record]:
    """Recommendation order (area, then point), then the column's key."""
    return sorted(cells, key=lambda cell: (*by_point_order(cell["area"], cell["point"]), natural_key(cell["column"])))


def matrix_rows(cells: list[Record]) -> list[tuple[str, str]]:
    """(area, point) in Recommendation order: the heatmap's rows."""
    return list(dict.fromkeys((cell["area"], cell["point"]) for cell in cells))


def matrix_columns(cells: list[Record], by: str, domain_order: Iterable[str] = ()) -> list[str]:
    """Measures in plan order, or domains in `domain_order` (those with no link to any point last)."""
    present = {cell["column"] for cell in cells}
    if by == "domain":
        ordered = [d for d in domain_order if d in present]
        return ordered + sorted(present - set(ordered))
    return sorted(present, key=measure_sort_key)


@dataclass(frozen=True)
class Grid:
    """The heatmap's values: rows (area, point) × columns; None where a point has no measure in
    that column, and also where the measures have no amount of the shown kind: an empty cell
    and a cell of 0 € look different."""

    rows: list[tuple[str, str]]
    columns: list[str]
    values: list[list[float | None]]

    def value(self, row: tuple[str, str], column: str) -> float | None:
        return self.values[self.rows.index(row)][self.columns.index(column)]

    @property
    def points(self) -> list[str]:
        return [point for _, point in self.rows]


def matrix_grid(cells: list[Record], shown: str, rows: list[tuple[str, str]], columns: list[str]) -> Grid:
    """rows × columns of the shown value (a count or an amount kind)."""
    by_cell = {(cell["area"], cell["point"], cell["column"]): cell[shown] for cell in cells}
    values = [[by_cell.get((area, point, column)) or None for column in columns] for area, point in rows]
    return Grid(rows, columns, values)


def cell_measures(cells: list[Record], point: str | None = None, column: str | None = None) -> list[str]:
    """The measures behind one cell, a point's row (any column) or all `cells`: measure numbers, plan order."""
    chosen = [c for c in cells if (not point or c["point"] == point) and (not column or c["column"] == column)]
    return sorted({m for cell in chosen for m in cell["measures"]}, key=measure_sort_key)


def measures_total(measure_cells: list[Record], measures: list[str], shown: str) -> float | None:
    """The shown value for a set of measures, each counted once: their number, or their money
    of one kind (from the by-measure cells, where a cell is one measure); None for no amount."""
    if shown == COUNT:
        return len(measures)
    amounts: dict[str, float | None] = {}
    for cell in measure_cells:
        amounts.setdefault(cell["column"], cell[shown])
    return total_of(amounts.get(m) for m in measures)
