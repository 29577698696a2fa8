"""Recommendation points: with `?entity=recommendation/10h`, one point's measures, their money,
its area and the points below it cited by the plan; without, the points the plan cites,
grouped by area. The Recommendation's text itself is on EUR-Lex, not here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import QueryError
from core.ordering import measure_sort_key
from core.pointnames import point_name
from ui import cardparts as parts
from ui.components import show_error
from ui.data import view, vocabulary
from ui.formats import money, number
from ui.language import lang, t
from ui.links import anchor, page_url
from ui.markup import cell, plain
from ui.page import page
from ui.state import UrlParams, url_value
from ui.viewdata import full_iri, text

URL = UrlParams({"entity": ""})


def point_view(view_id: str, iri: str) -> pd.DataFrame:
    return view(view_id, (("point", iri),))


def find_point(wanted: str) -> pd.DataFrame:
    try:
        return point_view("point-card", full_iri(wanted))
    except QueryError:  # not even an IRI: the same answer as an unknown one
        return pd.DataFrame()


def to_all_points() -> None:
    st.markdown(anchor(t("point_no_entity_link"), page_url("point", lang())), unsafe_allow_html=True)


# ------------------------------------------------------------------ the list


def points_list() -> None:
    st.title(t("page_point"))
    st.caption(t("point_intro"))
    cited = view("points-cited")
    st.markdown(f"**{t('point_count', n=number(len(cited), lang()))}**")
    cited = cited.assign(ref=[parts.point_ref(r.number, r.letter, r.sub) for r in cited.itertuples(index=False)])
    for area, group in sorted(cited.groupby("area"), key=lambda item: item[1]["ref"].iloc[0].number):
        area_line(area, group)


def area_line(area: str, group: pd.DataFrame) -> None:
    """The area as a heading line, then its cited points, each with its number of measures."""
    first = group.iloc[0]
    area_ref = parts.point_ref(first["number"])
    count = t("point_measure_count", n=number(first["area_measures"], lang()))
    st.markdown(f"##### {parts.point_link(area, area_ref)} · {count}", unsafe_allow_html=True)
    if len(group) == 1 and group["ref"].iloc[0] == area_ref:
        return  # the area is the only point cited: its heading says it all
    lines = [
        f"- {parts.point_link(row.point, row.ref)} · {t('point_measure_count', n=number(row.measures, lang()))}"
        for row in sorted(group.itertuples(index=False), key=lambda r: r.ref.sort_key)
    ]
    st.markdown("\n".join(lines), unsafe_allow_html=True)


# ------------------------------------------------------------------ one point


def heading(card: pd.Series) -> None:
    ref = parts.point_ref(card["number"], card["letter"], card["sub"])
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
    if found.empty:
        st.info(t("point_no_measures"))
        return
    language = lang()
    lines = []
    for measure, group in sorted(found.groupby("measure"), key=lambda item: measure_sort_key(item[1]["measure_id"].iloc[0])):
        first = group.iloc[0]
        title = f"{first['measure_id']} {parts.label_in(first, 'title')}"
        line = f"- {parts.measure_link(measure, title)}"
        others = {
            row.cited: parts.point_ref(row.number, row.letter, row.sub)
            for row in group.itertuples(index=False)
            if row.cited != iri
        }
        if others and not (group["cited"] == iri).any():
            names = ", ".join(point_name(ref, language) for ref in sorted(others.values(), key=lambda r: r.sort_key))
            line += f" · {plain(t('point_cited_as', point=names))}"
        lines.append(line)
    st.markdown("\n".join(lines), unsafe_allow_html=True)


def money_section(iri: str) -> None:
    found = point_view("point-money", iri)
    if found.empty:
        return
    st.subheader(t("point_money"))
    language = lang()
    kinds = vocabulary()
    order = {term.iri: term.order for term in kinds.amount_kinds()}
    found = found.sort_values(["year", "kind"], key=lambda s: s.map(order) if s.name == "kind" else s)
    rows = []
    for row in found.itertuples(index=False):
        year = t("card_every_year", year=row.year) if text(row.recurring) == "true" else row.year
        kind = kinds.term(row.kind).short_label(language) if kinds.term(row.kind) else row.kind
        rows.append([cell(year), cell(kind), plain(money(row.total, language)), plain(number(row.measures, language))])
    headers = [t("card_col_year"), t("card_col_kind"), t("card_col_amount"), t("point_money_measures")]
    st.markdown(parts.markdown_table(headers, rows, right=frozenset({2, 3})), unsafe_allow_html=True)
    st.caption(t("coverage_note"))


def children(iri: str) -> None:
    found = point_view("point-children", iri)
    if found.empty:
        return
    st.subheader(t("point_children"))
    refs = [(row.child, parts.point_ref(row.number, row.letter, row.sub), row.measures) for row in found.itertuples(index=False)]
    lines = [
        f"- {parts.point_link(child, ref)} · {t('point_measure_count', n=number(count, lang()))}"
        for child, ref, count in sorted(refs, key=lambda item: item[1].sort_key)
    ]
    st.markdown("\n".join(lines), unsafe_allow_html=True)


def one_point(wanted: str) -> None:
    found = find_point(wanted)
    if found.empty:
        st.title(t("page_point"))
        show_error(QueryError("unknown-entity", t("unknown_entity", entity=wanted)))
        to_all_points()
        return
    iri = full_iri(wanted)
    heading(found.iloc[0])
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
