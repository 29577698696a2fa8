"""Home: what this is and what one can do, within ten seconds, on a phone too. The app's name
and one sentence, a large search box, one tile per policy domain, the three common tasks, and
the plan in numbers below them (counters and charts, out of a phone's first screen)."""

from __future__ import annotations

import streamlit as st

from core.namespaces import point_iri
from core.notation import parse_point_query
from core.pointnames import point_name_of
from ui.components import table_downloads
from ui.data import view, vocabulary
from ui.formats import money, number, styled, vega_locale
from ui.language import lang, t
from ui.links import page_params
from ui.page import page
from ui.pages import page_spec
from ui.searchview import search_box, show_results
from ui.state import UrlParams
from ui.viewdata import measure_sort_key, point_sort_key, short_id, text

COUNTERS_PER_ROW = 4
URL = UrlParams({"q": "", "kind": ""})  # a search made on the home page
# A larger search box than Streamlit's default: the first thing a visitor should see.
SEARCH_KEY = "home-search"
STYLE = f"""<style>
.st-key-{SEARCH_KEY} input {{ font-size: 1.25rem; padding: 0.75rem 0.9rem; }}
.st-key-home-tiles [data-testid="stPageLink"] p {{ font-size: 1.1rem; font-weight: 600; }}
</style>"""


def domain_tiles() -> None:
    """One tile per policy domain: its number of measures and its money, leading to the measures
    list filtered to the domain."""
    st.subheader(t("home_domains"))
    frame = view("domains")
    if frame.empty:
        st.info(t("no_results"))
        return
    language = lang()
    with st.container(key="home-tiles"):
        columns = st.columns(3)
        for index, row in enumerate(frame.itertuples(index=False)):
            with columns[index % 3].container(border=True):
                name = text(getattr(row, f"label_{language}")) or row.domain
                st.page_link(
                    "views/measures.py", label=name, icon=":material/arrow_forward:", query_params=page_params(domain=row.domain)
                )
                st.markdown(t("home_tile_measures", n=int(row.measures)))
                st.caption(tile_money(row.mtbf, row.additional))
    st.caption(t("home_domains_note"))


def tile_money(mtbf, additional) -> str:
    language = lang()
    if not (mtbf == mtbf and mtbf) and not (additional == additional and additional):
        return t("home_tile_no_money")
    parts = [t("home_tile_mtbf", amount=money(mtbf or 0, language))]
    if additional == additional and additional:
        parts.append(t("home_tile_additional", amount=money(additional, language)))
    return " · ".join(parts)


def shortcuts() -> None:
    """The three common tasks, each a menu that opens the answer."""
    st.subheader(t("home_tasks"))
    language = lang()
    point_col, fund_col, institution_col = st.columns(3)
    points = point_choices(language)
    with point_col.container(border=True):
        shortcut("home-point", t("home_task_point"), points, "point", "entity")
        st.page_link("views/point.py", label=t("home_all_points"), query_params=page_params())
    funds = {row.value: text(getattr(row, f"label_{language}")) or row.value for row in view("options-funds").itertuples()}
    with fund_col.container(border=True):
        shortcut("home-fund", t("home_task_fund"), dict(sorted(funds.items(), key=lambda kv: kv[1])), "measures", "fund")
    institutions = {
        row.value: f"{text(getattr(row, f'label_{language}'))} ({row.value})" for row in view("options-institutions").itertuples()
    }
    with institution_col.container(border=True):
        shortcut(
            "home-institution",
            t("home_task_institution"),
            dict(sorted(institutions.items(), key=lambda kv: kv[1])),
            "measures",
            "institution",
            role="responsible",
        )


def point_choices(language: str) -> dict[str, str]:
    """Short id -> name of every point the plan cites, in the Recommendation's order (from a view
    query, not the entity graph: the home page does without networkx)."""
    rows = sorted(view("options-points").itertuples(index=False), key=lambda row: point_sort_key(row.value))
    return {
        short_id(point_iri(parse_point_query(row.value).id)): text(getattr(row, f"label_{language}")) or row.value for row in rows
    }


def shortcut(key: str, label: str, options: dict[str, str], target: str, param: str, **extra: str) -> None:
    """A menu, and once something is chosen, a link that opens the answer (a link is one step
    in the browser's history; Streamlit's page switch from code leaves three)."""
    chosen = st.selectbox(label, list(options), index=None, key=key, format_func=options.get, placeholder=t("home_choose"))
    if chosen:
        st.page_link(
            f"views/{page_spec(target).file}",
            label=t("home_open", name=options[chosen]),
            icon=":material/arrow_forward:",
            query_params=page_params(**{param: chosen}, **extra),
        )


