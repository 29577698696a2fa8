"""The measures list (ui/views/measures.py) with AppTest, on the session's KB. Expected
measures are read off the plan's transcription in data/source/, not off the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

UI = Path(__file__).resolve().parent.parent / "ui"

# data/source/funding.csv: ESF for 4.8, 4.9, 4.12, 4.16; ESF+ (narrower than ESF, funds.csv) for 4.17.
ESF = ["4.8", "4.9", "4.12", "4.16", "4.17"]
# data/source/measure_domains.csv: housing.
HOUSING = ["4.18", "4.19", "4.20", "4.21", "4.22", "4.23"]
# data/source/measures.csv, column "Atbildīgā institūcija".
KM_RESPONSIBLE = ["4.1", "4.2", "4.3", "4.4", "4.5", "4.7"]
# ... and "Līdzatbildīgās institūcijas".
KM_CO_RESPONSIBLE = ["4.13", "4.17", "4.24", "4.28", "4.31"]
LM_RESPONSIBLE = ["4.8", "4.9", "4.16"]


@pytest.fixture(autouse=True, scope="module")
def session_kb(ui_kb):
    """Every page here runs on the session's KB (conftest's ui_kb)."""


def measures(**query: str) -> AppTest:
    app = AppTest.from_file(str(UI / "views" / "measures.py"), default_timeout=60)
    app.query_params.update(query)
    return app.run()


def shown(app: AppTest) -> list[str]:
    """The measure numbers of the list's rows, in order (from their links to the cards)."""
    return [m for md in app.markdown for m in re.findall(r'href="measure\?entity=measure/([\d.]+)["&]', md.value)]


def count_line(app: AppTest) -> str:
    return next(md.value for md in app.markdown if " of 31" in md.value or " no 31" in md.value)


def test_the_whole_list_in_number_order():
    app = measures(lang="en")
    assert not app.exception and not app.error and not app.warning
    numbers = shown(app)
    assert len(numbers) == 31 and numbers[:3] == ["4.1", "4.2", "4.3"] and numbers[8:10] == ["4.9", "4.10"]
    assert count_line(app) == "**31 of 31 measures**"


def test_esf_filter_includes_esf_plus():
    app = measures(lang="en", fund="ESF")
    assert shown(app) == ESF
    assert count_line(app) == "**5 of 31 measures**"


def test_institution_filter_with_role():
    assert shown(measures(lang="en", institution="KM", role="responsible")) == KM_RESPONSIBLE
    assert shown(measures(lang="en", institution="KM", role="co-responsible")) == KM_CO_RESPONSIBLE
    assert shown(measures(lang="en", institution="KM")) == sorted(
        KM_RESPONSIBLE + KM_CO_RESPONSIBLE, key=lambda n: int(n.split(".")[1])
    )


def test_domain_filter():
    assert shown(measures(lang="lv", domain="housing")) == HOUSING


def test_combined_filters_and_or_within_a_facet():
    assert shown(measures(lang="en", fund="ESF", institution="LM", role="responsible")) == LM_RESPONSIBLE
    # funding.csv: state budget for 4.20, 4.21, 4.22 among the housing measures.
    assert shown(measures(lang="en", domain="housing", fund="STATE-BUDGET")) == ["4.20", "4.21", "4.22"]
    assert shown(measures(lang="en", domain="housing,health")) == ["4.17", *HOUSING]
    # horizons.csv: 4.18 until 2029, 4.19 until 2026; the others in housing are not time-limited.
    assert shown(measures(lang="en", domain="housing", horizon="after-2023")) == ["4.18", "4.19"]
    assert shown(measures(lang="en", domain="housing", horizon="not-time-limited")) == ["4.20", "4.21", "4.22", "4.23"]


def test_point_filter_takes_an_area_or_a_point():
    # measures.csv, "Sasaiste ar Ieteikuma pantu": 10 h) for 4.21, 4.22, 4.23 (as the question measures-by-article).
    assert shown(measures(lang="en", point="10h")) == ["4.21", "4.22", "4.23"]
    assert shown(measures(lang="en", point="10 h)")) == ["4.21", "4.22", "4.23"]
    area = shown(measures(lang="en", point="10"))
    assert {"4.21", "4.22", "4.23"} < set(area)


