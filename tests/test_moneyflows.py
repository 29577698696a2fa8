"""The money flows behind the Sankey diagram (ui/moneyflows.py): which source each amount flows
from, that nothing is counted twice or split, and that every column adds up to the totals the
plan prints (data/source/budget_printed_totals.csv)."""

from __future__ import annotations

import csv
import functools
from decimal import Decimal
from pathlib import Path

import pytest

from ui import moneyflows as flows
from ui import viewdata

ROOT = Path(__file__).resolve().parent.parent
PRINTED = ROOT / "data" / "source" / "budget_printed_totals.csv"
RECURRING = "turpmāk ik gadu"  # the plan's column 'annually thereafter'
# The figures quoted in the issue, typed here independently of the source files.
HEADLINE = [("mtbf", "2022", Decimal(4344513)), ("mtbf", "2023", Decimal(8334728)), ("additional", "2023", Decimal(5548200))]
LAYOUTS = [(middle, right) for middle in flows.MIDDLE_LAYERS for right in flows.RIGHT_LAYERS]


# ------------------------------------------------------------------ which source: made-up lines


def line(*sources: flows.Attribution, sector: str = "22", programme: str = "26.01.00", notes: str = "") -> flows.Line:
    return flows.Line(
        "line/1", "measure/9.9", "9.9", "mtbf", "2022", Decimal(100), sector, programme, frozenset(notes.split()), False, sources
    )


def test_one_source_takes_all_the_measures_money():
    assert flows.fund_of(line(flows.Attribution("ESF", "9.1.4.4."))) == ("ESF", flows.RULE_ONLY)


def test_a_source_that_names_the_programme_takes_the_amount():
    sources = (flows.Attribution("STATE-BUDGET", "22/26.01.00"), flows.Attribution("EU-REC", "Projekts; 22/67.06.00"))
    assert flows.fund_of(line(*sources, programme="67.06.00")) == ("EU-REC", flows.RULE_PROGRAMME)
    assert flows.fund_of(line(*sources, programme="26.01.00")) == ("STATE-BUDGET", flows.RULE_PROGRAMME)


def test_the_programme_must_be_in_the_same_sector():
    sources = (flows.Attribution("STATE-BUDGET", "18/05.01.00"), flows.Attribution("ESF", "9.2.1.1."))
    assert flows.fund_of(line(*sources, sector="22", programme="05.01.00"))[0] == flows.SEVERAL


def test_a_footnote_on_the_amount_names_its_source():
    sources = (
        flows.Attribution("ESF", "9.2.1.1.", frozenset({"101"})),
        flows.Attribution("STATE-BUDGET", "18/05.01.00", frozenset({"102"})),
    )
    assert flows.fund_of(line(*sources, sector="18", programme="63.07.00", notes="101")) == ("ESF", flows.RULE_FOOTNOTE)


def test_no_split_is_invented_when_the_plan_does_not_tell():
    sources = (flows.Attribution("ESF", "", frozenset({"7"})), flows.Attribution("CERV", "", frozenset({"7"})))
    assert flows.fund_of(line(*sources, notes="7")) == (flows.SEVERAL, flows.RULE_SEVERAL)  # both footnotes match
    assert flows.fund_of(line(flows.Attribution("ESF"), flows.Attribution("CERV"))) == (flows.SEVERAL, flows.RULE_SEVERAL)
    assert flows.fund_of(line()) == (flows.NONE, flows.RULE_NONE)


def test_a_measure_in_several_domains_flows_whole_into_one_several_node():
    groups = {"measure/9.9": flows.Groups(institution=("KM",), domain=("civil-society", "culture"), area=("2",))}
    found = flows.paths([line(flows.Attribution("ESF"))], groups, "institution", "domain")
    assert [(p.fund, p.middle, p.right, p.amount, p.rights) for p in found] == [
        ("ESF", "KM", flows.SEVERAL, Decimal(100), ("civil-society", "culture"))
    ]
    by_area = flows.paths([line(flows.Attribution("ESF"))], groups, "sector", "area")
    assert [(p.middle, p.right) for p in by_area] == [("22", "2")]


