"""The money flows page in headless Debian Chromium against `streamlit run`, at a desktop
(1440×900) and a phone (390×844) width, in Latvian and in English: the Sankey diagram is drawn
(SVG inside the Plotly chart), the table is there, the totals shown are the plan's printed
totals, choosing a fund changes the table, and a measure in it opens its card. Screenshots go
to tests/artifacts/."""

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
# Printed totals (data/source/budget_printed_totals.csv, p. 23) and ESF's MTBF money in 2022:
# 4.8 (504 000) and 4.9 (391 778), p. 28.
MTBF_2022, MTBF_2023, ESF_2022 = 4344513, 8334728, 895778
STATE_BUDGET = {"lv": "Valsts budžets", "en": "State budget"}
ESF = {"lv": "Eiropas Sociālais fonds", "en": "European Social Fund"}
SANKEY = "[data-testid='stPlotlyChart'] svg .sankey-node"


@pytest.fixture
def page(sized_page):
    return sized_page


def shot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the window is made as tall."""
    size = SIZES[page.size_name]
    height = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height + 40)})
    page.wait_for_timeout(800)  # the chart redraws at the new size
    page.screenshot(path=str(ARTIFACTS / f"money-{name}-{page.size_name}.png"))
    page.set_viewport_size(size)


def total_text(lang: str, amount: int) -> str:
    return text("flows_total", lang, amount=money(amount, lang))


def choose(page, key: str, option: str) -> None:
    """Open a menu by its key and pick an option by its visible name, as a person does."""
    page.locator(f".st-key-{key} input").click()
    page.get_by_role("option", name=option, exact=True).click()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_money_flows_page(page, ui_server, lang):
    page.goto(f"{ui_server.url}/money" + ("?lang=en" if lang == "en" else ""))
    wait_for_app(page)
    page.get_by_role("heading", name=text("page_money", lang), level=1).wait_for()
    page.locator(SANKEY).first.wait_for()
    assert page.locator(SANKEY).count() >= 4  # a source, a sector, a measure, a domain at least
    assert page.get_by_text(total_text(lang, MTBF_2022), exact=True).is_visible()
    expect(page.locator(".kbt table")).to_contain_text(STATE_BUDGET[lang])
    expect(page.locator(".kbt table")).to_contain_text(ESF[lang])
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, lang)

    choose(page, "money-fund", ESF[lang])  # only the ESF's flows
    shown = text("flows_total_shown", lang, amount=money(ESF_2022, lang), all=money(MTBF_2022, lang))
    page.get_by_text(shown, exact=True).wait_for()
    page.wait_for_url(re.compile(r"[?&]fund=ESF\b"))  # written when the run ends
    # The table component redraws after the run's text: wait for it.
    expect(page.locator(".kbt table")).not_to_contain_text(STATE_BUDGET[lang])
    expect(page.locator(".kbt table")).to_contain_text(ESF[lang])
    shot(page, f"{lang}-esf")

    page.go_back()  # one choice, one step back
    page.get_by_text(total_text(lang, MTBF_2022), exact=True).wait_for()
    assert "fund=" not in page.url
    expect(page.locator(".kbt table")).to_contain_text(STATE_BUDGET[lang])  # the table follows

    choose(page, "money-year", "2023")
    page.get_by_text(total_text(lang, MTBF_2023), exact=True).wait_for()
    page.locator(SANKEY).first.wait_for()
    page.wait_for_url(re.compile(r"[?&]year=2023\b"))
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, f"{lang}-2023")

    page.locator(".kbt table a").first.click()  # a measure's name opens its card, in the same tab
    page.wait_for_url(re.compile(r"/measure\?entity=measure/4\.\d+"))
    assert len(page.context.pages) == 1
