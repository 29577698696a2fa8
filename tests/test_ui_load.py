"""8 concurrent headless Chromium sessions on the Questions and Explore pages of one
`streamlit run` server: no errors, the right measure numbers. Figures are printed at the end of the run.

Each visit opens the bookmarked URL in a fresh browser context, as a user following a
shared link would. (Reloading pages in one tab while 4+ sessions run made Chromium reuse
pooled connections that Streamlit 1.67's server left unanswered for ~45 s; see README.)"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

import pytest

from ui.browser import APP_READY, CANVAS, HAS_PIXELS, StreamlitServer, chromium_path, launch_chromium

SESSIONS = 8
ROUNDS = 1
TIMEOUT_MS = 120_000
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)")
CHECKS = [
    ("questions?lang=en&q=measures-by-funding&p.source=ESF", "Measures (5):", ["4.8", "4.9", "4.12", "4.16", "4.17"]),
    ("questions?lang=en&q=measures-by-article&p.article=10%20h)", "Measures (3):", ["4.21", "4.22", "4.23"]),
    ("questions?lang=en&q=measures-by-funding&p.source=RRF", "Measures (1):", ["4.19"]),
]


async def visit(browser, url: str):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.wait_for_function(APP_READY, timeout=TIMEOUT_MS)
    return context, page


async def question(browser, url: str, marker: str) -> list[str]:
    context, page = await visit(browser, url)
    try:
        line = page.locator("p", has_text=marker).first
        await line.wait_for(timeout=TIMEOUT_MS)
        return await line.locator("a").all_inner_texts()
    finally:
        await context.close()


async def explore(browser, url: str) -> bool:
    """The graph is drawn and the page shows no error."""
    context, page = await visit(browser, url)
    try:
        canvas = page.frame_locator("iframe").first.locator(CANVAS)
        await canvas.wait_for(timeout=TIMEOUT_MS)
        handle = await canvas.element_handle(timeout=TIMEOUT_MS)
        await (await handle.owner_frame()).wait_for_function(HAS_PIXELS, arg=handle, timeout=TIMEOUT_MS)
        errors = await page.locator("[data-testid='stException']").count() + await page.locator("[data-testid='stAlert']").count()
        if number_of_sessions_done() == 0:
            await page.screenshot(path=str(ARTIFACTS / "load-explore.png"))
        return errors == 0
    finally:
        await context.close()


_DONE: list[int] = []


def number_of_sessions_done() -> int:
    return len(_DONE)


async def session(browser, url: str, number: int, timings: list[float], failures: list[str]) -> None:
    try:
        for round_ in range(ROUNDS):
            for path, marker, expected in CHECKS:
                start = time.perf_counter()
                shown = await question(browser, f"{url}/{path}", marker)
                timings.append(time.perf_counter() - start)
                if shown != expected:
                    failures.append(f"session {number}: {path} showed {shown}")
            start = time.perf_counter()
            if not await explore(browser, f"{url}/explore?lang=en&entity=fund/ESF&depth={1 + (number + round_) % 3}"):
                failures.append(f"session {number}: an error on the Explore page")
            timings.append(time.perf_counter() - start)
    except Exception as error:
        failures.append(f"session {number}: {error!r}"[:300])
    _DONE.append(number)


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
