"""ui/tables.py: what a table sends to the page (cells as the page writes them, sort keys by
value, links) and what a download gets (links as their text, numbers as numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ui.tables import Link, Table, TableColumn

AMOUNT = TableColumn("Summa, EUR", "money")
COUNT = TableColumn("Pasākumi", "number")
NAME = TableColumn("Nosaukums")
TABLE = Table(
    [NAME, AMOUNT, COUNT],
    [
        [Link("Kultūras ministrija", "detail?entity=org/KM"), 2_117_432, 12],
        ["Ekonomikas ministrija", Decimal("1100000.5"), None],
        [None, None, 3],
    ],
)


def test_cells_are_written_as_the_page_writes_them():
    assert TABLE.payload("lv")["rows"][0] == [
        ["Kultūras ministrija", "Kultūras ministrija", "detail?entity=org/KM"],
        ["2\u00a0117\u00a0432\u00a0€", 2_117_432],
        ["12", 12],
    ]
    assert TABLE.payload("en")["rows"][0][1] == ["€2,117,432", 2_117_432]


def test_numbers_sort_by_value_and_empty_cells_have_no_key():
    second, third = TABLE.payload("en")["rows"][1:]
    assert second[1][1] == 1100000.5 and isinstance(second[1][1], float)  # JSON has no Decimal
    assert second[2] == ["", None] and third[0] == ["", None]


def test_columns_say_which_are_numbers():
    assert TABLE.payload("lv")["columns"] == [
        {"label": "Nosaukums", "numeric": False},
        {"label": "Summa, EUR", "numeric": True},
        {"label": "Pasākumi", "numeric": True},
    ]


def test_a_number_column_may_fix_its_decimals():
    share = TableColumn("Starpniecība", "number", decimals=3)
    assert Table([share], [[0.0012], [0]]).payload("lv")["rows"] == [[["0,001", 0.0012]], [["0,000", 0]]]


def test_an_infinite_number_is_shown_but_has_no_sort_key():
    assert Table([COUNT], [[float("inf")]]).payload("en")["rows"] == [[["Infinity", None]]]


def test_text_in_a_number_column_stays_text():
    table = Table([AMOUNT], [["nav norādīts"]])
    assert table.payload("lv")["rows"] == [[["nav norādīts", "nav norādīts"]]]


def test_a_download_gets_links_as_their_text_and_numbers_as_numbers():
    assert TABLE.values()[0] == ["Kultūras ministrija", 2_117_432, 12]


def test_of_takes_the_columns_of_each_record_in_order():
    table = Table.of([{"b": 2, "a": "x", "c": "unused"}], {"a": NAME, "b": AMOUNT})
    assert table.rows == [["x", 2]] and table.columns == [NAME, AMOUNT] and len(table) == 1


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind 'percent'"):
        TableColumn("Daļa", "percent")
