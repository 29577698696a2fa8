"""The measures list in headless Debian Chromium against `streamlit run`, on a desktop and a
phone screen, in both languages: filtering through the widgets as a person would, a shared
link, and a measure's link opening its card in the same tab. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser import chromium_path, wait_for_app

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")

# What a person reads on the page, per language (data/source: funding.csv, measures.csv).
WORDS = {
    "lv": {
        "fund_box": "Finansējuma avots",
        "esf": "Eiropas Sociālais fonds (5)",
        "institution_box": "Institūcija un loma",
        "km": "KM · Kultūras ministrija (11)",
        "responsible": "atbildīgā (6)",
        "five": "Pasākumi: 5 no 31",
        "six": "Pasākumi: 6 no 31",
        "all": "Pasākumi: 31 no 31",
        "clear": "Notīrīt filtrus",
    },
    "en": {
        "fund_box": "Funding source",
        "esf": "European Social Fund (5)",
        "institution_box": "Institution and role",
        "km": "KM · Ministry of Culture (11)",
        "responsible": "responsible (6)",
        "five": "5 of 31 measures",
        "six": "6 of 31 measures",
        "all": "31 of 31 measures",
        "clear": "Clear filters",
    },
}
ESF = ["4.8", "4.9", "4.12", "4.16", "4.17"]
KM_RESPONSIBLE = ["4.1", "4.2", "4.3", "4.4", "4.5", "4.7"]
HOUSING = ["4.18", "4.19", "4.20", "4.21", "4.22", "4.23"]


def no_nan(constant: str):
    raise AssertionError(f"{constant} is not JSON")  # what pandas wrote for an unknown amount


def open_list(context, ui_server, query: str):
    page = context.new_page()
    page.goto(f"{ui_server.url}/measures?{query}")
    wait_for_app(page)
    return page


def listed(page) -> list[str]:
    """The measure numbers of the list's rows, as shown."""
    texts = page.locator("a[href*='entity=measure/']").all_inner_texts()
    return [re.match(r"(\d+\.\d+) ", text)[1] for text in texts]


def wait_for_count(page, words: str) -> None:
    """Until the count line says `words` and the list has that many rows (the rows of the
    previous run are replaced a moment after the count)."""
    page.get_by_text(words, exact=True).wait_for()
    wait_for_app(page)
    rows = int(re.search(r"(\d+) (?:of|no) 31", words)[1])
    page.wait_for_function(
        "n => document.querySelectorAll(\"a[href*='entity=measure/']\").length === n"
        " && !document.querySelector(\"[data-stale='true']\")",
        arg=rows,
    )


def shot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its own container, so the window is made as
    tall as the content for the picture."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(height, 12000))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


def open_box(page, title: str) -> None:
    page.locator("[data-testid='stExpander'] summary", has_text=title).click()
    page.wait_for_timeout(600)  # the box slides open; a click during the slide misses the menu


def choose_in_menu(page, box_title: str, option: str) -> None:
    box = page.locator("[data-testid='stExpander']", has=page.locator("summary", has_text=box_title))
    box.locator("[data-testid='stMultiSelect']").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_filter_by_esf_through_the_widgets(context, ui_server, screen, lang):
    words = WORDS[lang]
    page = open_list(context, ui_server, f"lang={lang}")
    wait_for_count(page, words["all"])
    assert len(listed(page)) == 31
    if screen == "phone":
        shot(page, f"measures-{screen}-{lang}-all")
    open_box(page, words["fund_box"])
    choose_in_menu(page, words["fund_box"], words["esf"])
    wait_for_count(page, words["five"])
    assert listed(page) == ESF
    page.wait_for_url(re.compile(r"fund=ESF"))
    no_exception(page)
    shot(page, f"measures-{screen}-{lang}-esf")
    if screen == "desktop":
        with page.expect_download() as download:
            page.get_by_role("button", name="Lejupielādēt CSV" if lang == "lv" else "Download CSV").click()
        lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
        assert lines[0].startswith("Pasākuma nr.,Nosaukums," if lang == "lv" else "Measure no.,Title,")
        assert [line.split(",")[0] for line in lines[1:]] == ESF
        with page.expect_download() as download:
            page.get_by_role("button", name="Lejupielādēt JSON" if lang == "lv" else "Download JSON").click()
        records = json.loads(Path(download.value.path()).read_text(encoding="utf-8"), parse_constant=no_nan)
        number, planned = (
            ("Pasākuma nr.", "Plānotais finansējums, EUR") if lang == "lv" else ("Measure no.", "Planned funding, EUR")
        )
        assert [record[number] for record in records] == ESF
        assert all(
            record[planned] is None or isinstance(record[planned], int) for record in records
        )  # whole euros, null (not NaN) where the plan gives none
    page.get_by_role("button", name=words["clear"]).click()
    wait_for_count(page, words["all"])
    page.wait_for_url(lambda url: "fund=" not in url)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_filter_by_a_responsible_institution_through_the_widgets(context, ui_server, screen, lang):
    words = WORDS[lang]
    page = open_list(context, ui_server, f"lang={lang}")
    wait_for_count(page, words["all"])
    open_box(page, words["institution_box"])
    choose_in_menu(page, words["institution_box"], words["km"])
    wait_for_count(page, "Pasākumi: 11 no 31" if lang == "lv" else "11 of 31 measures")
    page.get_by_role("button", name=words["responsible"], exact=True).click()
    wait_for_count(page, words["six"])
    assert listed(page) == KM_RESPONSIBLE
    page.wait_for_url(lambda url: "institution=KM" in url and "role=responsible" in url)
    no_exception(page)
    shot(page, f"measures-{screen}-{lang}-km-responsible")


def test_a_shared_link_opens_the_filtered_list(context, ui_server, screen):
    page = open_list(context, ui_server, "domain=housing&lang=en")
    wait_for_count(page, "6 of 31 measures")
    assert listed(page) == HOUSING
    page.locator("summary", has_text="Policy domain: Housing").wait_for()
    no_exception(page)
    shot(page, f"measures-{screen}-en-housing")


def test_a_measure_opens_its_card_in_the_same_tab(context, ui_server, screen):
    page = open_list(context, ui_server, "domain=housing&lang=lv")
    wait_for_count(page, "Pasākumi: 6 no 31")
    page.locator("a[href$='entity=measure/4.21']").click()  # Latvian, the default: no lang
    page.wait_for_url(re.compile(r"/measure\?entity=measure(/|%2F)4\.21$"))
    wait_for_app(page)
    assert len(context.pages) == 1
    no_exception(page)
