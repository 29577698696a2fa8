"""The measure card and the Recommendation point page with streamlit.testing.v1.AppTest, on
the session's KB; expected figures and names come from the plan's transcription in
data/source/, not from what the UI printed."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import RDFS, Literal

from core.namespaces import RSF
from core.notation import PointRef
from core.pointnames import point_name, point_name_of
from tests.apptest import page, texts

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source"
UI = ROOT / "ui"


@pytest.fixture(autouse=True, scope="module")
def session_kb(ui_kb):
    """Every page here runs on the session's KB (conftest's ui_kb)."""


def source_rows(name: str) -> list[dict[str, str]]:
    with (SOURCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def euro(amount: int, lang: str) -> str:
    """Written out here, not with ui.formats: '4 400 000 €' (no-break spaces) / '€4,400,000'."""
    grouped = f"{amount:,}"
    return grouped.replace(",", "\u00a0") + "\u00a0€" if lang == "lv" else f"€{grouped}"


# ------------------------------------------------------------------ point names


@pytest.mark.parametrize(
    ("point", "lang", "expected"),
    [
        (PointRef(10, "h"), "lv", "Ieteikuma 10. punkta h) apakšpunkts"),
        (PointRef(10, "h"), "en", "Recommendation point 10(h)"),
        (PointRef(10), "lv", "Ieteikuma 10. punkts"),
        (PointRef(10), "en", "Recommendation point 10"),
        (PointRef(9, "a", "i"), "lv", "Ieteikuma 9. punkta a) apakšpunkta i) daļa"),
        (PointRef(9, "a", "i"), "en", "Recommendation point 9(a)(i)"),
        (PointRef(2, "e"), "xx", "Ieteikuma 2. punkta e) apakšpunkts"),  # unknown language: Latvian
    ],
)
def test_point_names(point, lang, expected):
    assert point_name(point, lang) == expected


@pytest.mark.parametrize(
    ("notation", "lang", "expected"),
    [
        ("10 h)", "en", "Recommendation point 10(h)"),  # as the plan writes it
        ("10h", "lv", "Ieteikuma 10. punkta h) apakšpunkts"),  # as people type it
        ("16.", "lv", "Ieteikuma 16. punkts"),
        ("9 a) i)", "en", "Recommendation point 9(a)(i)"),
    ],
)
def test_point_names_from_notation(notation, lang, expected):
    assert point_name_of(notation, lang) == expected


def test_the_kb_labels_every_point_with_the_same_names(kb_graph):
    points = set(kb_graph.subjects(RSF.pointNumber, None))
    assert len(points) == 60
    for point in points:
        number = int(kb_graph.value(point, RSF.pointNumber))
        letter, sub = kb_graph.value(point, RSF.pointLetter), kb_graph.value(point, RSF.pointSubItem)
        ref = PointRef(number, str(letter) if letter else None, str(sub) if sub else None)
        for lang in ("lv", "en"):
            assert Literal(point_name(ref, lang), lang=lang) in set(kb_graph.objects(point, RDFS.label))


# ------------------------------------------------------------------ the measure card


def table1_row(measure: str) -> dict[str, str]:
    return next(row for row in source_rows("budget_table1.csv") if row["Nr."] == f"{measure}.")


@pytest.mark.parametrize(("lang", "kind", "secured"), [("lv", "Papildu vajadzība", "nē"), ("en", "Additional need", "no")])
def test_card_4_21_shows_its_money(lang, kind, secured):
    printed = table1_row("4.21")
    amount = int(printed["Papildu 2023"].replace(" ", ""))  # p. 32: additional need 2023, footnote 116
    footnote = printed["Summu zemsvītras piezīmes"].split(": ")[1]
    app = page("measure", entity="measure/4.21", lang=lang)
    assert not app.exception and not app.error
    text = texts(app)
    assert f"| 2023 | {kind} | {euro(amount, lang)} | {secured}<sup>{footnote}</sup> |" in text
    note = next(row for row in source_rows("footnotes.csv") if row["number"] == footnote)
    assert "nav ietverts" in note["text"]  # footnote 116: not in the MTBF law, so not secured
    assert f"<sup>{footnote}</sup> Norādītais finansējums nav ietverts" in text


def test_card_adds_up_the_programme_lines_of_a_year_and_kind():
    lines = [row for row in source_rows("budget_table1.csv") if row["Nr."] == "4.4."]  # p. 27: KM's and SIF's programmes
    text = texts(page("measure", entity="measure/4.4", lang="en"))
    for year in ("2022", "2023"):
        total = sum(int(row[f"VTBI {year}"].replace(" ", "")) for row in lines)
        assert len(lines) == 2 and f"| {year} | MTBF (medium-term budget) | {euro(total, 'en')} |  |" in text
        assert text.count(f"| {year} | MTBF (medium-term budget) |") == 1  # one row, not one per programme


@pytest.mark.parametrize(("measure", "lang"), [("4.21", "lv"), ("4.21", "en"), ("4.17", "lv"), ("4.17", "en")])
def test_card_names_funds_in_full(measure, lang):
    code = next(row["Fonds"] for row in source_rows("funding.csv") if row["Nr."] == f"{measure}.")
    fund = next(row for row in source_rows("funds.csv") if row["Kods"] == code)
    name = fund["Nosaukums"] if lang == "lv" else fund["Name (EN)"]
    app = page("measure", entity=f"measure/{measure}", lang=lang)
    assert f'target="_self">{name}</a>' in texts(app)


def test_card_heading_institutions_deadline_and_horizon():
    app = page("measure", entity="measure/4.21", lang="lv")
    assert app.title[0].value == "4.21. Atbalsts privātpersonām saņemt grantu mājokļa iegādei vai būvniecībai"
    text = texts(app)
    assert "Ekonomikas ministrija (EM)</a>" in text  # full name, not the abbreviation alone
    assert "2023.gada II pusgads" in text  # the deadline as printed (p. 20) …
    assert "bez beigu termiņa" in text  # … and footnote 80: not time-limited
    assert "500 subsīdijas „Balsts”" in text  # the target of table 2's calculation (p. 35)
    assert "Politikas joma: Mājokļi" in text


def test_card_links_points_to_their_pages_and_says_where_the_text_is():
    app = page("measure", entity="measure/4.21", lang="en")
    text = texts(app)
    for point in ("3a", "9j", "10h"):
        assert f'href="point?entity=recommendation/{point}&amp;lang=en" target="_self">' in text
    assert ">Recommendation point 10(h)</a>" in text
    assert "eur-lex.europa.eu" in text and "not stored here" in text
    assert "National Development Plan 2021–2027 (NAP2027)</a> — provisions: 352" in text


def test_card_of_a_measure_with_an_end_date_after_the_plan():
    text = texts(page("measure", entity="measure/4.19", lang="en"))
    assert "until 2026-12-31" in text


@pytest.mark.parametrize("entity", ["measure/9.99", "org/KM", "measure/4.1 x"])
def test_card_of_an_unknown_measure_is_a_message_not_another_measure(entity):
    app = page("measure", entity=entity, lang="en")
    assert not app.exception
    assert any(f"no entity “{entity}”" in e.value for e in app.error)  # a bad IRI too, not a traceback
    assert [h.value for h in app.title] == ["Measure"]
    assert not app.subheader  # no card drawn
    assert "measure?entity=" not in texts(app)
    links = [link.proto.label for link in app.get("page_link")]
    assert "All measures" in links  # the way to the list


def test_card_without_a_measure_points_to_the_list():
    app = page("measure", lang="lv")
    assert not app.error and not app.subheader
    assert any("pasākumu sarakstā" in i.value for i in app.info)


# ------------------------------------------------------------------ the point page


def test_point_10h_lists_its_measures_and_money():
    app = page("point", entity="recommendation/10h", lang="lv")
    assert not app.exception and not app.error
    assert app.title[0].value == "Ieteikuma 10. punkta h) apakšpunkts"
    text = texts(app)
    links = re.findall(r'href="measure\?entity=measure/([\d.]+)["&]', text)
    assert links == ["4.21", "4.22", "4.23"]
    assert 'Joma: <a href="point?entity=recommendation/10"' in text  # Latvian, the default: no lang
    mtbf_2023 = int(table1_row("4.22")["VTBI 2023"].replace(" ", ""))  # 4.22's MTBF 2023, p. 32
    assert euro(mtbf_2023, "lv") in text
    assert "summas nedrīkst saskaitīt" in text  # the plan does not split money between points


def test_point_heading_in_english_and_for_a_whole_point():
    assert page("point", entity="recommendation/10h", lang="en").title[0].value == "Recommendation point 10(h)"
    app = page("point", entity="recommendation/10", lang="en")
    assert app.title[0].value == "Recommendation point 10"
    assert "Sub-points cited by the plan" in texts(app)


def test_points_list_counts_the_points_the_measures_address():
    """50 points have a measure (Home counts all 60 the plan cites, areas and point 1 included)."""
    app = page("point", lang="en")
    text = texts(app)
    assert app.title[0].value == "Recommendation points"
    assert "Points the plan's measures address: 50" in text
    # Under area 9 (5 measures in all), point 9 itself counts only its own measure.
    assert "Recommendation point 9</a> · measures on this point itself: 1" in text
    assert (
        'href="point?entity=recommendation/10h&amp;lang=en" target="_self">Recommendation point 10(h)</a> · measures: 3' in text
    )


def test_unknown_point_is_a_message():
    app = page("point", entity="recommendation/99", lang="en")
    assert any("no entity “recommendation/99”" in e.value for e in app.error)
    assert [h.value for h in app.title] == ["Recommendation points"]
