"""Where things live. Data sits apart from code: the transcription in data/source/,
the build output in data/build/ (both outside any Python package)."""

from __future__ import annotations

import os
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
