"""Home: what this is and what one can do, within ten seconds, on a phone too. The app's name
and one sentence, a large search box, one tile per policy domain, the three common tasks, and
the plan in numbers below them (counters and charts, out of a phone's first screen)."""

from __future__ import annotations

import streamlit as st

from core.namespaces import point_iri
from core.notation import parse_point_query
from core.pointnames import point_name_of
from ui.barchart import BarChart, Series, bar_chart
from ui.compliance import measures_per_area
from ui.components import show_table
from ui.data import rows, vocabulary
from ui.formats import money, number
from ui.language import lang, t
from ui.links import page_params
from ui.page import page
from ui.pages import page_spec
from ui.searchview import search_box, show_results
from ui.state import UrlParams
from ui.tables import Table, TableColumn
from ui.viewdata import Record, page_numbers, page_text, point_sort_key, short_id, text

COUNTERS_PER_ROW = 4
URL = UrlParams({"q": "", "kind": ""})  # a search made on the home page
# A larger search box than Streamlit's default: the first thing a visitor should see.
SEARCH_KEY = "home-search"
STYLE = f"""<style>
.st-key-{SEARCH_KEY} input {{ font-size: 1.25rem; padding: 0.75rem 0.9rem; }}
.st-key-home-tiles [data-testid="stPageLink"] p {{ font-size: 1.1rem; font-weight: 600; }}
</style>"""
# The charts' colours as they were under Vega-Lite (its default scheme, tableau10).
SERIES_COLOURS = ("#4C78A8", "#F58518", "#E45756", "#72B7B2", "#54A24B")


def domain_tiles() -> None:
    """One tile per policy domain: its number of measures and its money, leading to the measures
    list filtered to the domain."""
    st.subheader(t("home_domains"))
    domains = rows("domains")
    if not domains:
        st.info(t("no_results"))
        return
    language = lang()
    with st.container(key="home-tiles"):
        columns = st.columns(3)
        for index, row in enumerate(domains):
            with columns[index % 3].container(border=True):
                name = text(row[f"label_{language}"]) or row["domain"]
                st.page_link(
                    "views/measures.py",
                    label=name,
                    icon=":material/arrow_forward:",
                    query_params=page_params(domain=row["domain"]),
                )
                st.markdown(t("home_tile_measures", n=int(row["measures"])))
                st.caption(tile_money(row["mtbf"], row["additional"]))
    st.caption(t("home_domains_note"))


