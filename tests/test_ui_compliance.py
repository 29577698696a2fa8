"""The compliance matrix (ui/compliance.py, pure functions) against the plan, the fund palette,
and the Compliance and Coherence pages through AppTest. Point 10 h) is addressed by measures
4.21, 4.22 and 4.23 (data/source/measures.csv, p. 20), all three in the housing domain
(measure_domains.csv); their chapter V table 1 amounts (budget_table1.csv, p. 32): 4.21 an
additional need of 4 400 000 in 2023, 4.22 MTBF 1 100 000 (2022) + 6 000 000 (2023), 4.23 none."""

from __future__ import annotations

import json
import re

import pytest

from tests.apptest import page, texts
from ui import compliance, viewdata
from ui.palette import fund_colours

KINDS = ["mtbf", "additional"]
POINT_10H = "10 h)"
MEASURES_10H = ("4.21", "4.22", "4.23")
MTBF_10H = 1_100_000 + 6_000_000
ADDITIONAL_10H = 4_400_000


@pytest.fixture(scope="module")
def frames(embedded):
    facets = viewdata.view_records(embedded, "measure-facets")
    return (
        viewdata.view_records(embedded, "measure-points"),
        viewdata.view_records(embedded, "measure-money"),
        [row for row in facets if row["facet"] == "domain"],
    )


def cells(frames, by: str):
    links, money, domains = frames
    return compliance.matrix_cells(links, money, KINDS, domains, by)


def test_point_10h_by_measure_is_three_cells_with_each_measures_money(frames):
    found = cells(frames, "measure")
    row = {cell["column"]: cell for cell in found if cell["point"] == POINT_10H}
    assert tuple(row) == MEASURES_10H
    assert [cell["count"] for cell in row.values()] == [1, 1, 1]
    # None where the plan prints no amount of that kind: a table shows an empty cell, not 0 €.
    assert {m: cell["mtbf"] for m, cell in row.items()} == {"4.21": None, "4.22": MTBF_10H, "4.23": None}
    assert {m: cell["additional"] for m, cell in row.items()} == {"4.21": ADDITIONAL_10H, "4.22": None, "4.23": None}
    assert compliance.measures_total(found, ["4.23"], "mtbf") is None
    assert compliance.cell_measures(found, POINT_10H) == list(MEASURES_10H)
    assert compliance.measures_total(found, list(MEASURES_10H), "mtbf") == MTBF_10H
    assert compliance.measures_total(found, list(MEASURES_10H), "additional") == ADDITIONAL_10H
    assert compliance.measures_total(found, list(MEASURES_10H), "count") == 3


def test_point_10h_by_domain_is_one_housing_cell_with_the_measures_total(frames):
    found = cells(frames, "domain")
    row = [cell for cell in found if cell["point"] == POINT_10H]
    assert [cell["column"] for cell in row] == ["housing"]
    cell = row[0]
    assert cell["measures"] == MEASURES_10H and cell["count"] == 3
    assert (cell["mtbf"], cell["additional"]) == (MTBF_10H, ADDITIONAL_10H)


def test_a_measure_in_two_domains_counts_in_both(frames):
    """4.1 is in civil society and culture (measure_domains.csv) and cites 2 e) (p. 13)."""
    found = cells(frames, "domain")
    point = {cell["column"]: cell["measures"] for cell in found if cell["point"] == "2 e)"}
    assert "4.1" in point["civil-society"] and "4.1" in point["culture"]


def test_every_link_is_one_cell_by_measure(frames):
    links = frames[0]
    found = cells(frames, "measure")
    assert len(found) == len({(row["notation"], row["measure_id"]) for row in links})
    assert all(cell["count"] == 1 for cell in found)


