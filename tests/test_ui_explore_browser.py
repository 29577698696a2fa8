"""The Explore graph as a person uses it, in headless Debian Chromium against `streamlit run`:
click a node and read its summary, expand it and go back to the start view, draw the path
from ESF to 10 h) around the state budget, and on a phone read the neighbours as a list.
1440×900 and 390×844, Latvian and English; screenshots in tests/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import chromium_path, wait_for_app, wait_for_canvas
from ui.i18n import text

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")
SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
ESF_BY_MONEY = "explore?entity=fund/ESF&depth=1&rel=fundedBy,addressesPoint&limit=50"
MEASURE_412 = {"lv": "4.12 Pasākumi, kas novērš", "en": "4.12 Measures preventing"}
SIZE = {"lv": "{nodes} mezgli, {edges} saites", "en": "{nodes} nodes, {edges} links"}
# ESF → 10 h) around the state budget: ESF funds 4.9 (p. 28), 4.9 addresses 3 b), under point 3
# with 3 a), which the housing measures address together with 10 h).
PATH_NAMES = {
    "lv": ["Ieteikuma 3. punkta b) apakšpunkts", "Ieteikuma 3. punkts", "Ieteikuma 3. punkta a) apakšpunkts"],
    "en": ["Recommendation point 3(b)", "Recommendation point 3", "Recommendation point 3(a)"],
}
STATE_BUDGET = {"lv": "Valsts budžets", "en": "State budget"}


def new_page(browser, size: str):
    context = browser.new_context(viewport=SIZES[size])
    opened = context.new_page()
    opened.size_name = size
    return opened


@pytest.fixture
def desktop(browser):
    opened = new_page(browser, "desktop")
    yield opened
    assert len(opened.context.pages) == 1, "a link opened another tab"
    opened.context.close()


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def page(request, browser):
    opened = new_page(browser, request.param)
    yield opened
    opened.context.close()


def open_explore(page, ui_server, path: str, lang: str):
    page.goto(f"{ui_server.url}/{path}" + ("&lang=en" if lang == "en" else ""))
    wait_for_app(page)
    page.get_by_role("heading", name=text("page_explore", lang), level=1).wait_for()
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"explore-{name}-{page.size_name}.png"), full_page=True)


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


def node_point(page, node: str, graph: int = 0) -> tuple[float, float]:
    """Where a node is drawn on the screen (vis-network's own positions, after scrolling the graph into view)."""
    root = page.locator(".kbg").nth(graph)
    root.locator(".kbg-canvas").scroll_into_view_if_needed()
    return root.evaluate(
        """(el, id) => { const n = el.kbg.network; const p = n.canvasToDOM(n.getPosition(id));
                         const r = el.querySelector('.kbg-canvas').getBoundingClientRect();
                         return [r.left + p.x, r.top + p.y]; }""",
        node,
    )


def size_text(page, lang: str, nodes: int, edges: int):
    return page.get_by_text(SIZE[lang].format(nodes=nodes, edges=edges), exact=True)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_clicking_a_node_opens_its_summary_beside_the_graph(desktop, ui_server, lang):
    open_explore(desktop, ui_server, ESF_BY_MONEY, lang)
    wait_for_canvas(desktop)
    desktop.mouse.click(*node_point(desktop, "measure/4.12"))
    summary = desktop.get_by_text(re.compile(rf"^{re.escape(MEASURE_412[lang])}")).first
    summary.wait_for()
    number = text("explore_fact_number", lang, number="4.12")
    assert desktop.get_by_text(number, exact=True).is_visible()
    link = desktop.get_by_role("link", name=text("explore_open_page", lang))
    assert link.get_attribute("href").startswith("measure?entity=measure/4.12")
    assert link.get_attribute("target") == "_self"
    no_exception(desktop)
    shot(desktop, f"inspector-{lang}")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_double_click_expands_a_node_reset_goes_back_and_so_does_back(desktop, ui_server, lang):
    open_explore(desktop, ui_server, ESF_BY_MONEY, lang)
    wait_for_canvas(desktop)
    size_text(desktop, lang, 5, 4).wait_for()
    desktop.mouse.dblclick(*node_point(desktop, "measure/4.12"))
    size_text(desktop, lang, 9, 8).wait_for()  # the points 4.12 addresses join
    desktop.wait_for_function("() => location.search.includes('expand=measure')")
    shot(desktop, f"expanded-{lang}")
    desktop.get_by_role("button", name=text("explore_reset", lang)).click()
    size_text(desktop, lang, 5, 4).wait_for()
    desktop.wait_for_function("() => !location.search.includes('expand=')")
    desktop.go_back()  # one step back: the expansion again
    size_text(desktop, lang, 9, 8).wait_for()
    no_exception(desktop)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_path_from_esf_to_10h_goes_around_the_state_budget(page, ui_server, lang):
    open_explore(page, ui_server, "explore?to=recommendation/10h", lang)
    line = page.locator("p", has_text=text("explore_path", lang, n=1, hops=6)).first
    line.wait_for()
    words = line.get_by_role("link").all_inner_texts()
    assert words[2:5] == PATH_NAMES[lang]
    assert words[-1] == ("Ieteikuma 10. punkta h) apakšpunkts" if lang == "lv" else "Recommendation point 10(h)")
    assert STATE_BUDGET[lang] not in words
    drawn = page.locator(".st-key-explore-path-box .kbg-names li")
    if page.size_name == "desktop":
        page.locator(".st-key-explore-path-box .kbg-canvas canvas").wait_for()
        assert all(name in drawn.all_inner_texts() for name in PATH_NAMES[lang])
        assert STATE_BUDGET[lang] not in drawn.all_inner_texts()
    else:  # a phone reads the path in words; the drawing is not shown
        assert not page.locator(".st-key-explore-path-box").is_visible()
    page.get_by_text(text("explore_path", lang, n=1, hops=6)).first.scroll_into_view_if_needed()
    no_exception(page)
    shot(page, f"path-{lang}")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_phone_lists_the_neighbours_instead_of_the_graph(page, ui_server, lang):
    open_explore(page, ui_server, ESF_BY_MONEY, lang)
    heading = page.get_by_text(text("explore_rel_in", lang, relation="finansējuma avots" if lang == "lv" else "funded by"))
    link = page.get_by_role("link", name=re.compile(rf"^{re.escape(MEASURE_412[lang])}"))
    if page.size_name == "phone":
        heading.first.wait_for()
        assert link.first.is_visible()
        assert link.first.get_attribute("target") == "_self"
        assert not page.locator(".st-key-explore-graph-box").is_visible()
    else:
        wait_for_canvas(page)
        assert not heading.first.is_visible()
    no_exception(page)
    shot(page, f"neighbours-{lang}")
