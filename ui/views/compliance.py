"""Compliance: which Recommendation points the plan addresses, by which measures, with what money.

The matrix is a Plotly heatmap of points × measures (or × policy domains) with an invisible
marker on every cell: Streamlit 1.67 reports clicks on scatter markers but not on heatmap
cells. A phone gets the same matrix as a list grouped by area (CSS shows one or the other:
Python does not know the screen's width)."""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

import plotly.graph_objects as go
import streamlit as st

from core.notation.articles import parse_point_query
from core.pointnames import point_name_of
from ui import compliance, facets
from ui.components import PLOTLY_CONFIG, detail_url, entity_link, report_downloads, show_table
from ui.data import rows, vocabulary
from ui.formats import money, number, separators
from ui.i18n import N_
from ui.language import lang, t
from ui.links import anchor, page_params, page_url
from ui.markup import plain, plotly_lines
from ui.page import page
from ui.pages import page_spec
from ui.state import UrlParams, int_in, seed, set_url, url_value
from ui.tables import Link, Table, TableColumn
from ui.viewdata import Record

# few: the weak-areas threshold; by, show: the matrix's columns and cells; point, domain: the chosen cell.
URL = UrlParams({"few": "1", "by": "measure", "show": compliance.COUNT, "point": "", "domain": ""})
KINDS = ("mtbf", "additional")  # the amount kinds a cell can show (the plan's table 1)
AXIS_KEYS = {"measure": N_("matrix_by_measure"), "domain": N_("matrix_by_domain")}
ROW_PX = 24  # one point's row: room for a 12 px label
CLICK = "matrix-click"  # session key: the last chart selection acted on
POINT_KEY = "matrix-point"
STYLE = """<style>
.st-key-matrix-list { display: none !important; }
@media (max-width: 640px) {
  .st-key-matrix-chart { display: none !important; }
  .st-key-matrix-list { display: flex !important; }
}
</style>"""


# ------------------------------------------------------------------ data


def kind_labels() -> dict[str, str]:
    """What a cell can show -> its name: the count, then the amount kinds by the ontology's short label."""
    kinds = {kind.notation: kind.short_label(lang()) for kind in vocabulary().amount_kinds() if kind.notation in KINDS}
    return {compliance.COUNT: t("measure_count"), **kinds}


def domain_labels() -> dict[str, str]:
    """Domain notation -> name, in the ontology's order."""
    return {term.notation: term.label(lang()) for term in vocabulary().policy_domains()}


def cells(by: str) -> list[Record]:
    domains = [row for row in rows("measure-facets") if row["facet"] == "domain"]
    return compliance.matrix_cells(rows("measure-points"), rows("measure-money"), list(KINDS), domains, by)


def titles() -> dict[str, str]:
    """Measure number -> title in the page's language (Latvian when there is no translation)."""
    language = lang()
    return {
        row["measure_id"]: row[f"title_{language}"] or row["title_lv"] or ""
        for row in rows("measures")
        if isinstance(row["measure_id"], str)
    }


def measure_iris() -> dict[str, str]:
    return {row["measure_id"]: row["measure"] for row in rows("measures")}


def value_text(shown: str, value: float | None, language: str) -> str:
    if shown == compliance.COUNT:
        return t("point_measure_count", n=number(value, language))
    return f"{kind_labels()[shown]}: {money(value, language)}" if value else t("matrix_no_amount")


def column_name(by: str, column: str, measure_titles: dict[str, str]) -> str:
    if by == "domain":
        return domain_labels().get(column, column)
    title = measure_titles.get(column, "")
    return f"{column} · {title[:60] + '…' if len(title) > 60 else title}"


# ------------------------------------------------------------------ switches


def switches() -> tuple[str, str]:
    """The matrix's columns and what its cells show, both kept in the URL."""
    labels = kind_labels()
    seed("matrix-by", "by", lambda value: value if value in compliance.AXES else None)
    seed("matrix-show", "show", lambda value: value if value in labels else None)
    left, right = st.columns(2)
    by = left.radio(t("matrix_columns"), compliance.AXES, format_func=lambda a: t(AXIS_KEYS[a]), horizontal=True, key="matrix-by")
    shown = right.radio(t("matrix_show"), list(labels), format_func=labels.get, horizontal=True, key="matrix-show")
    set_url(by=by, show=shown)
    return by, shown


# ------------------------------------------------------------------ the heatmap


def overlay(grid: compliance.Grid, found: list[Record], shown: str, by: str) -> list[dict]:
    """One entry per grid cell, in the order of the click markers: what a click or a hover on it means."""
    by_cell = {(cell["point"], cell["column"]): cell for cell in found}
    measure_titles = titles()
    entries = []
    for point in grid.points:
        for column in grid.columns:
            row = by_cell.get((point, column))
            value = row[shown] if row is not None else 0
            entries.append(
                {
                    "point": point,
                    "column": column,
                    "linked": row is not None,
                    "valued": bool(value),
                    "hover": hover(point, column, row, value, shown, by, measure_titles),
                }
            )
    return entries


