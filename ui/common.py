"""What every page shares: the language, state kept in the URL, the store and graph
(loaded once per process), one way to show errors, and result tables with downloads."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import networkx as nx
import pandas as pd
import streamlit as st

from core.errors import QueryError
from core.paths import default_kb
from core.textfold import fold
from kb.engine.results import Result
from kb.engine.stores import RemoteStore, Store, open_store
from ui import graph as kbgraph
from ui import viewdata
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, TEXTS, text

# ------------------------------------------------------------------ language and URL state


def lang() -> str:
    """The URL wins (a shared link opens in its language); then this session's choice."""
    chosen = st.query_params.get("lang") or st.session_state.get("lang") or DEFAULT_LANGUAGE
    chosen = chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE
    st.session_state["lang"] = chosen
    set_url(lang=chosen)
    return chosen


def t(key: str, **values) -> str:
    return text(key, lang(), **values)


def language_switch() -> None:
    current = lang()

    def _switch() -> None:
        st.session_state["lang"] = st.session_state["_lang_choice"]
        st.query_params["lang"] = st.session_state["lang"]

    st.sidebar.radio(
        text("language", current),
        list(LANGUAGES),
        index=list(LANGUAGES).index(current),
        format_func=LANGUAGES.get,
        key="_lang_choice",
        on_change=_switch,
        horizontal=True,
    )


def summaries(questions) -> dict[str, str]:
    """Question id -> its summary in the current language (menus format with plain dicts)."""
    english = lang() == "en"
    return {q.id: q.summary_en if english else q.summary_lv for q in questions}


def url_value(name: str, default: str = "") -> str:
    return st.query_params.get(name, default)


def set_url(**values: str | None) -> None:
    """Keep the page's state in the URL so a view can be bookmarked and shared."""
    # Only real changes are written: every write sends the browser a message.
    for name, value in values.items():
        if value in (None, ""):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != str(value):
            st.query_params[name] = str(value)


def detail_url(iri: str) -> str:
    return "detail?" + urlencode({"entity": viewdata.short_id(iri), "lang": lang()}, safe="/")


# ------------------------------------------------------------------ store, views and graph


def kb_path() -> Path:
    return default_kb()


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return open_store(kb_path=kb_path())


def store_label() -> str:
    return t("store_remote") if isinstance(store(), RemoteStore) else t("store_embedded")


@st.cache_data(show_spinner=False)
def view(view_id: str, params: tuple[tuple[str, str], ...] = ()) -> pd.DataFrame:
    """A view query's frame; cached per process because the KB does not change while the UI runs."""
    return viewdata.run_view(store(), view_id, dict(params))


@st.cache_resource(show_spinner=False)
def graph() -> nx.MultiDiGraph:
    return kbgraph.build_graph(view("entities"), view("edges"))


def entity_label(iri: str) -> str:
    g = graph()
    return kbgraph.node_label(g, iri, lang()) if iri in g else viewdata.local_name(iri)


def start_page(title_key: str) -> bool:
    """Title, and a clear message instead of a traceback when the KB cannot be reached."""
    st.title(t(title_key))
    try:
        store()
    except QueryError as error:
        st.cache_resource.clear()
        show_error(error)
        return False
    st.sidebar.caption(store_label())
    return True


def run_page(render) -> None:
    """Run a page; a query that fails anywhere on it (say, the endpoint went away) is shown as
    the one error shape instead of a traceback, and the next visit tries again."""
    try:
        render()
    except QueryError as error:
        show_error(error)


# ------------------------------------------------------------------ errors: one shape, one place


def show_error(error: Exception) -> None:
    if isinstance(error, QueryError):
        title_key = f"error_kind_{error.kind}"
        title = t(title_key) if title_key in TEXTS else t("error_title")
        where = f" ({t('error_at', line=error.line, column=error.column)})" if error.line else ""
        st.error(f"**{title}**{where}: {error.message}", icon="⚠️")
    else:
        st.error(f"**{t('error_title')}**: {error}", icon="⚠️")


# ------------------------------------------------------------------ results