def test_money_filter_matches_the_funding_not_secured_question():
    # The question funding-not-secured lists amounts of 4.3, 4.4, 4.9, 4.16, 4.21 and 4.31.
    assert shown(measures(lang="en", money="not-secured")) == ["4.3", "4.4", "4.9", "4.16", "4.21", "4.31"]


def test_counts_are_shown_with_each_value():
    app = measures(lang="en", institution="LM", role="responsible")
    funds = app.multiselect(key="measures-fund")
    assert "European Social Fund (3)" in funds.options  # 4.8, 4.9, 4.16
    assert "State budget (2)" in funds.options  # 4.9, 4.16
    assert all(not option.endswith("(0)") for option in funds.options)
    roles = app.pills(key="measures-role")
    assert roles.options == ["responsible (3)"]  # LM is co-responsible nowhere
    domains = app.pills(key="measures-domain")
    assert domains.options == ["Employment (3)"]


def test_widgets_write_the_url_and_the_url_fills_the_widgets():
    app = measures(lang="en")
    app.multiselect(key="measures-fund").select("ESF").run()
    app.multiselect(key="measures-institution").select("LM").run()
    app.pills(key="measures-role").select("responsible").run()
    assert shown(app) == LM_RESPONSIBLE
    params = dict(app.query_params)
    assert (params["fund"], params["institution"], params["role"]) == ("ESF", "LM", "responsible")
    again = measures(**params)
    assert shown(again) == LM_RESPONSIBLE
    assert again.multiselect(key="measures-fund").value == ["ESF"]
    assert again.pills(key="measures-role").value == ["responsible"]


def test_several_values_are_comma_separated_in_the_url():
    app = measures(lang="en")
    app.pills(key="measures-domain").select("housing").run()
    app.pills(key="measures-domain").select("health").run()
    assert app.query_params["domain"] in ("health,housing", "housing,health")
    assert shown(app) == ["4.17", *HOUSING]


def test_clear_filters():
    app = measures(lang="en", fund="ESF", domain="employment")
    assert len(shown(app)) == 3
    app.button(key="measures-clear").click().run()
    assert len(shown(app)) == 31
    assert "fund" not in app.query_params and "domain" not in app.query_params


def test_unknown_values_in_the_url_are_named():
    app = measures(lang="en", fund="ESF,NOPE", domain="gardening")
    assert not app.exception
    warning = app.warning[0].value
    assert "“NOPE”" in warning and "“gardening”" in warning and "Funding source" in warning
    assert shown(app) == ESF  # the known value still applies


def test_url_values_ignore_case_and_diacritics():
    assert shown(measures(lang="en", fund="esf")) == ESF
    # measures.csv: municipalities (pašvaldības) are responsible for row 1 of 4.11.
    assert shown(measures(lang="en", institution="pasvaldibas", role="responsible")) == ["4.11"]
    assert shown(measures(lang="en", fund="ESF ")) == ["4.17"]  # 'ESF+' typed into a URL


def test_rows_show_money_and_deadline_in_the_page_language():
    lv = "\n".join(md.value for md in measures(lang="lv", domain="civil-society").markdown)
    # budget_table1.csv, 4.4: MTBF 2 × (1 800 000 + 200 000), additional 3 × 300 000 not secured.
    assert "4\u00a0900\u00a0000\u00a0€, no tā nav nodrošināts 900\u00a0000\u00a0€" in lv
    assert "2022. gada I pusgads" in lv  # 4.24
    en = "\n".join(md.value for md in measures(lang="en", domain="civil-society").markdown)
    assert "€4,900,000, of which €900,000 not secured" in en
    assert "first half of 2022" in en


def test_a_measure_with_none_of_its_money_secured_says_so_in_words():
    """4.21: one budget line, 4 400 000 € of additional need in 2023 (chapter V table 1, p. 32),
    not secured, so not "of which 4 400 000 € not secured"."""
    lv = "\n".join(md.value for md in measures(lang="lv", money="not-secured").markdown)
    assert "4\u00a0400\u00a0000\u00a0€, nekas no tā nav nodrošināts" in lv
    assert "no tā nav nodrošināts 4\u00a0400\u00a0000" not in lv


def test_text_from_the_url_is_not_markup():
    app = measures(lang="en", fund="[x](https://phish.example) <b>b</b>")
    warning = app.warning[0].value
    assert "<b>" not in warning and "&lt;b&gt;" in warning  # shown as text, not a tag
    assert "[x](" not in warning and "\\[x\\]" in warning  # and not as a link
