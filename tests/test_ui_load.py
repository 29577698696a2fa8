"""8 concurrent headless Chromium sessions on the Questions and Explore pages of one
`streamlit run` server: no errors, the right measure numbers. Each session is one browser
tab that opens bookmarked URLs one after the other. Figures are printed at the end of the run."""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

import pytest

from tests.browser import APP_READY, CANVAS, HAS_PIXELS, StreamlitServer, chromium_path, launch_chromium

SESSIONS = 8
ROUNDS = 2
TIMEOUT_MS = 120_000
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")
CHECKS = [
    ("questions?lang=en&q=measures-by-funding&p.source=ESF", "Measures (5):", ["4.8", "4.9", "4.12", "4.16", "4.17"]),
    ("questions?lang=en&q=measures-by-article&p.article=10%20h)", "Measures (3):", ["4.21", "4.22", "4.23"]),
    ("questions?lang=en&q=measures-by-funding&p.source=RRF", "Measures (1):", ["4.19"]),
]


async def question(page, url: str, marker: str) -> list[str]:
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.wait_for_function(APP_READY, timeout=TIMEOUT_MS)
    line = page.locator("p", has_text=marker).first
    await line.wait_for(timeout=TIMEOUT_MS)
    return await line.locator("a").all_inner_texts()


async def explore(page, url: str) -> bool:
    """The graph is drawn and the page shows no error."""
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.wait_for_function(APP_READY, timeout=TIMEOUT_MS)
    canvas = page.locator(CANVAS).first
    await canvas.wait_for(timeout=TIMEOUT_MS)
    handle = await canvas.element_handle(timeout=TIMEOUT_MS)
    await (await handle.owner_frame()).wait_for_function(HAS_PIXELS, arg=handle, timeout=TIMEOUT_MS)
    # Errors only: the page's notes (which hubs are hidden) are alerts too.
    errors = await page.locator("[data-testid='stException']").count()
    errors += await page.locator("[data-testid='stAlertContentError']").count()
    return errors == 0


async def session(browser, url: str, number: int, timings: list[float], failures: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        for round_ in range(ROUNDS):
            for path, marker, expected in CHECKS:
                start = time.perf_counter()
                shown = await question(page, f"{url}/{path}", marker)
                timings.append(time.perf_counter() - start)
                if shown != expected:
                    failures.append(f"session {number}: {path} showed {shown}")
            start = time.perf_counter()
            if not await explore(page, f"{url}/explore?lang=en&entity=fund/ESF&depth={1 + (number + round_) % 3}"):
                failures.append(f"session {number}: an error on the Explore page")
            timings.append(time.perf_counter() - start)
        if number == 0:
            await page.screenshot(path=str(ARTIFACTS / "load-explore.png"))
    except Exception as error:
        failures.append(f"session {number}: {error!r}"[:300])
    finally:
        await context.close()


async def run_sessions(url: str) -> tuple[list[float], list[str], float]:
    from playwright.async_api import async_playwright

    timings: list[float] = []
    failures: list[str] = []
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        started = time.perf_counter()
        await asyncio.gather(*(session(browser, url, n, timings, failures) for n in range(SESSIONS)))
        elapsed = time.perf_counter() - started
        await browser.close()
    return timings, failures, elapsed


def test_eight_browser_sessions_at_once(built, report_figure):
    ARTIFACTS.mkdir(exist_ok=True)
    with StreamlitServer(built[1] / "kb.ttl", log=ARTIFACTS / "streamlit-load.log") as server:
        timings, failures, elapsed = asyncio.run(run_sessions(server.url))
    report_figure(
        f"UI load: {SESSIONS} Chromium sessions × {ROUNDS} rounds, {len(timings)} page loads in {elapsed:.1f} s;"
        f" page load p50 {statistics.median(timings):.2f} s, p95 {sorted(timings)[int(0.95 * (len(timings) - 1))]:.2f} s,"
        f" max {max(timings):.2f} s; failures {len(failures)}"
    )
    assert not failures, failures[:5]
    assert len(timings) == SESSIONS * ROUNDS * (len(CHECKS) + 1)
