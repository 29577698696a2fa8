"""Every measure of the plan, filtered at once by policy domain, funding source, institution and
role, Recommendation point, how long it runs and whether its money is secured. Each filter
value shows how many measures it would leave; the filters live in the URL
(`measures?domain=housing&fund=ESF&institution=KM&role=responsible`), so a filtered list can
be bookmarked, shared and linked to from other pages."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import streamlit as st

from core.namespaces import RSF
from core.textfold import fold
from ui import facets
from ui.components import report_downloads, table_downloads
from ui.data import rows, term_label
from ui.formats import money
from ui.i18n import N_
from ui.language import lang, t
from ui.links import anchor, entity_url
from ui.markup import plain
from ui.page import page
from ui.state import UrlParams, seed, set_url
from ui.tables import Link, Table, TableColumn
from ui.viewdata import Record, text

URL = UrlParams(dict.fromkeys(facets.FACETS, ""))
UNKNOWN = "measures-unknown"  # session key: values from the URL that named nothing

ROLE_KEYS = {"responsible": N_("role_responsible"), "co-responsible": N_("role_co_responsible")}
HORIZON_KEYS = {
    "by-2023": N_("horizon_by_2023"),
    "after-2023": N_("horizon_after_2023"),
    "not-time-limited": N_("horizon_not_time_limited"),
}
MONEY_KEYS = {"not-secured": N_("money_not_secured"), "secured": N_("money_secured"), "no-amounts": N_("money_no_amounts")}
# The printed deadline's period ('2023.gada II pusgads', '2023.gada IV ceturksnis') in words.
DEADLINE_KEYS = {
    ("half-year", 1): N_("deadline_half_1"),
    ("half-year", 2): N_("deadline_half_2"),
    ("quarter", 1): N_("deadline_quarter_1"),
    ("quarter", 2): N_("deadline_quarter_2"),
    ("quarter", 3): N_("deadline_quarter_3"),
    ("quarter", 4): N_("deadline_quarter_4"),
}
# Facets shown as tap-able chips (few values); the others are menus one can type into.
CHIPS = ("domain", "role", "horizon", "money")


def widget_key(facet: str) -> str:
    return f"measures-{facet}"


# ------------------------------------------------------------------ data


def measure_list() -> list[Record]:
    return rows("measure-list")


def facet_links() -> list[Record]:
    return rows("measure-facets")


def value_labels(links: list[Record], items: Mapping[str, facets.Item], language: str) -> dict[str, dict[str, str]]:
    """Facet -> {value: its name in the page's language}, in the order the filter lists them."""
    labels: dict[str, dict[str, str]] = {}
    for facet in ("domain", "fund", "institution"):
        names: dict[str, str] = {}
        for row in links:
            if row["facet"] == facet and row["value"] not in names:  # a value's first row names it
                names[row["value"]] = _name(row, language)
        labels[facet] = dict(sorted(names.items(), key=lambda pair: fold(pair[1])))
    points = {values[0] for item in items.values() for values in item.get(("point",), ())}
    labels["point"] = {key: facets.point_name(key, language) for key in sorted(points, key=facets.point_sort)}
    labels["role"] = {value: t(key) for value, key in ROLE_KEYS.items()}
    labels["horizon"] = {value: t(key) for value, key in HORIZON_KEYS.items()}
    labels["money"] = {value: t(key) for value, key in MONEY_KEYS.items()}
    return labels


def _name(row: Record, language: str) -> str:
    return text(row[f"label_{language}"]) or text(row["label_lv"]) or row["value"]


def _with_abbreviation(name: str, abbreviation: str) -> str:
    """'Kultūras ministrija (KM)'; a name that is its own abbreviation ('Pašvaldības') once."""
    return name if fold(name) == fold(abbreviation) else f"{name} ({abbreviation})"


def facet_titles() -> dict[str, str]:
    """Each facet's name: the ontology's class names where the facet is a class."""
    return {
        "domain": term_label(str(RSF.PolicyDomain)),
        "fund": term_label(str(RSF.Fund)),
        "institution": t("facet_institution_role"),
        "point": term_label(str(RSF.RecommendationPoint)),
        "horizon": t("facet_horizon"),
        "money": t("facet_money"),
    }


# ------------------------------------------------------------------ the URL and the widgets


def seed_filters(labels: Mapping[str, Mapping[str, str]]) -> None:
    """First run of a session: the widgets take the URL's filters; values that name nothing
    are kept aside and shown, not silently dropped."""
    unknown: dict[str, list[str]] = {}
    for facet in facets.FACETS:
        parse = facets.point_parser(labels["point"]) if facet == "point" else None
        resolve = facets.resolver(labels[facet], parse)

        def read(value: str, facet: str = facet, resolve=resolve) -> list[str]:
            known, bad = facets.parse_values(value, resolve)
            if bad:
                unknown[facet] = bad
            return known

        if seed(widget_key(facet), facet, read):
            st.session_state[UNKNOWN] = unknown


def current_selection() -> dict[str, frozenset[str]]:
    return {facet: frozenset(st.session_state.get(widget_key(facet)) or ()) for facet in facets.FACETS}


def clear_filters() -> None:
    for facet in facets.FACETS:
        st.session_state[widget_key(facet)] = []
    st.session_state[UNKNOWN] = {}


def show_unknown(titles: Mapping[str, str]) -> None:
    unknown = st.session_state.get(UNKNOWN) or {}
    if unknown:
        named = {**titles, "institution": term_label(str(RSF.Institution)), "role": t("facet_role")}
        lines = [t("unknown_filter_value", facet=plain(named[f]), values=plain(", ".join(v))) for f, v in unknown.items()]
        st.warning("  \n".join([t("unknown_filters"), *lines]), icon="⚠️")


def option_name(facet: str, value: str, name: str) -> str:
    """A value's name in a filter: funds without the programme in brackets (the rows show it),
    institutions led by their abbreviation, which is what a chosen, shortened chip still shows."""
    if facet == "fund":
        return facets.short_name(name)
    if facet == "institution" and fold(name) != fold(value):
        return f"{value} · {name}"
    return name


def facet_widget(facet: str, label: str, options: Mapping[str, str], counted: Mapping[str, int], alone: bool) -> None:
    """One facet: its values with the number of measures each would leave ("ESF (5)"). Values
    that would leave none are left out unless chosen, so the list shrinks as filters narrow."""
    chosen = st.session_state.get(widget_key(facet)) or []
    visible = "collapsed" if alone else "visible"  # a box holding one filter is titled by it
    shown = [value for value in options if counted.get(value, 0) or value in chosen]

    def labelled(value: str) -> str:
        return f"{option_name(facet, value, options[value])} ({counted.get(value, 0)})"

    if facet in CHIPS:
        st.pills(label, shown, selection_mode="multi", format_func=labelled, key=widget_key(facet), label_visibility=visible)
    else:
        st.multiselect(
            label,
            shown,
            format_func=labelled,
            key=widget_key(facet),
            placeholder=t("filter_choose"),
            label_visibility=visible,
            select_all=False,  # Streamlit's own "Select all" is not translated, and choosing all filters nothing
            filter_mode="contains",
        )


def filters(items, labels, titles, selection) -> None:
    """One collapsed box per facet, titled with its chosen values, so that on a phone the
    filters take a few lines above the list and a shared link still says what it filters."""
    for group in facets.GROUPS:
        with st.expander(box_title(group, labels, titles, selection), key=f"measures-box-{group[0]}"):
            for facet in group:
                label = {"role": t("facet_role"), "institution": term_label(str(RSF.Institution))}.get(facet, "")
                counted = facets.counts(items, selection, facet)
                facet_widget(facet, label or titles[facet], labels[facet], counted, alone=len(group) == 1)


def box_title(group: tuple[str, ...], labels, titles, selection) -> str:
    """'Policy domain: Housing', 'Institution and role: KM, responsible', 'Funding source: European Social Fund +1'."""
    chosen = [_chosen_name(f, v, labels[f][v]) for f in group for v in labels[f] if v in selection[f]]
    if not chosen:
        return titles[group[0]]
    shown = chosen[:2] if len(group) > 1 else chosen[:1]
    more = f" +{len(chosen) - len(shown)}" if len(chosen) > len(shown) else ""
    return f"{titles[group[0]]}: {', '.join(shown)}{more}"


def _chosen_name(facet: str, value: str, name: str) -> str:
    return value if facet == "institution" else option_name(facet, value, name)


# ------------------------------------------------------------------ the list


def deadline_words(written: str) -> str:
    """The printed deadline ('2023.gada II pusgads') in the page's language."""
    parts = [facets.deadline_parts(part) for part in written.split("; ") if part]
    words = [t(DEADLINE_KEYS[(p.unit, p.part)], year=p.year) if p else "" for p in parts]
    return "; ".join(w or part for w, part in zip(words, written.split("; "), strict=True))


def measure_title(row: Record, language: str) -> str:
    return text(row[f"title_{language}"]) or text(row["title_lv"])


def card(row: Record, item: facets.Item, funds: set[str], labels, titles, language: str) -> None:
    """One measure, Kohesio style: number and title linking to its card, then what it is about,
    who is responsible, who pays (`funds`: the ones the plan names), until when, how much."""
    link = anchor(f"{row['measure_id']} {measure_title(row, language)}", card_url(row, language))
    domains = [labels["domain"][v] for (v,) in sorted(item.get(("domain",), ()))]
    pairs = item.get(("institution", "role"), frozenset())
    responsible = [_with_abbreviation(labels["institution"][i], i) for i, r in sorted(pairs) if r == "responsible"]
    # Co-responsible institutions by abbreviation, with the full name on hover, to keep the row short.
    co_responsible = [_abbr(i, labels["institution"][i]) for i, r in sorted(pairs) if r == "co-responsible"]
    (horizon,) = next(iter(item[("horizon",)]))
    lines = [
        (titles["domain"], ", ".join(domains)),
        (t("role_responsible_heading"), ", ".join(responsible)),
        (t("role_co_responsible_heading"), Markup(", ".join(co_responsible))),
        (titles["fund"], "; ".join(labels["fund"][v] for v in sorted(funds))),
        (t("deadline"), _deadline_line(row, horizon)),
        (t("planned_money"), _money_line(row, language)),
    ]
    with st.container(border=True):
        st.markdown(f"<strong>{link}</strong>", unsafe_allow_html=True)
        st.markdown("  \n".join(f"{plain(label)}: **{_safe(value)}**" for label, value in lines if value), unsafe_allow_html=True)


class Markup(str):
    """Text already made safe here (escaped names inside our own tags)."""


def _safe(value: str) -> str:
    return value if isinstance(value, Markup) else plain(value)


def _abbr(abbreviation: str, name: str) -> str:
    if fold(name) == fold(abbreviation):
        return plain(abbreviation)
    return f'<abbr title="{html.escape(name)}">{plain(abbreviation)}</abbr>'


def _deadline_line(row: Record, horizon: str) -> str:
    words = deadline_words(text(row["deadline_text"]))
    if horizon == "not-time-limited":
        return f"{words}; {t('implementation_not_time_limited')}"
    if horizon == "after-2023" and text(row["horizon_end"]):
        return f"{words}; {t('continues_until', year=text(row['horizon_end'])[:4])}"
    return words


def _money_line(row: Record, language: str) -> str:
    if not row["planned"]:
        return t("money_no_amounts")
    planned = money(row["planned"], language)
    if row["not_secured"] and row["not_secured"] >= row["planned"]:
        return t("planned_none_secured", planned=planned)  # not "of which 4 400 000 € not secured" for all of it
    if row["not_secured"]:
        return t("planned_not_secured", planned=planned, not_secured=money(row["not_secured"], language))
    return planned


def direct_funds(links: list[Record]) -> dict[str, set[str]]:
    """Measure -> the funds the plan names for it (the fund filter also counts the broader ones)."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in links:
        if row["facet"] == "fund" and row["how"] == "direct":
            found[row["measure"]].add(row["value"])
    return found


def card_url(row: Record, language: str) -> str:
    return entity_url(row["measure"], str(RSF.Measure), language)


# ------------------------------------------------------------------ downloads


def table(shown: list[str], measures: list[Record], items, funds, labels, titles, language: str) -> Table:
    """The filtered list as a table with headers in the page's language (the CSV, XLSX and JSON
    files): the title links to the measure's card, and the card's address is a column of its own
    for the files, which keep a link's text only."""
    by_number = {row["measure_id"]: row for row in measures}
    columns = {
        "number": TableColumn(t("measure_number")),
        "title": TableColumn(t("measure_title")),
        "domain": TableColumn(titles["domain"]),
        "responsible": TableColumn(t("role_responsible_heading")),
        "co_responsible": TableColumn(t("role_co_responsible_heading")),
        "funds": TableColumn(titles["fund"]),
        "deadline": TableColumn(t("deadline")),
        "horizon": TableColumn(t("facet_horizon")),
        "planned": TableColumn(t("planned_money_eur"), "money"),
        "not_secured": TableColumn(t("not_secured_eur"), "money"),
        "link": TableColumn(t("measure_link")),
    }
    records = [
        table_record(by_number[number], items[number], funds[by_number[number]["measure"]], labels, language) for number in shown
    ]
    return Table.of(records, columns)


