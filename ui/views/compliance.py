"""Compliance: which Recommendation points the plan addresses, by which measures, with what money."""

from __future__ import annotations

import streamlit as st

from core.pointnames import point_name_of
from ui import compliance
from ui.components import entity_link
from ui.data import view, vocabulary
from ui.formats import styled
from ui.language import lang, t
from ui.page import page
from ui.state import UrlParams, int_in, seed, set_url

URL = UrlParams({"few": "1"})  # the weak-areas threshold


def matrix() -> None:
    st.subheader(t("matrix_points_measures"))
    links = view("measure-points")
    if links.empty:
        st.info(t("no_results"))
        return
    table = compliance.point_measure_matrix(links)
    table.index = table.index.set_names([t("area"), t("point")])
    st.dataframe(table, height=min(38 * (len(table) + 1), 900))


def coverage_table() -> None:
    st.subheader(t("coverage_heading"))
    table = compliance.coverage(view("measure-points"), view("measure-money"), vocabulary())
    if table.empty:
        st.info(t("no_results"))
        return
    st.caption(t("coverage_note"))
    language = lang()
    kinds = vocabulary().amount_kinds()
    table = table.assign(
        area=[point_name_of(area, language) for area in table["area"]],
        point=[point_name_of(point, language) for point in table["point"]],
    )
    names = {
        "area": t("area"),
        "point": t("point"),
        "count": t("measure_count"),
        "measures": t("measures"),
        **{kind.notation: t("money_of", kind=kind.short_label(language)) for kind in kinds},
        "pages": t("pages"),
    }
    money = {names[kind.notation]: "money" for kind in kinds}
    st.dataframe(
        styled(table.rename(columns=names), money, language),
        hide_index=True,
        column_config={name: st.column_config.NumberColumn(alignment="right") for name in money},
    )


def weak() -> None:
    st.subheader(t("weak_areas"))
    seed("weak-threshold", "few", int_in(range(11)))
    threshold = st.slider(t("weak_threshold"), 0, 10, key="weak-threshold")
    set_url(few=str(threshold))
    areas = compliance.weak_areas(view("measure-points"), threshold)
    if areas.empty:
        st.info(t("no_weak_areas"))
        return
    areas = areas.assign(area_notation=[point_name_of(area, lang()) for area in areas["area_notation"]])
    st.dataframe(areas.rename(columns={"area_notation": t("area"), "count": t("measure_count")}), hide_index=True)


def unlinked() -> None:
    st.subheader(t("unlinked_heading"))
    missing = view("unlinked-measures")
    if missing.empty:
        st.success(t("all_linked", n=len(view("measures"))))
        return
    links = [entity_link(iri, number) for iri, number in missing[["measure", "measure_id"]].itertuples(index=False)]
    st.markdown(", ".join(links), unsafe_allow_html=True)


def main() -> None:
    st.write(t("compliance_intro"))
    coverage_table()
    left, right = st.columns(2)
    with left:
        weak()
    with right:
        unlinked()
    matrix()


page("page_compliance", URL, main)
