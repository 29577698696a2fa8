"""Facets of the measures list (Datasette/Kohesio style): which measures a set of filters
keeps, and how many each filter value would keep. Pure functions, no Streamlit, so they are
tested directly; 31 measures are few enough to count in Python.

Within a facet the chosen values are alternatives (OR); different facets must all hold (AND).
Institution and role form one group: a measure matches when one of its (institution, role)
pairs fits both, so "KM, responsible" does not find a measure where KM is only co-responsible."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from core.errors import NotationError
from core.notation.articles import parse_point_query
from core.notation.deadlines import Deadline, parse_deadline
from core.ordering import measure_sort_key
from core.pointnames import point_name_of
from core.textfold import fold

# The URL parameters, in the order the page shows them.
FACETS = ("domain", "fund", "institution", "role", "point", "horizon", "money")
# Facets that describe one link together (each tuple is one group; the others stand alone).
GROUPS: tuple[tuple[str, ...], ...] = (
    ("domain",),
    ("fund",),
    ("institution", "role"),
    ("point",),
    ("horizon",),
    ("money",),
)
ROLES = ("responsible", "co-responsible")
HORIZONS = ("by-2023", "after-2023", "not-time-limited")
MONEY = ("not-secured", "secured", "no-amounts")
# The plan covers 2022–2023: a measure "continues" when its implementation goes past this day.
PLAN_END = "2023-12-31"

Item = Mapping[tuple[str, ...], frozenset[tuple[str, ...]]]  # group -> the measure's value tuples
Selection = Mapping[str, frozenset[str]]  # facet -> chosen values (empty: not filtered)


def group_of(facet: str) -> tuple[str, ...]:
    return next(group for group in GROUPS if facet in group)


def _fits(values: tuple[str, ...], group: tuple[str, ...], selection: Selection) -> bool:
    return all(not selection.get(facet) or value in selection[facet] for facet, value in zip(group, values, strict=True))


def _group_matches(item: Item, group: tuple[str, ...], selection: Selection) -> bool:
    if not any(selection.get(facet) for facet in group):
        return True
    return any(_fits(values, group, selection) for values in item.get(group, ()))


def matches(item: Item, selection: Selection, skip: tuple[str, ...] | None = None) -> bool:
    """Every group's filters hold (AND); `skip` leaves one group out."""
    return all(_group_matches(item, group, selection) for group in GROUPS if group != skip)


def filtered(items: Mapping[str, Item], selection: Selection) -> list[str]:
    """The measures the selection keeps, by measure number."""
    return sorted((key for key, item in items.items() if matches(item, selection)), key=measure_sort_key)


def counts(items: Mapping[str, Item], selection: Selection, facet: str) -> Counter[str]:
    """For each value of `facet`: how many measures remain if it were the facet's only choice,
    given the other filters (the facet's own choices are left out, as in Datasette)."""
    group = group_of(facet)
    position = group.index(facet)
    rest = {**selection, facet: frozenset()}
    found: Counter[str] = Counter()
    for item in items.values():
        if not matches(item, rest, skip=group):
            continue
        found.update({values[position] for values in item.get(group, ()) if _fits(values, group, rest)})
    return found


def is_empty(selection: Selection) -> bool:
    return not any(selection.values())


# ------------------------------------------------------------------ values computed per measure


def horizon(deadline: str, horizons: int, horizon_end: str) -> str:
    """How long a measure runs: chapter V and the footnotes may set an end (or none at all)
    beyond the printed deadline, which then stays as printed."""
    if horizons and not horizon_end:
        return "not-time-limited"
    end = max(filter(None, [deadline, horizon_end]), default="")
    return "after-2023" if end > PLAN_END else "by-2023"


def money_status(planned_lines: int, not_secured_lines: int) -> str:
    if not_secured_lines:
        return "not-secured"
    return "secured" if planned_lines else "no-amounts"


def _number(value) -> int:
    return 0 if value is None or value != value else int(value)


