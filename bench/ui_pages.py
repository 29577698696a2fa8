"""UI benchmark in headless Debian Chromium against `streamlit run` on 127.0.0.1.

Measures (median of --runs, after one warm-up where it applies):
- cold start: server start until the first page is rendered (no skeletons, no running script);
- page switch: a click in the sidebar until the next page is rendered;
- Explore: opening a 50- and a 300-node neighbourhood until vis.js has drawn it (first draw),
  and a double click on a node until the page has run and the expanded graph is drawn.

On the server (`--server` measures only these):
- cold page: the first run of each page with Streamlit's AppTest, each in a fresh process
  that has run the one-line app first, as a server has set up Streamlit (the page's run: the
  app's imports, the query worker's start, the queries and the drawing); wall and CPU time;
- memory: the resident size (VmRSS) of the server and its query worker after a browser has
  visited every page, against the one-line app's server after one visit.

Baselines from the same run: a one-line Streamlit app (start, render, cold run, memory) and a
5-node Explore graph (first draw and expand). Prints the figures and the ratios.

    python -m bench.ui_pages [--runs 5] [--server]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

from core.paths import BUILD_DIR, KB_TTL
from core.vocabulary import ontology_vocabulary
from kb.build import build
from tests.browser import ENTITY, ROOT, StreamlitServer, chromium_path, launch_chromium, wait_for_app, wait_for_canvas
from tests.processes import children, memory_kb
from ui.i18n import text
from ui.pages import PAGES
from ui.viewdata import local_name

ALL_RELATIONS = ",".join(local_name(r.iri) for r in ontology_vocabulary().relations())
# The plan, 3 hops, every relation, hubs shown: 303 reachable nodes, drawn up to the node limit.
BIG_GRAPH = f"explore?lang=en&entity=plan/2022-2023&depth=3&limit=300&hubs=show&rel={ALL_RELATIONS}"
MID_GRAPH = BIG_GRAPH.replace("limit=300", "limit=50")
GRAPH_AT_DEPTH_2 = BIG_GRAPH.replace("depth=3", "depth=2")
SMALL_GRAPH = "explore?lang=en&entity=fund/ESF&depth=1&limit=50&rel=fundedBy"
SWITCH_PAGES = ["Questions", "Compliance", "Coherence", "Home", "SPARQL editor", "Detail"]
HEADINGS = {"Home": text("app_name", "en")}  # the home page is headed by the app's name
# A node drawn inside the visible canvas, other than the centre (ui/graphview.js keeps the
# network on the component's root element).
VISIBLE_NODE = """el => { const n = el.kbg.network, r = el.querySelector('.kbg-canvas').getBoundingClientRect();
  for (const node of el.kbg.data.nodes) {
    if (node.id === el.kbg.data.centre) continue;
    const p = n.canvasToDOM(n.getPosition(node.id));
    if (p.x > 40 && p.y > 60 && p.x < r.width - 40 && p.y < r.height - 40) return [r.left + p.x, r.top + p.y];
  }
  return null; }"""


def kb_file(scratch: Path) -> Path:
    """The built KB, or a fresh build in `scratch` when there is none yet."""
    if (BUILD_DIR / KB_TTL).exists():
        return BUILD_DIR / KB_TTL
    return build(build_dir=scratch).outputs[0]


def cold_start(page, kb_path: Path, app: Path | None = None) -> float:
    start = time.perf_counter()
    server = StreamlitServer(kb_path, app=app)
    with server:
        page.goto(server.url + "/?lang=en")
        wait_for_app(page, 60000)
        return time.perf_counter() - start


def page_switches(page, server) -> list[float]:
    page.goto(server.url + "/?lang=en")
    wait_for_app(page, 60000)
    samples = []
    for name in SWITCH_PAGES * 2:
        start = time.perf_counter()
        page.locator(".st-key-menu a", has_text=name).first.click()  # ui/app.py's menu of page links
        page.get_by_role("heading", name=HEADINGS.get(name, name), level=1).wait_for(timeout=30000)
        wait_for_app(page, 30000)
        samples.append(time.perf_counter() - start)
    return samples[len(SWITCH_PAGES) :]  # the first round fills the caches


def graph_load(page, server, path: str) -> tuple[float, int]:
    """Opening an Explore URL: new session, script run, layout, transfer and drawing."""
    start = time.perf_counter()
    page.goto(f"{server.url}/{path}")
    wait_for_app(page, 60000)
    wait_for_canvas(page, 60000)
    return time.perf_counter() - start, shown_nodes(page)


def graph_expand(page, server, path: str) -> float:
    """A double click on a node in the open graph until the page has run (the expansion is in
    the URL) and the grown graph is drawn."""
    page.goto(f"{server.url}/{path}")
    wait_for_app(page, 60000)
    wait_for_canvas(page, 60000)
    root = page.locator(".kbg").first
    root.locator(".kbg-canvas").scroll_into_view_if_needed()
    x, y = root.evaluate(VISIBLE_NODE)
    start = time.perf_counter()
    page.mouse.dblclick(x, y)
    page.wait_for_function("() => location.search.includes('expand=')", timeout=60000)
    wait_for_app(page, 60000)
    wait_for_canvas(page, 60000)
    return time.perf_counter() - start


def shown_nodes(page) -> int:
    return int(page.get_by_text(re.compile(r"^\d+ nodes, \d+ links$")).first.inner_text().split(" ")[0])


def graph_redraws(page, server, runs: int) -> tuple[float, list[float]]:
    """In the open Explore page, the depth slider moved 2 → 3 until the 300-node graph is drawn.
    Returns the first (uncached) time and the later (cached layout) times."""
    page.goto(f"{server.url}/{GRAPH_AT_DEPTH_2}")
    wait_for_app(page, 60000)
    wait_for_canvas(page, 60000)
    samples = []
    slider = page.get_by_role("slider").first
    for _ in range(runs + 1):
        start = time.perf_counter()
        slider.focus()
        slider.press("ArrowRight")
        page.get_by_text(re.compile(r"^300 nodes, ")).wait_for(timeout=60000)
        wait_for_app(page, 60000)
        wait_for_canvas(page, 60000)
        samples.append(time.perf_counter() - start)
        slider.focus()
        slider.press("ArrowLeft")
        page.get_by_text(re.compile(r"^28\d nodes, ")).wait_for(timeout=60000)
        wait_for_app(page, 60000)
    return samples[0], samples[1:]


BASELINE_APP = Path(__file__).with_name("baseline_app.py")
# Entities for the pages that show little without one (as tests/test_ui_accessibility_browser.py).
PAGE_QUERIES = {page: {"entity": entity} for page, entity in ENTITY.items()}
# One page's first AppTest run, timed in a fresh Python that imports nothing else of ours
# (this module's imports would preload pandas and more). A run of the one-line app comes first:
# a server has imported and set up Streamlit (its component scan alone takes ~0.4 s) before its
# first page, so the page's run counts only what the app costs. Arguments: the one-line app,
# the app, the page (or ""), the URL parameters (JSON). Prints both runs' wall and CPU seconds
# (CPU of this process: the query worker's is not in it).
COLD_RUN = """import json, sys, time
from streamlit.testing.v1 import AppTest
def timed(app):
    wall, cpu = time.perf_counter(), time.process_time()
    app.run()
    if app.exception:
        sys.exit(f"{sys.argv[3]}: {app.exception[0].message}")
    return time.perf_counter() - wall, time.process_time() - cpu