def hover(
    point: str, column: str, row: Record | None, value: float | None, shown: str, by: str, measure_titles: dict[str, str]
) -> str:
    """A cell's hover label: point, column, value (and the measures, by domain). Plotly reads
    tags in it, so every piece is escaped."""
    language = lang()
    lines = [point_name_of(point, language), column_name(by, column, measure_titles)]
    lines.append(value_text(shown, value, language) if row is not None else t("matrix_no_link"))
    if row is not None and by == "domain":
        lines.append(", ".join(row["measures"]))
    return plotly_lines(lines)


def heatmap(grid: compliance.Grid, entries: list[dict], shown: str, by: str, chosen: tuple[str, str]) -> go.Figure:
    language = lang()
    rows = [point_name_of(point, language) for point in grid.points]
    names = {column: domain_labels().get(column, column) for column in grid.columns} if by == "domain" else {}
    columns = [names.get(column, column) for column in grid.columns]
    z = grid.values  # None: no colour
    figure = go.Figure()
    figure.add_trace(
        go.Heatmap(
            z=z,
            x=columns,
            y=rows,
            xgap=1,
            ygap=1,
            colorscale=[[0, "#c6dbef"], [1, "#08306b"]],  # one blue, light to dark: readable without colour vision
            zmin=0,
            hoverinfo="skip",
            showscale=not (by == "measure" and shown == compliance.COUNT),  # every cell would be 1
            colorbar=colour_bar(shown, language),
            text=[[cell_text(value, shown, language) for value in line] for line in z] if by == "domain" else None,
            texttemplate="%{text}" if by == "domain" else None,
            textfont={"size": 12},
        )
    )
    figure.add_trace(click_markers(entries, columns, rows, len(grid.columns)))
    figure.update_layout(
        separators=separators(language),
        height=ROW_PX * len(rows) + (80 if by == "measure" else 60),
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        plot_bgcolor="#ffffff",
        hovermode="closest",
        hoverdistance=-1,  # the nearest marker is the cell under the pointer
        showlegend=False,
        xaxis={
            "type": "category",
            "side": "top",
            "tickangle": -90 if by == "measure" else 0,
            "tickfont": {"size": 12},
            "fixedrange": True,
        },
        yaxis={"type": "category", "autorange": "reversed", "tickfont": {"size": 12}, "fixedrange": True, "automargin": True},
        shapes=area_lines(grid) + highlight(grid, chosen, by),
    )
    return figure


def colour_bar(shown: str, language: str) -> dict:
    bar = {"title": {"text": kind_labels()[shown]}, "tickfont": {"size": 12}, "len": min(1.0, 400 / 1000)}
    if shown != compliance.COUNT:
        bar |= {"tickformat": ",.0f"} | ({"ticksuffix": "\u00a0€"} if language == "lv" else {"tickprefix": "€"})
    else:
        bar |= {"dtick": 1}
    return bar


def cell_text(value: float | None, shown: str, language: str) -> str:
    if value is None:  # no measure, or no amount
        return ""
    return number(value, language) if shown == compliance.COUNT else money(value, language)


def click_markers(entries: list[dict], columns: list[str], rows: list[str], width: int) -> go.Scatter:
    """A marker on every cell, invisible where the heatmap has a colour, grey where the point has
    measures but none has an amount of the shown kind: what is clicked and hovered."""
    size = ROW_PX - 4
    colour = [("rgba(0,0,0,0)" if e["valued"] or not e["linked"] else "#bdbdbd") for e in entries]
    return go.Scatter(
        x=[columns[i % width] for i in range(len(entries))],
        y=[rows[i // width] for i in range(len(entries))],
        mode="markers",
        marker={"symbol": "square", "size": size, "color": colour, "line": {"width": 0}},
        hovertext=[e["hover"] for e in entries],
        hovertemplate="%{hovertext}<extra></extra>",
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 1}},
    )


def area_lines(grid: compliance.Grid) -> list[dict]:
    """A line between areas, so the rows of one area read as a group."""
    areas = [area for area, _ in grid.rows]
    ends = [i for i in range(1, len(areas)) if areas[i] != areas[i - 1]]
    line = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "line": {"color": "#888888", "width": 1}}
    return [line | {"y0": i - 0.5, "y1": i - 0.5} for i in ends]


