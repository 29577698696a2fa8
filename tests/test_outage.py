"""The remote endpoint (Debian's Virtuoso) is stopped mid-run: the CLI and the UI say
"endpoint unreachable" clearly, and both work again once it is back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kb.engine import virtuoso
from tests.browser import StreamlitServer, chromium_path, launch_chromium, wait_for_app
from tests.cli import run_kb
from tests.virtuoso_support import loaded_virtuoso

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(
    not virtuoso.available() or chromium_path() is None,
    reason="needs virtuoso-opensource and chromium (scripts/install-system-deps.sh)",
)


def cli_ask(endpoint: str, source: str) -> subprocess.CompletedProcess:
    return run_kb("ask", "measures-by-funding", "--param", f"source={source}", "--endpoint", endpoint, "--timeout", "10")


def ui_question(page, url: str, source: str) -> None:
    page.goto(f"{url}/questions?lang=en&q=measures-by-funding&p.source={source}")
    wait_for_app(page, 60000)


def test_endpoint_stops_and_comes_back(built, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    from playwright.sync_api import sync_playwright

    server = loaded_virtuoso(tmp_path / "virtuoso", built[1] / "kb.ttl")
    try:
        up = cli_ask(server.endpoint, "RRF")
        assert up.returncode == 0 and "4.19" in up.stdout

        env = {"KB_SPARQL_ENDPOINT": server.endpoint}
        with StreamlitServer(env=env, log=ARTIFACTS / "streamlit-outage.log") as ui, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            ui_question(page, ui.url, "RRF")
            page.get_by_text("Measures (1):").wait_for(timeout=60000)
            page.goto(f"{ui.url}/about?lang=en")  # the store's details are on one page, About the data
            wait_for_app(page, 60000)
            page.get_by_text("Store: remote SPARQL endpoint").wait_for()

            server.stop()
            down = cli_ask(server.endpoint, "EEA-NORWAY")
            assert down.returncode == 3
            assert "endpoint unreachable" in down.stderr
            ui_question(page, ui.url, "EEA-NORWAY")
            page.locator("[data-testid='stAlert']", has_text="Endpoint unreachable").wait_for(timeout=60000)
            assert page.locator("[data-testid='stException']").count() == 0
            page.screenshot(path=str(ARTIFACTS / "outage-unreachable.png"), full_page=True)
            page.goto(f"{ui.url}/?lang=en")  # a page built from view queries says the same, no traceback
            wait_for_app(page, 60000)
            page.locator("[data-testid='stAlert']", has_text="Endpoint unreachable").first.wait_for(timeout=60000)
            assert page.locator("[data-testid='stException']").count() == 0

            server.start()
            back = cli_ask(server.endpoint, "EEA-NORWAY")
            assert back.returncode == 0, back.stderr
            assert all(n in back.stdout for n in ("4.27", "4.29", "4.30"))
            ui_question(page, ui.url, "EEA-NORWAY")
            page.get_by_text("Measures (3):").wait_for(timeout=60000)
            page.screenshot(path=str(ARTIFACTS / "outage-recovered.png"), full_page=True)
            browser.close()
    finally:
        server.stop()
