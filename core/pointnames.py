"""The one way a Recommendation point is named, in Latvian and in English: page headings,
links, the compliance tables and the KB's own labels (loaders/reference.py) all use it.

Latvian names the point as the Latvian legal style does ("Ieteikuma 10. punkta h)
apakšpunkts"), English as EU texts cite it ("Recommendation point 10(h)")."""

from __future__ import annotations

from core.notation.articles import PointRef, parse_point_query

# (whole point, sub-point, sub-item) per language; {n} number, {l} letter, {s} sub-item.
_NAMES = {
    "lv": (
        "Ieteikuma {n}. punkts",
        "Ieteikuma {n}. punkta {l}) apakšpunkts",
        "Ieteikuma {n}. punkta {l}) apakšpunkta {s}) daļa",
    ),
    "en": (
        "Recommendation point {n}",
        "Recommendation point {n}({l})",
        "Recommendation point {n}({l})({s})",
    ),
}


def point_name(point: PointRef, language: str) -> str:
    """'Ieteikuma 10. punkta h) apakšpunkts' (lv) / 'Recommendation point 10(h)' (en); other
    languages get the Latvian name, as the rest of the UI falls back to Latvian."""
    templates = _NAMES.get(language, _NAMES["lv"])
    level = 2 if point.sub else 1 if point.letter else 0
    return templates[level].format(n=point.number, l=point.letter, s=point.sub)


def point_name_of(notation: str, language: str) -> str:
    """The name of a point given as the plan writes it ('10 h)', '16.') or as people type it
    ('10h'); a NotationError when it is not one point."""
    return point_name(parse_point_query(notation), language)
