"""Search across everything people read: titles (labels, numbers, abbreviations) and what the
entities say (results, indicators, targets, footnote texts, …), in one SQLite FTS5 index.

Why FTS5: it is in Python's standard library (no service, no wheel to build), ranks with
BM25, and answers prefix queries from its index. Latvian has no Snowball stemmer, so the
index holds the words' stems from core/stemming.py (folded: no case, no diacritics), and a
query's words are stemmed the same way and matched as prefixes: 'mājokļu', 'majoklis' and
'mājokļiem' find the same measures, and so does a word still being typed ('veselīb').

The index is built from the KB through any store (the same SPARQL on the embedded store or an
endpoint) by `text_index(store)`, once per store, so the CLI (`kb search`), the catalogue's
`search` question and the UI rank alike."""

from __future__ import annotations

import functools
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import URIRef

from core.namespaces import PRES, RSF
from core.stemming import search_keys, words
from kb.engine.catalogue import Question
from kb.engine.results import Result
from kb.engine.stores import RemoteStore, Store, all_rows, with_value_rows

# What names an entity: searched as its title; everything else it says is its body. The
# label comes apart from the other titles only to carry its language (the answer shows it).
LABEL_PREDICATE = "rdfs:label"
OTHER_TITLE_PREDICATES = ("skos:notation", "rsf:abbreviation", "rsf:fundCode", "rsf:measureNumber", "dcterms:identifier")
TITLE_PREDICATES = (LABEL_PREDICATE, *OTHER_TITLE_PREDICATES)
NOT_SEARCHED = ("rsf:searchKey", "rsf:sourceFile", "skos:editorialNote")
TITLE_FIELDS = ("label", "title")
DOCUMENTS_QUERY = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rsf: <{RSF}>
PREFIX pres: <{PRES}>
SELECT DISTINCT ?entity ?class ?order ?field ?lang ?text WHERE {{
  ?class pres:explorable true .
  ?entity a ?class .
  OPTIONAL {{ ?class pres:order ?order }}
  {{
    ?entity {LABEL_PREDICATE} ?text .
    BIND("label" AS ?field)
  }} UNION {{
    ?entity {"|".join(OTHER_TITLE_PREDICATES)} ?text .
    BIND("title" AS ?field)
  }} UNION {{
    {{ ?entity ?p ?text }} UNION {{ ?row rsf:rowOf ?entity . ?row ?p ?text }}
    FILTER(isLiteral(?text) && (DATATYPE(?text) = xsd:string || LANG(?text) != ""))
    FILTER(?p NOT IN ({", ".join(TITLE_PREDICATES + NOT_SEARCHED)}))
    BIND("body" AS ?field)
  }}
  BIND(LANG(?text) AS ?lang)
}}
"""
# Every projected variable, so that pages of the answer never overlap or leave a gap.
DOCUMENTS_ORDER = "?entity ?class ?order ?field ?lang ?text"
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
SNIPPET_WORDS = 12
MARK = ("«", "»")  # plain characters: the UI shows snippets as text, never as Markdown
QUESTION_LIMIT = 200  # what the catalogue's search question answers at most (its .rq says LIMIT 200)
NO_ORDER = 10_000  # a class without pres:order comes after those with one (core.vocabulary does the same)

# Title matches first: the whole title is the query, then a title word is exactly a query
# word, then title words start with the query's words; then BM25, then the IRI (stable ties).
# SQLite orders and cuts, so only the hits shown reach Python; and it ranks in two tiers, so
# BM25 is computed for the title matches and, only if they are fewer than the limit, for the
# others: 'izglītības' matches 3 500 entities at 100×, 1 300 of them by title.
_TITLED = "+rowid IN (SELECT rowid FROM docs WHERE docs MATCH :titled)"  # +: the MATCH drives the scan
_SCORE = f"bm25(docs, 0.0, {TITLE_WEIGHT}, {BODY_WEIGHT})"
_TITLE_TIER_SQL = f"""
SELECT rowid, {_SCORE} AS score,
       rowid IN (SELECT rowid FROM docs WHERE docs MATCH :exact) AS exact,
       rowid IN (SELECT doc FROM wholes WHERE keys = :whole) AS whole
