"""A private Debian Virtuoso loaded with a KB through `python -m kb push` (the CLI users run)."""

from __future__ import annotations

from pathlib import Path

from kb.engine.virtuoso import Virtuoso
from tests.cli import run_kb


def loaded_virtuoso(folder: Path, kb_file: Path) -> Virtuoso:
    server = Virtuoso.in_folder(folder).start()
    try:
        pushed = run_kb("push", "--endpoint", server.endpoint, "--file", str(kb_file), timeout=300)
    except BaseException:  # a push past its timeout left Virtuoso running, orphaned
        server.stop()
        raise
    if pushed.returncode != 0:
        server.stop()
        raise AssertionError(f"kb push failed: {pushed.stderr}")
    return server
