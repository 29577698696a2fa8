"""The common tasks as a person does them, in headless Debian Chromium against `streamlit run`:
at a desktop (1440×900) and a phone (390×844) width, in Latvian and in English, asserting on
the text a person sees. Screenshots go to tests/artifacts/ (ignored by git)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import SIZES, chromium_path, wait_for_app
from ui.formats import money
from ui.i18n import text

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")
HOUSING = ["4.18", "4.19", "4.20", "4.21", "4.22"]  # housing in their titles or results (pp. 21–23)
HOUSING_WORD = {"lv": "mājokļiem", "en": "housing"}
HOUSING_DOMAIN = {"lv": "Mājokļi", "en": "Housing"}  # ontology/rsf.ttl, rsf:housing
HOUSING_DOMAIN_MEASURES = ["4.18", "4.19", "4.20", "4.21", "4.22", "4.23"]  # data/source/measure_domains.csv


@pytest.fixture
def page(sized_page):
    return sized_page


def home(page, ui_server, lang: str):
    page.goto(f"{ui_server.url}/" + ("?lang=en" if lang == "en" else ""))
    wait_for_app(page)
    page.get_by_role("heading", name=text("app_name", lang), level=1).wait_for()
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"task-{name}-{page.size_name}.png"), full_page=page.size_name == "desktop")


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


def measure_link(page, number: str):
    """A link whose text starts with the measure's number (a search result or a list card)."""
    return page.get_by_role("link", name=re.compile(rf"^{re.escape(number)}\b"))


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_home_page_says_what_this_is(page, ui_server, lang):
    home(page, ui_server, lang)
    assert page.get_by_text(text("home_lead", lang)).is_visible()
    assert page.get_by_label(text("home_search_label", lang)).is_visible()
    # The first screen of a phone shows the name, the sentence and the search box, not counters.
    assert page.get_by_text(text("home_numbers", lang)).bounding_box()["y"] > SIZES[page.size_name]["height"]
    no_exception(page)
    shot(page, f"home-{lang}")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_plan_in_numbers_on_home(page, ui_server, lang):
    """Two bar charts whose legends fit the screen, and the budget table with the printed total
    (p. 28) right-aligned in the page's format."""
    home(page, ui_server, lang)
    charts = page.locator(".kbb")
    expect(charts).to_have_count(2)
    charts.first.scroll_into_view_if_needed()
    expect(charts.first.locator("svg rect.kbb-bar")).to_have_count(6)  # 2021; 2022; 2023 × 2; 2024; 2025 (p. 28)
    legend = charts.first.locator(".kbb-legend").bounding_box()
    assert legend["x"] >= 0 and legend["x"] + legend["width"] <= SIZES[page.size_name]["width"]
    for chart in charts.all():  # the drawing fits the screen too
        box = chart.locator("svg").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[page.size_name]["width"]
    bar = charts.first.locator("svg rect.kbb-bar").nth(1)  # 2022's MTBF
    bar.focus()  # the keyboard (or a tap) shows the bar's text
    expect(charts.first.locator(".kbb-tip")).to_contain_text(money(4344513, lang))
    total = page.locator(".kbt td", has_text=re.compile(rf"^{re.escape(money(4344513, lang))}$"))
    expect(total).to_have_count(1)
    assert total.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    no_exception(page)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_housing_measures_by_searching_from_home(page, ui_server, lang):
    home(page, ui_server, lang)
    page.get_by_label(text("home_search_label", lang)).fill(HOUSING_WORD[lang])
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=text("home_results", lang)).wait_for()
    wait_for_app(page)
    for number in HOUSING:
        measure_link(page, number).first.wait_for()
    page.wait_for_url(re.compile(r"/\?(.*&)?q="))  # the search is in the URL: it can be shared
    no_exception(page)
    shot(page, f"search-housing-{lang}")
    page.go_back()  # one action, one step: Back clears the search
    page.get_by_role("heading", name=text("home_domains", lang)).first.wait_for()
    expect(page.get_by_label(text("home_search_label", lang))).to_have_value("")
    assert page.get_by_role("heading", name=text("home_results", lang)).count() == 0


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_search_result_opens_in_the_same_tab(page, ui_server, lang):
    page.goto(f"{ui_server.url}/search?q=mājokļu" + ("&lang=en" if lang == "en" else ""))
    wait_for_app(page)
    measure_link(page, "4.21").first.click()
    page.wait_for_url("**/measure?entity=measure/4.21*")
    wait_for_app(page)
    no_exception(page)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_housing_measures_by_the_domain_tile_and_back(page, ui_server, lang):
    home(page, ui_server, lang)
    page.get_by_role("link", name=HOUSING_DOMAIN[lang], exact=True).click()
    page.get_by_role("heading", name=text("page_measures", lang), level=1).wait_for()
    wait_for_app(page)
    assert "domain=housing" in page.url
    for number in HOUSING_DOMAIN_MEASURES:
        measure_link(page, number).first.wait_for()
    assert measure_link(page, "4.1").count() == 0  # not a housing measure
    shot(page, f"domain-housing-{lang}")
    page.go_back()  # one action, one step: Back returns to the home page
    page.get_by_role("heading", name=text("app_name", lang), level=1).wait_for()
    assert "domain=" not in page.url
    no_exception(page)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_what_a_fund_pays_for_from_home(page, ui_server, lang):
    home(page, ui_server, lang)
    page.locator(".st-key-home-fund input").click()
    page.keyboard.type("ESF")  # the menu filters as one types
    page.get_by_role("option", name=re.compile(r"^Eiropas Sociālais fonds \(ESF|^European Social Fund \(operational")).click()
    page.get_by_role("link", name=re.compile(text("home_open", lang, name="") + "Eiropas Sociālais|European Social")).click()
    page.get_by_role("heading", name=text("page_measures", lang), level=1).wait_for()
    wait_for_app(page)
    assert "fund=ESF" in page.url
    for number in ["4.8", "4.9", "4.12", "4.16", "4.17"]:  # data/source/funding.csv
        measure_link(page, number).first.wait_for()
    page.go_back()
    page.get_by_role("heading", name=text("app_name", lang), level=1).wait_for()
    no_exception(page)