def highlight(grid: compliance.Grid, chosen: tuple[str, str], by: str) -> list[dict]:
    """A frame around the chosen point's row (or cell, by domain)."""
    point, column = chosen
    points = grid.points
    if point not in points:
        return []
    y = points.index(point)
    x0, x1 = -0.5, len(grid.columns) - 0.5
    if by == "domain" and column in grid.columns:
        x0 = grid.columns.index(column) - 0.5
        x1 = x0 + 1
    frame = {"type": "rect", "x0": x0, "x1": x1, "y0": y - 0.5, "y1": y + 0.5, "line": {"color": "#d62728", "width": 2}}
    return [frame]


def clicked(event, entries: list[dict]) -> dict | None:
    """The cell a new click chose, else None (a rerun repeats the last selection)."""
    points = event.selection.points if event else []
    signature = repr([(p.get("curve_number"), p.get("point_index")) for p in points])
    last = st.session_state.get(CLICK)
    st.session_state[CLICK] = signature
    if signature == last:
        return None
    hits = [p for p in points if p.get("curve_number") == 1 and p.get("point_index") is not None]
    entry = entries[hits[0]["point_index"]] if hits else None
    return entry if entry and entry["linked"] else None


# ------------------------------------------------------------------ the chosen cell


def choose(keys: dict[str, str], hit: dict | None, by: str) -> tuple[str, str]:
    """The chosen (point notation, domain notation): a click, else the menu, else the URL."""
    seed(POINT_KEY, "point", lambda value: facets.point_key(value) if value in keys else None)
    if hit:
        st.session_state[POINT_KEY] = facets.point_key(hit["point"])
    language = lang()
    chosen = st.selectbox(
        t("matrix_choose_point"),
        list(keys),
        index=None,
        format_func=lambda key: point_name_of(keys[key], language),
        placeholder=t("home_choose"),
        key=POINT_KEY,
    )
    if hit:
        domain = hit["column"] if by == "domain" else ""
    elif (chosen or "") != url_value("point"):
        domain = ""  # another point from the menu: the whole row
    else:
        domain = url_value("domain") if by == "domain" else ""
    set_url(point=chosen, domain=domain)
    return (keys[chosen], domain) if chosen else ("", "")


def chosen_cell(measure_cells: list[Record], found: list[Record], point: str, domain: str, shown: str) -> None:
    """The measures behind the chosen cell as links to their cards, and the filtered list."""
    if not point:
        st.caption(t("matrix_click_hint"))
        return
    language = lang()
    measures = compliance.cell_measures(found, point, domain or None)
    heading = point_name_of(point, language) + (f" · {domain_labels().get(domain, domain)}" if domain else "")
    st.markdown(f"#### {plain(heading)}")
    total = compliance.measures_total(measure_cells, measures, shown)
    st.markdown(plain(value_text(shown, total, language)))
    st.markdown(measure_lines(measures), unsafe_allow_html=True)
    st.page_link(
        f"views/{page_spec('measures').file}",
        label=t("matrix_open_list"),
        icon=":material/list:",
        query_params=page_params(point=facets.point_key(point), domain=domain),
    )
    if not parse_point_query(point).letter:
        st.caption(t("matrix_whole_point_note"))


def measure_lines(measures: list[str]) -> str:
    """A Markdown list of same-tab links to the measures' cards, number and title."""
    measure_titles, iris = titles(), measure_iris()
    return "\n".join(f"- {entity_link(iris[m], m + ' ' + measure_titles.get(m, ''))}" for m in measures if m in iris)


def data_table(grid_cells: list[Record], by: str, shown: str) -> None:
    """The chart as a table, for screen readers (a canvas says nothing) and for copying."""
    language = lang()
    iris = measure_iris()

    def column_cell(column: str) -> str | Link:
        if by == "domain":
            return domain_labels().get(column, column)
        return Link(column, detail_url(iris[column])) if column in iris else column

    columns = [
        TableColumn(t("point")),
        TableColumn(t("matrix_by_domain") if by == "domain" else t("measure")),
        TableColumn(kind_labels()[shown], "number" if shown == compliance.COUNT else "money"),
        TableColumn(t("measures")),
    ]
    table = Table(
        columns,
        [
            [point_name_of(cell["point"], language), column_cell(cell["column"]), cell[shown], ", ".join(cell["measures"])]
            for cell in grid_cells
        ],
    )
    with st.expander(t("matrix_table")):
        show_table(table, "compliance-matrix", t("matrix_table"))


