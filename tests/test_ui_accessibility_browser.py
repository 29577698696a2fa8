"""axe-core in every page, in both languages, in headless Debian Chromium: no serious or
critical WCAG 2.1 A/AA violation, and <html lang> says the page's language. axe-core comes
from the npm registry (scripts/install-axe.sh, run by `make test`). Each page's findings,
minor ones included, are written to tests/artifacts/axe-<page>-<lang>.json."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import ENTITY, chromium_path, wait_for_app
from ui.pages import HOME, PAGES

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = [
    pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (scripts/install-system-deps.sh)"),
    pytest.mark.skipif(not AXE.exists(), reason="needs axe-core (scripts/install-axe.sh, run by `make test`)"),
]
BLOCKING = {"serious", "critical"}
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


def url(spec, lang: str) -> str:
    params = [f"entity={ENTITY[spec.url_path]}"] if spec.url_path in ENTITY else []
    params += ["lang=en"] if lang == "en" else []
    path = "" if spec is HOME else spec.url_path
    return f"{path}?{'&'.join(params)}" if params else path


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_no_serious_accessibility_violation(browser, ui_server, spec, lang):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{ui_server.url}/{url(spec, lang)}")
        wait_for_app(page)
        page.wait_for_timeout(1000)  # charts and lazy tables settle
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
        (ARTIFACTS / f"axe-{spec.url_path}-{lang}.json").write_text(json.dumps(violations, indent=1, ensure_ascii=False))
        assert page.evaluate("document.documentElement.lang") == lang
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        assert not blocking, json.dumps(blocking, indent=1, ensure_ascii=False)
    finally:
        context.close()


@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_a_page_asks_nothing_of_another_host(browser, ui_server, spec):
    """Every script, style, font, image and icon comes from the app's own server: a reader's
    visit is not told to a CDN (before, the tab's icon came from fonts.gstatic.com)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(f"{ui_server.url}/{url(spec, 'lv')}")
        wait_for_app(page)
        page.wait_for_timeout(1000)
        # The tab's icon too, which a headless browser may never fetch.
        icons = page.eval_on_selector_all("link[rel~='icon']", "links => links.map(link => link.href)")
        elsewhere = [u for u in asked + icons if not u.startswith(("data:", "blob:")) and urlsplit(u).hostname != "127.0.0.1"]
        assert asked and icons and not elsewhere, elsewhere
    finally:
        context.close()
