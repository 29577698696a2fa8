"""The home page's bar charts as a small SVG component (ui/barchart.js) instead of Plotly: the
landing page then loads no charting library (Plotly's bundle added about a second to its first
load in Chromium on this machine, more on a phone). Bars side by side per category, one colour
per series, a legend that wraps, the value axis written in the page's format, each bar's text
on hover or focus. The numbers also come as a table next to the chart."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from core.formats import number
from ui.webparts import mount

TICKS = 4  # about this many steps up the value axis


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: list[float | None]  # one per category; None: no bar
    texts: list[str] = field(default_factory=list)  # each bar's text (hover, focus, screen readers)


@dataclass(frozen=True)
class BarChart:
    categories: list[str]
    series: list[Series]
    value_title: str
    category_title: str
    label: str  # what the chart shows, for screen readers
    legend_title: str = ""

    def payload(self, language: str) -> dict:
        top = max((value for s in self.series for value in s.values if value is not None), default=0.0)
        ticks = axis_ticks(top)
        return {
            "categories": self.categories,
            "series": [{"name": s.name, "colour": s.colour, "values": s.values, "texts": s.texts} for s in self.series],
            "ticks": [{"value": tick, "text": number(tick, language)} for tick in ticks],
            "top": ticks[-1],
            "titles": {"value": self.value_title, "category": self.category_title, "legend": self.legend_title},
            "label": self.label,
            "legend": len(self.series) > 1,
        }


def axis_ticks(top: float) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 × a power of ten; no 2.5 below 10) up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / TICKS
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 2.5, 5, 10) if power >= 10 else (1, 2, 5, 10)  # no 2.5 steps of a count
    step = next(power * m for m in steps if power * m >= raw)
    count = math.ceil(top / step - 1e-9)
    return [step * i for i in range(count + 1)]


def bar_chart(chart: BarChart, key: str, language: str) -> None:
    mount("rsf_bars", "barchart", chart.payload(language), key)