def table_record(row: Record, item: facets.Item, funds: set[str], labels, language: str) -> dict[str, Any]:
    pairs = sorted(item.get(("institution", "role"), ()))
    url = card_url(row, language)
    return {
        "number": row["measure_id"],
        "title": Link(measure_title(row, language), url),
        "domain": ", ".join(labels["domain"][v] for (v,) in sorted(item.get(("domain",), ()))),
        "responsible": ", ".join(i for i, r in pairs if r == "responsible"),
        "co_responsible": ", ".join(i for i, r in pairs if r == "co-responsible"),
        "funds": "; ".join(labels["fund"][v] for v in sorted(funds)),
        "deadline": deadline_words(text(row["deadline_text"])),
        "horizon": labels["horizon"][next(iter(item[("horizon",)]))[0]],
        "planned": row["planned"],
        "not_secured": row["not_secured"],
        "link": url,
    }


def downloads(table: Table) -> None:
    """The filtered list as CSV (with the BOM Excel needs) and XLSX, and as JSON."""
    table_downloads(table, "measures", json=lambda: table_json(table))
    report_downloads("factsheet")  # every measure's factsheet in one file


def table_json(table: Table) -> str:
    """The table's rows as objects keyed by the column names (as the CSV's header)."""
    labels = [column.label for column in table.columns]
    records = [dict(zip(labels, row, strict=True)) for row in table.values()]
    return json.dumps(records, ensure_ascii=False, indent=1, default=str)