FROM docs WHERE docs MATCH :any AND {_TITLED}
ORDER BY whole DESC, exact DESC, score, entity
LIMIT :limit
"""
_BODY_TIER_SQL = f"""
SELECT rowid, {_SCORE} AS score, 0, 0
FROM docs WHERE docs MATCH :any AND NOT {_TITLED}
ORDER BY score, entity
LIMIT :limit
"""
# '_' is a word character for core.stemming (\\w), so it must not split a key in FTS5 either.
# Prefix indexes for one- and two-letter keys: '10 h' (a point as typed) would otherwise merge
# the doclists of every word starting with h (p95 30 ms at 100×; 4 ms with them).
_SCHEMA = """
CREATE VIRTUAL TABLE docs USING fts5(
  entity UNINDEXED, title, body, tokenize = "unicode61 tokenchars '_'", prefix = '1 2'
);
CREATE TABLE wholes (keys TEXT NOT NULL, doc INTEGER NOT NULL);
CREATE INDEX wholes_keys ON wholes (keys);
"""


@dataclass(frozen=True)
class Hit:
    entity: str
    classes: tuple[str, ...]
    in_title: bool
    exact: bool  # a title word is exactly a query word (ESF before ESF+ and ESF-funded programmes)
    whole: bool  # one whole title (a code, an abbreviation, a name) is the query: the fund ESF first
    score: float  # BM25, lower is better (SQLite's sign)
    snippet: str  # the matching words between « », in the text where they were found
    kind: str = ""  # the most specific of `classes` (the lowest pres:order)
    labels: tuple[tuple[str, str], ...] = ()  # (language, rdfs:label)
    snippet_lang: str = ""  # the language tag of the text the snippet is from ("" if it has none)

    @property
    def where(self) -> str:
        return "title" if self.in_title else "body"

    def label(self, lang: str) -> str:
        """The label in `lang`, else in Latvian, else any, else the IRI's last segment."""
        named = dict(self.labels)
        return named.get(lang) or named.get("lv") or next(iter(named.values()), "") or self.entity.rsplit("/", 1)[-1]


@dataclass
class _Entity:
    iri: str
    orders: dict[str, int] = field(default_factory=dict)  # class -> pres:order
    titles: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)  # text -> its language tag, the first seen

    def add(self, row: Mapping[str, str]) -> None:
        cls = row["class"]
        self.orders[cls] = min(self.orders.get(cls, NO_ORDER), _order(row.get("order")))
        text, kind = row["text"], row["field"]
        texts = self.titles if kind in TITLE_FIELDS else self.body
        if text not in texts:
            texts.append(text)
        self.languages.setdefault(text, row.get("lang", "") or "")
        if kind == "label":
            self.labels.setdefault(row.get("lang", ""), text)

    @property
    def kind(self) -> str:
        return min(self.orders, key=lambda c: (self.orders[c], c))


def _order(value: str | None) -> int:
    try:
        return int(value) if value else NO_ORDER
    except ValueError:
        return NO_ORDER


class TextIndex:
    """An in-memory FTS5 index; one connection, used under a lock (sessions share it)."""

    def __init__(self, rows: Iterable[Mapping[str, str]]):
        self._lock = threading.Lock()
        by_iri: dict[str, _Entity] = {}
        for row in rows:
            by_iri.setdefault(row["entity"], _Entity(row["entity"])).add(row)
        self._entities = [by_iri[iri] for iri in sorted(by_iri)]  # rowid - 1
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._db.executemany("INSERT INTO docs (rowid, entity, title, body) VALUES (?, ?, ?, ?)", self._documents())
        self._db.executemany("INSERT INTO wholes (keys, doc) VALUES (?, ?)", self._wholes())
        self._db.commit()

    def _documents(self) -> Iterable[tuple[int, str, str, str]]:
        for rowid, entity in enumerate(self._entities, start=1):
            yield rowid, entity.iri, " ".join(_keys(entity.titles)), " ".join(_keys(entity.body))

    def _wholes(self) -> Iterable[tuple[str, int]]:
        for rowid, entity in enumerate(self._entities, start=1):
            for title in entity.titles:
                yield " ".join(search_keys(title)), rowid

    def __len__(self) -> int:
        return len(self._entities)

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        """Entities whose words start with every word of `text` (as stems); title matches
        first, then by BM25."""
        keys = [k for k in dict.fromkeys(search_keys(text)) if k]
        if not keys or limit < 1:
            return []
        params = {
            "any": " AND ".join(f'"{key}"*' for key in keys),  # keys are \\w+ only: no quoting to escape
            "titled": " AND ".join(f'title : "{key}"*' for key in keys),
            "exact": " AND ".join(f'title : "{key}"' for key in keys),
            "whole": " ".join(keys),
            "limit": limit,
        }
        with self._lock:
            titled = self._db.execute(_TITLE_TIER_SQL, params).fetchall()
            rest = limit - len(titled)
            body = self._db.execute(_BODY_TIER_SQL, {**params, "limit": rest}).fetchall() if rest else []
        # Snippets only for what is shown: finding the words costs more than ranking.
        return [self._hit(r, score, True, bool(e), bool(w), keys) for r, score, e, w in titled] + [
            self._hit(r, score, False, False, False, keys) for r, score, _, _ in body
        ]

    def _hit(self, rowid: int, score: float, in_title: bool, exact: bool, whole: bool, keys: list[str]) -> Hit:
        entity = self._entities[rowid - 1]
        texts = entity.titles if in_title else entity.body
        found = next(((s, t) for s, t in ((_snippet(t, keys), t) for t in texts) if s), ("", ""))
        labels = tuple(sorted(entity.labels.items()))
        snippet, language = found[0], entity.languages.get(found[1], "")
        classes = tuple(sorted(entity.orders))
        return Hit(entity.iri, classes, in_title, exact, whole, score, snippet, entity.kind, labels, language)


def _keys(texts: list[str]) -> list[str]:
    return [key for text in texts for key in search_keys(text)]


