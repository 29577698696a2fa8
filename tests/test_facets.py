"""The measures list's facet logic (ui/facets.py): counts, OR within a facet, AND across
facets, institution and role read together, and the filters as URL text."""

from __future__ import annotations

import pytest

from ui import facets

# Four made-up measures, enough to tell the rules apart.
ITEMS: dict[str, facets.Item] = {
    "4.1": {
        ("domain",): frozenset({("culture",), ("civil-society",)}),
        ("fund",): frozenset({("STATE-BUDGET",)}),
        ("institution", "role"): frozenset({("KM", "responsible"), ("IZM", "co-responsible")}),
        ("point",): frozenset({("10",), ("10h",)}),
        ("horizon",): frozenset({("by-2023",)}),
        ("money",): frozenset({("secured",)}),
    },
    "4.2": {
        ("domain",): frozenset({("culture",)}),
        ("fund",): frozenset({("ESF",), ("ESF+",)}),
        ("institution", "role"): frozenset({("IZM", "responsible"), ("KM", "co-responsible")}),
        ("horizon",): frozenset({("after-2023",)}),
        ("money",): frozenset({("no-amounts",)}),
    },
    "4.10": {
        ("domain",): frozenset({("housing",)}),
        ("fund",): frozenset({("ESF",)}),
        ("institution", "role"): frozenset({("KM", "responsible")}),
        ("point",): frozenset({("9",), ("9a-i",)}),
        ("horizon",): frozenset({("not-time-limited",)}),
        ("money",): frozenset({("not-secured",)}),
    },
    "4.9": {
        ("domain",): frozenset({("housing",)}),
        ("institution", "role"): frozenset({("EM", "responsible")}),
        ("horizon",): frozenset({("by-2023",)}),
        ("money",): frozenset({("no-amounts",)}),
    },
}


def chosen(**values: str) -> dict[str, frozenset[str]]:
    return {facet: frozenset(filter(None, values.get(facet, "").split(","))) for facet in facets.FACETS}


def test_no_filter_keeps_every_measure_in_number_order():
    assert facets.filtered(ITEMS, chosen()) == ["4.1", "4.2", "4.9", "4.10"]


def test_values_of_one_facet_are_alternatives():
    assert facets.filtered(ITEMS, chosen(domain="housing")) == ["4.9", "4.10"]
    assert facets.filtered(ITEMS, chosen(domain="housing,civil-society")) == ["4.1", "4.9", "4.10"]


def test_different_facets_must_all_hold():
    assert facets.filtered(ITEMS, chosen(domain="culture", fund="ESF")) == ["4.2"]
    assert facets.filtered(ITEMS, chosen(domain="housing", fund="ESF", money="not-secured")) == ["4.10"]
    assert facets.filtered(ITEMS, chosen(domain="housing", fund="STATE-BUDGET")) == []


def test_institution_and_role_are_read_as_one_link():
    assert facets.filtered(ITEMS, chosen(institution="KM")) == ["4.1", "4.2", "4.10"]
    assert facets.filtered(ITEMS, chosen(institution="KM", role="responsible")) == ["4.1", "4.10"]
    assert facets.filtered(ITEMS, chosen(institution="KM", role="co-responsible")) == ["4.2"]
    # IZM is co-responsible for 4.1 and KM responsible: "IZM, responsible" must not find 4.1.
    assert facets.filtered(ITEMS, chosen(institution="IZM", role="responsible")) == ["4.2"]
    assert facets.filtered(ITEMS, chosen(role="co-responsible")) == ["4.1", "4.2"]


def test_counts_without_filters():
    assert facets.counts(ITEMS, chosen(), "domain") == {"culture": 2, "civil-society": 1, "housing": 2}
    assert facets.counts(ITEMS, chosen(), "fund") == {"ESF": 2, "ESF+": 1, "STATE-BUDGET": 1}
    assert facets.counts(ITEMS, chosen(), "role") == {"responsible": 4, "co-responsible": 2}
    assert facets.counts(ITEMS, chosen(), "point") == {"10": 1, "10h": 1, "9": 1, "9a-i": 1}


def test_counts_follow_the_other_filters_but_not_their_own():
    # Choosing housing leaves culture's count as it is (it would be an alternative)...
    assert facets.counts(ITEMS, chosen(domain="housing"), "domain") == {"culture": 2, "civil-society": 1, "housing": 2}
    # ...and narrows the other facets.
    assert facets.counts(ITEMS, chosen(domain="housing"), "fund") == {"ESF": 1}
    assert facets.counts(ITEMS, chosen(domain="housing"), "money") == {"not-secured": 1, "no-amounts": 1}


def test_a_count_is_what_choosing_the_value_would_leave():
    selection = chosen(fund="ESF", role="responsible")
    for facet in ("domain", "institution", "horizon"):
        for value, count in facets.counts(ITEMS, selection, facet).items():
            assert count == len(facets.filtered(ITEMS, {**selection, facet: frozenset({value})}))


def test_institution_counts_respect_the_chosen_role_and_the_other_way_round():
    assert facets.counts(ITEMS, chosen(role="responsible"), "institution") == {"KM": 2, "IZM": 1, "EM": 1}
    assert facets.counts(ITEMS, chosen(role="co-responsible"), "institution") == {"IZM": 1, "KM": 1}
    assert facets.counts(ITEMS, chosen(institution="KM"), "role") == {"responsible": 2, "co-responsible": 1}


def test_is_empty():
    assert facets.is_empty(chosen())
    assert not facets.is_empty(chosen(money="secured"))


