"""Streamlit UI. For now: what the KB holds (issue 3 adds the full pages)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.build import BUILD_DIR, KB_TTL
from kb.stats import class_counts


@st.cache_resource
def load_graph():
    from rdflib import Graph

    return Graph().parse(BUILD_DIR / KB_TTL)


def main() -> None:
    st.set_page_config(page_title="Romu plāna zināšanu bāze", layout="wide")
    st.title("Romu stratēģiskā ietvara plāns 2022–2023 · zināšanu bāze")
    if not (BUILD_DIR / KB_TTL).exists():
        st.error("The KB is not built yet. Run `make kb` (or `python -m kb build`).")
        return
    graph = load_graph()
    st.metric("Triples", len(graph))
    counts = class_counts(graph)
    st.table({"Class": [label for _, label, _ in counts], "Count": [n for _, _, n in counts]})


main()