def in_numbers() -> None:
    st.divider()
    st.subheader(t("home_numbers"))
    counts()
    left, right = st.columns(2)
    with left:
        budget()
    with right:
        areas()


def counts() -> None:
    """One counter per class the ontology marks pres:inOverview, named by its plural label."""
    numbers = {row["class"]: int(row["count"]) for _, row in view("counts").iterrows()}
    counted = vocabulary().classes("in_overview")
    language = lang()
    for start in range(0, len(counted), COUNTERS_PER_ROW):  # rows of a few: labels stay whole
        row = counted[start : start + COUNTERS_PER_ROW]
        for column, term in zip(st.columns(COUNTERS_PER_ROW), row, strict=False):
            column.metric(term.plural_label(language), number(numbers.get(term.iri, 0), language))


def budget() -> None:
    st.markdown(f"**{t('budget_heading')}**")
    frame = view("budget-by-year-kind")
    if frame.empty:
        st.info(t("no_results"))
        return
    language = lang()
    kinds = vocabulary()
    frame = frame.assign(kind=[kinds.term(k).short_label(language) for k in frame["kind"]], year=frame["year"].astype(str))
    # A Vega-Lite spec, not altair: altair's import cost the home page's first run ~0.4 s.
    chart = {
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "nominal", "title": t("year")},
            "xOffset": {"field": "kind", "type": "nominal"},
            "y": {"field": "total", "type": "quantitative", "title": t("amount"), "axis": {"format": ",.0f"}},
            # Below the bars and never shortened: at its side the legend cut the kinds' names on a phone.
            "color": {
                "field": "kind",
                "type": "nominal",
                "title": t("kind"),
                "legend": {"orient": "bottom", "direction": "vertical", "labelLimit": 0},
            },
            "tooltip": [
                {"field": "year", "type": "nominal", "title": t("year")},
                {"field": "kind", "type": "nominal", "title": t("kind")},
                {"field": "total", "type": "quantitative", "title": t("amount"), "format": ",.0f"},
                {"field": "pages", "type": "nominal", "title": t("pages")},
            ],
        },
        "config": {"locale": {"number": vega_locale(language)}},
    }
    st.vega_lite_chart(frame, chart, width="stretch")
    table = frame.rename(columns={"year": t("year"), "kind": t("kind"), "total": t("amount"), "pages": t("pages")})
    st.dataframe(
        styled(table, {t("amount"): "money"}, language),
        hide_index=True,
        column_config={t("amount"): st.column_config.NumberColumn(alignment="right")},
    )
    table_downloads(table, "budget-by-year-kind")
    pages = sorted({int(p) for cell in frame["pages"] for p in str(cell).split(", ") if p})
    st.caption(t("budget_note", pages=", ".join(map(str, pages))))


def areas() -> None:
    st.markdown(f"**{t('area_heading')}**")
    links = view("measure-points")
    if links.empty:
        st.info(t("no_results"))
        return
    per_area = links.groupby("area_notation")["measure_id"].agg(
        ["nunique", lambda ids: ", ".join(sorted(set(ids), key=measure_sort_key))]
    )
    per_area = per_area.reset_index().set_axis(["area", "count", "measures"], axis=1)
    order = sorted(per_area["area"], key=point_sort_key)
    chart = {
        "mark": "bar",
        "encoding": {
            "x": {"field": "area", "type": "nominal", "sort": order, "title": t("area")},
            "y": {"field": "count", "type": "quantitative", "title": t("measure_count")},
            "tooltip": [
                {"field": "area", "type": "nominal", "title": t("area")},
                {"field": "measures", "type": "nominal", "title": t("measures")},
            ],
        },
        "config": {"locale": {"number": vega_locale(lang())}},
    }
    st.vega_lite_chart(per_area, chart, width="stretch")
    with st.expander(t("chart_as_table")):  # the chart's numbers for screen readers and copying
        names = {"area": t("area"), "count": t("measure_count"), "measures": t("measures")}
        table = per_area.sort_values("area", key=lambda s: s.map(point_sort_key))
        table = table.assign(area=[point_name_of(a, lang()) for a in table["area"]]).rename(columns=names)
        st.dataframe(table, hide_index=True)
        table_downloads(table, "measures-by-area")
    pages = sorted({int(p) for p in links["page"]})
    st.caption(t("area_note", pages=f"{pages[0]}–{pages[-1]}"))


def main() -> None:
    st.markdown(STYLE, unsafe_allow_html=True)
    st.title(t("app_name"))
    st.markdown(t("home_lead"))
    wanted = search_box(SEARCH_KEY, t("home_search_label"))
    if wanted:  # search first: the results come before everything else
        st.subheader(t("home_results"))
        show_results(wanted)
    domain_tiles()
    shortcuts()
    in_numbers()


page("page_home", URL, main, heading=False)
