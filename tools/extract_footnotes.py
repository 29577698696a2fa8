"""One-off helper: pull the footnotes out of the seed text into data/source/footnotes.csv.

The result was checked by hand against the seed; re-running it is only needed if
the seed changes. Page numbers come from data/source/pages.csv (our page map).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

URL_ONLY = re.compile(r"^(https?|file)://\S+$")


def page_starts(pages_csv: Path) -> list[tuple[int, int]]:
    with pages_csv.open(encoding="utf-8") as fh:
        return [(int(r["first_line"]), int(r["page"])) for r in csv.DictReader(fh)]


def page_of(line_no: int, starts: list[tuple[int, int]]) -> int:
    page = starts[0][1]
    for first, number in starts:
        if line_no >= first:
            page = number
    return page


def extract(seed: Path, starts: list[tuple[int, int]]) -> list[dict[str, str]]:
    lines = seed.read_text(encoding="utf-8").splitlines()
    notes: list[dict[str, str]] = []
    expected = 1
    current: dict | None = None
    for idx, raw in enumerate(lines, start=1):
        line = raw.strip()
        match = re.match(rf"^{expected}\s+(\S.*)$", line)
        if match and (current is None or idx - current["last"] > 0):
            if current:
                notes.append(current)
            current = {"n": expected, "line": idx, "text": [match.group(1)], "last": idx}
            expected += 1
            continue
        if current is None:
            continue
        if not line:
            continue
        starts_page = raw.startswith(" ")
        wants_url = current["text"][-1].rstrip().endswith(":") or current["text"][-1].endswith("-")
        if URL_ONLY.match(line) and wants_url:
            current["text"].append(line)
            current["last"] = idx
            continue
        if URL_ONLY.match(line) and idx - current["last"] > 1 and _is_url_block(lines, idx):
            notes.append(current)
            current = None
            continue
        if starts_page or re.match(r"^\d+\s*$", line) or line.startswith("KMPl_"):
            notes.append(current)
            current = None
            continue
        current["text"].append(line)
        current["last"] = idx
    if current:
        notes.append(current)
    return [
        {
            "number": str(n["n"]),
            "page": str(page_of(n["line"], starts)),
            "seed_line": str(n["line"]),
            "text": _join(n["text"]),
        }
        for n in notes
    ]


def _is_url_block(lines: list[str], idx: int) -> bool:
    previous = lines[idx - 2].strip() if idx >= 2 else ""
    return previous == "" or bool(URL_ONLY.match(previous))


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if text.endswith("-") and not text.endswith(" -"):
            text += part
        elif re.search(r"[/_%=-]$", text) and part[:1].islower():
            text += part
        else:
            text += (" " if text else "") + part
    return re.sub(r"\s+", " ", text).strip()


def main() -> None:
    seed, pages_csv, out = map(Path, sys.argv[1:4])
    rows = extract(seed, page_starts(pages_csv))
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["number", "page", "seed_line", "text"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} footnotes -> {out}")


if __name__ == "__main__":
    main()
