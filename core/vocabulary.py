"""The vocabulary: classes, relations and controlled values with their names, read from the
ontology (rsf.ttl for meaning and labels, presentation.ttl for order, colour and where a
term is shown). Every list of classes or relations, and every name a user sees for one,
comes from here.

The ontology travels with the KB, so the same `VOCABULARY_QUERY` runs on an rdflib graph
(build, CLI, exports; through pyoxigraph, core/oxigraph.py) or through the engine on any
store (the UI, also on a remote endpoint)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import NotationError
from core.namespaces import PRES, RSF, local_name
from core.paths import ONTOLOGY_DIR
from core.textfold import fold

if TYPE_CHECKING:
    from rdflib import Graph

VOCABULARY_QUERY = f"""
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rsf: <{RSF}>
PREFIX pres: <{PRES}>
SELECT ?term ?kind ?label_lv ?label_en ?plural_lv ?plural_en ?short_lv ?short_en ?alt_lv ?alt_en ?notation ?order ?colour
       ?in_overview ?explorable ?default_relation ?centrality ?csv_table ?parent WHERE {{
  VALUES (?type ?kind) {{
    (owl:Class "class") (owl:ObjectProperty "property") (owl:DatatypeProperty "property") (rsf:AmountKind "amount-kind")
    (rsf:PolicyDomain "policy-domain")
  }}
  ?term a ?type .
  FILTER(isIRI(?term))
  OPTIONAL {{ ?term rdfs:label ?label_lv FILTER(LANG(?label_lv) = "lv") }}
  OPTIONAL {{ ?term rdfs:label ?label_en FILTER(LANG(?label_en) = "en") }}
  OPTIONAL {{ ?term pres:pluralLabel ?plural_lv FILTER(LANG(?plural_lv) = "lv") }}
  OPTIONAL {{ ?term pres:pluralLabel ?plural_en FILTER(LANG(?plural_en) = "en") }}
  OPTIONAL {{ ?term pres:shortLabel ?short_lv FILTER(LANG(?short_lv) = "lv") }}
  OPTIONAL {{ ?term pres:shortLabel ?short_en FILTER(LANG(?short_en) = "en") }}
  OPTIONAL {{ ?term skos:altLabel ?alt_lv FILTER(LANG(?alt_lv) = "lv") }}
  OPTIONAL {{ ?term skos:altLabel ?alt_en FILTER(LANG(?alt_en) = "en") }}
  OPTIONAL {{ ?term skos:notation ?notation }}
  OPTIONAL {{ ?term pres:order ?order }}
  OPTIONAL {{ ?term pres:colour ?colour }}
  OPTIONAL {{ ?term pres:inOverview ?in_overview }}
  OPTIONAL {{ ?term pres:explorable ?explorable }}
  OPTIONAL {{ ?term pres:defaultRelation ?default_relation }}
  OPTIONAL {{ ?term pres:centralityRelation ?centrality }}
  OPTIONAL {{ ?term pres:csvTable ?csv_table }}
  OPTIONAL {{ ?term rdfs:subClassOf ?parent . ?parent a owl:Class . FILTER(isIRI(?parent)) }}
}}
"""
FLAGS = ("in_overview", "explorable", "default_relation", "centrality", "csv_table")
NO_ORDER = 10_000


@dataclass(frozen=True)
class Term:
    iri: str
    kind: str  # class | property | amount-kind
    labels: Mapping[str, str]
    plural: Mapping[str, str] = field(default_factory=dict)
    short: Mapping[str, str] = field(default_factory=dict)
    alt: Mapping[str, str] = field(default_factory=dict)
    notation: str = ""
    order: int = NO_ORDER
    colour: str = ""
    flags: frozenset[str] = frozenset()
    parents: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("lv") or local_name(self.iri)

    def plural_label(self, lang: str) -> str:
        return self.plural.get(lang) or self.label(lang)

    def short_label(self, lang: str) -> str:
        return self.short.get(lang) or self.label(lang)

    def abbreviation(self, lang: str) -> str:
        """skos:altLabel, e.g. 'VTBI' / 'MTBF' for the MTBF kind."""
        return self.alt.get(lang) or self.short_label(lang)

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True)
class Vocabulary:
    terms: Mapping[str, Term]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]]) -> Vocabulary:
        """Rows of VOCABULARY_QUERY (plain values; None or '' when unbound). A term has one
        row per parent class, so rows are merged per term."""
        merged: dict[str, dict] = {}
        for row in rows:
            value = {k: _plain(v) for k, v in row.items()}
            term = merged.setdefault(value["term"], {"parents": set(), "row": {}})
            for key, item in value.items():
                if item and not term["row"].get(key):
                    term["row"][key] = item
            if value.get("parent"):
                term["parents"].add(value["parent"])
        return cls({iri: _term(iri, data["row"], data["parents"]) for iri, data in merged.items()})

    @classmethod
    def from_graph(cls, graph: Graph) -> Vocabulary:
        # Through pyoxigraph: rdflib's engine took a second on this query's twenty OPTIONALs.
        # Imported here: the UI reads the vocabulary through its store and maps no pyoxigraph.
        from core import oxigraph

        return cls.from_rows(oxigraph.select(graph, VOCABULARY_QUERY))

    # ------------------------------------------------------------ lookups

    def label(self, iri: str, lang: str) -> str:
        term = self.terms.get(str(iri))
        return term.label(lang) if term else local_name(iri)

    def term(self, iri: str) -> Term | None:
        return self.terms.get(str(iri))

    def _ordered(self, kind: str, flag: str | None = None) -> list[Term]:
        found = [t for t in self.terms.values() if t.kind == kind and (flag is None or t.has(flag))]
        return sorted(found, key=lambda t: (t.order, t.iri))

    def classes(self, flag: str | None = None) -> list[Term]:
        """Classes in display order, most specific first (e.g. a group of institutions before institution)."""
        return self._ordered("class", flag)

    def relations(self, flag: str = "explorable") -> list[Term]:
        return self._ordered("property", flag)

    def amount_kinds(self) -> list[Term]:
        return self._ordered("amount-kind")

    def amount_kind_ranks(self) -> dict[str, int]:
        """Kind IRI -> its place in the ontology's order (0, 1, …); for a sort key, give a kind
        not in it `len(ranks)`, so it comes after all of them."""
        return {term.iri: index for index, term in enumerate(self.amount_kinds())}

    def amount_kind(self, notation: str) -> str:
        """The kind's IRI for its notation ('mtbf'); a NotationError lists the choices."""
        kinds = {t.notation: t.iri for t in self.amount_kinds()}
        key = str(notation).strip().lower()
        if key not in kinds:
            raise NotationError(f"kind must be one of {', '.join(kinds)}, got {notation!r}")
        return kinds[key]

    def policy_domains(self) -> list[Term]:
        return self._ordered("policy-domain")

    def policy_domain(self, value: str) -> str:
        """A policy domain's IRI for its code or its Latvian or English label, ignoring case and
        diacritics ('Izglītība', 'izglitiba', 'Education', 'education'); a NotationError lists the codes."""
        key = fold(str(value))
        for term in self.policy_domains():
            if key in {fold(term.notation), *(fold(label) for label in term.labels.values())}:
                return term.iri
        codes = ", ".join(t.notation for t in self.policy_domains())
        raise NotationError(f"policy domain must be one of {codes} (or its Latvian or English name), got {value!r}")

    def most_specific(self, classes: Iterable[str]) -> str:
        return min(classes, key=lambda c: (self.terms[c].order if c in self.terms else NO_ORDER, c))

    def subclasses(self, iri: str) -> set[str]:
        """The class and every class below it."""
        found, frontier = {str(iri)}, [str(iri)]
        while frontier:
            parent = frontier.pop()
            for term in self.terms.values():
                if parent in term.parents and term.iri not in found:
                    found.add(term.iri)
                    frontier.append(term.iri)
        return found