# ------------------------------------------------------------------ the page


def main() -> None:
    language = lang()
    measures, links = measure_list(), facet_links()
    items = facets.items_from(measures, links)
    funds = direct_funds(links)
    labels = value_labels(links, items, language)
    titles = facet_titles()
    seed_filters(labels)
    selection = current_selection()
    show_unknown(titles)
    left, right = st.columns([1.3, 2], gap="medium")
    with left:
        st.markdown(f"**{t('filter_by')}**")
        filters(items, labels, titles, selection)
    shown = facets.filtered(items, selection)
    with right:
        line, clear = st.columns([3, 2], vertical_alignment="center")
        line.markdown(f"**{t('measures_shown', n=len(shown), total=len(items))}**")
        if not facets.is_empty(selection) or st.session_state.get(UNKNOWN):
            clear.button(t("clear_filters"), on_click=clear_filters, key="measures-clear", icon=":material/close:")
        if not shown:
            st.info(t("no_measures_match"))
        by_number = {row["measure_id"]: row for row in measures}
        for number in shown:
            row = by_number[number]
            card(row, items[number], funds[row["measure"]], labels, titles, language)
        if shown:
            downloads(table(shown, measures, items, funds, labels, titles, language))
    set_url(**{facet: facets.join(sorted(selection[facet], key=_order(labels[facet]))) for facet in facets.FACETS})


def _order(options: Mapping[str, str]):
    positions = {value: i for i, value in enumerate(options)}
    return lambda value: positions.get(value, len(positions))


page("page_measures", URL, main)