@pytest.mark.parametrize(
    ("deadline", "horizons", "end", "expected"),
    [
        ("2023-12-31", 0, "", "by-2023"),
        ("2022-06-30", 0, "", "by-2023"),
        ("2023-12-31", 1, "2029-12-31", "after-2023"),  # 4.18: implemented until 2029
        ("2023-12-31", 1, "", "not-time-limited"),  # 4.21: a horizon without an end
        ("2024-06-30", 0, "", "after-2023"),
    ],
)
def test_horizon(deadline, horizons, end, expected):
    assert facets.horizon(deadline, horizons, end) == expected


def test_money_status():
    assert facets.money_status(3, 1) == "not-secured"
    assert facets.money_status(2, 0) == "secured"
    assert facets.money_status(0, 0) == "no-amounts"


def test_url_values_are_read_ignoring_case_and_diacritics():
    resolve = facets.resolver(["ESF", "ESF+", "pašvaldības", "KM"])
    assert facets.parse_values("esf,KM", resolve) == (["ESF", "KM"], [])
    assert facets.parse_values("pasvaldibas", resolve) == (["pašvaldības"], [])
    assert facets.parse_values("ESF,esf,,", resolve) == (["ESF"], [])  # repeats and empty parts


def test_a_plus_that_arrived_as_a_space_is_read_back():
    """`?fund=ESF+` unescaped is 'ESF ' by the time the page reads it."""
    resolve = facets.resolver(["ESF", "ESF+"])
    assert facets.parse_values("ESF ", resolve) == (["ESF+"], [])
    assert facets.parse_values("ESF ,RRF", resolve) == (["ESF+"], ["RRF"])
    assert facets.parse_values("esf+, ESF", resolve) == (["ESF+", "ESF"], [])


def test_unknown_url_values_are_returned_as_written():
    resolve = facets.resolver(["housing", "education"])
    assert facets.parse_values("housing,Nowhere,<b>x</b>", resolve) == (["housing"], ["Nowhere", "<b>x</b>"])


def test_points_are_read_as_people_write_them():
    keys = ["10", "10h", "9a-i"]
    resolve = facets.resolver(keys, facets.point_parser(keys))
    for written in ("10h", "10 h)", "10(h)", "point 10(h)", "10H"):
        assert resolve(written) == "10h", written
    assert resolve("9 a) i)") == "9a-i"
    assert resolve("10.") == "10" and resolve("10") == "10"
    assert resolve("10z") is None and resolve("99") is None and resolve("zz") is None


def test_point_keys_names_and_order():
    assert facets.point_key("10 h)") == "10h" and facets.point_key("9 a) i)") == "9a-i" and facets.point_key("16.") == "16"
    assert facets.point_name("10h", "lv") == "Ieteikuma 10. punkta h) apakšpunkts"  # core/pointnames.py
    assert facets.point_name("10h", "en") == "Recommendation point 10(h)"
    assert facets.point_name("10", "lv") == "Ieteikuma 10. punkts" and facets.point_name("10", "en") == "Recommendation point 10"
    assert facets.point_name("9a-i", "en") == "Recommendation point 9(a)(i)"
    assert facets.point_name("9a-i", "lv") == "Ieteikuma 9. punkta a) apakšpunkta i) daļa"
    assert sorted(["10h", "9a-i", "10", "9", "2a"], key=facets.point_sort) == ["2a", "9", "9a-i", "10", "10h"]


def test_short_names_drop_the_bracketed_detail():
    assert facets.short_name("Eiropas Sociālais fonds (ESF darbības programma 2014.–2020.gadam)") == "Eiropas Sociālais fonds"
    assert facets.short_name("Valsts budžets") == "Valsts budžets"
    assert facets.short_name("(only brackets)") == "(only brackets)"


def test_deadline_parts():
    parts = facets.deadline_parts("2023.gada IV ceturksnis")
    assert (parts.year, parts.unit, parts.part) == (2023, "quarter", 4)
    assert facets.deadline_parts("some day") is None


def test_items_from_the_view_rows():
    m = "https://w3id.org/lv-roma-plan/id/measure/"
    heads = ("measure", "measure_id", "deadline", "horizons", "horizon_end", "planned_lines", "not_secured_lines")
    measures = [
        dict(zip(heads, (m + "4.1", "4.1", "2023-12-31", None, None, 4, None), strict=True)),
        dict(zip(heads, (m + "4.18", "4.18", "2023-12-31", 1, "2029-12-31", None, None), strict=True)),
    ]
    links = [
        dict(zip(("measure", "facet", "value", "how"), row, strict=True))
        for row in [
            (m + "4.1", "domain", "culture", None),
            (m + "4.1", "fund", "STATE-BUDGET", "direct"),
            (m + "4.1", "institution", "KM", "responsible"),
            (m + "4.1", "point", "10 h)", None),
            (m + "4.1", "point", "10.", None),
            (m + "4.18", "fund", "ESF+", "direct"),
            (m + "4.18", "fund", "ESF", "broader"),
            (m + "9.9", "domain", "culture", None),  # not a listed measure: ignored
        ]
    ]
    items = facets.items_from(measures, links)
    assert set(items) == {"4.1", "4.18"}
    assert items["4.1"][("institution", "role")] == {("KM", "responsible")}
    assert items["4.1"][("point",)] == {("10h",), ("10",)}
    assert items["4.1"][("horizon",)] == {("by-2023",)} and items["4.1"][("money",)] == {("secured",)}
    assert items["4.18"][("fund",)] == {("ESF",), ("ESF+",)}
    assert items["4.18"][("horizon",)] == {("after-2023",)} and items["4.18"][("money",)] == {("no-amounts",)}
    assert facets.filtered(items, chosen(fund="ESF")) == ["4.18"]
