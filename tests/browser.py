"""Run the UI for real: a `streamlit run` server on 127.0.0.1 and Debian's Chromium
through Playwright (no Playwright browser download). Used by the browser tests and
bench/ui_pages.py."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"  # screenshots and logs, ignored by git
# The two widths every task is tried at: a desktop and a phone.
SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
# An entity for each page that shows little without one (the pages reached by links, and Explore).
ENTITY = {"measure": "measure/4.21", "point": "recommendation/10h", "detail": "org/KM", "explore": "fund/ESF"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_chromium(playwright):
    """Works with the sync and the async Playwright API (the async one returns an awaitable)."""
    path = chromium_path()
    if not path:
        raise RuntimeError("Debian's chromium is not installed; run scripts/install-system-deps.sh")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StreamlitServer:
    """`streamlit run ui/app.py` on a free port; stopped on exit."""

    def __init__(
        self, kb_path: Path | None = None, env: dict[str, str] | None = None, log: Path | None = None, app: Path | None = None
    ):
        self.app = app or ROOT / "ui" / "app.py"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.kb_path = kb_path
        self.env = env or {}
        self.log = log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> StreamlitServer:
        env = {**os.environ, **self.env}
        if self.kb_path:
            env["KB_PATH"] = str(self.kb_path)
        command = [sys.executable, "-m", "streamlit", "run", str(self.app)]
        command += ["--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true"]
        command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        output = open(self.log, "wb") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"streamlit did not answer on {self.url} within {timeout:g} s")

    def __exit__(self, *exc) -> None:
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# The script run is over and lazily loaded elements (tables, charts) have replaced their skeletons.
APP_READY = """() => document.querySelector('h1')
               && !document.querySelector("[data-testid='stStatusWidget']")
               && !document.querySelector("[data-testid='stSkeleton']")"""


def wait_for_app(page, timeout_ms: int = 30000) -> None:
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout_ms)
    page.wait_for_function(APP_READY, timeout=timeout_ms)


CANVAS = ".kbg-canvas canvas"  # the Explore component (ui/graphview.js), in the page itself
PYVIS_CANVAS = "#mynetwork canvas"  # a pyvis drawing, inside its iframe (Coherence)
HAS_PIXELS = """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                       for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }"""
COUNT_PIXELS = """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                         let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""


def wait_for_canvas(page, timeout_ms: int = 30000) -> int:
    """Until vis.js has drawn on the Explore canvas; returns the drawn pixels."""
    return _drawn(page.locator(CANVAS).first, timeout_ms)


def wait_for_pyvis_canvas(page, timeout_ms: int = 30000) -> int:
    """Until vis.js has drawn on a pyvis canvas (inside the drawing's iframe)."""
    return _drawn(page.frame_locator("iframe").first.locator(PYVIS_CANVAS), timeout_ms)


def _drawn(canvas, timeout_ms: int) -> int:
    canvas.wait_for(timeout=timeout_ms)
    handle = canvas.element_handle(timeout=timeout_ms)
    handle.owner_frame().wait_for_function(HAS_PIXELS, arg=handle, timeout=timeout_ms)
    return handle.evaluate(COUNT_PIXELS)
