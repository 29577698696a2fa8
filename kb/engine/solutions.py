"""A query's answer as the engine's rows: SPARQL JSON terms, cut at a row cap and at a size.

Runs in the query worker. Two ways to read a SELECT answer, giving the same rows and the same
cut (tests/test_worker_results.py):
- from the TSV that Oxigraph writes (the fast way): Oxigraph serialises in Rust, lines and
  cells are split with str methods, and each distinct cell is converted once, its literals in
  one Turtle parse. A Python object per term per row was most of the time of long answers
  (5 000 rows of 5 terms: 42 ms against 55-60 ms one solution at a time);
- one solution at a time (the exact way): for graphs, for answers without variables (whose
  rows are empty lines), and whenever the TSV cannot decide: a quoted triple in a cell, or a
  prefix stopped at its size bound before the cut was reached.

The size of a row is what its terms weigh (`weight`), counted on every row that carries them."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from itertools import chain

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
TERM_OVERHEAD = 16  # what a term costs beyond its text, in the size the byte cap counts


def answer(ox, result, rerun: Callable[[], object], row_cap: int, byte_cap: int) -> dict:
    """The payload of a SELECT (`result`: QuerySolutions) or a graph answer (an iterator of
    triples). `rerun` evaluates the query again, for when the fast way gives up."""
    graph = not isinstance(result, ox.QuerySolutions)
    variables = ["subject", "predicate", "object"] if graph else [v.value for v in result.variables]
    by_tsv = not graph and bool(variables)  # answers without variables are empty lines in TSV
    read = _from_tsv(ox, result, variables, row_cap, byte_cap) if by_tsv else None
    if read is None:  # the TSV gave up after reading `result`: evaluate it again
        read = _one_by_one(ox, rerun() if by_tsv else result, variables, graph, row_cap, byte_cap)
    rows, cut = read
    return {"vars": variables, "rows": rows, "truncated": cut is not None, "cut": cut, "graph": graph}


# ---------------------------------------------------------------- the fast way: Oxigraph's TSV


class _Enough(Exception):
    """Raised from `_Prefix.write` to stop Oxigraph's serialiser: enough has been written."""


class _Prefix:
    """Where Oxigraph writes the TSV, in chunks: kept until more than `max_lines` lines or
    `max_bytes` bytes are in, then the serialiser is stopped (so a capped answer is not
    written whole)."""

    def __init__(self, max_lines: int, max_bytes: int):
        self.chunks: list[bytes] = []
        self.lines = self.size = 0
        self.max_lines, self.max_bytes = max_lines, max_bytes
        self.stopped = False

    def write(self, chunk) -> int:
        if self.stopped:  # a buffered writer retries its buffer when it is dropped
            raise _Enough
        chunk = bytes(chunk)
        self.chunks.append(chunk)
        self.lines += chunk.count(b"\n")
        self.size += len(chunk)
        if self.lines > self.max_lines or self.size > self.max_bytes:
            self.stopped = True
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        """Oxigraph flushes its output when done; the chunks are already here."""


def _from_tsv(ox, solutions, variables: list[str], row_cap: int, byte_cap: int) -> tuple[list[dict], str | None] | None:
    # The weight counts characters, the TSV bytes: up to 4 per character (UTF-8), 2 for an
    # escaped one. So four times the cap (and a margin for tiny caps) holds every row the byte
    # cap can let through, and a stop before the cut (which costs a second evaluation) takes
    # a language tag longer than the weight's margin.
    prefix = _Prefix(max_lines=row_cap + 1, max_bytes=4 * byte_cap + 4096)
    with contextlib.suppress(_Enough):
        solutions.serialize(prefix, format=ox.QueryResultsFormat.TSV)
    cells = _split(prefix.chunks, row_cap)
    if any(len(row) != len(variables) for row in cells):
        return None
    distinct = set(chain.from_iterable(cells))
    converted = _convert_cells(ox, distinct)
    if converted is None:
        return None
    term_of, weight_of = converted
    whole = not prefix.stopped and len(cells) <= row_cap
    if whole and sum(map(weight_of.__getitem__, chain.from_iterable(cells))) <= byte_cap:
        # No cut, so no counting row by row; without an unbound cell, no test per row either.
        if "" in distinct:
            return [_row(variables, row, term_of) for row in cells], None
        term = term_of.__getitem__
        return [dict(zip(variables, map(term, row), strict=False)) for row in cells], None  # lengths checked above
    return _cut_rows(cells, variables, term_of, weight_of, row_cap, byte_cap)


def _row(variables: list[str], row: list[str], term_of: dict[str, dict]) -> dict:
    if "" in row:  # unbound: not in the row
        return {name: term_of[cell] for name, cell in zip(variables, row, strict=True) if cell}
    return dict(zip(variables, map(term_of.__getitem__, row), strict=True))


