"""Search across everything people read: titles (labels, numbers, abbreviations) and what the
entities say (results, indicators, targets, footnote texts, …), in one SQLite FTS5 index.

Why FTS5: it is in Python's standard library (no service, no wheel to build), ranks with
BM25, and answers prefix queries from its index. Latvian has no Snowball stemmer, so the
index holds the words' stems from core/stemming.py (folded: no case, no diacritics), and a
query's words are stemmed the same way and matched as prefixes: 'mājokļu', 'majoklis' and
'mājokļiem' find the same measures, and so does a word still being typed ('veselīb').

The index is built from the KB through any store (the same SPARQL on the embedded store or an
endpoint), so the CLI, the catalogue's `search` question and the UI rank alike."""

from __future__ import annotations

import functools
import sqlite3
import threading
from dataclasses import dataclass

from core.namespaces import PRES, RSF
from core.stemming import search_keys, words

# What names an entity: searched as its title; everything else it says is its body.
TITLE_PREDICATES = ("rdfs:label", "skos:notation", "rsf:abbreviation", "rsf:fundCode", "rsf:measureNumber", "dcterms:identifier")
NOT_SEARCHED = ("rsf:searchKey", "rsf:sourceFile", "skos:editorialNote")
DOCUMENTS_QUERY = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rsf: <{RSF}>
PREFIX pres: <{PRES}>
SELECT ?entity ?class ?field ?text WHERE {{
  ?class pres:explorable true .
  ?entity a ?class .
  {{
    ?entity {"|".join(TITLE_PREDICATES)} ?text .
    BIND("title" AS ?field)
  }} UNION {{
    {{ ?entity ?p ?text }} UNION {{ ?row rsf:rowOf ?entity . ?row ?p ?text }}
    FILTER(isLiteral(?text) && (DATATYPE(?text) = xsd:string || LANG(?text) != ""))
    FILTER(?p NOT IN ({", ".join(TITLE_PREDICATES + NOT_SEARCHED)}))
    BIND("body" AS ?field)
  }}
}}
"""
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
SNIPPET_WORDS = 12
MARK = ("«", "»")  # plain characters: the UI shows snippets as text, never as Markdown


@dataclass(frozen=True)
class Hit:
    entity: str
    classes: tuple[str, ...]
    in_title: bool
    exact: bool  # a title word is exactly a query word (ESF before ESF+ and ESF-funded programmes)
    whole: bool  # one whole title (a code, an abbreviation, a name) is the query: the fund ESF first
    score: float  # BM25, lower is better (SQLite's sign)
    snippet: str  # the matching words between « », in the text where they were found


class TextIndex:
    """An in-memory FTS5 index; one connection, used under a lock (sessions share it)."""

    def __init__(self, rows: list[dict[str, str]]):
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE docs USING fts5(entity UNINDEXED, title, body, tokenize='unicode61')")
        self._texts: dict[str, dict[str, list[str]]] = {}
        self._classes: dict[str, set[str]] = {}
        for row in rows:
            entity = row["entity"]
            self._classes.setdefault(entity, set()).add(row["class"])
            texts = self._texts.setdefault(entity, {"title": [], "body": []})
            if row["text"] not in texts[row["field"]]:
                texts[row["field"]].append(row["text"])
        # Each title's keys, kept for ranking: ranking then needs no stemming at query time.
        self._title_keys: dict[str, list[tuple[str, ...]]] = {
            entity: [tuple(search_keys(title)) for title in texts["title"]] for entity, texts in self._texts.items()
        }
        self._db.executemany(
            "INSERT INTO docs (entity, title, body) VALUES (?, ?, ?)",
            [
                (entity, " ".join(k for title in self._title_keys[entity] for k in title), " ".join(_keys(texts["body"])))
                for entity, texts in sorted(self._texts.items())
            ],
        )
        self._db.commit()

    def __len__(self) -> int:
        return len(self._texts)

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        """Entities whose words start with every word of `text` (as stems); title matches
        first, then by BM25."""
        keys = [k for k in dict.fromkeys(search_keys(text)) if k]
        if not keys:
            return []
        match = " AND ".join(f'"{key}"*' for key in keys)  # keys are \\w+ only: no quoting to escape
        with self._lock:
            found = self._db.execute(
                f"SELECT entity, bm25(docs, 0.0, {TITLE_WEIGHT}, {BODY_WEIGHT}) FROM docs WHERE docs MATCH ?",
                (match,),
            ).fetchall()
        ranked = sorted((self._rank(entity, score, keys) for entity, score in found), key=lambda r: r[0])
        # Snippets only for what is shown: finding the words costs more than ranking.
        return [self._hit(entity, score, flags, keys) for (_, entity, score, flags) in ranked[:limit]]

    def _rank(self, entity: str, score: float, keys: list[str]) -> tuple:
        titles = self._title_keys[entity]
        words = {k for title in titles for k in title}
        in_title = all(any(k.startswith(q) for k in words) for q in keys)
        exact = in_title and all(q in words for q in keys)
        whole = tuple(keys) in titles
        return (not in_title, not whole, not exact, score, entity), entity, score, (in_title, exact, whole)

    def _hit(self, entity: str, score: float, flags: tuple[bool, bool, bool], keys: list[str]) -> Hit:
        in_title, exact, whole = flags
        texts = self._texts[entity]
        snippet = next((s for s in (_snippet(t, keys) for t in texts["title" if in_title else "body"]) if s), "")
        return Hit(entity, tuple(sorted(self._classes[entity])), in_title, exact, whole, score, snippet)


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


__all__ = ["DOCUMENTS_QUERY", "Hit", "TextIndex", "words"]
