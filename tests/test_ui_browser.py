"""End to end in headless Debian Chromium against `streamlit run` on 127.0.0.1.
Screenshots go to tests/artifacts/ (ignored by git)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import StreamlitServer, chromium_path, wait_for_app, wait_for_canvas
from tests.processes import alive, children
from ui.i18n import text
from ui.pages import HOME, PAGES

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")


def open_page(page, ui_server, path: str):
    page.goto(f"{ui_server.url}/{path}")
    wait_for_app(page)
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize("spec", [p for p in PAGES if p.visible], ids=lambda p: p.url_path)
def test_every_page_opens(page, ui_server, spec):
    from ui.i18n import text

    path = "" if spec is HOME else spec.url_path  # the default page lives at /
    open_page(page, ui_server, f"{path}?lang=en")
    heading = text("app_name", "en") if spec is HOME else text(spec.title_key, "en")
    page.get_by_role("heading", name=heading, level=1).wait_for()
    no_exception(page)
    shot(page, f"page-{spec.url_path}")


def measure_links(page) -> list[str]:
    line = page.locator("p", has_text="Measures (").first
    line.wait_for()
    return line.locator("a").all_inner_texts()


def test_example_questions_show_the_right_measures(page, ui_server):
    open_page(page, ui_server, "questions?lang=en")
    page.get_by_role("button", name="Every measure funded by ESF").click()
    page.get_by_text("Measures (5):").wait_for()
    assert measure_links(page) == ["4.8", "4.9", "4.12", "4.16", "4.17"]
    page.wait_for_url(re.compile(r"q=measures-by-funding"))  # ESF is the question's default: implied
    shot(page, "question-esf")
    page.get_by_role("button", name="Every measure linked to article 10 h)").click()
    page.get_by_text("Measures (3):").wait_for()
    assert measure_links(page) == ["4.21", "4.22", "4.23"]
    no_exception(page)
    shot(page, "question-10h")


def test_a_bookmarked_question_opens_with_its_answer(page, ui_server):
    open_page(page, ui_server, "questions?lang=en&q=measures-by-funding&p.source=RRF")
    page.get_by_text("Measures (1):").wait_for()
    assert measure_links(page) == ["4.19"]


def test_explore_draws_the_graph_on_a_canvas(page, ui_server):
    open_page(page, ui_server, "explore?lang=en&entity=fund/ESF&depth=2")
    drawn = wait_for_canvas(page)
    assert drawn > 1000, "the vis canvas has drawn pixels"
    page.get_by_text("Legend", exact=True).first.wait_for()
    no_exception(page)
    shot(page, "explore-esf")


def test_bad_sparql_shows_the_error_and_keeps_the_query(page, ui_server):
    open_page(page, ui_server, "sparql?lang=en")
    editor = page.locator("textarea")
    bad = "SELECT ?x WHERE { ?x ?y }"
    editor.fill(bad)
    page.get_by_role("button", name="Run").click()
    alert = page.locator("[data-testid='stAlert']", has_text="Query syntax error")
    alert.wait_for()
    assert page.locator("textarea").input_value() == bad
    no_exception(page)
    shot(page, "sparql-error")


def test_unknown_entity_in_the_url_is_a_message_not_a_traceback(page, ui_server):
    open_page(page, ui_server, "detail?lang=en&entity=measure/9.99")
    page.locator("[data-testid='stAlert']", has_text="no entity").wait_for()
    no_exception(page)


def test_language_switch_keeps_the_page(page, ui_server):
    open_page(page, ui_server, "compliance?lang=en")
    page.locator(".st-key-lang").get_by_text("lv", exact=True).click()
    page.get_by_role("heading", name="Atbilstība Ieteikumam", level=1).wait_for()
    page.wait_for_url(lambda url: "lang=" not in url)  # Latvian is the default: no parameter


def test_downloads_are_made_on_click(page, ui_server):
    """CSV with the byte-order mark and the page's column names, XLSX, and the SPARQL JSON."""
    import io

    from openpyxl import load_workbook

    open_page(page, ui_server, "questions?lang=en&q=measures-by-funding&p.source=RRF")
    page.get_by_text("Measures (1):").wait_for()
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV").click()
    data = Path(csv_download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Measure,Measure no.,")  # the question's column names
    assert "4.19" in text
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Download XLSX").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
    assert [c.value for c in sheet[1]][:2] == ["Measure", "Measure no."] and sheet["B2"].value == "4.19"
    with page.expect_download() as json_download:
        page.get_by_role("button", name="Download JSON").click()
    assert '"measure_id"' in Path(json_download.value.path()).read_text(encoding="utf-8")


def test_closed_connections_do_not_stall_the_browser(built, browser):
    """Regression: query workers forked from the ui_server kept copies of its client sockets.
    Once the ui_server dropped idle keep-alive connections (after 5 s), Chromium reused the
    copies that still looked open, and requests hung for up to a minute."""
    with StreamlitServer(built[1] / "kb.ttl") as fresh:  # the store (and its fork) starts with this tab's first page
        context = browser.new_context()
        page = context.new_page()
        open_page(page, fresh, "questions?lang=en")
        page.wait_for_timeout(7000)  # past the ui_server's keep-alive timeout
        for number in range(3):
            page.goto(f"{fresh.url}/sparql?lang=en&n={number}", timeout=20000)
            wait_for_app(page, 20000)
        page.goto(f"{fresh.url}/explore?lang=en&entity=fund/ESF&depth=1", timeout=20000)
        wait_for_app(page, 20000)
        assert wait_for_canvas(page, 20000) > 0
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "questions?lang=en&q=measure-budget&p.measure={payload}",
        "detail?lang=en&entity={payload}",
        "explore?lang=en&entity={payload}",
    ],
)
def test_text_from_a_link_is_shown_as_text_not_markdown(page, ui_server, path):
    """Found by an outside test: a URL parameter put an image beacon and a phishing link in the
    red error box. Now the error shows the characters, and the browser fetches nothing."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer
    from urllib.parse import quote

    hits = []

    class Beacon(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    beacon = HTTPServer(("127.0.0.1", 0), Beacon)
    threading.Thread(target=beacon.serve_forever, daemon=True).start()
    try:
        payload = f"![x](http://127.0.0.1:{beacon.server_port}/beacon.png) [phish](https://phish.example) <b>bold</b>"
        open_page(page, ui_server, path.format(payload=quote(payload)))
        page.wait_for_timeout(1000)
        box = page.locator("[data-testid='stAlertContentError']").first
        details = page.locator("[data-testid='stExpander']", has_text=text("error_details", "en"))
        if details.count():  # the engine's wording is under "technical details": open it as a person would
            details.first.locator("summary").click()
            box = page.locator("[data-testid='stAlertContentError'], [data-testid='stExpanderDetails']")
        shown = "\n".join(box.all_inner_texts()).replace("\u2060", "")  # the joiner that stops autolinks
        assert "![x](http://127.0.0.1" in shown and "[phish](https://phish.example)" in shown and "<b>bold</b>" in shown
        assert box.locator("img").count() == 0 and box.locator("a").count() == 0 and box.locator("b").count() == 0
        assert hits == []
        no_exception(page)
    finally:
        beacon.shutdown()
        beacon.server_close()


def test_sigterm_stops_the_app_and_its_query_worker(built, browser):
    """Found by an outside test: the forked query worker inherited Streamlit's SIGTERM handler,
    so `make run` and a service manager waited on it for ever."""
    import signal
    import time

    with StreamlitServer(built[1] / "kb.ttl", log=ARTIFACTS / "streamlit-sigterm.log") as running:
        context = browser.new_context()
        opened = context.new_page()
        open_page(opened, running, "questions?lang=en")  # the page's queries start the worker
        workers = children(running.process.pid)
        assert workers, "the page should have started a query worker"
        context.close()
        started = time.monotonic()
        running.process.send_signal(signal.SIGTERM)
        running.process.wait(timeout=15)
        stopped_after = time.monotonic() - started
        time.sleep(0.5)
        left = [pid for pid in workers if alive(pid)]
    assert stopped_after < 10 and not left, (stopped_after, left)


@pytest.mark.parametrize("width, closes", [(390, True), (1440, False)])
def test_choosing_a_page_in_the_menu_closes_it_on_a_phone(browser, ui_server, width, closes):
    """On a phone the menu covers the page: after a page is chosen in it, it closes, so the new
    page is what the reader sees. On a desktop the menu stays beside the page."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = open_page(context.new_page(), ui_server, "")
        menu = page.locator("[data-testid='stSidebar']")
        if menu.get_attribute("data-collapsed") == "true":
            page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_function("document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'false'")
        menu.get_by_role("link", name="Pasākumi").click()
        page.wait_for_url("**/measures")
        wait_for_app(page)
        page.get_by_role("heading", level=1, name="Pasākumi").wait_for()
        expected = "true" if closes else "false"
        page.wait_for_function(f"document.querySelector('[data-testid=stSidebar]').dataset.collapsed === '{expected}'")
        # A rerun on the same page (the language switch) leaves the menu as the reader set it.
        if closes:
            page.locator("[data-testid='stExpandSidebarButton']").click()
            page.wait_for_function("document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'false'")
            menu.locator("label", has_text="EN").click()  # its text is "en", shown in capitals
            page.get_by_role("heading", level=1, name="Measures").wait_for()
            assert menu.get_attribute("data-collapsed") == "false"
    finally:
        context.close()