def _text(value) -> str:
    return "" if value is None or value != value else str(value)


def items_from(measures: Iterable[Mapping[str, Any]], links: Iterable[Mapping[str, Any]]) -> dict[str, Item]:
    """Measure number -> its facet values, from the rows of the views measure-list and measure-facets."""
    measures = list(measures)
    number = {row["measure"]: row["measure_id"] for row in measures}
    found: dict[str, dict[tuple[str, ...], set[tuple[str, ...]]]] = {key: {} for key in number.values()}
    for row in links:
        key = number.get(row["measure"])
        if key is None:
            continue
        if row["facet"] == "institution":
            found[key].setdefault(("institution", "role"), set()).add((row["value"], row["how"]))
        elif row["facet"] == "point":
            found[key].setdefault(("point",), set()).add((point_key(row["value"]),))
        else:
            found[key].setdefault((row["facet"],), set()).add((row["value"],))
    for row in measures:
        values = found[row["measure_id"]]
        values[("horizon",)] = {(horizon(_text(row["deadline"]), _number(row["horizons"]), _text(row["horizon_end"])),)}
        values[("money",)] = {(money_status(_number(row["planned_lines"]), _number(row["not_secured_lines"])),)}
    return {key: {group: frozenset(values) for group, values in groups.items()} for key, groups in found.items()}


def short_name(name: str) -> str:
    """A name without its closing bracketed detail: 'Eiropas Sociālais fonds (ESF darbības
    programma …)' -> 'Eiropas Sociālais fonds'; a name that is all brackets stays whole."""
    short = re.sub(r"\s*\([^()]*\)\s*$", "", name)
    return short or name


# ------------------------------------------------------------------ the URL: values as text


def join(values: Iterable[str]) -> str:
    return ",".join(values)


def resolver(values: Iterable[str], parse: Callable[[str], str | None] | None = None) -> Callable[[str], str | None]:
    """Reads a URL value as one of `values`, ignoring case and diacritics ('pasvaldibas' is
    'pašvaldības'). A '+' typed into a URL arrives as a space, so 'ESF ' is read as 'ESF+'
    first. `parse` is tried last (points: '10 h)', '10(h)')."""
    known = {fold(value): value for value in values}

    def resolve(text: str) -> str | None:
        for key in (fold(text.replace(" ", "+")), fold(text)):
            if key in known:
                return known[key]
        return parse(text) if parse else None

    return resolve


def parse_values(text: str, resolve: Callable[[str], str | None]) -> tuple[list[str], list[str]]:
    """(known values in the URL's order without repeats, unknown parts as written). The parts
    go to `resolve` unstripped: a trailing space may be a '+'."""
    known: list[str] = []
    unknown: list[str] = []
    for part in text.split(","):
        if not part.strip():
            continue
        value = resolve(part)
        if value is None:
            unknown.append(part.strip())
        elif value not in known:
            known.append(value)
    return known, unknown


# ------------------------------------------------------------------ Recommendation points


def point_key(notation: str) -> str:
    """The URL's name of a point: '10 h)' -> '10h', '9 a) i)' -> '9a-i', '10.' -> '10'."""
    return parse_point_query(notation).id


def point_parser(keys: Iterable[str]) -> Callable[[str], str | None]:
    """A point as people write it ('10 h)', 'point 10(h)') -> its key, if the list has it."""
    known = set(keys)

    def parse(text: str) -> str | None:
        try:
            key = parse_point_query(text).id
        except NotationError:
            return None
        return key if key in known else None

    return parse


def point_sort(key: str) -> tuple:
    return parse_point_query(key).sort_key


def point_name(key: str, language: str) -> str:
    """A point in plain words, named as everywhere else (core/pointnames.py)."""
    return point_name_of(key, language)


# ------------------------------------------------------------------ deadlines


def deadline_parts(text: str) -> Deadline | None:
    """The printed deadline read as a period ('2023.gada II pusgads'), or None if unreadable."""
    try:
        return parse_deadline(text)
    except NotationError:
        return None
