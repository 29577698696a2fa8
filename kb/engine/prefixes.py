"""Prefixed names in a query's text: which prefixes it uses and declares, and the project's
PREFIX lines for those it uses without declaring (the CLI's `kb sparql`, like the UI's
editor, knows rsf:, skos:, … without a prologue).

The text is read after comments, string literals and IRIs are blanked out (`blank_literals`),
so 'rsf:' inside a string or a comment is not a use."""

from __future__ import annotations

import re

from core.namespaces import PREFIXES

_LEXEMES = re.compile(
    r"""(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)"""
    r'''|(?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\')'''
    r"""|(?P<short>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"""|(?P<comment>\#[^\n]*)""",
    re.S,
)
# A prefixed name's prefix (PN_PREFIX, possibly empty) and its colon; not the second colon of a
# local name (rsf:a:b), not a blank node (_:b), not inside a variable's name.
_PNAME = re.compile(r"(?<![\w.\-:?$])((?:[^\W\d_][\w.\-]*)?):")
_DECLARED = re.compile(r"\bPREFIX\s+((?:[^\W\d_][\w.\-]*)?)\s*:", re.IGNORECASE)


def blank_literals(text: str) -> str:
    """The query with comments, string literals and IRIs replaced by spaces (lines kept),
    so that what is left are keywords, prefixed names and variables."""
    return _LEXEMES.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


def declared_prefixes(text: str) -> set[str]:
    return set(_DECLARED.findall(blank_literals(text)))


def used_prefixes(text: str) -> list[str]:
    """Prefixes of the prefixed names in the text (declarations left out), in order of first use."""
    blank = _DECLARED.sub(lambda m: " " * len(m[0]), blank_literals(text))
    return list(dict.fromkeys(_PNAME.findall(blank)))


def first_use(text: str, prefix: str) -> tuple[int, int] | None:
    """Line and column (from 1) of the first prefixed name with this prefix."""
    blank = _DECLARED.sub(lambda m: " " * len(m[0]), blank_literals(text))
    for match in _PNAME.finditer(blank):
        if match[1] == prefix:
            start = match.start()
            return blank.count("\n", 0, start) + 1, start - (blank.rfind("\n", 0, start) + 1) + 1
    return None


def with_prefixes(query: str, known: dict = PREFIXES) -> tuple[str, int]:
    """The query with a PREFIX line for every known prefix it uses but does not declare, and
    the number of lines added in front (to report positions in the user's own text)."""
    declared = declared_prefixes(query)
    missing = [prefix for prefix in used_prefixes(query) if prefix in known and prefix not in declared]
    lines = "".join(f"PREFIX {prefix}: <{known[prefix]}>\n" for prefix in sorted(missing, key=list(known).index))
    return lines + query, len(missing)
