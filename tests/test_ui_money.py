"""The money flows page (ui/views/money.py) with AppTest, run through ui/app.py's navigation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import ShownTable, tables

UI = Path(__file__).resolve().parent.parent / "ui"


@pytest.fixture(autouse=True, scope="module")
def session_kb(ui_kb):
    """Every page here runs on the session's KB (conftest's ui_kb)."""


def money(**query: str) -> AppTest:
    app = AppTest.from_file(str(UI / "app.py"), default_timeout=60)
    app.switch_page("views/money.py")
    app.query_params.update(query)
    return app.run()


def texts(app: AppTest) -> str:
    return "\n".join([m.value for m in app.markdown] + [c.value for c in app.caption] + [i.value for i in app.info])


def flow_table(app: AppTest) -> ShownTable:
    (table,) = tables(app)
    return table


def amount(shown: str) -> Decimal:
    """A money cell as the page writes it ('4 344 513 €', '€4,344,513') as a number."""
    lv = shown.endswith("€")
    digits = shown.replace("€", "").replace("\u00a0", "").replace(" ", "")
    return Decimal(digits.replace(",", ".") if lv else digits.replace(",", ""))


def chart(app: AppTest) -> dict:
    """The figure as Streamlit sends it (JSON)."""
    import json

    (element,) = [e for e in app.get("plotly_chart")]
    return json.loads(element.proto.spec)


def test_default_is_mtbf_2022_with_the_printed_total():
    app = money(lang="lv")
    assert not app.exception
    assert "**Kopā: 4\u00a0344\u00a0513\u00a0€**" in texts(app)  # p. 28
    assert sum(map(amount, flow_table(app).column("Summa, EUR"))) == 4344513
    assert flow_table(app).caption == "Tās pašas plūsmas tabulā"
    assert "kind" not in app.query_params and "year" not in app.query_params  # defaults are not written


@pytest.mark.parametrize(
    ("query", "total"), [({"year": "2023"}, "€8,334,728"), ({"kind": "additional", "year": "2023"}, "€5,548,200")]
)
def test_a_year_and_kind_from_the_url(query, total):
    app = money(lang="en", **query)
    assert f"**Total: {total}**" in texts(app)


def test_the_sankey_draws_sources_to_domains_in_the_language():
    spec = chart(money(lang="en"))
    trace = spec["data"][0]
    assert trace["type"] == "sankey"
    assert {"State budget", "European Social Fund", "Civil society"} <= set(trace["node"]["label"])
    assert spec["layout"]["separators"] == ".,"
    assert chart(money(lang="lv"))["layout"]["separators"] == ",\u00a0"


def test_filtering_by_a_fund_keeps_its_flows_and_goes_into_the_url():
    app = money(lang="en")
    app.selectbox(key="money-fund").set_value("ESF").run()
    assert "**Shown: €895,778 of €4,344,513**" in texts(app)  # 4.8 (504 000) and 4.9 (391 778), p. 28
    table = flow_table(app)
    assert set(table.column("Funding sources")) == {"European Social Fund"}
    assert sorted(title.split()[0] for title in table.column("Measures")) == ["4.8", "4.9"]
    assert table.column("Amount, EUR") == ["€504,000", "€391,778"]  # in the page's format, p. 28
    measures = table.columns.index("Measures")
    assert [links[measures] for links in table.links] == [
        "measure?entity=measure/4.8&lang=en",  # a measure opens its card
        "measure?entity=measure/4.9&lang=en",
    ]
    assert app.query_params["fund"] == "ESF"


def test_choosing_institutions_and_areas():
    app = money(lang="en", via="institution", by="area", institution="LM")
    table = flow_table(app)
    assert set(table.column("Responsible institution")) == {"Ministry of Welfare"}
    assert "**Shown: €895,778 of €4,344,513**" in texts(app)
    assert any(value.startswith("Several Recommendation areas (not split): ") for value in table.column("Area (top-level point)"))


def test_a_filter_with_no_money_here_is_said_and_ignored():
    app = money(lang="en", year="2023", fund="ESF")  # ESF carries MTBF money in 2022 only
    assert not app.exception
    assert "has no money of this kind in this year" in texts(app)
    assert "**Total: €8,334,728**" in texts(app)


def test_a_year_the_kind_lacks_falls_back_to_its_first_year():
    app = money(lang="en", kind="actual", year="2023")
    assert "**Total: €1,738,753**" in texts(app)  # the 2021 annex total, p. 36