def _cut_rows(cells, variables, term_of, weight_of, row_cap: int, byte_cap: int) -> tuple[list[dict], str] | None:
    """The rows up to the cut, counted row by row; None when the cells end before it (the
    prefix stopped early: the caller reads the answer exactly)."""
    rows, size = [], 0
    for row in cells:
        if len(rows) >= row_cap:
            return rows, "rows"
        size += sum(map(weight_of.__getitem__, row))
        if size > byte_cap:
            return rows, "bytes"
        rows.append(_row(variables, row, term_of))
    return None


def _split(chunks: list[bytes], row_cap: int) -> list[list[str]]:
    """The cells of the first row_cap + 1 whole lines after the header. Each copy is let go
    once the next is made, so a long answer is held about twice, not five times."""
    written = b"".join(chunks)
    chunks.clear()
    # Up to the last line end: a stop can cut a line, and a chunk can end inside a character.
    text = written[: written.rfind(b"\n") + 1].decode("utf-8")
    del written
    lines = text.split("\n", row_cap + 2)  # the last part: '' after the last line end, or the rest
    del text
    lines.pop()
    return [line.split("\t") for line in lines[1 : row_cap + 2]]


def _convert_cells(ox, cells: set[str]) -> tuple[dict[str, dict], dict[str, int]] | None:
    """Each distinct TSV cell as a SPARQL JSON term and its weight; None for a cell that is not
    a term this module reads (a quoted triple, a literal Oxigraph's Turtle parser refuses)."""
    term_of: dict[str, dict] = {}
    weight_of = {"": 0}
    literals = []
    for cell in cells:
        if cell.startswith("<<"):
            return None
        if cell.startswith("<"):
            term_of[cell] = {"type": "uri", "value": cell[1:-1]}
        elif cell.startswith("_:"):
            term_of[cell] = {"type": "bnode", "value": cell[2:]}
        elif cell:
            term = _quoted_literal(cell)
            if term is None:
                literals.append(cell)
            else:
                term_of[cell] = term
    if literals:
        # The rest (escaped text, bare numbers and booleans) is written as in Turtle:
        # Oxigraph's own Turtle parser reads them back, all in one document.
        document = "".join(f"<x:s> <x:p> {cell} .\n" for cell in literals).encode("utf-8")
        try:
            parsed = [triple.object for triple in ox.parse(document, format=ox.RdfFormat.TURTLE)]
        except (SyntaxError, ValueError, MemoryError):  # MemoryError: a token over its 16 MiB
            return None
        if len(parsed) != len(literals):
            return None
        term_of.update((cell, term_json(ox, literal)) for cell, literal in zip(literals, parsed, strict=True))
    weight_of.update((cell, weight(term)) for cell, term in term_of.items())
    return term_of, weight_of


def _quoted_literal(cell: str) -> dict | None:
    """A quoted literal with no escape in it, read by slicing: its text holds no quote (a quote
    would be escaped), so the last quote closes it. None for anything else."""
    if not cell.startswith('"') or "\\" in cell:
        return None
    end = cell.rindex('"')
    if end == 0:
        return None
    value, rest = cell[1:end], cell[end + 1 :]
    if not rest:
        return {"type": "literal", "value": value}
    if rest.startswith("@") and len(rest) > 1:
        language, _, direction = rest[1:].partition("--")  # "x"@en--ltr: a base direction
        term = {"type": "literal", "value": value, "xml:lang": language}
        return term | {"its:dir": direction} if direction else term
    if rest.startswith("^^<") and rest.endswith(">"):
        return {"type": "literal", "value": value, "datatype": rest[3:-1]}
    return None


# ---------------------------------------------------------------- the exact way: one at a time


def _one_by_one(ox, result, variables: list[str], graph: bool, row_cap: int, byte_cap: int) -> tuple[list[dict], str | None]:
    rows: list[dict] = []
    term = _TermConverter(ox)
    for item in result:
        if len(rows) >= row_cap:
            return rows, "rows"
        if graph:
            row = {"subject": term(item.subject), "predicate": term(item.predicate), "object": term(item.object)}
        else:
            row = {name: term(value) for name, value in zip(variables, item, strict=True) if value is not None}
        if term.size > byte_cap:
            return rows, "bytes"
        rows.append(row)
    return rows, None


class _TermConverter:
    """SPARQL JSON terms for one query's results, each distinct term converted once; `size`
    counts what the terms converted so far weigh in the result (for the byte cap).

    Results repeat their terms (a measure on each of its rows, a class, a language tag); the
    rows share the dicts, which are never changed after this, and pickling sends each once."""

    def __init__(self, ox):
        self._ox = ox
        self._done: dict = {}
        self.size = 0

    def __call__(self, term) -> dict:
        done = self._done.get(term)
        if done is None:
            converted = term_json(self._ox, term)
            done = self._done[term] = (converted, weight(converted))
        self.size += done[1]
        return done[0]


def term_json(ox, term) -> dict:
    """An Oxigraph term as a SPARQL JSON term."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
        if term.direction is not None:  # RDF 1.2's "x"@en--ltr, as Oxigraph's JSON writes it
            out["its:dir"] = str(term.direction)
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def weight(term: dict) -> int:
    return len(term["value"]) + len(term.get("datatype", "")) + TERM_OVERHEAD
