"""A private Debian Virtuoso loaded with a KB through `python -m kb push` (the CLI users run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kb.engine.virtuoso import Virtuoso


def loaded_virtuoso(folder: Path, kb_file: Path) -> Virtuoso:
    server = Virtuoso.in_folder(folder).start()
    pushed = subprocess.run(
        [sys.executable, "-m", "kb", "push", "--endpoint", server.endpoint, "--file", str(kb_file)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if pushed.returncode != 0:
        server.stop()
        raise AssertionError(f"kb push failed: {pushed.stderr}")
    return server
