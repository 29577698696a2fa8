"""Links to points of the Council Recommendation, e.g. '2 e), 10 h), 9 a) i), 24.'.

The plan writes a whole point as '16.', a sub-point as '10 h)' and a sub-item as
'9 a) i)'. The same parser reads what people type in a search box: '10h',
'10(h)', 'point 10(h)', '9(a)(i)'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import NotationError

_ROMANS = ("viii", "vii", "iii", "vi", "iv", "ix", "ii", "v", "x", "i")
_ROMAN = "|".join(_ROMANS)
_ROMANS_ORDER = {r: f"{i:02d}" for i, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"), start=1)}
_ITEM = re.compile(
    rf"""(?P<num>\d{{1,2}})(?!\d)
        (?:
            \s*\(?\s*(?P<letter>[a-z])\s*\)
            (?:\s*\(?\s*(?P<sub>{_ROMAN})\s*\))?
          | \s*(?P<dot>\.)
        )?""",
    re.VERBOSE,
)
_SEPARATOR = re.compile(r"[\s,;]*")
_QUERY_PREFIX = re.compile(r"^\s*(?:point|punkts|pants|art(?:icle)?\.?|p\.)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class PointRef:
    number: int
    letter: str | None = None
    sub: str | None = None

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (self.number, self.letter or "", _ROMANS_ORDER.get(self.sub or "", ""))

    def __lt__(self, other: PointRef) -> bool:
        return self.sort_key < other.sort_key

    @property
    def id(self) -> str:
        """Readable IRI segment: '10h', '9a-i', '16'."""
        return f"{self.number}{self.letter or ''}{'-' + self.sub if self.sub else ''}"

    @property
    def notation(self) -> str:
        """The plan's own notation: '16.', '10 h)', '9 a) i)'."""
        if self.letter is None:
            return f"{self.number}."
        return f"{self.number} {self.letter})" + (f" {self.sub})" if self.sub else "")

    @property
    def parent(self) -> PointRef | None:
        if self.sub:
            return PointRef(self.number, self.letter)
        if self.letter:
            return PointRef(self.number)
        return None

    @property
    def level(self) -> int:
        return 1 + (self.letter is not None) + (self.sub is not None)


def parse_article_refs(text: str, *, strict: bool = True) -> list[PointRef]:
    """Parse a 'Sasaiste ar Ieteikuma pantu' cell.

    strict=True is the plan's notation: a whole point must end in '.', as in '16.'.
    strict=False also accepts a bare number ('16') at the end or before a comma.
    """
    refs: list[PointRef] = []
    position = _SEPARATOR.match(text, 0).end()
    while position < len(text):
        match = _ITEM.match(text, position)
        if not match or match.end() == position:
            raise NotationError(
                f"unknown article notation at {text[position : position + 12]!r} in {text!r}: "
                "expected e.g. '2 e)', '9 a) i)' or '16.'"
            )
        if match["letter"] is None and match["dot"] is None:
            rest = text[match.end() :]
            if strict or not re.match(r"^\s*(?:[,;]|$)", rest):
                raise NotationError(f"point {match['num']!r} needs '.' or a letter such as '{match['num']} a)' in {text!r}")
        number = int(match["num"])
        if number == 0:
            raise NotationError(f"there is no point 0 in {text!r}")
        refs.append(PointRef(number, match["letter"], match["sub"]))
        position = _SEPARATOR.match(text, match.end()).end()
    if not refs:
        raise NotationError("no article reference given")
    return refs


def parse_point_query(text: str) -> PointRef:
    """Read one point as a person would type it: '10 h)', '10h', '10(h)', 'point 10(h)', '10'."""
    cleaned = _QUERY_PREFIX.sub("", text.strip())
    compact = re.fullmatch(rf"(\d{{1,2}})\s*([a-z])(?:\s*[-(]?\s*({_ROMAN})\)?)?", cleaned.lower())
    if compact:
        return PointRef(int(compact[1]), compact[2], compact[3])
    refs = parse_article_refs(cleaned.lower(), strict=False)
    if len(refs) != 1:
        raise NotationError(f"expected one point, got {len(refs)} in {text!r}")
    return refs[0]
