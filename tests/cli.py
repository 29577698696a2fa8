"""Run the command line as users do: `python -m kb …` in a child process."""

from __future__ import annotations

import subprocess
import sys


def run_kb(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True, timeout=timeout)