def test_text_from_the_data_is_escaped_for_plotly():
    names = flows.Names(labels={("fund", "X"): {"lv": "<b>Fonds</b>", "en": "<a href='x'>Fund</a>"}})
    found = [flows.Path("line/1", "X", flows.RULE_ONLY, "22", "9.9", "culture", Decimal(5))]
    diagram = flows.sankey(found, names, "sector", "domain", {"X": "#1965B0"}, "en")
    assert diagram.nodes[0].label == "&lt;a href='x'&gt;Fund&lt;/a&gt;"
    assert "<a" not in diagram.nodes[0].hover and "<a" not in diagram.links[0].hover


def test_the_table_adds_up_each_flow_in_the_measures_order():
    path = functools.partial(flows.Path, fund="ESF", rule=flows.RULE_ONLY, middle="22", right="culture")
    found = [
        path("line/1", measure_id="4.10", amount=Decimal(5)),
        path("line/2", measure_id="4.9", amount=Decimal(7)),
        path("line/3", measure_id="4.10", amount=Decimal("2.5")),
    ]
    rows = flows.table(found, flows.Names(), "sector", "domain", "en")
    assert [(row["measure"], row["amount"]) for row in rows] == [("4.9", 7), ("4.10", 7.5)]  # 4.9 before 4.10
    assert list(rows[0]) == ["fund", "middle", "measure", "measure_id", "right", "amount", "rule"]


def test_separators_follow_the_language():
    diagram = flows.Sankey([], [])
    assert flows.figure(diagram, ["a", "b", "c", "d"], "lv").layout.separators == ",\u00a0"
    assert flows.figure(diagram, ["a", "b", "c", "d"], "en").layout.separators == ".,"


def test_fourteen_funds_get_fourteen_colours():
    codes = [f"F{i}" for i in range(14)]
    colours = flows.fund_colours(codes)
    assert len({colours[code] for code in codes}) == 14
    assert flows.SEVERAL_COLOUR not in {colours[code] for code in codes}


def test_a_funds_node_shows_its_name_without_the_parenthesis():
    assert flows.short_name("Eiropas Sociālais fonds (ESF darbības programma 2014.–2020.gadam)") == "Eiropas Sociālais fonds"
    assert flows.short_name("Valsts budžets") == "Valsts budžets"


# ------------------------------------------------------------------ the plan's data


@pytest.fixture(scope="module")
def plan(embedded):
    data = viewdata.view_records(embedded, "money-flows")
    groups, names = flows.read_groups(
        viewdata.view_records(embedded, "measure-facets"), viewdata.view_records(embedded, "measure-points")
    )
    funds = [row["value"] for row in viewdata.view_records(embedded, "options-funds")]
    names = flows.add_names(names, data, viewdata.view_records(embedded, "options-funds"))
    return flows.read_lines(data), groups, names, funds


def printed_totals(level: str) -> list[tuple[str, str, str, Decimal]]:
    """(kind, year as printed, sector, amount) of the printed totals at one level (plāns, resors)."""
    with PRINTED.open(encoding="utf-8-sig") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Līmenis"] == level]
    return [(r["Veids"], r["Gads"], r["Budžeta resors"], Decimal(r["Summa"].replace(" ", ""))) for r in rows]


def year_of(printed: str, lines: list[flows.Line]) -> str:
    """The year the KB gives the plan's 'annually thereafter' column (one year, flagged recurring)."""
    if printed != RECURRING:
        return printed
    (year,) = flows.recurring_years(lines)
    return year


def test_every_printed_period_is_covered():
    assert {(kind, year) for kind, year, _, _ in printed_totals("plāns")} >= {(k, y) for k, y, _ in HEADLINE}
    assert len(printed_totals("plāns")) == 6


@pytest.mark.parametrize(("middle", "right"), LAYOUTS)
def test_every_column_adds_up_to_the_printed_total(plan, middle, right):
    lines, groups, _, _ = plan
    for kind, printed_year, _, printed in printed_totals("plāns"):
        found = flows.paths(flows.of_period(lines, kind, year_of(printed_year, lines)), groups, middle, right)
        columns = flows.layer_totals(found)
        assert {column: sum(values.values()) for column, values in columns.items()} == dict.fromkeys(columns, printed), (
            kind,
            printed_year,
        )


