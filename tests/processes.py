"""What a test (or a benchmark) sees of processes, from /proc: which children a process has,
whether one still runs (a zombie that its parent has not reaped does not), and its memory."""

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


def memory_kb(pid: int) -> dict[str, int]:
    """Resident (VmRSS) and proportional (Pss: shared pages split among their users) sizes."""
    rss = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS:"))
    pss = next(line for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines() if line.startswith("Pss:"))
    return {"rss": int(rss.split()[1]), "pss": int(pss.split()[1])}
