"""About the data: what the knowledge base is made from, where the official texts are, and
the technical details (store, file, size) that other pages keep out of a reader's way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from kb.engine.stores import RemoteStore
from ui.data import rows, store
from ui.formats import number
from ui.language import lang, t
from ui.links import anchor
from ui.markup import plain
from ui.page import page
from ui.state import UrlParams
from ui.viewdata import text

URL = UrlParams()


def sources() -> None:
    found = rows("about")
    if not found:
        return
    row = found[0]
    language = lang()
    st.markdown(t("about_plan", plan=plain(row[f"plan_{language}"]), identifier=plain(row["identifier"])))
    url = text(row["recommendation_url"])
    if url:
        link = anchor(text(row[f"recommendation_{language}"]), url).replace('target="_self"', 'target="_blank" rel="noopener"')
        st.markdown(t("about_recommendation", link=link), unsafe_allow_html=True)
    st.markdown(t("about_fidelity"))


def technical() -> None:
    st.subheader(t("about_technical"))
    current = store()
    found = rows("about")
    triples = number(int(found[0]["triples"]), lang()) if found else "?"
    if isinstance(current, RemoteStore):
        st.markdown(f"{t('store_remote')}: `{plain(current.endpoint)}`")
    else:
        path = Path(current.kb_path or "")
        built = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M") if path.exists() else "?"
        st.markdown(f"{t('store_embedded')}: `{plain(path.name)}` · {t('about_built', when=built)}")
    st.markdown(t("about_triples", n=triples))


def main() -> None:
    sources()
    technical()


page("page_about", URL, main)
