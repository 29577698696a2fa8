"""The engine's limits, as the environment sets them. Apart from the stores so that the CLI's
parser can show them as defaults without loading the engine (rdflib's parser, the worker)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_TIMEOUT = float(os.environ.get("KB_QUERY_TIMEOUT", "5"))
DEFAULT_ROW_CAP = int(os.environ.get("KB_ROW_CAP", "10000"))
DEFAULT_MEMORY_MB = int(os.environ.get("KB_WORKER_MEMORY_MB", "1024"))
DEFAULT_RESULT_BYTES = int(os.environ.get("KB_RESULT_BYTES", str(16 * 1024 * 1024)))
MAX_DEFAULT_WORKERS = 8
MEMINFO = Path("/proc/meminfo")


def default_workers(memory_mb: int = DEFAULT_MEMORY_MB, meminfo: Path = MEMINFO) -> int:
    """As many workers as the machine's available memory holds at each one's limit (and a
    half for everything else), at least 1 and at most 8."""
    available = available_mb(meminfo)
    if available is None:
        return 2
    return max(1, min(MAX_DEFAULT_WORKERS, available // 2 // max(memory_mb, 1)))


def available_mb(meminfo: Path = MEMINFO) -> int | None:
    """The memory the kernel says is available for new work, in MB (None where it does not say)."""
    try:
        fields = dict(line.split(":", 1) for line in meminfo.read_text().splitlines() if ":" in line)
        return int(fields["MemAvailable"].split()[0]) // 1024
    except (OSError, KeyError, ValueError):
        return None
