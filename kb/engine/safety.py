"""Free SPARQL is parsed before it runs: read-only, no SERVICE, no FROM.

Both rdflib and Oxigraph would fetch a SERVICE over HTTP, and a FROM could name
a remote graph, so such queries are refused before any store sees them."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from core import parsing
from core.errors import QueryError
from kb.engine.prefixes import first_use

if TYPE_CHECKING:
    from pyparsing import ParseException

# rdflib's SPARQL grammar (pyparsing) is imported where queries are checked, never at this
# module's import: a process that only sends queries (the UI's server, which imports
# `normalise`) does without it (~0.1 s and ~11 MB).

READ_ONLY = "This is a read-only knowledge base: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, …) are not allowed."


def normalise(text: str) -> str:
    """The text the check and every store see, never the raw one; two parser differences made
    the check read another query than the store ran:
    - one line end: SPARQL ends a comment at CR or LF; rdflib only at LF, Oxigraph at either,
      so '# x\\rSERVICE …' was a comment to the check and a SERVICE to the store;
    - \\uXXXX escapes written out: SPARQL (and rdflib) replace them everywhere before parsing,
      Oxigraph only inside strings, so '\\u0022' could close a string for the check and not for
      the store. Expanded until nothing changes, since an escape can spell another one."""
    if "\\u" in text or "\\U" in text:
        text = _expand_escapes(text)
    # After the escapes: one of them may have spelled a CR.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _expand_escapes(text: str) -> str:
    # rdflib's own expansion, as its parser does it; imported here, since importing the parser
    # builds the whole SPARQL grammar, which a process that only sends queries does not need.
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    for _ in range(len(text)):
        expanded = expandUnicodeEscapes(text)
        if expanded == text:
            break
        text = expanded
    return text


def check_query(text: str) -> str:
    """Return the query form (SelectQuery, AskQuery, ConstructQuery, DescribeQuery) or raise QueryError."""
    text = normalise(text)
    with parsing.SPARQL_PARSER_LOCK:  # rdflib's parser is not thread-safe (core/parsing.py)
        return _check_cached(text) if len(text) <= _CACHED_LENGTH else _check(text)


def load_grammar() -> None:
    """Build rdflib's SPARQL grammar now: a process whose workers are forks (kb serve) builds
    it once, before forking, and every new worker starts with it."""
    import rdflib.plugins.sparql.parser  # noqa: F401


def _check(text: str) -> str:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseException as error:
        if _is_update(text):
            raise QueryError("refused", READ_ONLY, text) from None
        raise QueryError("syntax", _syntax_message(error), text, error.lineno, error.col) from None
    except RecursionError:
        raise  # too deep to check: the worker refuses it as such (never a syntax error)
    except Exception as error:  # rdflib raises plain exceptions for e.g. bad IRIs
        raise QueryError("syntax", "syntax error: " + _one_line(str(error)), text) from None
    _check_prefixes(parsed, text)
    query = parsed[1]
    if "datasetClause" in query and list(query["datasetClause"]):
        raise QueryError("refused", "FROM and FROM NAMED are not allowed: queries run on this knowledge base only.", text)
    if _contains(parsed, "ServiceGraphPattern"):
        raise QueryError("refused", "SERVICE (including SERVICE SILENT) is not allowed: no remote requests are made.", text)
    return query.name


# pyparsing names the outermost rule that failed ('Expected SelectQuery'), which says little;
# the token where reading stopped says more, and the position is shown apart (line, caret).
_QUERY_FORMS = "Expected {SelectQuery | ConstructQuery | DescribeQuery | AskQuery}"


def _syntax_message(error: ParseException) -> str:
    """One short line: what was expected where the parser could tell, else what it found."""
    found = _one_line(error.found or "", 40)
    found = "the end of the query" if found in ("", "end of text") else found
    if error.msg == _QUERY_FORMS:
        return f"syntax error: expected SELECT, CONSTRUCT, DESCRIBE or ASK, found {found}"
    if error.msg == "Expected end of text":
        return f"syntax error: expected the end of the query, found {found}"
    return f"syntax error: unexpected {found}"


def _one_line(text: str, limit: int = 160) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _check_prefixes(parsed, text: str) -> None:
    """A prefixed name needs its PREFIX: rdflib's parser lets an unknown one through, and the
    store would then fail with its own grammar dump."""
    declared = {decl.get("prefix") or "" for decl in parsed[0] if decl.name == "PrefixDecl"}
    for prefix in _pname_prefixes(parsed[1]):
        if prefix not in declared:
            line, column = first_use(text, prefix) or (None, None)
            message = f"unknown prefix '{prefix}:'; declare it with PREFIX {prefix}: <…>"
            raise QueryError("syntax", message, text, line, column)


@functools.cache
def _comp_value() -> type:
    """The type of the parser's nodes (imported by the check that made them)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    return CompValue


def _pname_prefixes(node):
    if isinstance(node, _comp_value()):
        if node.name == "pname":
            yield node.get("prefix") or ""
        for value in node.values():
            yield from _pname_prefixes(value)
    elif isinstance(node, (list, tuple)) or (hasattr(node, "asList") and not isinstance(node, str)):
        for value in node:
            yield from _pname_prefixes(value)


# The same questions come back all the time and a parse costs ~20 ms, so answers for
# queries of ordinary size are kept (a refusal is an exception, which is not kept).
_CACHED_LENGTH = 20_000
_check_cached = functools.lru_cache(maxsize=512)(_check)


_UPDATE_WORDS = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def _is_update(text: str) -> bool:
    """An update names an operation; an empty text (or prologue only) parses as an empty update but is just a bad query."""
    if not _UPDATE_WORDS.search(text):
        return False
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _contains(node, name: str) -> bool:
    if isinstance(node, _comp_value()):
        if node.name == name:
            return True
        return any(_contains(v, name) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_contains(v, name) for v in node)
    if hasattr(node, "asList") and not isinstance(node, str):
        return any(_contains(v, name) for v in node)
    return False
