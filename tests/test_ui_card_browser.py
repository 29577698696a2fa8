"""The measure card and the Recommendation point page in headless Debian Chromium against
`streamlit run`, on a desktop and a phone screen, in both languages. Screenshots go to
tests/artifacts/ (ignored by git)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import SIZES, chromium_path, wait_for_app

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")

# What the plan prints for 4.21 (p. 32): 4 400 000 additional need in 2023, state budget.
MONEY = {"lv": "4\u00a0400\u00a0000\u00a0€", "en": "€4,400,000"}
FUND = {"lv": "Valsts budžets", "en": "State budget"}
POINT_10H = {"lv": "Ieteikuma 10. punkta h) apakšpunkts", "en": "Recommendation point 10(h)"}
CARD_4_21 = {"lv": "4.21. Atbalsts privātpersonām", "en": "4.21 Support for private persons"}


def open_page(context, ui_server, path: str):
    page = context.new_page()
    page.goto(f"{ui_server.url}/{path}")
    wait_for_app(page)
    return page


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


MAIN_HEIGHT = "document.querySelector(\"[data-testid='stMain']\").scrollHeight"


def settled_height(page) -> int:
    """The main area's height once the script run is over and nothing more arrives."""
    height = -1
    while height != (height := page.evaluate(MAIN_HEIGHT)):
        page.wait_for_timeout(400)
    return height


def shot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main area, so the window is made as tall as
    the content first (a full-page screenshot alone stops at the window's height)."""
    size = page.viewport_size
    wait_for_app(page)
    height = settled_height(page)
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def main_area(page):
    return page.locator("[data-testid='stMain']")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_card_shows_money_and_funds(context, ui_server, screen, lang):
    page = open_page(context, ui_server, f"measure?entity=measure/4.21&lang={lang}")
    page.get_by_role("heading", name=re.compile(re.escape(CARD_4_21[lang])), level=1).wait_for()
    main = main_area(page)
    main.get_by_text(MONEY[lang], exact=True).wait_for()
    assert main.get_by_text(MONEY[lang], exact=True).is_visible()
    assert main.get_by_role("link", name=FUND[lang], exact=True).is_visible()
    no_exception(page)
    shot(page, f"card-4.21-{lang}-{screen}")
    # On a phone the card fits the screen's width: nothing to scroll sideways.
    width = page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollWidth")
    assert width <= SIZES[screen]["width"] + 1


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_all_data_of_a_card_fits_the_screen(context, ui_server, screen, lang):
    """4.21's table row holds a long web address (altum.lv) in its result indicator: it breaks,
    rather than widen the table past a phone's screen (it was 537 px wide at 390)."""
    page = open_page(context, ui_server, f"measure?entity=measure/4.21&lang={lang}")
    main = main_area(page)
    main.get_by_text({"lv": "Visi dati", "en": "All data"}[lang], exact=True).click()
    main.get_by_text("altum.lv", exact=False).first.wait_for()
    right = page.evaluate(
        "Math.max(...[...document.querySelectorAll(\"[data-testid='stMain'] table\")].map(t => t.getBoundingClientRect().right))"
    )
    assert right <= SIZES[screen]["width"] + 1
    no_exception(page)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_point_lists_measures_and_opens_a_card_in_the_same_tab(context, ui_server, screen, lang):
    page = open_page(context, ui_server, f"point?entity=recommendation/10h&lang={lang}")
    page.get_by_role("heading", name=POINT_10H[lang], level=1).wait_for()
    main = main_area(page)
    links = main.locator("a[href*='measure?entity=measure/']")
    assert [text.split()[0] for text in links.all_inner_texts()] == ["4.21", "4.22", "4.23"]
    no_exception(page)
    shot(page, f"point-10h-{lang}-{screen}")
    links.first.click()
    page.wait_for_url(re.compile(r"/measure\?entity=measure/4\.21"))
    wait_for_app(page)
    page.get_by_role("heading", name=re.compile(re.escape(CARD_4_21[lang])), level=1).wait_for()
    assert len(context.pages) == 1  # the same tab
    assert ("lang=en" in page.url) == (lang == "en")  # Latvian, the default, needs no parameter


def test_points_list_and_unknown_measure(context, ui_server, screen):
    page = open_page(context, ui_server, "point?lang=en")
    main_area(page).get_by_text("Points the plan's measures address: 50").wait_for()
    shot(page, f"points-en-{screen}")
    page = open_page(context, ui_server, "measure?entity=measure/9.99&lang=en")
    page.locator("[data-testid='stAlert']", has_text="no entity").wait_for()
    back = main_area(page).locator("[data-testid='stPageLink-NavLink']", has_text="All measures")
    back.wait_for()  # st.page_link to the measures list
    assert main_area(page).locator("h1").all_inner_texts() == ["Measure"]  # no other measure's card
    no_exception(page)


def test_card_prints_on_several_sheets(browser, ui_server):
    """Printed (or saved as PDF), the card is not cut at the first sheet by the app's scroll box."""
    context = browser.new_context(viewport=SIZES["desktop"])
    try:
        page = open_page(context, ui_server, "measure?entity=measure/4.21&lang=lv")
        page.emulate_media(media="print")
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        pdf = page.pdf(path=str(ARTIFACTS / "card-4.21-lv.pdf"), format="A4")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2
    finally:
        context.close()
