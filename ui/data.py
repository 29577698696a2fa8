"""The store, the view queries' rows, the entities and their networkx graph, entity labels and the search
index: loaded once per process, because the KB does not change while the UI runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from core.ordering import natural_key
from core.textfold import fold
from core.vocabulary import VOCABULARY_QUERY, Vocabulary
from kb.engine.search import Hit, text_index
from ui import viewdata
from ui.language import lang
from ui.store import kb_path, store  # noqa: F401 - the UI's modules import them from here

if TYPE_CHECKING:
    import networkx as nx


@st.cache_data(show_spinner=False)
def rows(view_id: str, params: tuple[tuple[str, str], ...] = ()) -> list[viewdata.Record]:
    """A view query's rows, each a fresh copy; cached per process because the KB does not
    change while the UI runs."""
    return viewdata.view_records(store(), view_id, dict(params))


@st.cache_resource(show_spinner=False)
def vocabulary() -> Vocabulary:
    """Classes, relations and amount kinds with their names, from the ontology in the KB."""
    result = store().run(VOCABULARY_QUERY)
    return Vocabulary.from_rows({name: term["value"] for name, term in row.items()} for row in result.rows)


def term_label(iri: str) -> str:
    """A class's, relation's or kind's name in the page's language."""
    return vocabulary().label(iri, lang())


@st.cache_resource(show_spinner=False)
def entities() -> dict[str, dict[str, str]]:
    """Each entity's class, names and notation (the graph's nodes): what naming and linking an
    entity needs, without networkx and the edges."""
    return viewdata.entity_nodes(rows("entities"), vocabulary())


@st.cache_resource(show_spinner=False)
def graph() -> nx.MultiDiGraph:
    from ui import graph as kbgraph  # here: networkx is for the pages that draw or walk the graph

    return kbgraph.graph_of(entities(), rows("edges"))


def entity_label(iri: str) -> str:
    nodes = entities()
    return viewdata.node_label_from(nodes[iri], lang()) if iri in nodes else viewdata.local_name(iri)


def search_hits(text: str, limit: int = 100) -> list[Hit]:
    """The engine's ranking (one index per store, shared with the catalogue's `search`)."""
    return text_index(store()).search(text, limit)


@st.cache_resource(show_spinner=False)
def search_index() -> dict[str, str]:
    """Folded text per node (labels in both languages, notation, IRI tail): diacritics-insensitive search."""
    return {
        node: fold(" ".join([data["label_lv"], data["label_en"], data["notation"], viewdata.short_id(node)]))
        for node, data in entities().items()
    }


def find_entities(query: str) -> list[str]:
    nodes, index = entities(), search_index()
    needle = fold(query)
    order = {term.iri: term.order for term in vocabulary().classes()}
    found = [node for node, key in index.items() if needle in key]
    return sorted(found, key=lambda n: (order.get(nodes[n]["cls"], 99), natural_key(viewdata.short_id(n))))
