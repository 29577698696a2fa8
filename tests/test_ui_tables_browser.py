"""The UI's tables (ui/tableview.py) in headless Debian Chromium, as a reader uses them: amounts
in the page's format and right-aligned, a heading that sorts by value, a hundred rows at a time,
links that open the thing's page in the same tab, and text from the data shown as text.
Amounts per budget sector, MTBF 2022 (chapter V table 1, p. 32): 22 Kultūras ministrija
2 117 432, 12 Ekonomikas ministrija 1 100 000, 08 Sabiedrības integrācijas fonds 735 303,
18 Labklājības ministrija 391 778."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import chromium_path, wait_for_app

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")

SECTORS = "questions?q=budget-by-sector"
BY_VALUE = ["2 117 432 €", "1 100 000 €", "735 303 €", "391 778 €"]  # as a Latvian page writes them


def open_table(page, ui_server, path: str):
    page.goto(f"{ui_server.url}/{path}")
    wait_for_app(page)
    table = page.locator(".kbt table")
    table.locator("tbody tr").first.wait_for()
    return table


def column(table, index: int) -> list[str]:
    return [text.replace("\u00a0", " ") for text in table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()]


def run_sparql(page, ui_server, query: str):
    page.goto(f"{ui_server.url}/sparql?lang=en")
    wait_for_app(page)
    page.locator("textarea").fill(query)
    page.get_by_role("button", name="Run").click()
    table = page.locator(".kbt table")
    table.locator("tbody tr").first.wait_for()
    return table


def test_amounts_are_written_as_the_page_writes_them_and_sort_by_value(page, ui_server):
    table = open_table(page, ui_server, SECTORS)
    assert table.locator("thead th").all_inner_texts()[-1].strip() == "Summa, EUR"
    amounts = table.locator("tbody tr td:nth-child(3)")
    assert sorted(column(table, 3), key=lambda a: int(a.replace(" ", "").rstrip("€"))) == BY_VALUE[::-1]
    assert amounts.first.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    heading = table.locator("thead th").nth(2)
    heading.get_by_role("button").click()
    expect(heading).to_have_attribute("aria-sort", "ascending")
    assert column(table, 3) == BY_VALUE[::-1]  # by value: as text, 735 303 would sort above 2 117 432
    heading.get_by_role("button").click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    assert column(table, 3) == BY_VALUE


def test_a_long_answer_shows_a_hundred_rows_at_a_time(page, ui_server):
    values = " ".join(str(n) for n in range(1, 251))
    table = run_sparql(page, ui_server, f"SELECT ?n WHERE {{ VALUES ?n {{ {values} }} }}")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(100)
    more = page.locator(".kbt-more")
    expect(more).to_have_text("Show 100 more (150 not shown)")
    more.click()
    expect(rows).to_have_count(200)
    expect(more).to_have_text("Show 50 more (50 not shown)")
    more.click()
    expect(rows).to_have_count(250)
    expect(more).to_be_hidden()


def test_text_from_the_data_is_text(page, ui_server):
    markup = "<img src=x onerror=\"document.title='owned'\"><b>bold</b> **not bold**"
    table = run_sparql(page, ui_server, f"SELECT ?text WHERE {{ BIND('''{markup}''' AS ?text) }}")
    cell = table.locator("tbody td").first
    assert cell.inner_text() == markup
    assert cell.locator("img, b").count() == 0
    assert page.title() != "owned"


def test_a_thing_in_a_table_opens_its_page_in_the_same_tab(page, ui_server):
    table = run_sparql(page, ui_server, "SELECT ?m WHERE { BIND(<https://w3id.org/lv-roma-plan/id/measure/4.21> AS ?m) }")
    link = table.locator("tbody td a")
    expect(link).to_have_attribute("href", "measure?entity=measure/4.21&lang=en")
    pages = len(page.context.pages)
    link.click()
    page.wait_for_url("**/measure?entity=measure/4.21&lang=en")
    wait_for_app(page)
    page.get_by_role("heading", level=1).filter(has_text="4.21").wait_for()
    assert len(page.context.pages) == pages


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours."""

    def luminance(colour: str) -> float:
        red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])
        return sum(
            w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
            for w, c in zip((0.2126, 0.7152, 0.0722), (red, green, blue), strict=True)
        )

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_table_is_readable_in_the_devices_colour_scheme(browser, ui_server, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    try:
        table = open_table(context.new_page(), ui_server, SECTORS)
        cell = table.locator("tbody td").first
        text = cell.evaluate("cell => getComputedStyle(cell).color")
        background = table.locator("xpath=..").evaluate("region => getComputedStyle(region).backgroundColor")
        assert contrast(text, background) >= 4.5, (text, background)
    finally:
        context.close()


def test_sorting_from_the_keyboard_keeps_the_focus_on_the_heading(page, ui_server):
    table = open_table(page, ui_server, SECTORS)
    button = table.locator("thead th").nth(2).get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")
    expect(table.locator("thead th").nth(2)).to_have_attribute("aria-sort", "ascending")
    page.keyboard.press("Enter")  # the same heading again: still focused, so it sorts the other way
    expect(table.locator("thead th").nth(2)).to_have_attribute("aria-sort", "descending")
    assert column(table, 3) == BY_VALUE


WIDE = (
    "SELECT ?measure ?institution ?deadline ?funding ?amount WHERE { VALUES (?measure ?institution ?deadline ?funding ?amount) "
    '{ ("4.21 Romu kultūras un vēstures pasākumi" "Kultūras ministrija, Sabiedrības integrācijas fonds" '
    '"2022. gada 31. decembris" "Valsts budžeta līdzekļi un Eiropas Sociālais fonds" 2117432) '
    '("1.1 Romu bērnu iekļaušana izglītībā" "Izglītības un zinātnes ministrija" '
    '"2023. gada 31. decembris" UNDEF 15000) } }'
)


def _no_sideways_scroll(table) -> bool:
    return table.locator("xpath=..").evaluate("region => region.scrollWidth <= region.clientWidth + 1")


def test_a_table_wider_than_a_phone_becomes_a_card_per_row_that_still_sorts(browser, ui_server):
    """At 390 px, five long columns would scroll sideways: each row is a card instead, each value
    under its column's name, and the headings are buttons above the cards that still sort."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        table = run_sparql(page, ui_server, WIDE)
        expect(page.locator(".kbt")).to_have_class(re.compile(r"\bkbt-cards\b"))
        assert _no_sideways_scroll(table)
        expect(page.locator(".kbt-sort-by")).to_have_text("Sort by:")
        first = table.locator("tbody tr").first
        names = first.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
        assert names == [f'"{name}" / ""' for name in ("measure", "institution", "deadline", "funding", "amount")]
        # A card is as wide as the phone's column, and its value sits beside its name.
        assert first.bounding_box()["width"] <= 390
        # An empty value takes no room, but stays a cell: a screen reader's next cell keeps its heading.
        empty = table.locator("tbody tr").nth(1).locator("td").nth(3)
        assert empty.inner_text() == "" and empty.bounding_box()["height"] <= 1
        assert table.locator("tbody tr").nth(1).locator("td").count() == 5
        amount = table.locator("thead th").nth(4)
        amount.get_by_role("button").click()
        expect(amount).to_have_attribute("aria-sort", "ascending")
        assert column(table, 5) == ["15,000", "2,117,432"]  # an English page
        # A wider window brings the table back.
        page.set_viewport_size({"width": 1440, "height": 900})
        expect(page.locator(".kbt")).not_to_have_class(re.compile(r"\bkbt-cards\b"))
        assert table.locator("thead th").first.evaluate("th => getComputedStyle(th).display") == "table-cell"
    finally:
        context.close()


def test_a_table_that_fits_stays_a_table_on_a_phone(browser, ui_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        table = run_sparql(page, ui_server, "SELECT ?n WHERE { VALUES ?n { 1 2 3 } }")
        expect(page.locator(".kbt")).not_to_have_class(re.compile(r"\bkbt-cards\b"))
        expect(page.locator(".kbt-sort-by")).to_be_hidden()
        assert column(table, 1) == ["1", "2", "3"]
    finally:
        context.close()
