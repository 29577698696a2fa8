"""The Explore page's words around its graph: the inspector beside it (the clicked thing's
summary and a link to its page), the neighbours list that replaces the graph on a phone, and
the paths written out with their relations."""

from __future__ import annotations

import streamlit as st

from core.namespaces import RSF
from ui import graph as kbgraph
from ui import paths as kbpaths
from ui.compliance import money_per_measure
from ui.data import graph, rows, term_label, vocabulary
from ui.formats import money
from ui.language import lang, t
from ui.links import anchor, entity_url, page_url
from ui.markup import plain
from ui.viewdata import short_id


def name(node: str) -> str:
    return kbgraph.full_name(graph().nodes[node], lang())


def link(node: str, label: str | None = None) -> str:
    """A same-tab link to the page that shows `node`: a measure's card, a point's page, else details."""
    return anchor(label or name(node), entity_url(node, graph().nodes[node]["cls"], lang()))


# ------------------------------------------------------------------ inspector


def inspector(node: str, relations: list[str]) -> None:
    """The clicked thing in a few lines: its name and kind; for a measure its responsible
    institution and money by kind; for anything else what it links to. Then its page."""
    cls = graph().nodes[node]["cls"]
    st.markdown(f"**{plain(name(node))}**")
    st.caption(term_label(cls))
    facts = measure_facts(node) if cls == str(RSF.Measure) else link_facts(node, relations)
    if facts:
        st.markdown("\n".join(f"- {fact}" for fact in facts), unsafe_allow_html=True)
    st.markdown(link(node, t("explore_open_page")), unsafe_allow_html=True)


def measure_facts(node: str) -> list[str]:
    g = graph()
    leads = [v for _, v, d in g.out_edges(node, data=True) if d["relation"] == str(RSF.responsible)]
    facts = [t("explore_fact_number", number=plain(g.nodes[node]["notation"]))]
    if leads:
        facts.append(t("explore_fact_responsible", names=", ".join(link(v) for v in sorted(leads, key=name))))
    facts += [t("explore_fact_money", kind=plain(kind), amount=amount) for kind, amount in money_by_kind(node)]
    if len(facts) == 1 + bool(leads):
        facts.append(t("explore_fact_no_money"))
    return facts


def money_by_kind(node: str) -> list[tuple[str, str]]:
    """(kind, total over the plan's years) in the ontology's order of kinds, as the plan's tables give them."""
    kinds = vocabulary().amount_kinds()
    totals = money_per_measure(rows("measure-money"), [kind.notation for kind in kinds]).get(node, {})
    return [(kind.short_label(lang()), money(totals[kind.notation], lang())) for kind in kinds if kind.notation in totals]


def link_facts(node: str, relations: list[str]) -> list[str]:
    """'Measures: 4' per class of the things it links to, with its code when it has one."""
    g = graph()
    facts = [t("explore_fact_code", code=plain(g.nodes[node]["notation"]))] if g.nodes[node]["notation"] else []
    counts = kbgraph.neighbour_classes(g, node, relations)
    order = {term.iri: term.order for term in vocabulary().classes()}
    for cls in sorted(counts, key=lambda c: order.get(c, 10_000)):
        term = vocabulary().term(cls)
        facts.append(t("explore_fact_links", kind=plain(term.plural_label(lang()) if term else cls), n=counts[cls]))
    return facts


def explore_link(node: str) -> str:
    """This page again, centred on `node` (a link: one step back returns)."""
    return anchor(t("explore_centre_here"), page_url("explore", lang(), entity=short_id(node)))


# ------------------------------------------------------------------ neighbours list (phones)


def neighbour_list(node: str, relations: list[str]) -> None:
    """The chosen entity's neighbours, grouped by relation (the ontology's names), as links."""
    st.markdown(t("explore_list_intro", name=plain(name(node))))
    groups = kbgraph.neighbour_groups(graph(), node, relations)
    if not groups:
        st.info(t("explore_no_neighbours"))
    for group in groups:
        relation = term_label(group.relation)
        heading = t("explore_rel_out", relation=relation) if group.outgoing else t("explore_rel_in", relation=relation)
        st.markdown(f"**{plain(heading)}**")
        st.markdown("\n".join(f"- {link(n)}" for n in group.nodes), unsafe_allow_html=True)


# ------------------------------------------------------------------ paths in words


def path_in_words(path: list[str], relations: list[str]) -> str:
    """'ESF ← funded by — 4.12 … — addresses point → 7 c)': each node a link, each hop its relation."""
    parts = [link(path[0])]
    for step in kbpaths.steps(graph(), path, relations):
        relation = plain(term_label(step.relation)) if step.relation else ""
        arrow = f"— {relation} →" if step.forward else f"← {relation} —"
        parts += [f"<span style='color:#555;white-space:nowrap'>{arrow}</span>", link(step.target)]
    return " ".join(parts)
