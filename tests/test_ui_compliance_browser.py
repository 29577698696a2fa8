"""The compliance matrix and the coherence charts in headless Debian Chromium against
`streamlit run`, at 1440×900 and 390×844, in Latvian and English: the heatmap is drawn, a real
click on the cell of point 10 h) lists 4.21, 4.22 and 4.23 and links to the filtered measures
list in the same tab; a phone gets the list grouped by area instead. Screenshots in tests/artifacts/."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, SIZES, chromium_path, wait_for_app
from tests.test_ui_tasks_browser import no_exception
from ui.i18n import text

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")
MEASURES_10H = ["4.21", "4.22", "4.23"]  # data/source/measures.csv, p. 20
POINT_10H = {"lv": "Ieteikuma 10. punkta h) apakšpunkts", "en": "Recommendation point 10(h)"}  # core/pointnames.py
POINT_ENTRY = "[data-testid='stExpanderDetails'] [data-testid='stMarkdownContainer']"  # one point of the phone's list
HOUSING = {"lv": "Mājokļi", "en": "Housing"}  # ontology/rsf.ttl, rsf:housing
FUND_ESF = {"lv": "Eiropas Sociālais fonds", "en": "European Social Fund"}  # data/source/funds.csv
AREA_10 = {"lv": "Ieteikuma 10. punkts", "en": "Recommendation point 10"}
# Where a category of the heatmap is on the screen (Plotly's own axes, so the test clicks the cell a person would).
CELL = """([x, y]) => { const gd = document.querySelector('.stPlotlyChart .js-plotly-plot'); const L = gd._fullLayout;
  const box = gd.getBoundingClientRect();
  return [box.left + L.xaxis._offset + L.xaxis.l2p(L.xaxis._categories.indexOf(x)),
          box.top + L.yaxis._offset + L.yaxis.l2p(L.yaxis._categories.indexOf(y))]; }"""


@pytest.fixture
def page(sized_page):
    return sized_page


def open_page(page, ui_server, path: str, lang: str) -> None:
    page.goto(f"{ui_server.url}/{path}" + ("&lang=en" if lang == "en" and "?" in path else "?lang=en" if lang == "en" else ""))
    wait_for_app(page)
    page.get_by_role("heading", name=text("page_" + path.split("?")[0], lang), level=1).wait_for()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"compliance-{name}-{page.size_name}.png"), full_page=True)


def click_cell(page, column: str, row: str) -> None:
    """Scroll the cell into view and click it with the mouse."""
    chart = page.locator(".stPlotlyChart .js-plotly-plot .nsewdrag").first
    chart.wait_for()
    chart.hover()  # the wheel scrolls what is under the mouse
    x, y = page.evaluate(CELL, [column, row])
    page.mouse.wheel(0, y - SIZES[page.size_name]["height"] / 2)
    middle = SIZES[page.size_name]["height"] / 2
    page.wait_for_function(f"() => Math.abs(({CELL})({json.dumps([column, row])})[1] - {middle}) < 60")
    x, y = page.evaluate(CELL, [column, row])
    page.mouse.move(x, y)
    page.mouse.click(x, y)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_clicking_the_cell_of_point_10h_lists_its_measures(page, ui_server, lang):
    open_page(page, ui_server, "compliance", lang)
    heatmap = page.locator(".stPlotlyChart")
    if page.size_name == "phone":
        # A phone gets the list grouped by area instead of the 50 × 31 heatmap.
        area = page.get_by_text(f"{AREA_10[lang]} · ", exact=False).first
        area.click()
        expect(heatmap).to_be_hidden()
        entry = page.locator(POINT_ENTRY, has_text=POINT_10H[lang]).first
        entry.wait_for()
        for number in MEASURES_10H:  # expect waits: the expander may still be opening under load
            expect(entry.get_by_role("link", name=number, exact=True)).to_be_visible()
        shot(page, f"list-{lang}")
        entry.get_by_role("link", name=text("matrix_open_list", lang)).first.click()
    else:
        expect(heatmap).to_be_visible()
        expect(page.get_by_text(f"{AREA_10[lang]} · ", exact=False).first).to_be_hidden()  # the phone's list
        assert page.get_by_text(text("matrix_caveat", lang)).is_visible()  # beside the heatmap, not only under the table
        click_cell(page, "4.22", POINT_10H[lang])
        page.get_by_role("heading", name=POINT_10H[lang], level=4).wait_for()
        for number in MEASURES_10H:
            expect(page.get_by_role("link", name=number + " ").first).to_be_visible()
        page.wait_for_url(lambda url: "point=10h" in url)
        shot(page, f"cell-{lang}")
        page.locator("[data-testid='stPageLink']").get_by_text(text("matrix_open_list", lang)).click()
    page.wait_for_url(lambda url: "/measures?" in url and "point=10h" in url)
    page.get_by_role("heading", name=text("page_measures", lang), level=1).wait_for()
    no_exception(page)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_domain_matrix_shows_money_in_the_pages_format(page, ui_server, lang):
    open_page(page, ui_server, "compliance?by=domain&show=additional", lang)
    if page.size_name == "phone":
        page.get_by_text(f"{AREA_10[lang]} · ", exact=False).first.click()
        shown = page.locator(POINT_ENTRY, has_text=POINT_10H[lang]).first
        shown.wait_for()
    else:
        click_cell(page, HOUSING[lang], POINT_10H[lang])
        page.wait_for_url(lambda url: "domain=housing" in url)
        shown = page.locator("[data-testid='stMain']")
    amount = {"lv": "4\u00a0400\u00a0000\u00a0€", "en": "€4,400,000"}[lang]  # 4.21's additional need, 2023 (p. 32)
    assert amount in shown.inner_text()
    no_exception(page)
    shot(page, f"domain-{lang}")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_coherence_charts_are_drawn(page, ui_server, lang):
    open_page(page, ui_server, "coherence", lang)
    network = page.locator(".stPlotlyChart").first
    network.scroll_into_view_if_needed()
    label = network.locator("g.textpoint text", has_text="KM").first  # an SVG text at its pixel size
    label.wait_for()
    assert float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 12
    funding_legend_fits(page, lang)
    no_exception(page)
    shot(page, f"coherence-{lang}")


def funding_legend_fits(page, lang: str) -> None:
    """The funding mix names its funds in full in a legend inside the screen's width, every entry
    shown (no scroll bar hides the last ones): codes and cut-off names told a reader nothing."""
    chart = page.locator(".stPlotlyChart").nth(1)
    chart.scroll_into_view_if_needed()
    entries = chart.locator("g.legend g.traces")
    expect(entries.first).to_be_visible()
    names = [" ".join(text.split()) for text in entries.locator("text.legendtext").all_text_contents()]
    assert FUND_ESF[lang] in names and "ESF" not in names, names
    width = SIZES[page.size_name]["width"]
    legend = chart.locator("g.legend").bounding_box()
    assert legend["x"] >= 0 and legend["x"] + legend["width"] <= width, (legend, width)
    # Plotly's own sizes: the legend's full height and the height it is shown in (less: a scroll bar).
    full, shown = chart.evaluate(
        "c => { const L = c.querySelector('.js-plotly-plot')._fullLayout.legend; return [L._height, L._effHeight]; }"
    )
    assert shown >= full, (shown, full)
