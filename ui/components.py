"""Pieces every page draws the same way: links to detail pages, the one error display,
tables with downloads, the graph legend and the entity picker."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

import streamlit as st

from core.errors import ErrorKind, QueryError
from kb.engine.catalogue import Column
from kb.engine.results import Result
from ui import exports, viewdata
from ui.data import entities, entity_label, find_entities, store, term_label, vocabulary
from ui.formats import number_columns
from ui.i18n import TEXTS
from ui.language import lang, t
from ui.links import anchor, entity_url
from ui.markup import plain
from ui.state import set_url, url_changed, url_value
from ui.tables import Link, Table, TableColumn
from ui.tableview import table_view

if TYPE_CHECKING:
    import networkx as nx


def detail_url(iri: str) -> str:
    """The page that shows `iri`: a measure's card, a point's page, else the detail page."""
    nodes = entities()
    return entity_url(iri, nodes[iri]["cls"] if iri in nodes else None, lang())


# ------------------------------------------------------------------ errors: one shape, one place


def show_error(error: Exception) -> None:
    """The one error shape: what went wrong and what to do, in the page's language; the
    engine's own wording (English, with line and column) under "technical details"."""
    if not isinstance(error, QueryError):
        st.error(f"**{t('error_title')}**: {plain(error)}", icon="⚠️")
        return
    title = t(error.kind.ui_key) if error.kind.ui_key in TEXTS else t("error_title")
    if error.kind in TRANSLATED_MESSAGES:  # the message was written in the page's language
        st.error(f"**{title}**: {plain(error.message)}", icon="⚠️")
        return
    help_key = f"error_help_{error.kind}"
    st.error(f"**{title}**. {t(help_key) if help_key in TEXTS else ''}", icon="⚠️")
    with st.expander(t("error_details")):
        where = f"{t('error_at', line=error.line, column=error.column)}: " if error.line else ""
        st.text(f"{where}{error.message}")


SPARQL_JSON = "application/sparql-results+json"
# Every Plotly chart: no toolbar over the chart (on a phone it covers the top of the drawing),
# and the page scrolls past a chart instead of zooming it.
PLOTLY_CONFIG = {"displayModeBar": False, "scrollZoom": False}
# Errors the UI raises with a message from the locale files (not from the engine).
TRANSLATED_MESSAGES = {ErrorKind.UNKNOWN_ENTITY, ErrorKind.UNKNOWN_QUESTION}


# ------------------------------------------------------------------ results


def show_result(result: Result, name: str, caption: str, columns: Sequence[Column] = (), hidden: Collection[str] = ()) -> None:
    """A result table in words (the question's column names, things by their names as links to
    their pages, amounts in the page's format), the cut notice and downloads; `caption` names
    the table for screen readers; the `hidden` variables are left out of the table and its
    CSV/XLSX (not of the SPARQL JSON)."""
    if "boolean" in result.meta:
        st.info(t("boolean_answer", value=t("answer_yes") if result.meta["boolean"] else t("answer_no")))
        return
    if result.truncated:
        st.warning(t("truncated", cap=result.row_cap))
    if not result.rows:
        st.info(t("no_results"))
        table_downloads(None, name, json=result.to_json, json_mime=SPARQL_JSON)
        return
    st.caption(t("rows_found", n=len(result.rows)))
    table = result_table(result, columns, lang(), hidden)
    if any(isinstance(cell, Link) for row in table.rows for cell in row):
        st.caption(t("table_links_hint"))
    show_table(table, name, caption, json=result.to_json, json_mime=SPARQL_JSON)


def show_table(
    table: Table, name: str, caption: str, json: Callable[[], str] | None = None, json_mime: str = "application/json"
) -> None:
    """A table (ui/tables.py) in the page, with its downloads; `name` keys it and names the
    files, `caption` names it for screen readers."""
    table_view(table, f"table-{name}", caption)
    table_downloads(table, name, json=json, json_mime=json_mime)


def table_downloads(
    table: Table | None, name: str, json: Callable[[], str] | None = None, json_mime: str = "application/json"
) -> None:
    """CSV (with the byte-order mark Excel needs) and XLSX of a table as the page shows it, and
    the SPARQL JSON when there is one. The files are made on click (deferred callables): data
    passed up front becomes a media file that every page view fetches."""
    files = []
    if table is not None:
        files += [
            (t("download_csv"), lambda: exports.csv_bytes(table), "csv", "text/csv"),
            (t("download_xlsx"), lambda: exports.xlsx_bytes(table), "xlsx", exports.XLSX_MIME),
        ]
    if json is not None:
        files.append((t("download_json"), json, "json", json_mime))
    for column, (label, make, suffix, mime) in zip(st.columns(len(files)), files, strict=True):
        column.download_button(label, make, f"{name}.{suffix}", mime, key=f"{suffix}-{name}", on_click="ignore")


def result_table(result: Result, columns: Sequence[Column], language: str, hidden: Collection[str] = ()) -> Table:
    """A result as a reader sees it: columns named by the question's header (else the
    variable), things of the plan by their names as links to their pages, vocabulary terms by
    their names, other IRIs of the KB by their short ids (without the KB's base), numbers kept
    as numbers in columns the header types as amounts or counts."""
    by_name = {column.name: column for column in columns}
    shown = [v for v in result.variables if v not in hidden]
    terms = {variable: [row.get(variable) for row in result.rows] for variable in shown}
    kinds = number_columns((v, by_name[v].type) for v in shown if v in by_name)
    # A column no header types (the SPARQL editor's) holds numbers when every value is one.
    kinds |= {v: "number" for v in shown if v not in by_name and numbers_only(terms[v])}
    cells = {variable: result_cells(terms[variable]) for variable in shown}
    heads = [TableColumn(by_name[v].label.get(language) if v in by_name else v, kinds.get(v, "text")) for v in shown]
    return Table(heads, [list(row) for row in zip(*(cells[v] for v in shown), strict=True)])


