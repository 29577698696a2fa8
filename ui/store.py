"""The KB's store, one per process. A module of its own, light to import, so that ui/app.py
starts the query worker before a page imports pandas and the rest: the new process starts
and loads the KB while this one imports."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.paths import default_kb
from kb.engine.stores import Store, open_store


def kb_path() -> Path:
    return default_kb()


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """Its query worker is a new Python, not a fork of this process, which holds Streamlit and
    pandas (a forked worker was ~186 MB resident, a fresh one ~38 MB)."""
    return open_store(kb_path=kb_path(), fresh_worker=True)
