"""Money flows: a Sankey diagram from the funding sources through budget sectors or responsible
institutions to the measures and on to policy domains or Recommendation areas, for one kind of
amount and one year, with the same flows as a table under it. The reading of the plan behind
it (no money is ever split) is in ui/moneyflows.py and on the page."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from core.namespaces import RSF, measure_iri
from ui import moneyflows as flows
from ui.cardparts import first_upper
from ui.components import PLOTLY_CONFIG, detail_url, show_table
from ui.data import rows, vocabulary
from ui.formats import money
from ui.language import lang, t
from ui.markup import plain
from ui.page import page
from ui.state import UrlParams, seed, set_url, url_value
from ui.tables import Link, Table, TableColumn

URL = UrlParams(
    {
        "kind": "mtbf",
        "year": "2022",
        "via": "sector",  # the column between source and measure: sector | institution
        "by": "domain",  # the column after the measure: domain | area
        "fund": "",  # filters: a node's key in its column
        "sector": "",
        "institution": "",
        "domain": "",
        "area": "",
    }
)
CHART_BOX = "money-chart-box"
CHART_MIN_WIDTH = 720  # pixels
# Four columns of names need room: a narrow screen scrolls the diagram sideways instead of
# squeezing the names on top of each other.
STYLE = f"""<style>
.st-key-{CHART_BOX} {{ overflow-x: auto; }}
.st-key-{CHART_BOX} .st-key-money-chart {{ min-width: {CHART_MIN_WIDTH}px; }}
@media (min-width: {CHART_MIN_WIDTH + 100}px) {{ .st-key-money-swipe {{ display: none; }} }}
</style>"""


def layer_name(layer: str) -> str:
    """A column's name from the ontology: classes by their plural, relations by their label."""
    vocab, language = vocabulary(), lang()
    if layer in ("fund", "measure", "domain"):
        term = vocab.term(str({"fund": RSF.Fund, "measure": RSF.Measure, "domain": RSF.PolicyDomain}[layer]))
        return term.plural_label(language) if term else layer
    iri = {"sector": RSF.BudgetSector, "institution": RSF.responsible, "area": RSF.area}[layer]
    return first_upper(vocab.label(str(iri), language))


def menu(key: str, name: str, label: str, options: Sequence[str], format_func: Callable[[str], str]) -> str:
    """A menu whose value lives in the URL's `name`; a value no longer among the options (another
    kind or year was chosen) falls back to the first option."""
    seed(key, name, lambda value: value if value in options else None, default=options[0])
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
    return st.selectbox(label, list(options), key=key, format_func=format_func)


def choose_period(lines: list[flows.Line]) -> tuple[str, str]:
    vocab, language = vocabulary(), lang()
    years = flows.periods(lines)
    kinds = [term.notation for term in vocab.amount_kinds() if term.notation in years]
    labels = {term.notation: term.short_label(language) for term in vocab.amount_kinds()}
    recurring = flows.recurring_years(lines)
    every_year = vocab.label(str(RSF.recurring), language)
    left, right = st.columns(2)
    with left:
        kind = menu("money-kind", "kind", first_upper(vocab.label(str(RSF.amountKind), language)), kinds, labels.get)
    with right:
        year = menu(
            "money-year",
            "year",
            first_upper(vocab.label(str(RSF.year), language)),
            years[kind],
            {y: t("flows_year_recurring", year=y, recurring=every_year) if y in recurring else y for y in years[kind]}.get,
        )
    return kind, year


def choose_layers() -> tuple[str, str]:
    # Labels are worked out here, not in format_func: the menus format their options later.
    names = {layer: layer_name(layer) for layer in (*flows.MIDDLE_LAYERS, *flows.RIGHT_LAYERS)}
    left, right = st.columns(2)
    with left:
        seed("money-via", "via", lambda v: v if v in flows.MIDDLE_LAYERS else None)
        middle = st.radio(t("flows_between"), flows.MIDDLE_LAYERS, key="money-via", format_func=names.get, horizontal=True)
    with right:
        seed("money-by", "by", lambda v: v if v in flows.RIGHT_LAYERS else None)
        right_layer = st.radio(t("flows_after"), flows.RIGHT_LAYERS, key="money-by", format_func=names.get, horizontal=True)
    return middle, right_layer