def test_the_grid_keeps_recommendation_and_plan_order_and_leaves_gaps_empty(frames):
    found = cells(frames, "measure")
    rows = compliance.matrix_rows(found)
    columns = compliance.matrix_columns(found, "measure")
    grid = compliance.matrix_grid(found, "mtbf", rows, columns)
    # Every point a measure cites (not the areas above them) × every measure (all are linked).
    assert (len(grid.values), len(grid.values[0])) == (len({row["notation"] for row in frames[0]}), 31)
    assert columns[:3] == ["4.1", "4.2", "4.3"] and columns[-1] == "4.31"
    assert rows.index(("10.", POINT_10H)) < rows.index(("14.", "14 b)"))
    assert grid.value(("10.", POINT_10H), "4.22") == MTBF_10H
    assert grid.values[rows.index(("10.", POINT_10H))].count(None) == 30  # 4.21 and 4.23 have no MTBF amount: no colour
    by_domain = cells(frames, "domain")
    assert compliance.matrix_columns(by_domain, "domain", ["housing", "culture"])[:2] == ["housing", "culture"]


def test_the_plans_14_funds_get_14_distinct_colours():
    codes = ["STATE-BUDGET", "ESF", "ESF+", "RRF", "EU-COHESION", "EU-STRUCTURAL", "EU-REC", "CERV"]
    codes += ["EEA-NORWAY", "CREATIVE-EUROPE", "VKKF", "SWISS-LV", "ORG-OWN", "OTHER"]  # data/source/funds.csv
    colours = fund_colours(codes)
    assert set(colours) == set(codes)
    assert len(set(colours.values())) == 14
    assert all(re.fullmatch(r"#[0-9A-F]{6}", colour) for colour in colours.values())
    assert colours["CERV"] != colours["RRF"]  # the bug: a 10-colour palette gave them one colour
    assert fund_colours(reversed(codes)) == colours  # the order a chart lists them in does not matter


# ------------------------------------------------------------------ the pages (AppTest)


@pytest.fixture(autouse=True, scope="module")
def session_kb(ui_kb):
    """The pages run on the session's KB (conftest's ui_kb)."""


def test_compliance_page_draws_the_heatmap_and_keeps_the_caveat():
    app = page("compliance", lang="en")
    assert not app.exception
    assert len(app.get("plotly_chart")) == 1
    assert "must not be added up" in texts(app)
    assert dict(app.query_params) == {"lang": "en"}  # the switches' defaults are not written


def test_a_chosen_point_lists_its_measures_and_links_to_the_filtered_list():
    app = page("compliance", lang="en", point="10h", show="mtbf")
    shown = texts(app)
    assert "#### Recommendation point 10(h)" in shown
    assert "MTBF (medium-term budget): €7,100,000" in shown
    for number in MEASURES_10H:
        assert f'href="measure?entity=measure/{number}&amp;lang=en" target="_self">{number} ' in shown
    link = app.get("page_link")[0].proto
    assert link.page.endswith("measures") and "point=10h" in link.query_string


def test_a_chosen_cell_by_domain_filters_by_domain_too():
    app = page("compliance", lang="lv", by="domain", point="10h", domain="housing", show="additional")
    assert "#### Ieteikuma 10. punkta h) apakšpunkts · Mājokļi" in texts(app)
    assert "Papildu vajadzība: 4\u00a0400\u00a0000\u00a0€" in texts(app)
    query = app.get("page_link")[0].proto.query_string
    assert "point=10h" in query and "domain=housing" in query


def test_the_phone_list_names_every_area_and_links_the_filtered_list():
    app = page("compliance", lang="en")
    labels = [e.label for e in app.expander]
    assert any(label.startswith("Recommendation point 10 · measures: 6") for label in labels)
    assert 'href="measures?point=10h&amp;lang=en" target="_self"' in texts(app)


def test_coherence_page_draws_the_network_with_labels_and_the_funding_mix():
    app = page("coherence", lang="lv")
    assert not app.exception
    nodes = json.loads(app.get("plotly_chart")[0].proto.spec)["data"][-1]
    assert "KM" in nodes["text"] and nodes["textfont"]["size"] >= 12  # abbreviations, legible
    assert any(name.startswith("Kultūras ministrija") for name in nodes["hovertext"])  # full names on hover