@functools.lru_cache(maxsize=65_536)
def _token_keys(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each whitespace token of a text with its search keys (texts repeat across queries)."""
    return tuple((token, tuple(search_keys(token))) for token in text.split())


def _snippet(text: str, keys: list[str]) -> str:
    """Up to SNIPPET_WORDS words around the first match, matching words marked."""
    pairs = _token_keys(text)
    tokens = [token for token, _ in pairs]
    matched = [any(k.startswith(q) for k in token_keys for q in keys) for _, token_keys in pairs]
    if not any(matched):
        return ""
    first = matched.index(True)
    start = max(first - SNIPPET_WORDS // 3, 0)
    window = tokens[start : start + SNIPPET_WORDS]
    marked = [f"{MARK[0]}{t}{MARK[1]}" if matched[start + i] else t for i, t in enumerate(window)]
    return ("… " if start else "") + " ".join(marked) + (" …" if start + SNIPPET_WORDS < len(tokens) else "")


# ---------------------------------------------------------------- one index per store


DOCUMENTS_BATCH = 500  # entities whose texts are read in one query (~4 rows each)
ENTITIES_QUERY = f"""
PREFIX pres: <{PRES}>
SELECT DISTINCT ?entity WHERE {{ ?class pres:explorable true . ?entity a ?class }}
"""


def documents(store: Store) -> list[dict[str, str]]:
    """DOCUMENTS_QUERY's rows (plain values) in DOCUMENTS_ORDER. The answer has more rows than
    a store's row cap may allow (at 100× it is 163 000), and an endpoint may cut rows below
    what we ask for without saying so, so everything is read in pages until one comes back
    empty: the entities first, then the texts of a batch of them at a time. Each batch query
    starts from its entities and sorts only their rows; pages of the whole answer had to sort
    all of it every time (minutes at 100×). Batches follow the entities' order, so the rows
    come in the same order as one sorted answer."""
    entities = [URIRef(row["entity"]) for row in all_rows(store, ENTITIES_QUERY, "?entity")]
    rows: list[dict[str, str]] = []
    for start in range(0, len(entities), DOCUMENTS_BATCH):
        batch = with_value_rows(DOCUMENTS_QUERY, "entity", entities[start : start + DOCUMENTS_BATCH])
        rows += all_rows(store, batch, DOCUMENTS_ORDER)
    return rows


# Stores are weakly held: a closed and dropped store takes its index with it. Every store
# object for one endpoint shares one index (each client of `kb serve` may open its own).
_BY_STORE: weakref.WeakKeyDictionary[object, TextIndex] = weakref.WeakKeyDictionary()
_BY_ENDPOINT: dict[tuple[str, str | None], TextIndex] = {}
_BUILD_LOCK = threading.Lock()


def text_index(store: Store) -> TextIndex:
    """The store's text index, built from the KB on first use (~0.1 s at the seed's size) and
    kept; threads asking at once wait for one build. An endpoint's index is kept for the
    process's life: after `kb push` replaces its KB, restart to search the new one."""
    index = _cached(store)
    if index is None:
        with _BUILD_LOCK:
            index = _cached(store)
            if index is None:
                index = TextIndex(documents(store))
                keep_index(store, index)
    return index


def _cached(store: Store) -> TextIndex | None:
    if isinstance(store, RemoteStore):
        return _BY_ENDPOINT.get((store.endpoint, store.graph))
    return _BY_STORE.get(store)


def keep_index(store: Store, index: TextIndex) -> None:
    """Make `index` the store's text index. text_index() does it after reading the KB; a caller
    that has the documents already (bench/queries.py, from the copies it wrote) does it itself."""
    if isinstance(store, RemoteStore):
        _BY_ENDPOINT[(store.endpoint, store.graph)] = index
    else:
        _BY_STORE[store] = index


# ---------------------------------------------------------------- the catalogue's answer


def answer(store: Store, question: Question, text: str) -> Result:
    """A question answered from the index (header `answer: text-index`): its columns from
    INDEX_COLUMNS, one row per hit in the index's order, cut at the store's row cap."""
    limit = min(QUESTION_LIMIT, store.row_cap)
    hits = text_index(store).search(text, limit + 1)
    variables = [column.name for column in question.columns]
    rows = [{name: _term(hit, name) for name in variables} for hit in hits[:limit]]
    truncated = len(hits) > limit and limit < QUESTION_LIMIT
    return Result(variables, rows, truncated, store.row_cap, {"answered-by": "text-index"})


def _term(hit: Hit, column: str) -> dict:
    """One SPARQL-JSON term of INDEX_COLUMNS, as a store would return it."""
    if column == "entity":
        return {"type": "uri", "value": hit.entity}
    if column == "class":
        return {"type": "uri", "value": hit.kind}
    if column == "label":
        named = dict(hit.labels)
        lang = "lv" if "lv" in named else next(iter(named), "")
        term = {"type": "literal", "value": hit.label("lv")}
        return {**term, "xml:lang": lang} if lang else term
    return {"type": "literal", "value": hit.where if column == "where" else hit.snippet}


__all__ = ["DOCUMENTS_QUERY", "Hit", "TextIndex", "answer", "documents", "keep_index", "text_index", "words"]
