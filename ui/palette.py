"""Colours for charts that tell funding sources apart: one colour per fund, the same in every
chart, distinguishable with the common colour-vision deficiencies.

The colours are Paul Tol's discrete rainbow (SRON technical note "Colour schemes", 2021,
figure 22; BSD-licensed), whose sets of up to 23 colours stay apart for colour-blind readers;
a 10-colour palette gave CERV and RRF the same colour. The ontology colours classes, not single
funds (ontology/presentation.ttl gives rsf:Fund one colour for graph nodes), so nothing here
competes with it. No Streamlit import, so it is tested directly."""

from __future__ import annotations

from collections.abc import Iterable

from core.ordering import natural_key

# Tol's 29 rainbow colours; the sets below pick from them by position.
_RAINBOW = (
    "#E8ECFB", "#D9CCE3", "#D1BBD7", "#CAACCB", "#BA8DB4", "#AE76A3", "#AA6F9E", "#994F88",
    "#882E72", "#1965B0", "#437DBF", "#5289C7", "#6195CF", "#7BAFDE", "#4EB265", "#90C987",
    "#CAE0AB", "#F7F056", "#F7CB45", "#F6C141", "#F4A736", "#F1932D", "#EE8026", "#E8601C",
    "#E65518", "#DC050C", "#A5170E", "#72190E", "#42150A",
)  # fmt: skip
# Tol's choice for 14 colours (the plan names 14 funds), and for 22 should more be added.
_SETS = {
    14: (2, 5, 8, 9, 11, 13, 14, 15, 16, 17, 19, 21, 23, 25),
    22: (1, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24, 25, 26, 27, 28),
}
# Funds next to each other in the legend and in a stacked bar (ESF, ESF+) get colours this far
# apart in the rainbow; a step coprime with the set's size reaches every colour once.
_STEP = 5


def _colour_set(size: int) -> list[str]:
    chosen = next((positions for n, positions in sorted(_SETS.items()) if size <= n), _SETS[22])
    return [_RAINBOW[position] for position in chosen]


def fund_colours(codes: Iterable[str]) -> dict[str, str]:
    """Fund code -> colour ('#RRGGBB'). Pass every fund code of the KB, not only those a chart
    shows: the colours then depend on the set of funds alone, so every chart agrees."""
    ordered = sorted(set(codes), key=natural_key)
    colours = _colour_set(len(ordered))
    size = len(colours)
    step = _STEP if size % _STEP else 1
    # Beyond the largest set colours repeat (the plan has 14 funds; the test holds that).
    return {code: colours[(index * step) % size] for index, code in enumerate(ordered)}