first = timed(AppTest.from_file(sys.argv[1], default_timeout=60))
app = AppTest.from_file(sys.argv[2], default_timeout=60)
app.switch_page(sys.argv[3])
app.query_params.update(json.loads(sys.argv[4]))
print(json.dumps({"baseline": first, "page": timed(app)}))"""


def cold_page(kb_path: Path, url_path: str) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of the first run of the one-line app, then of the page, in a fresh process."""
    spec = next(spec for spec in PAGES if spec.url_path == url_path)
    query = {"lang": "en", **PAGE_QUERIES.get(url_path, {})}
    command = [sys.executable, "-c", COLD_RUN, str(BASELINE_APP), str(ROOT / "ui" / "app.py"), f"views/{spec.file}"]
    env = {**os.environ, "KB_PATH": str(kb_path)}
    run = subprocess.run([*command, json.dumps(query)], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def descendants(pid: int) -> list[int]:
    found = sorted(children(pid))
    return found + [grandchild for child in found for grandchild in descendants(child)]


def server_memory(page, kb_path: Path, app: Path | None = None, pages=PAGES) -> tuple[dict[str, int], dict[str, int]]:
    """Memory of the server and of its child processes (the query worker) in kB, after a visit
    to each of `pages` (or to the one-line app's page)."""
    with StreamlitServer(kb_path, app=app) as server:
        paths = (
            ["?lang=en"]
            if app
            else [f"{spec.url_path}?{urlencode({'lang': 'en', **PAGE_QUERIES.get(spec.url_path, {})})}" for spec in pages]
        )
        for path in paths:
            page.goto(f"{server.url}/{path}")
            wait_for_app(page, 60000)
        page.goto("about:blank")
        time.sleep(1)
        own = memory_kb(server.process.pid)
        workers = [memory_kb(pid) for pid in descendants(server.process.pid)]
        return own, {key: sum(worker[key] for worker in workers) for key in ("rss", "pss")}


def print_server_figures(kb_path: Path, page, runs: int) -> None:
    """Medians over `runs` fresh processes per page; the baseline is the one-line app's first run
    in the same processes (Streamlit's one-time set-up included there, not in the page's)."""
    samples = {spec.url_path: [cold_page(kb_path, spec.url_path) for _ in range(runs)] for spec in PAGES}
    print(f"Cold page on the server: its first AppTest run in a fresh process, median of {runs}")
    print(f"{'page':<14}{'wall s':>8}{'CPU s':>8}{'baseline':>10}{'ratio':>8}{'target':>8}")
    for name, runs_of_page in samples.items():
        wall, cpu = (median([run["page"][i] for run in runs_of_page]) for i in (0, 1))
        baseline = median([run["baseline"][0] for run in runs_of_page])
        print(f"{name:<14}{wall:>8.2f}{cpu:>8.2f}{baseline:>10.2f}{wall / baseline:>7.1f}x{'1.0s':>8}")
    print("baseline: the one-line app's first run, Streamlit's one-time set-up included")
    server, worker = server_memory(page, kb_path)
    home_server, home_worker = server_memory(page, kb_path, pages=[PAGES[0]])
    baseline, baseline_children = server_memory(page, kb_path, BASELINE_APP)
    base_total = baseline["rss"] + baseline_children["rss"]
    print("Memory after visiting every page (MB; PSS splits pages shared between processes)")
    print(f"{'process':<24}{'RSS':>8}{'PSS':>8}")
    for name, figures in (("UI server", server), ("UI query worker(s)", worker), ("one-line app server", baseline)):
        print(f"{name:<24}{figures['rss'] / 1024:>8.0f}{figures['pss'] / 1024:>8.0f}")
    for visited, total in (
        ("every page", server["rss"] + worker["rss"]),
        ("the home page", home_server["rss"] + home_worker["rss"]),
    ):
        ratio = total / base_total
        print(f"UI server + worker RSS after {visited}: {total / 1024:.0f} MB = {ratio:.2f}x the one-line app (target < 2.5x)")


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--server", action="store_true", help="only the cold page and memory figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as scratch:  # a build leaves a link there
        kb_path = kb_file(Path(scratch))
        with sync_playwright() as playwright:
            chromium = launch_chromium(playwright)
            page = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            print_server_figures(kb_path, page, args.runs)
            if args.server:
                return
            baseline_start = [cold_start(page, kb_path, BASELINE_APP) for _ in range(args.runs)]
            ui_start = [cold_start(page, kb_path) for _ in range(args.runs)]
            with StreamlitServer(kb_path) as server:
                switches = page_switches(page, server)
                small = [graph_load(page, server, SMALL_GRAPH)[0] for _ in range(args.runs)]
                mid_loads = [graph_load(page, server, MID_GRAPH) for _ in range(args.runs)]
                big_loads = [graph_load(page, server, BIG_GRAPH) for _ in range(args.runs)]
                small_expand = [graph_expand(page, server, SMALL_GRAPH) for _ in range(args.runs)]
                mid_expand = [graph_expand(page, server, MID_GRAPH) for _ in range(args.runs)]
                big_expand = [graph_expand(page, server, BIG_GRAPH) for _ in range(args.runs)]
                first_redraw, redraws = graph_redraws(page, server, args.runs)
            chromium.close()
    big = [t for t, _ in big_loads]
    mid = [t for t, _ in mid_loads]
    print(f"UI benchmark, median of {args.runs} runs (Chromium {chromium_path()})")
    print(f"{'measure':<46}{'seconds':>9}{'baseline':>10}{'ratio':>8}{'target':>8}")
    rows = [
        ("cold start to first rendered page", median(ui_start), median(baseline_start), "3.0s"),
        ("page switch (sidebar click)", median(switches), None, "1.0s"),
        (f"Explore redraw, {big_loads[0][1]} nodes (depth 2 → 3)", median(redraws), None, "1.5s"),
        (f"Explore redraw, {big_loads[0][1]} nodes, first (uncached)", first_redraw, None, "1.5s"),
        (f"Explore first draw, {mid_loads[0][1]} nodes", median(mid), median(small), "—"),
        (f"Explore first draw, {big_loads[0][1]} nodes", median(big), median(small), "—"),
        (f"Explore expand, {mid_loads[0][1]} nodes", median(mid_expand), median(small_expand), "1.5s"),
        (f"Explore expand, {big_loads[0][1]} nodes", median(big_expand), median(small_expand), "1.5s"),
    ]
    for name, value, baseline, target in rows:
        ratio = f"{value / baseline:.2f}x" if baseline else "—"
        base = f"{baseline:.2f}" if baseline else "—"
        print(f"{name:<46}{value:>9.2f}{base:>10}{ratio:>8}{target:>8}")
    print(f"page switch p95: {sorted(switches)[int(0.95 * (len(switches) - 1))]:.2f} s over {len(switches)} switches")
    print("baselines: a one-line Streamlit app for the cold start; a 5-node Explore graph for the first draw")
    print(f"({median(small):.2f} s) and the expand ({median(small_expand):.2f} s)")


if __name__ == "__main__":
    main()