@pytest.mark.parametrize(("kind", "year", "printed"), HEADLINE)
def test_the_diagram_carries_the_headline_totals(plan, kind, year, printed):
    lines, groups, names, funds = plan
    found = flows.paths(flows.of_period(lines, kind, year), groups, "sector", "domain")
    diagram = flows.sankey(found, names, "sector", "domain", flows.fund_colours(funds), "en")
    inflow = sum(node.value for node in diagram.nodes if node.layer == "fund")
    outflow = sum(node.value for node in diagram.nodes if node.layer == "domain")
    assert inflow == outflow == printed
    # The links out of the sources and into the last column carry the same money.
    sources = {i for i, node in enumerate(diagram.nodes) if node.layer == "fund"}
    last = {i for i, node in enumerate(diagram.nodes) if node.layer == "domain"}
    assert sum(link.value for link in diagram.links if link.source in sources) == printed
    assert sum(link.value for link in diagram.links if link.target in last) == printed
    assert sum(row["amount"] for row in flows.table(found, names, "sector", "domain", "en")) == printed


def test_sector_nodes_match_the_printed_sector_subtotals(plan):
    lines, groups, _, _ = plan
    checked = 0
    for kind, printed_year, sector, printed in printed_totals("resors"):
        found = flows.paths(flows.of_period(lines, kind, year_of(printed_year, lines)), groups, "sector", "domain")
        assert flows.layer_totals(found)["middle"][sector] == printed, (kind, printed_year, sector)
        checked += 1
    assert checked == 12  # every sector subtotal printed on pp. 23–25


def test_table_2_is_not_counted_and_no_line_twice(plan):
    lines, groups, _, _ = plan
    assert not [item.line for item in lines if "/ch5-table2/" in item.line]
    assert len({item.line for item in lines}) == len(lines)
    found = flows.paths(lines, groups, "institution", "area")
    assert len(found) == len(lines)  # one path per amount, whatever the measure's number of groups


def test_the_plans_sources_are_read_as_printed(plan):
    lines, _, _, _ = plan
    read = {(item.measure_id, item.kind, item.year, item.programme): flows.fund_of(item) for item in lines}
    assert read["4.1", "mtbf", "2022", "67.06.00"] == ("EU-REC", flows.RULE_PROGRAMME)  # footnote 91, p. 26
    assert read["4.1", "mtbf", "2022", "26.01.00"] == ("STATE-BUDGET", flows.RULE_PROGRAMME)
    assert read["4.9", "mtbf", "2022", "63.07.00"] == ("ESF", flows.RULE_FOOTNOTE)  # footnote 101, p. 28
    assert read["4.9", "additional", "2023", "05.01.00"] == ("STATE-BUDGET", flows.RULE_PROGRAMME)  # 18/05.01.00
    assert read["4.16", "additional", "2023", "04.02.00"] == ("STATE-BUDGET", flows.RULE_PROGRAMME)
    assert read["4.8", "mtbf", "2022", "63.07.00"] == ("ESF", flows.RULE_ONLY)


@pytest.mark.parametrize("language", ["lv", "en"])
def test_node_and_link_labels_are_words_in_the_language(plan, language):
    lines, groups, names, funds = plan
    words = {
        "lv": ("Valsts budžets", "Kultūras ministrija", "Pilsoniskā sabiedrība"),
        "en": ("State budget", "Ministry of Culture", "Civil society"),
    }
    several = {"lv": "Vairākas politikas jomas (nav sadalīts)", "en": "Several policy domains (not split)"}
    for middle, right in LAYOUTS:
        found = flows.paths(flows.of_period(lines, "mtbf", "2022"), groups, middle, right)
        diagram = flows.sankey(found, names, middle, right, flows.fund_colours(funds), language)
        labels = [node.label for node in diagram.nodes]
        hovers = [node.hover for node in diagram.nodes] + [link.hover for link in diagram.links]
        assert all(labels) and not [t for t in labels + hovers if "http" in t or "STATE-BUDGET" in t or "rsf:" in t]
        assert all(("\u00a0€" in h) if language == "lv" else ("€" in h and "\u00a0€" not in h) for h in hovers)
        if right == "area":
            assert ("Ieteikuma 24. punkts" if language == "lv" else "Recommendation point 24") in labels
    found = flows.paths(flows.of_period(lines, "mtbf", "2022"), groups, "institution", "domain")
    labels = [node.label for node in flows.sankey(found, names, "institution", "domain", {}, language).nodes]
    assert {words[language][0], words[language][1], words[language][2], several[language]} <= set(labels)