def show_result(result: Result, name: str) -> None:
    """A result table (IRIs become links to detail pages), the cut notice and downloads."""
    if "boolean" in result.meta:
        st.info(t("boolean_answer", value=result.meta["boolean"]))
        return
    if result.truncated:
        st.warning(t("truncated", cap=result.row_cap))
    if not result.rows:
        st.info(t("no_results"))
    else:
        st.caption(t("rows_found", n=len(result.rows)))
        table, config = linked_table(result)
        st.dataframe(table, column_config=config, hide_index=True)
    # Deferred (callables): the file is made on click. Data passed up front becomes a media
    # file that every page view fetches; concurrent sessions then abort those fetches.
    for column, (label, make, suffix, mime) in zip(
        st.columns(2),
        [
            ("download_csv", result.to_csv, "csv", "text/csv"),
            ("download_json", result.to_json, "json", "application/sparql-results+json"),
        ],
        strict=True,
    ):
        column.download_button(t(label), make, f"{name}.{suffix}", mime, key=f"{suffix}-{name}", on_click="ignore")


def linked_table(result: Result) -> tuple[pd.DataFrame, dict]:
    """Columns of entities that have a detail page become links to it; other values stay text."""
    nodes = graph()
    table = viewdata.frame(result)
    config = {}
    for variable in result.variables:
        terms = [row.get(variable) for row in result.rows]
        if any(terms) and all(term is None or (term["type"] == "uri" and term["value"] in nodes) for term in terms):
            table[variable] = [detail_url(term["value"]) if term else None for term in terms]
            config[variable] = st.column_config.LinkColumn(variable, display_text=r"entity=([^&]+)")
    return table, config


def legend(classes: list[str]) -> None:
    chips = " ".join(_chip(kbgraph.CLASSES[c]["color"], kbgraph.class_label(c, lang())) for c in classes if c in kbgraph.CLASSES)
    st.markdown(f"**{t('legend')}:** {chips}", unsafe_allow_html=True)


def _chip(color: str, label: str) -> str:
    return f"<span style='white-space:nowrap'><span style='color:{color}'>●</span> {label}</span>&nbsp;"


# ------------------------------------------------------------------ picking an entity


@st.cache_resource(show_spinner=False)
def search_index() -> dict[str, str]:
    """Folded text per node (labels in both languages, notation, IRI tail): diacritics-insensitive search."""
    g = graph()
    return {
        node: fold(" ".join([data["label_lv"], data["label_en"], data["notation"], viewdata.short_id(node)]))
        for node, data in g.nodes(data=True)
    }


def find_entities(query: str) -> list[str]:
    g, index = graph(), search_index()
    needle = fold(query)
    order = {cls: i for i, cls in enumerate(kbgraph.CLASSES)}
    found = [node for node, key in index.items() if needle in key]
    return sorted(found, key=lambda n: (order.get(g.nodes[n]["cls"], 99), _natural(viewdata.short_id(n))))


def _natural(text_: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text_)]


def entity_option(node: str) -> str:
    data = graph().nodes[node]
    return f"{entity_label(node)} · {kbgraph.class_label(data['cls'], lang())}"


def entity_picker(url_name: str, label_key: str, default: str = "") -> str | None:
    """Search box plus a menu of matches; the choice is kept in the URL as a short id."""
    wanted = viewdata.full_iri(url_value(url_name, default)) if url_value(url_name, default) else ""
    g = graph()
    if wanted and wanted not in g:
        show_error(QueryError("unknown-entity", t("unknown_entity", entity=url_value(url_name))))
        wanted = ""
    search = st.text_input(t("search_entity"), key=f"{url_name}-search")
    matches = find_entities(search)
    if wanted and wanted not in matches:
        matches.insert(0, wanted)
    if not matches:
        st.info(t("no_match", text=search))
        return None
    key = f"{url_name}-choice"
    if st.session_state.get(key) not in matches:
        st.session_state[key] = wanted or matches[0]
    chosen = st.selectbox(t(label_key), matches, key=key, format_func={m: entity_option(m) for m in matches}.get)
    set_url(**{url_name: viewdata.short_id(chosen)})
    return chosen
