"""ui/barchart.py: the value axis's round steps and what a chart sends to the page."""

from __future__ import annotations

import pytest

from ui.barchart import BarChart, Series, axis_ticks


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (8_334_728, [0, 2_500_000, 5_000_000, 7_500_000, 10_000_000]),  # the plan's largest year (p. 28)
        (8, [0, 2, 4, 6, 8]),
        (9, [0, 5, 10]),  # a count never steps by 2.5
        (0, [0, 1]),
    ],
)
def test_the_value_axis_steps_roundly_up_to_the_top(top, ticks):
    assert axis_ticks(top) == ticks


def test_a_chart_sends_its_ticks_in_the_pages_format_and_its_bars_texts():
    chart = BarChart(
        ["2022", "2023"], [Series("VTBI", "#4C78A8", [4_344_513, None], ["2022 · VTBI", ""])], "EUR", "Gads", "Budžets"
    )
    payload = chart.payload("lv")
    assert payload["top"] == 6_000_000 and payload["ticks"][1] == {"value": 2_000_000, "text": "2\u00a0000\u00a0000"}
    assert payload["series"][0]["values"] == [4_344_513, None] and payload["series"][0]["texts"][0] == "2022 · VTBI"
    assert not payload["legend"]  # one series: nothing to tell apart