def numbers_only(terms: list[dict | None]) -> bool:
    bound = [term for term in terms if term]
    return bool(bound) and all(viewdata.is_number_term(term) for term in bound)


def result_cells(terms: list[dict | None]) -> list:
    """One column's cells: when every value is a thing with a page, links to them; when every
    value is a vocabulary term, their names; else plain values, IRIs by their short ids."""
    iris = [term["value"] for term in terms if term and term["type"] == "uri"]
    if iris and len(iris) == sum(1 for term in terms if term):
        if all(iri in entities() for iri in iris):
            return [Link(entity_label(term["value"]), detail_url(term["value"])) if term else None for term in terms]
        if all(vocabulary().term(iri) for iri in iris):
            return [term_label(term["value"]) if term else None for term in terms]
    return [_plain_cell(term) for term in terms]


def _plain_cell(term: dict | None):
    if term is None:
        return None
    if term["type"] == "uri":
        return viewdata.short_id(term["value"])
    truth = viewdata.boolean_value(term)
    if truth is not None:
        return t("answer_yes") if truth else t("answer_no")  # "Jā" / "Yes", not "true"
    return viewdata.plain_value(term)


def report_downloads(kind: str, measure: str | None = None) -> None:
    """PDF and Word files of a report (report/): the compliance report, one measure's
    factsheet, or all 31 factsheets. Made on click: a long PDF takes seconds."""
    from report import MEDIA_TYPES, file_name, report_bytes  # here: only three pages offer reports

    language = lang()
    key = f"report-{kind}-{measure or 'all'}"
    which = "factsheets" if kind == "factsheet" and not measure else kind  # all 31 in one file
    for column, fmt in zip(st.columns(2), ("pdf", "docx"), strict=True):
        column.download_button(
            t(f"report_{which}_{fmt}"),
            lambda fmt=fmt: report_bytes(store(), kind, language, fmt, measure),
            file_name(kind, language, fmt, measure),
            MEDIA_TYPES[fmt],
            key=f"{key}-{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )


def entity_link(iri: str, label: str) -> str:
    """A same-tab link to the page that shows `iri` (for st.markdown with unsafe_allow_html)."""
    return anchor(label, detail_url(iri))


# ------------------------------------------------------------------ graph drawings


def draw_graph(html: str, height: int, classes: list[str] | None = None) -> None:
    """A pyvis drawing (from ui.graph.to_html), under the legend of `classes` when given."""
    if classes is not None:
        legend(classes)
    st.iframe(html, height=height)


def node_classes(sub: nx.MultiDiGraph) -> list[str]:
    """The classes of a graph's nodes, in the legend's order."""
    order = {term.iri: term.order for term in vocabulary().classes()}
    return sorted({d["cls"] for _, d in sub.nodes(data=True)}, key=lambda c: (order.get(c, 10_000), c))


def legend(classes: list[str]) -> None:
    from ui import graph as kbgraph  # here: it imports networkx, which the pages without a graph do without

    chips = " ".join(_chip(colour, label) for colour, label in kbgraph.legend_items(vocabulary(), classes, lang()))
    st.markdown(f"**{html.escape(t('legend'))}:** {chips}", unsafe_allow_html=True)


def _chip(colour: str, label: str) -> str:
    # Names come from the data: escaped, and the colour must look like one.
    colour = colour if re.fullmatch(r"#[0-9a-fA-F]{3,8}", colour) else "#bbbbbb"
    return f"<span style='white-space:nowrap'><span style='color:{colour}'>●</span> {html.escape(label)}</span>&nbsp;"


# ------------------------------------------------------------------ picking an entity


def entity_option(node: str) -> str:
    return f"{entity_label(node)} · {term_label(entities()[node]['cls'])}"


def entity_picker(url_name: str, label_key: str) -> str | None:
    """Search box plus a menu of matches; the choice is kept in the URL as a short id (the
    page's declared default when the URL has none). Nothing is chosen for the reader: an
    unknown entity in the URL is said so, and the page waits for a choice."""
    wanted = viewdata.full_iri(url_value(url_name)) if url_value(url_name) else ""
    if wanted and wanted not in entities():
        show_error(QueryError("unknown-entity", t("unknown_entity", entity=url_value(url_name))))
        wanted = ""
    search = st.text_input(t("search_entity"), key=f"{url_name}-search")
    matches = find_entities(search)
    if wanted and wanted not in matches:
        matches.insert(0, wanted)
    if not matches:
        st.info(t("no_match", text=plain(search)))
        return None
    key = f"{url_name}-choice"
    if url_changed(url_name) or st.session_state.get(key) not in [*matches, None]:
        st.session_state[key] = wanted or None
    options = {m: entity_option(m) for m in matches}
    chosen = st.selectbox(t(label_key), matches, index=None, key=key, format_func=options.get, placeholder=t("home_choose"))
    if chosen:
        set_url(**{url_name: viewdata.short_id(chosen)})
    return chosen
