"""Policy references: 'NIPP, 4.1.4.1., NAP2027 34974', 'SPASAP, 3.2.5.pasākums54',
'Tiesībsarga likuma 11.panta 1., 2., 5. punkts'.

The parser is given the known documents (code -> spellings) and the row's
footnote numbers, so glued-on footnote marks can be told from provision numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from core.errors import NotationError
from core.notation.footnotes import strip_trailing_footnote

_KIND_WORDS = ("pasākums", "uzdevums", "punkts", "punktu")
# NAP2027 tasks have at most three digits; more digits mean a glued footnote.
_MAX_TASK_DIGITS = 3


@dataclass(frozen=True)
class PolicyRef:
    document: str  # document code, e.g. 'NIPP'
    provisions: tuple[str, ...] = ()  # e.g. ('4.1.4.1',) or ('11.5',) for article 11 paragraph 5
    footnotes: tuple[int, ...] = ()
    notes: tuple[str, ...] = field(default=())


def parse_policy_refs(text: str, documents: Mapping[str, Sequence[str]], footnotes: Sequence[int] = ()) -> list[PolicyRef]:
    """Split a cell into references to known documents with their provisions."""
    cleaned = " ".join(text.replace("\n", " ").split())
    if not cleaned:
        return []
    spans = _find_documents(cleaned, documents)
    if not spans or (spans[0][0] != 0 and cleaned[: spans[0][0]].strip(" ,;.")):
        unknown = cleaned[: spans[0][0]] if spans else cleaned
        raise NotationError(f"unknown policy document {unknown.strip()!r} in {text!r}")
    refs = []
    for index, (_start, end, code) in enumerate(spans):
        stop = spans[index + 1][0] if index + 1 < len(spans) else len(cleaned)
        refs.append(_parse_provisions(code, cleaned[end:stop], list(footnotes), text))
    return refs


def _find_documents(text: str, documents: Mapping[str, Sequence[str]]) -> list[tuple[int, int, str]]:
    aliases = sorted(
        ((alias, code) for code, names in documents.items() for alias in names),
        key=lambda item: -len(item[0]),
    )
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for alias, code in aliases:
        for match in re.finditer(rf"(?<!\w){re.escape(alias)}(?=\d|\W|$)", text):
            if any(match.start() < e and match.end() > s for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), match.end(), code))
    return sorted(found)


def _parse_provisions(code: str, tail: str, footnotes: list[int], original: str) -> PolicyRef:
    body = tail.strip(" ,;")
    notes: list[str] = []
    used: list[int] = []
    if not body.strip("."):
        return PolicyRef(code)
    article = re.match(r"^(\d+)\.\s*panta\s+(.*?)\s*punkt[su]\.?$", body)
    if article:
        numbers = re.findall(r"\d+", article[2])
        if not numbers:
            raise NotationError(f"no paragraph number after '{article[1]}.panta' in {original!r}")
        return PolicyRef(code, tuple(f"{article[1]}.{n}" for n in numbers))
    provisions = []
    for token in re.split(r"[\s,;]+", body):
        if not token.strip(".") or token.rstrip(".") in _KIND_WORDS:
            continue
        number, kind_word, footnote = _split_token(token, footnotes)
        if footnote is not None:
            used.append(footnote)
        if not number:
            if kind_word or footnote is not None:
                continue
            raise NotationError(f"unexpected {token!r} after {code} in {original!r}")
        if re.fullmatch(r"\d+", number) and len(number) > _MAX_TASK_DIGITS:
            head, glued = number[:_MAX_TASK_DIGITS], int(number[_MAX_TASK_DIGITS:])
            notes.append(f"'{number}' read as {code} {head} with footnote {glued} glued on")
            used.append(glued)
            number = head
        elif footnote is not None and re.fullmatch(r"\d+", number):
            notes.append(f"'{number}{footnote}' read as {code} {number} with footnote {footnote} glued on")
        provisions.append(number.rstrip("."))
    return PolicyRef(code, tuple(provisions), tuple(used), tuple(notes))


def _split_token(token: str, footnotes: list[int]) -> tuple[str, str | None, int | None]:
    """'3.2.5.pasākums54' -> ('3.2.5.', 'pasākums', 54); '1.4.2.71' -> ('1.4.2.', None, 71)."""
    match = re.fullmatch(r"((?:\d+\.)*\d*\.?)([^\W\d]+)?(\d+)?\.?", token)
    if not match:
        raise NotationError(f"unknown provision notation {token!r}")
    number, word, trailing = match[1], match[2], match[3]
    if word and word.lower() not in _KIND_WORDS:
        raise NotationError(f"unknown provision word {word!r} in {token!r}")
    footnote = None
    if trailing and word:
        footnote = int(trailing)  # digits after a word are always a footnote mark
    elif trailing and number.endswith("."):
        footnote = int(trailing)  # '1.4.2.71': a closed number then digits
    elif trailing:
        number += trailing
    if not word and re.fullmatch(r"(?:\d+\.)+\d+", number) and footnote is None:
        # Provisions are written closed ('4.1.4.1.'); digits after the last dot are a mark.
        head, _, digits = number.rpartition(".")
        return head + ".", word, int(digits)
    if not word and number and not number.endswith(".") and footnotes:
        head, glued = strip_trailing_footnote(number, footnotes)
        if glued is not None and head:
            number, footnote = head, glued
    return number, word, footnote
