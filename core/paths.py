"""Where things live. Data sits apart from code: the transcription in data/source/,
the build output in data/build/ (both outside any Python package).

data/build is a link to the current build's folder (kb/build.py swaps it in one rename), so
data/build/kb.ttl is always a whole KB. To read several files of one build, resolve the link
once: `read_build` does."""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "data" / "source"
BUILD_DIR = ROOT / "data" / "build"
ONTOLOGY_DIR = ROOT / "ontology"
QUERY_DIR = ROOT / "queries"
VIEW_QUERY_DIR = ROOT / "ui" / "queries"
KB_TTL = "kb.ttl"
KB_JSONLD = "kb.jsonld"


def default_kb() -> Path:
    """The built KB the CLI, the endpoint and the UI read, unless told otherwise (KB_PATH)."""
    return Path(os.environ.get("KB_PATH") or BUILD_DIR / KB_TTL)


def read_build(names: tuple[str, ...] = (KB_TTL, KB_JSONLD), build_dir: Path = BUILD_DIR) -> dict[str, bytes]:
    """The files of one build, never a mix of two: the link is resolved once and every file is
    opened in that folder. If a build finished meanwhile and removed the folder, this starts
    again on the new one (a file once open stays readable after its removal)."""
    while True:
        folder = os.path.realpath(build_dir)
        try:
            with ExitStack() as stack:
                handles = [stack.enter_context(open(os.path.join(folder, name), "rb")) for name in names]
                return {name: handle.read() for name, handle in zip(names, handles, strict=True)}
        except FileNotFoundError:
            if os.path.realpath(build_dir) == folder:
                raise  # really missing, not replaced