def tile_money(mtbf: float | None, additional: float | None) -> str:
    language = lang()
    if not mtbf and not additional:
        return t("home_tile_no_money")
    parts = [t("home_tile_mtbf", amount=money(mtbf or 0, language))]
    if additional:
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
    funds = {row["value"]: text(row[f"label_{language}"]) or row["value"] for row in rows("options-funds")}
    with fund_col.container(border=True):
        shortcut("home-fund", t("home_task_fund"), dict(sorted(funds.items(), key=lambda kv: kv[1])), "measures", "fund")
    institutions = {row["value"]: f"{text(row[f'label_{language}'])} ({row['value']})" for row in rows("options-institutions")}
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
    points = sorted(rows("options-points"), key=lambda row: point_sort_key(row["value"]))
    return {
        short_id(point_iri(parse_point_query(row["value"]).id)): text(row[f"label_{language}"]) or row["value"] for row in points
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
    numbers = {row["class"]: int(row["count"]) for row in rows("counts")}
    counted = vocabulary().classes("in_overview")
    language = lang()
    for start in range(0, len(counted), COUNTERS_PER_ROW):  # rows of a few: labels stay whole
        row = counted[start : start + COUNTERS_PER_ROW]
        for column, term in zip(st.columns(COUNTERS_PER_ROW), row, strict=False):
            column.metric(term.plural_label(language), number(numbers.get(term.iri, 0), language))


def budget() -> None:
    st.markdown(f"**{t('budget_heading')}**")
    language = lang()
    totals = budget_rows(language)
    if not totals:
        st.info(t("no_results"))
        return
    bar_chart(budget_chart(totals, language), "home-budget", language)
    columns = {
        "year": TableColumn(t("year")),
        "kind": TableColumn(t("kind")),
        "total": TableColumn(t("amount"), "money"),
        "pages": TableColumn(t("pages")),
    }
    show_table(Table.of(totals, columns), "budget-by-year-kind", t("budget_heading"))
    pages = page_numbers(row["pages"] for row in totals)
    st.caption(t("budget_note", pages=", ".join(map(str, pages))))


def budget_rows(language: str) -> list[Record]:
    """The budget per year and kind, kinds by their names, in years' then the ontology's order of
    kinds (the chart's legend and colours follow it), pages in order."""
    vocab = vocabulary()
    order = vocab.amount_kind_ranks()
    found = sorted(rows("budget-by-year-kind"), key=lambda row: (str(row["year"]), order.get(row["kind"], len(order))))
    return [
        {
            "year": str(row["year"]),
            "kind": vocab.term(row["kind"]).short_label(language),
            "total": row["total"],
            "pages": page_text([row["pages"]]),
        }
        for row in found
    ]


def budget_chart(totals: list[Record], language: str) -> BarChart:
    """Bars per year, one colour per kind of amount in the ontology's order; each bar's text
    names the year, kind, amount and pages in the page's language."""
    present = {row["kind"] for row in totals}
    kinds = [kind.short_label(language) for kind in vocabulary().amount_kinds() if kind.short_label(language) in present]
    years = list(dict.fromkeys(row["year"] for row in totals))
    by_cell = {(row["year"], row["kind"]): row for row in totals}
    series = [
        Series(
            kind,
            SERIES_COLOURS[index % len(SERIES_COLOURS)],
            [by_cell[year, kind]["total"] if (year, kind) in by_cell else None for year in years],
            [budget_text(by_cell[year, kind], language) if (year, kind) in by_cell else "" for year in years],
        )
        for index, kind in enumerate(kinds)
    ]
    return BarChart(years, series, t("amount"), t("year"), t("budget_chart_alt"), legend_title=t("kind"))


def budget_text(row: Record, language: str) -> str:
    return "\n".join([f"{row['year']} · {row['kind']}", money(row["total"], language), f"{t('pages')}: {row['pages']}"])


def areas() -> None:
    st.markdown(f"**{t('area_heading')}**")
    links = rows("measure-points")
    if not links:
        st.info(t("no_results"))
        return
    language = lang()
    per_area = measures_per_area(links)
    bar_chart(area_chart(per_area, language), "home-areas", language)
    with st.expander(t("chart_as_table")):  # the chart's numbers for screen readers and copying
        columns = {
            "area": TableColumn(t("area")),
            "count": TableColumn(t("measure_count"), "number"),
            "measures": TableColumn(t("measures")),
        }
        records = [
            {"area": point_name_of(area, language), "count": len(measures), "measures": ", ".join(measures)}
            for area, measures in per_area.items()
        ]
        show_table(Table.of(records, columns), "measures-by-area", t("area_heading"))
    pages = sorted({int(link["page"]) for link in links})
    st.caption(t("area_note", pages=f"{pages[0]}–{pages[-1]}"))


def area_chart(per_area: dict[str, list[str]], language: str) -> BarChart:
    """A bar per area, its height the number of measures; each bar's text lists them."""
    texts = [
        "\n".join([point_name_of(area, language), f"{t('measure_count')}: {len(measures)}", ", ".join(measures)])
        for area, measures in per_area.items()
    ]
    series = Series(t("measure_count"), SERIES_COLOURS[0], [len(measures) for measures in per_area.values()], texts)
    return BarChart(list(per_area), [series], t("measure_count"), t("area"), t("area_chart_alt"))


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
