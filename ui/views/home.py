"""Overview: what the KB holds, the budget by year and kind, measures by area, with pages."""

from __future__ import annotations

import altair as alt
import streamlit as st

from ui.data import view, vocabulary
from ui.language import lang, t
from ui.page import page
from ui.state import UrlParams
from ui.viewdata import measure_sort_key, point_sort_key

URL = UrlParams()


def counts() -> None:
    """One counter per class the ontology marks pres:inOverview, named by its plural label."""
    numbers = _counts()
    counted = vocabulary().classes("in_overview")
    language = lang()
    for column, term in zip(st.columns(len(counted)), counted, strict=True):
        column.metric(term.plural_label(language), numbers.get(term.iri, 0))


def _counts() -> dict[str, int]:
    frame = view("counts")
    return {row["class"]: int(row["count"]) for _, row in frame.iterrows()}


def budget() -> None:
    st.subheader(t("budget_heading"))
    frame = view("budget-by-year-kind")
    if frame.empty:
        st.info(t("no_results"))
        return
    kinds = vocabulary()
    frame = frame.assign(kind=[kinds.term(k).short_label(lang()) for k in frame["kind"]], year=frame["year"].astype(str))
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year:N", title=t("year")),
            xOffset="kind:N",
            y=alt.Y("total:Q", title=t("amount")),
            color=alt.Color("kind:N", title=t("kind")),
            tooltip=[
                alt.Tooltip("year:N", title=t("year")),
                alt.Tooltip("kind:N", title=t("kind")),
                alt.Tooltip("total:Q", title=t("amount"), format=",.0f"),
                alt.Tooltip("pages:N", title=t("pages")),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")
    table = frame.rename(columns={"year": t("year"), "kind": t("kind"), "total": t("amount"), "pages": t("pages")})
    st.dataframe(table, hide_index=True)
    pages = sorted({int(p) for cell in frame["pages"] for p in str(cell).split(", ") if p})
    st.caption(t("budget_note", pages=", ".join(map(str, pages))))


def areas() -> None:
    st.subheader(t("area_heading"))
    links = view("measure-points")
    if links.empty:
        st.info(t("no_results"))
        return
    per_area = links.groupby("area_notation")["measure_id"].agg(
        ["nunique", lambda ids: ", ".join(sorted(set(ids), key=measure_sort_key))]
    )
    per_area = per_area.reset_index().set_axis(["area", "count", "measures"], axis=1)
    order = sorted(per_area["area"], key=point_sort_key)
    chart = (
        alt.Chart(per_area)
        .mark_bar()
        .encode(
            x=alt.X("area:N", sort=order, title=t("area")),
            y=alt.Y("count:Q", title=t("measure_count")),
            tooltip=[alt.Tooltip("area:N", title=t("area")), alt.Tooltip("measures:N", title=t("measures"))],
        )
    )
    st.altair_chart(chart, width="stretch")
    pages = sorted({int(p) for p in links["page"]})
    st.caption(t("area_note", pages=f"{pages[0]}–{pages[-1]}"))


def main() -> None:
    st.write(t("overview_intro"))
    counts()
    left, right = st.columns(2)
    with left:
        budget()
    with right:
        areas()


page("page_home", URL, main)
