"""Table-driven tests of the notation parsers, with the odd cases found in the seed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.errors import NotationError
from core.notation import (
    parse_amount,
    parse_article_refs,
    parse_deadline,
    parse_point_query,
    parse_policy_refs,
    split_footnotes,
    strip_footnote_marks,
)

ARTICLES = [
    ("2 e), 2 h), 3 b)", ["2 e)", "2 h)", "3 b)"]),
    ("9., 9 a) i)", ["9.", "9 a) i)"]),
    ("16.", ["16."]),
    ("29. 38., 39.", ["29.", "38.", "39."]),  # comma missing in the seed (4.1)
    ("2 e),2 h)", ["2 e)", "2 h)"]),
    ("3 a), 3 d), 3 e), 9 i), 9 j), 10 c)", ["3 a)", "3 d)", "3 e)", "9 i)", "9 j)", "10 c)"]),  # 'i)' after a number is a letter
    ("3 b), 19.", ["3 b)", "19."]),
    ("14 b), 14 d)\n", ["14 b)", "14 d)"]),
    ("4 a), 4 e), \n7 c), 7 d)", ["4 a)", "4 e)", "7 c)", "7 d)"]),
    ("9., 9 b)", ["9.", "9 b)"]),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLES)
def test_article_refs(text, expected):
    assert [p.notation for p in parse_article_refs(text)] == expected


@pytest.mark.parametrize("text", ["", "abc", "2 e", "10 hh)", "16", "0.", "2 e) x", "2 E)", "4.11"])
def test_article_refs_rejects(text):
    with pytest.raises(NotationError):
        parse_article_refs(text)


POINT_QUERIES = [
    ("10 h)", "10h"),
    ("10h", "10h"),
    ("10(h)", "10h"),
    ("point 10(h)", "10h"),
    ("Point 10 (h)", "10h"),
    ("10", "10"),
    ("10.", "10"),
    ("9 a)", "9a"),
    ("9 a) i)", "9a-i"),
    ("9(a)(i)", "9a-i"),
    ("9a-i", "9a-i"),
]


@pytest.mark.parametrize(("text", "point_id"), POINT_QUERIES)
def test_point_query(text, point_id):
    assert parse_point_query(text).id == point_id


@pytest.mark.parametrize("text", ["", "h", "10 h) 2 e)", "point", "1 2"])
def test_point_query_rejects(text):
    with pytest.raises(NotationError):
        parse_point_query(text)


DEADLINES = [
    ("2023.gada II pusgads", [], date(2023, 12, 31), None),
    ("2022.gada II pusgads", [], date(2022, 12, 31), None),
    ("2022.gada I. pusgads", [], date(2022, 6, 30), None),
    ("2022.gada II. pusgads", [], date(2022, 12, 31), None),
    ("2023.gada IV ceturksnis", [], date(2023, 12, 31), None),
    ("2023.gada III ceturksnis", [], date(2023, 9, 30), None),
    ("2023.gada II pusgads75", [75], date(2023, 12, 31), 75),
    ("2023.gada II pusgads73", [], date(2023, 12, 31), 73),  # glued mark without a hint
    ("2023.gada II\npusgads", [], date(2023, 12, 31), None),
]


@pytest.mark.parametrize(("text", "footnotes", "end", "footnote"), DEADLINES)
def test_deadlines(text, footnotes, end, footnote):
    parsed = parse_deadline(text, footnotes)
    assert (parsed.end, parsed.footnote) == (end, footnote)


@pytest.mark.parametrize("text", ["", "2023", "2023.gada III pusgads", "līdz 2029.gadam", "2023.gada V ceturksnis"])
def test_deadlines_reject(text):
    with pytest.raises(NotationError):
        parse_deadline(text)


DOCS = {
    "NIPP": ["NIPP"],
    "NAP2027": ["NAP2027"],
    "SPASAP": ["SPASAP"],
    "SVP": ["SVP"],
    "IAP": ["IAP"],
    "SADTPP": ["SADTPP"],
    "TL": ["Tiesībsarga likuma"],
    "VSPL": ["Valsts sociālo pabalstu likums"],
    "AL": ["grozījumi „Augstskolu likumā”"],
}
POLICY = [
    ("NIPP, 4.1.4.1., NAP2027 34974", [74, 75], [("NIPP", ("4.1.4.1",)), ("NAP2027", ("349",))]),
    ("NIPP, 4.1.4.1., NAP2027 34974", [], [("NIPP", ("4.1.4.1",)), ("NAP2027", ("349",))]),  # no hint: tasks have 3 digits
    ("NIPP, NAP2027 351", [78], [("NIPP", ()), ("NAP2027", ("351",))]),
    ("SPASAP, 3.2.5.pasākums54", [54], [("SPASAP", ("3.2.5",))]),
    ("SPASAP 2.2.1. pasākums58", [57, 58], [("SPASAP", ("2.2.1",))]),
    ("SADTPP 2.6.3. uzdevums63", [63], [("SADTPP", ("2.6.3",))]),
    ("IAP, 3.1.2. uzdevums69", [69], [("IAP", ("3.1.2",))]),
    ("SVP, 1.4.2.71", [71, 73], [("SVP", ("1.4.2",))]),
    ("SVP, 1.3.6.72", [], [("SVP", ("1.3.6",))]),
    ("Tiesībsarga likuma 11.panta 5. punkts", [], [("TL", ("11.5",))]),
    ("Tiesībsarga likuma 11.panta 1., 2., 5. punkts", [], [("TL", ("11.1", "11.2", "11.5"))]),
    ("Tiesībsarga likuma 12.panta 10. punkts", [], [("TL", ("12.10",))]),
    ("Valsts sociālo pabalstu likums, grozījumi „Augstskolu likumā”", [], [("VSPL", ()), ("AL", ())]),
    ("", [], []),
]


@pytest.mark.parametrize(("text", "footnotes", "expected"), POLICY)
def test_policy_refs(text, footnotes, expected):
    assert [(r.document, r.provisions) for r in parse_policy_refs(text, DOCS, footnotes)] == expected


def test_policy_ref_records_its_reading():
    (_nipp, nap) = parse_policy_refs("NIPP, 4.1.4.1., NAP2027 34974", DOCS, [74, 75])
    assert nap.footnotes == (74,)
    assert "349" in nap.notes[0] and "74" in nap.notes[0]


@pytest.mark.parametrize("text", ["XYZ 1.2.", "NIPP, ābols", "SPASAP, 3.2.5.lēmums"])
def test_policy_refs_reject(text):
    with pytest.raises(NotationError):
        parse_policy_refs(text, DOCS)


AMOUNTS = [
    ("1 800 000", Decimal(1800000)),
    ("31 303", Decimal(31303)),
    ("2 000", Decimal(2000)),
    ("160000", Decimal(160000)),
    ("1 583,75", Decimal("1583.75")),
    ("0", Decimal(0)),
    ("4\u00a0400\u00a0000", Decimal(4400000)),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS)
def test_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "-5", "1 80 000", "12,5,0", "abc", "1.800.000", "29 00791 x", "1 800 000 euro"])
def test_amounts_reject(text):
    with pytest.raises(NotationError):
        parse_amount(text)


def test_footnote_helpers():
    assert split_footnotes("74 75") == [74, 75]
    assert split_footnotes("") == []
    with pytest.raises(NotationError):
        split_footnotes("74a")
    assert strip_footnote_marks("tai skaitā romiem.62", [62]) == "tai skaitā romiem."
    assert strip_footnote_marks("kopā 1800 mājokļu 2022.gadā", [18, 20]) == "kopā 1800 mājokļu 2022.gadā"
    assert strip_footnote_marks("programmā82, palielinot", [82]) == "programmā, palielinot"
