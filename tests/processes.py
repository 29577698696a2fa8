"""What a test sees of child processes, from /proc: which children a process has, and whether
one still runs (a zombie that its parent has not reaped does not)."""

from __future__ import annotations

from pathlib import Path


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        listed = task / "children"
        found.update(int(child) for child in (listed.read_text().split() if listed.exists() else []))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")