def _plain(value: object) -> str:
    return "" if value is None or value != value else str(value)


def _term(iri: str, row: Mapping[str, str], parents: set[str]) -> Term:
    pick = lambda name: {lang: row[f"{name}_{lang}"] for lang in ("lv", "en") if row.get(f"{name}_{lang}")}  # noqa: E731
    return Term(
        iri=iri,
        kind=row["kind"],
        labels=pick("label"),
        plural=pick("plural"),
        short=pick("short"),
        alt=pick("alt"),
        notation=row.get("notation", ""),
        order=int(row["order"]) if row.get("order") else NO_ORDER,
        colour=row.get("colour", ""),
        flags=frozenset(flag for flag in FLAGS if row.get(flag) in ("true", "1")),
        parents=tuple(sorted(parents)),
    )


_LOAD_LOCK = threading.Lock()


def ontology_vocabulary(directory: Path = ONTOLOGY_DIR) -> Vocabulary:
    """The vocabulary of the ontology files themselves (for code that has no KB at hand)."""
    with _LOAD_LOCK:
        return _ontology_vocabulary(directory)


@cache
def _ontology_vocabulary(directory: Path) -> Vocabulary:
    # pyoxigraph reads the files itself: through an rdflib graph it took ~46 ms more, and the
    # UI's Questions page reads this vocabulary for the catalogue's default values.
    from core import oxigraph
    from core.ontology import ontology_files

    return Vocabulary.from_rows(oxigraph.select(oxigraph.load_files(ontology_files(directory)), VOCABULARY_QUERY))
