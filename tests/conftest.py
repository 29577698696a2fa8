from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kb.build import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Graph, Path]:
    """Build once per test session into a temporary folder."""
    out = tmp_path_factory.mktemp("kb")
    result = build(build_dir=out)
    return result.graph, out


@pytest.fixture(scope="session")
def kb_graph(built) -> Graph:
    return built[0]


@pytest.fixture(scope="session")
def embedded(built):
    """The embedded store on the session's KB."""
    from kb.engine.stores import EmbeddedStore

    store = EmbeddedStore(built[1] / "kb.ttl", timeout=5, row_cap=10000)
    yield store
    store.close()


@pytest.fixture(scope="module")
def ui_kb(built):
    """Point the UI at the session's KB and start from empty caches (AppTest runs in-process)."""
    import streamlit as st

    patch = pytest.MonkeyPatch()
    patch.setenv("KB_PATH", str(built[1] / "kb.ttl"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()
    patch.undo()


# ---------------------------------------------------------------- figures
# Load and benchmark-like tests report what they measured; the figures are printed at the
# end of every run (make test, CI) and kept in the README. They are never asserted.
FIGURES: list[str] = []


@pytest.fixture(scope="module")
def ui_server(built, request):
    """`streamlit run` on the session's KB for one browser test module; its log goes to
    tests/artifacts/streamlit-<module>.log."""
    from tests.browser import ARTIFACTS, StreamlitServer

    ARTIFACTS.mkdir(exist_ok=True)
    name = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    with StreamlitServer(built[1] / "kb.ttl", log=ARTIFACTS / f"streamlit-{name}.log") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per browser test module."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A desktop-sized page (1400 × 1000) in its own browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(params=["desktop", "phone"])
def screen(request) -> str:
    """The width a browser test runs at (tests.browser.SIZES)."""
    return request.param


@pytest.fixture
def context(browser, screen):
    """A browser context at the `screen` width."""
    from tests.browser import SIZES

    opened = browser.new_context(viewport=SIZES[screen])
    yield opened
    opened.close()


@pytest.fixture(params=["desktop", "phone"])
def sized_page(request, browser):
    """A page at a desktop and at a phone width (`page.size_name`); a link that opened another
    tab fails the test."""
    from tests.browser import SIZES

    context = browser.new_context(viewport=SIZES[request.param])
    opened = context.new_page()
    opened.size_name = request.param
    yield opened
    assert len(context.pages) == 1, "a link opened another tab"
    context.close()


@pytest.fixture
def report_figure():
    return FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("measured figures (see README: Reliability tests)")
        for line in FIGURES:
            terminalreporter.write_line(line)