def choose_filters(found: list[flows.Path], names: flows.Names, middle: str, right: str) -> dict[str, str]:
    """One menu per column that can be narrowed: the nodes of this kind and year, or all. A value
    from the URL with no money here is said so, and every flow is shown."""
    language = lang()
    sums = flows.layer_totals(found)
    chosen = {}
    for column, (layer, box) in zip(
        ("fund", "middle", "right"), zip(("fund", middle, right), st.columns(3), strict=True), strict=True
    ):
        options = ["", *sorted(sums[column], key=flows.node_order)]
        wanted = url_value(layer)
        if wanted and wanted not in options:
            st.info(t("flows_not_here", value=plain(names.label(layer, wanted, language))))
        with box:
            chosen[column] = menu(
                f"money-{layer}",
                layer,
                t("flows_only", what=layer_name(layer)),
                options,
                {key: names.label(layer, key, language) if key else t("flows_all") for key in options}.get,
            )
    set_url(
        fund=chosen["fund"],
        **{name: chosen["middle"] if name == middle else None for name in flows.MIDDLE_LAYERS},
        **{name: chosen["right"] if name == right else None for name in flows.RIGHT_LAYERS},
    )
    return chosen


def flow_table(found: list[flows.Path], names: flows.Names, middle: str, right: str) -> None:
    """The flows as an HTML table: what screen readers read instead of the diagram. A measure's
    name opens its card."""
    language = lang()
    columns = {
        "fund": TableColumn(layer_name("fund")),
        "middle": TableColumn(layer_name(middle)),
        "measure": TableColumn(layer_name("measure")),
        "right": TableColumn(layer_name(right)),
        "amount": TableColumn(first_upper(vocabulary().label(str(RSF.amount), language)), "money"),
        "rule": TableColumn(t("flows_col_rule")),
    }
    records = [
        {**row, "measure": Link(row["measure"], detail_url(str(measure_iri(row["measure_id"]))))}
        for row in flows.table(found, names, middle, right, language)
    ]
    show_table(Table.of(records, columns), "money-flows", t("flows_table"))


def main() -> None:
    st.write(t("flows_intro"))
    language = lang()
    data = rows("money-flows")
    lines = flows.read_lines(data)
    if not lines:
        st.info(t("no_results"))
        return
    groups, names = flows.read_groups(rows("measure-facets"), rows("measure-points"))
    names = flows.add_names(names, data, rows("options-funds"))
    kind, year = choose_period(lines)
    middle, right = choose_layers()
    every = flows.paths(flows.of_period(lines, kind, year), groups, middle, right)
    if not every:
        set_url(kind=kind, year=year, via=middle, by=right)
        st.info(t("flows_no_amounts"))
        return
    chosen = choose_filters(every, names, middle, right)
    set_url(kind=kind, year=year, via=middle, by=right)
    st.caption(t("flows_filter_hint"))
    shown = flows.keep(every, chosen["fund"], chosen["middle"], chosen["right"])
    everything, part = flows.total(every), flows.total(shown)
    if part == everything:
        st.markdown(f"**{plain(t('flows_total', amount=money(everything, language)))}**")
    else:
        st.markdown(f"**{plain(t('flows_total_shown', amount=money(part, language), all=money(everything, language)))}**")
    colours = flows.fund_colours(row["value"] for row in rows("options-funds"))
    diagram = flows.sankey(shown, names, middle, right, colours, language)
    headings = [layer_name(layer) for layer in ("fund", middle, "measure", right)]
    st.html(STYLE)
    with st.container(key="money-swipe"):
        st.caption(t("flows_swipe"))
    with st.container(key=CHART_BOX):
        st.plotly_chart(
            flows.figure(diagram, headings, language),
            config=PLOTLY_CONFIG,
            key="money-chart",
            alt=t("flows_chart_alt"),
        )
    drawn = len({p.measure_id for p in every})  # measures with money of this kind and year, filtered or not
    st.caption(t("flows_measures_drawn", n=drawn, total=len(rows("measures"))))
    st.subheader(t("flows_table"))
    flow_table(shown, names, middle, right)
    st.caption(t("flows_reading_lines"))
    st.caption(t("flows_reading_funds", several=names.label("fund", flows.SEVERAL, language)))
    st.caption(t("flows_reading_groups"))


page("page_money", URL, main)
