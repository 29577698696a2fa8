"""Recommendation points: with `?entity=recommendation/10h`, one point's measures, their money,
its area and the points below it cited by the plan; without, the points the plan cites,
grouped by area. The Recommendation's text itself is on EUR-Lex, not here."""

from __future__ import annotations

import streamlit as st

from core.errors import QueryError
from core.notation.articles import PointRef
from core.ordering import measure_sort_key
from core.pointnames import point_name
from ui import cardparts as parts
from ui.components import show_error
from ui.data import rows, vocabulary
from ui.formats import money, number
from ui.language import lang, t
from ui.links import anchor, page_url
from ui.markup import cell, plain
from ui.page import page
from ui.state import UrlParams, url_value
from ui.viewdata import Record, full_iri, grouped, text

URL = UrlParams({"entity": ""})


def point_view(view_id: str, iri: str) -> list[Record]:
    return rows(view_id, (("point", iri),))


def find_point(wanted: str) -> list[Record]:
    try:
        return point_view("point-card", full_iri(wanted))
    except QueryError:  # not even an IRI: the same answer as an unknown one
        return []


def to_all_points() -> None:
    st.markdown(anchor(t("point_no_entity_link"), page_url("point", lang())), unsafe_allow_html=True)


# ------------------------------------------------------------------ the list


def points_list() -> None:
    st.title(t("page_point"))
    st.caption(t("point_intro"))
    cited = rows("points-cited")
    st.markdown(f"**{t('point_count', n=number(len(cited), lang()))}**")
    by_area = grouped(cited, lambda row: row["area"])
    for area in sorted(by_area, key=lambda area: (by_area[area][0]["number"], area)):
        area_line(area, by_area[area])


def area_line(area: str, group: list[Record]) -> None:
    """The area as a heading line, then its cited points, each with its number of measures."""
    first = group[0]
    area_ref = parts.point_ref(first["number"])
    count = t("point_measure_count", n=number(first["area_measures"], lang()))
    st.markdown(f"##### {parts.point_link(area, area_ref)} · {count}", unsafe_allow_html=True)
    if len(group) == 1 and parts.row_point_ref(first) == area_ref:
        return  # the area is the only point cited: its heading says it all
    point_list(group, "point", itself=area_ref)


# ------------------------------------------------------------------ one point


def heading(card: Record) -> None:
    ref = parts.row_point_ref(card)
    st.title(plain(point_name(ref, lang())))
    context = []
    area_ref = parts.point_ref(card["number"])
    if ref != area_ref:
        context.append(t("point_area", link=parts.point_link(card["area"], area_ref)))
    if parts.present(card["parent"]):
        parent_ref = parts.point_ref(card["parent_number"], card["parent_letter"])
        if parent_ref != area_ref:
            context.append(t("point_parent", link=parts.point_link(card["parent"], parent_ref)))
    if context:
        st.markdown(" · ".join(context), unsafe_allow_html=True)
    st.caption(t("point_official", link=parts.official_link(text(card["official"]))), unsafe_allow_html=True)


def measures(iri: str) -> None:
    st.subheader(t("point_measures"))
    found = point_view("point-measures", iri)
    if not found:
        st.info(t("point_no_measures"))
        return
    language = lang()
    lines = []
    by_measure = grouped(found, lambda row: row["measure"])
    for measure in sorted(by_measure, key=lambda measure: measure_sort_key(by_measure[measure][0]["measure_id"])):
        group = by_measure[measure]
        first = group[0]
        title = f"{first['measure_id']} {parts.label_in(first, 'title')}"
        line = f"- {parts.measure_link(measure, title)}"
        others = {row["cited"]: parts.row_point_ref(row) for row in group if row["cited"] != iri}
        if others and not any(row["cited"] == iri for row in group):
            names = ", ".join(point_name(ref, language) for ref in sorted(others.values(), key=lambda r: r.sort_key))
            line += f" · {plain(t('point_cited_as', point=names))}"
        lines.append(line)
    st.markdown("\n".join(lines), unsafe_allow_html=True)


def money_section(iri: str) -> None:
    found = point_view("point-money", iri)
    if not found:
        return
    st.subheader(t("point_money"))
    language = lang()
    kinds = vocabulary()
    order = kinds.amount_kind_ranks()
    lines = []
    for row in sorted(found, key=lambda row: (text(row["year"]), order.get(row["kind"], len(order)))):
        year = t("card_every_year", year=row["year"]) if text(row["recurring"]) == "true" else row["year"]
        kind = kinds.term(row["kind"]).short_label(language) if kinds.term(row["kind"]) else row["kind"]
        lines.append([cell(year), cell(kind), plain(money(row["total"], language)), plain(number(row["measures"], language))])
    headers = [t("card_col_year"), t("card_col_kind"), t("card_col_amount"), t("point_money_measures")]
    st.markdown(parts.markdown_table(headers, lines, right=frozenset({2, 3})), unsafe_allow_html=True)
    st.caption(t("coverage_note"))


def children(iri: str) -> None:
    found = point_view("point-children", iri)
    if not found:
        return
    st.subheader(t("point_children"))
    point_list(found, "child")


def point_list(found: list[Record], iri_column: str, itself: PointRef | None = None) -> None:
    """The points of `found` (their IRIs under `iri_column`) in order, each with its number of
    measures; `itself`, the point under whose heading they are listed, counts its own measures
    (the heading counts those of its sub-points too)."""
    lines = []
    for row in sorted(found, key=lambda row: parts.row_point_ref(row).sort_key):
        n = number(row["measures"], lang())
        count = t("point_measure_count_itself", n=n) if parts.row_point_ref(row) == itself else t("point_measure_count", n=n)
        lines.append(f"- {parts.point_link(row[iri_column], parts.row_point_ref(row))} · {count}")
    st.markdown("\n".join(lines), unsafe_allow_html=True)


def one_point(wanted: str) -> None:
    found = find_point(wanted)
    if not found:
        st.title(t("page_point"))
        show_error(QueryError("unknown-entity", t("unknown_entity", entity=wanted)))
        to_all_points()
        return
    iri = full_iri(wanted)
    heading(found[0])
    measures(iri)
    money_section(iri)
    children(iri)
    to_all_points()


def main() -> None:
    parts.print_style()
    wanted = url_value("entity").strip()
    if wanted:
        one_point(wanted)
    else:
        points_list()


page("page_point", URL, main, heading=False)