def matrix() -> None:
    heading = st.empty()
    by, shown = switches()
    heading.subheader(t("matrix_points_domains") if by == "domain" else t("matrix_points_measures"))
    st.caption(t("matrix_caveat"))
    if shown != compliance.COUNT:
        st.caption(t("matrix_grey"))
    found = cells(by)
    if not found:
        st.info(t("no_results"))
        return
    measure_cells = found if by == "measure" else cells("measure")
    points = compliance.matrix_rows(found)
    grid = compliance.matrix_grid(found, shown, points, compliance.matrix_columns(found, by, list(domain_labels())))
    keys = {facets.point_key(point): point for point in grid.points}
    with st.container(key="matrix-chart"):
        entries = overlay(grid, found, shown, by)
        chosen = (keys.get(url_value("point"), ""), url_value("domain"))
        event = st.plotly_chart(
            heatmap(grid, entries, shown, by, chosen),
            on_select="rerun",
            selection_mode="points",
            key="matrix",
            config=PLOTLY_CONFIG,
            alt=t("matrix_alt", columns=t(AXIS_KEYS[by]), value=kind_labels()[shown]),
        )
        point, domain = choose(keys, clicked(event, entries), by)
        chosen_cell(measure_cells, found, point, domain, shown)
        data_table(found, by, shown)
    with st.container(key="matrix-list"):
        phone_list(found, measure_cells, by, shown)


# ------------------------------------------------------------------ the phone's list


def phone_list(found: list[Record], measure_cells: list[Record], by: str, shown: str) -> None:
    """The matrix as a list grouped by area: each point with its value, its measures (by domain
    when the columns are domains) and a link to the filtered measures list."""
    language = lang()
    # The cells are in Recommendation order, so each area's and each point's cells are adjacent.
    for area, area_cells in groupby(found, key=itemgetter("area")):
        group = list(area_cells)
        measures = compliance.cell_measures(group)
        label = f"{point_name_of(area, language)} · {t('point_measure_count', n=number(len(measures), language))}"
        with st.expander(plain(label)):
            for point, cells_of_point in groupby(group, key=itemgetter("point")):
                st.markdown(point_entry(list(cells_of_point), measure_cells, point, by, shown), unsafe_allow_html=True)


def point_entry(cells_of_point: list[Record], measure_cells: list[Record], point: str, by: str, shown: str) -> str:
    language = lang()
    measures = compliance.cell_measures(cells_of_point)
    total = value_text(shown, compliance.measures_total(measure_cells, measures, shown), language)
    lines = [f"**{plain(point_name_of(point, language))}** · {plain(total)}"]
    if by == "domain":
        for cell in cells_of_point:
            lines.append(f"{plain(domain_labels().get(cell['column'], cell['column']))}: {links_of(cell['measures'])}")
    else:
        lines.append(links_of(measures))
    url = page_url(page_spec("measures").url_path, language, point=facets.point_key(point))
    lines.append(anchor(t("matrix_open_list"), url))
    return "<br>".join(lines)


def links_of(measures) -> str:
    iris = measure_iris()
    return ", ".join(entity_link(iris[m], m) for m in measures if m in iris)


# ------------------------------------------------------------------ the tables below


def coverage_table() -> None:
    st.subheader(t("coverage_heading"))
    found = compliance.coverage(rows("measure-points"), rows("measure-money"), vocabulary())
    if not found:
        st.info(t("no_results"))
        return
    st.caption(t("coverage_note"))
    language = lang()
    for row in found:
        row["area"], row["point"] = point_name_of(row["area"], language), point_name_of(row["point"], language)
    columns = {
        "area": TableColumn(t("area")),
        "point": TableColumn(t("point")),
        "count": TableColumn(t("measure_count"), "number"),
        "measures": TableColumn(t("measures")),
        **{
            kind.notation: TableColumn(t("money_of", kind=kind.short_label(language)), "money")
            for kind in vocabulary().amount_kinds()
        },
        "pages": TableColumn(t("pages")),
    }
    show_table(Table.of(found, columns), "compliance-coverage", t("coverage_heading"))


def weak() -> None:
    st.subheader(t("weak_areas"))
    seed("weak-threshold", "few", int_in(range(11)))
    threshold = st.slider(t("weak_threshold"), 0, 10, key="weak-threshold")
    set_url(few=str(threshold))
    areas = compliance.weak_areas(rows("measure-points"), threshold)
    if not areas:
        st.info(t("no_weak_areas"))
        return
    language = lang()
    table = Table(
        [TableColumn(t("area")), TableColumn(t("measure_count"), "number")],
        [[point_name_of(row["area_notation"], language), row["count"]] for row in areas],
    )
    show_table(table, "weak-areas", t("weak_areas"))


def unlinked() -> None:
    st.subheader(t("unlinked_heading"))
    missing = rows("unlinked-measures")
    if not missing:
        st.success(t("all_linked", n=len(rows("measures"))))
        return
    st.markdown(", ".join(entity_link(row["measure"], row["measure_id"]) for row in missing), unsafe_allow_html=True)


def main() -> None:
    st.markdown(STYLE, unsafe_allow_html=True)
    st.write(t("compliance_intro"))
    st.caption(t("compliance_report_hint"))
    report_downloads("compliance")  # for the ministry's reports: every point, measure, sum and page
    matrix()
    coverage_table()
    left, right = st.columns(2)
    with left:
        weak()
    with right:
        unlinked()


page("page_compliance", URL, main)