@pytest.mark.parametrize("path", ["explore?entity=fund/ESF", "questions", "compliance", "measures", "point"])
def test_opening_a_page_is_one_step_back(page, ui_server, path):
    """An outside tester found that opening Explore added 8 history entries, so Back did not work."""
    home(page, ui_server, "en")
    before = page.evaluate("history.length")
    page.goto(f"{ui_server.url}/{path}{'&' if '?' in path else '?'}lang=en")
    wait_for_app(page)
    page.wait_for_timeout(1500)  # URL writes arrive after the run
    assert page.evaluate("history.length") == before + 1
    page.go_back()
    page.get_by_role("heading", name=text("app_name", "en"), level=1).wait_for()
    no_exception(page)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_measure_factsheet_downloads_from_its_card(page, ui_server, lang):
    """The card offers its factsheet; the PDF read back holds 4.21's money (p. 32)."""
    import shutil
    import subprocess

    if page.size_name == "phone":
        pytest.skip("one width is enough for a file download")
    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext (poppler-utils, scripts/install-system-deps.sh)")
    page.goto(f"{ui_server.url}/measure?entity=measure/4.21" + ("&lang=en" if lang == "en" else ""))
    wait_for_app(page)
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name=text("report_factsheet_pdf", lang)).click()
    assert download.value.suggested_filename == f"roma-plan-factsheet-4.21-{lang}.pdf"
    shown = subprocess.run(["pdftotext", download.value.path(), "-"], capture_output=True, text=True, check=True).stdout
    assert ("4 400 000" if lang == "lv" else "4,400,000") in shown.replace("\u00a0", " ")
