"""SPARQL editor: read-only, with the engine's time limit and row cap; the query lives in the URL."""

from __future__ import annotations

import streamlit as st

from core.errors import QueryError
from core.namespaces import PREFIXES
from kb.engine.catalogue import bind
from kb.engine.service import catalogue, sparql
from kb.engine.stores import with_values
from ui.components import show_error, show_result
from ui.data import store
from ui.language import lang, summaries, t
from ui.page import page
from ui.state import UrlParams, seed, set_url, url_value

EDITOR = "sparql-text"
URL = UrlParams({"query": ""})  # empty: the starter query


def prefixes() -> str:
    return "\n".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items())


def starter_query() -> str:
    body = f"""SELECT ?measure ?number ?title WHERE {{
  ?measure a rsf:Measure ; rsf:measureNumber ?number ; rdfs:label ?title .
  FILTER(LANG(?title) = "{lang()}")
}}
ORDER BY ?number
LIMIT 50
"""
    return prefixes() + "\n\n" + body


def example_text(question_id: str) -> str:
    """A catalogue question with its default parameters written in as a VALUES block, so it runs as is."""
    question = catalogue()[question_id]
    return with_values(question.text, bind(question, {}))


def load_example() -> None:
    chosen = st.session_state.get("sparql-example")
    if chosen:
        st.session_state[EDITOR] = example_text(chosen)


def main() -> None:
    engine = store()
    st.write(t("sparql_intro", timeout=engine.timeout, cap=engine.row_cap))
    seed(EDITOR, "query", lambda query: query or None, default=starter_query())
    questions = catalogue().questions
    st.selectbox(
        t("load_example"),
        ["", *questions],
        key="sparql-example",
        on_change=load_example,
        format_func={"": t("choose"), **summaries(questions.values())}.get,
    )
    with st.form("sparql-form"):
        query = st.text_area(t("query"), key=EDITOR, height=320)
        submitted = st.form_submit_button(t("run"), type="primary")
    if not submitted and not url_value("query"):
        return
    set_url(query=query)
    try:
        with st.spinner(t("running")):
            result = sparql(engine, query)
    except QueryError as error:
        show_error(error)
        return
    show_result(result, "query", t("page_sparql"))


page("page_sparql", URL, main)
