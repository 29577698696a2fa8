"""Each page's logic with streamlit.testing.v1.AppTest, on the session's KB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import page, tables, texts
from ui.pages import PAGES

UI = Path(__file__).resolve().parent.parent / "ui"


@pytest.fixture(autouse=True, scope="module")
def session_kb(ui_kb):
    """Every page here runs on the session's KB (conftest's ui_kb)."""


def card_link(number: str, lang: str = "en") -> str:
    """A same-tab link to a measure's card, as the pages write it."""
    return f'<a href="measure?entity=measure/{number}&amp;lang={lang}" target="_self">{number}</a>'


def errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error]


@pytest.mark.parametrize("name", [p.file.removesuffix(".py") for p in PAGES])
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_page_renders_without_error(name, lang):
    app = page(name, lang=lang)
    assert not app.exception, [e.value for e in app.exception]
    assert not errors(app)
    assert app.session_state["lang"] == lang


def test_language_switch_changes_the_texts():
    assert page("home", lang="en").title[0].value == "Roma strategic framework plan 2022–2023"
    assert page("home", lang="lv").title[0].value == "Romu stratēģiskā ietvara plāns 2022–2023"
    assert page("home", lang="xx").title[0].value == "Romu stratēģiskā ietvara plāns 2022–2023"  # unknown: the default


def test_overview_counts_come_from_the_kb():
    metrics = {m.label: m.value for m in page("home", lang="en").metric}
    assert metrics["Measures"] == "31"
    assert metrics["Recommendation points cited by the plan"] == "60"
    assert metrics["Funding sources"] == "14"


def test_overview_budget_table_matches_printed_totals():
    budget, _ = tables(page("home", lang="en"))
    by_key = {(row["Year"], row["Kind"]): row["Amount, EUR"] for row in budget.records()}
    assert by_key[("2022", "MTBF (medium-term budget)")] == "€4,344,513"  # p. 28 total
    assert by_key[("2023", "MTBF (medium-term budget)")] == "€8,334,728"
    assert by_key[("2023", "Additional need")] == "€5,548,200"
    assert by_key[("2021", "2021 spending")] == "€1,738,753"  # annex total, p. 40
    assert budget.columns == ["Year", "Kind", "Amount, EUR", "Pages"]
    assert budget.caption == "Budget by year and kind, EUR"
    assert all(pages == ", ".join(sorted(pages.split(", "), key=int)) for pages in budget.column("Pages"))


def home_charts(lang: str) -> dict[str, dict]:
    """The home page's bar charts (ui/barchart.py) as the page sends them, by their keys."""
    app = page("home", lang=lang)
    # SVG (ui/barchart.py), not Plotly: its bundle made the landing page's first load ~1 s slower.
    assert not app.get("plotly_chart")
    charts = [e for e in app.get("bidi_component") if e.proto.component_name == "rsf_bars"]
    return {chart.proto.id.split("-")[-1]: json.loads(chart.proto.json)[0] for chart in charts}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_budget_chart_has_a_bar_per_kind_in_the_pages_format(lang):
    budget = home_charts(lang)["budget"]
    bars = {
        series["name"]: {year: value for year, value in zip(budget["categories"], series["values"], strict=True) if value}
        for series in budget["series"]
    }
    mtbf = "MTBF (medium-term budget)" if lang == "en" else "VTBI (vidēja termiņa budžets)"
    assert bars[mtbf] == {"2022": 4344513, "2023": 8334728}  # p. 28
    kinds = {"en": [mtbf, "Additional need", "2021 spending"], "lv": [mtbf, "Papildu vajadzība", "2021. gada izlietojums"]}
    assert [series["name"] for series in budget["series"]] == kinds[lang]  # the ontology's order of kinds
    assert budget["legend"] and budget["titles"]["legend"] == {"en": "Kind", "lv": "Veids"}[lang]
    assert [tick["text"] for tick in budget["ticks"]][:2] == ["0", {"lv": "2\u00a0500\u00a0000", "en": "2,500,000"}[lang]]
    texts = [text for series in budget["series"] for text in series["texts"]]
    assert {"lv": "4\u00a0344\u00a0513\u00a0€", "en": "€4,344,513"}[lang] in "".join(texts)


def test_the_area_chart_counts_measures_per_area_in_the_recommendations_order():
    areas_chart = home_charts("en")["areas"]
    (series,) = areas_chart["series"]
    per_area = dict(zip(areas_chart["categories"], series["values"], strict=True))
    assert list(per_area) == sorted(per_area, key=lambda area: int(area.rstrip(".")))
    assert per_area["10."] == 6  # 4.18–4.23 (pp. 18–20)
    assert not areas_chart["legend"]  # one series: its name is the axis title
    _, areas = tables(page("home", lang="en"))
    assert areas.column("Number of measures") == [str(count) for count in per_area.values()]
    assert areas.caption == "Measures by area of the Recommendation (top-level point)"


def test_questions_default_is_article_10h():
    app = page("questions", lang="en")
    assert f"**Measures (3):** {card_link('4.21')}" in texts(app)
    # The defaults are not written: opening the page leaves no step in the browser's history.
    assert "q" not in app.query_params and "p.article" not in app.query_params


def test_questions_esf_example_is_one_click():
    app = page("questions", lang="en")
    app.button(key="ex-measures-by-funding").click().run()
    text = texts(app)
    for number in ("4.8", "4.9", "4.12", "4.16", "4.17"):
        assert card_link(number) in text
    assert "**Measures (5):**" in text
    assert app.query_params["q"] == "measures-by-funding"  # ESF is the question's default: implied


def test_questions_open_from_the_url():
    app = page("questions", lang="en", q="measures-by-institution", **{"p.institution": "TB", "p.role": "responsible"})
    assert f"**Measures (3):** {card_link('4.24')}" in texts(app)


def test_questions_parameters_are_menus_from_the_kb():
    app = page("questions", lang="en", q="measures-by-funding")
    menu = app.selectbox(key="param-measures-by-funding-source")
    assert {"ESF", "ESF+", "RRF", "EEA-NORWAY", "CERV", "CREATIVE-EUROPE"} <= set(
        menu.options_values if hasattr(menu, "options_values") else [o.split(" · ")[0] for o in menu.options]
    )


def test_questions_bad_parameter_in_url_is_a_clear_error():
    app = page("questions", lang="en", **{"p.article": "99 zz)"})
    assert not app.exception
    assert any("Invalid parameter" in e for e in errors(app))


def test_questions_unknown_question_in_url_is_a_clear_error():
    app = page("questions", lang="en", q="no-such-question")
    assert not app.exception
    assert any("Unknown question" in e for e in errors(app))
    assert card_link("4.21") in texts(app)  # falls back to the default question


def test_sparql_runs_a_query_from_the_url():
    query = "PREFIX rsf: <https://w3id.org/lv-roma-plan/def#> SELECT ?n WHERE { ?m rsf:measureNumber ?n }"
    app = page("sparql", lang="en", query=query)
    assert not errors(app)
    assert len(tables(app)[0].rows) == 31


def test_sparql_error_is_shown_next_to_the_query_which_stays():
    bad = "SELECT ?x WHERE { ?x ?y }"
    app = page("sparql", lang="en", query=bad)
    assert any("Query syntax error" in e for e in errors(app))
    assert app.text_area(key="sparql-text").value == bad


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "Query refused"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "Query refused"),
        ("SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", "Query refused"),
    ],
)
def test_sparql_refuses_remote_and_update_queries(query, kind):
    assert any(kind in e for e in errors(page("sparql", lang="en", query=query)))


def test_sparql_says_when_rows_were_cut(monkeypatch):
    from ui import data

    data.store().row_cap, old = 5, data.store().row_cap
    try:
        app = page("sparql", lang="en", query="SELECT ?s WHERE { ?s ?p ?o }")
        assert any("cut at 5 rows" in w.value for w in app.warning)
    finally:
        data.store().row_cap = old


def test_sparql_example_loads_from_the_catalogue_and_runs():
    app = page("sparql", lang="en")
    app.selectbox(key="sparql-example").set_value("measures-by-funding").run()
    assert 'VALUES (?_source) { ("esf") }' in app.text_area(key="sparql-text").value  # the default, bound as a term
    app.button[0].click().run()  # the form's Run button
    assert not errors(app)
    assert {"4.8", "4.9", "4.12", "4.16", "4.17"} == set(tables(app)[0].column("measure_id"))
    assert "VALUES" in app.query_params["query"]


def test_explore_reports_size_and_path():
    app = page("explore", lang="en", entity="fund/ESF", depth="1", rel="fundedBy,addressesPoint", limit="50")
    text = texts(app)
    assert "5 nodes, 4 links" in text  # ESF and 4.8, 4.9, 4.12, 4.16
    # The shortest path ESF → 4.12 → 7 c), written out with the measure's name, linked to its card.
    assert '<a href="measure?entity=measure/4.12&amp;lang=en" target="_self">4.12 Measures preventing' in text
    assert "Path 1 (2 hops):" in text


def test_explore_warns_when_the_node_limit_hides_nodes():
    app = page(
        "explore",
        lang="en",
        entity="fund/ESF",
        depth="3",
        limit="50",
        rel="addressesPoint,fundedBy,broader,responsible,coResponsible,citesDocument,footnote",
    )
    assert any("The node limit hides" in w.value for w in app.warning)


def test_explore_search_ignores_diacritics():
    app = page("explore", lang="lv")
    app.text_input(key="entity-search").input("izglitibas un zinatnes").run()
    options = app.selectbox(key="entity-choice").options
    assert any("Izglītības un zinātnes ministrija" in o for o in options)


def test_compliance_page():
    app = page("compliance", lang="en")
    assert any("All 31 measures are linked" in s.value for s in app.success)
    coverage = next(table for table in tables(app) if "Number of measures" in table.columns and "Pages" in table.columns)
    (row,) = [row for row in coverage.records() if row["Point"] == "Recommendation point 10(h)"]  # named, not a bare "10 h)"
    assert row["Number of measures"] == "3"


def test_coherence_page():
    app = page("coherence", lang="en")
    matrix = tables(app)[0]
    assert "NAP2027" in matrix.columns and "SPASAP" in matrix.columns
    assert matrix.links[matrix.column("Measure").index("4.21")][0] == "measure?entity=measure/4.21&lang=en"


def test_the_coherence_funding_chart_names_funds_in_the_pages_language():
    """A Plotly stacked bar chart (no Vega-Lite: its data check imports pandas): areas named in
    the page's language, top down in Recommendation order, one colour per fund, funds by name
    (not code) in a horizontal legend under the chart, counts in the page's format on hover."""
    app = page("coherence", lang="lv")
    figure = json.loads(app.get("plotly_chart")[1].proto.spec)
    bars, layout = figure["data"], figure["layout"]
    assert {bar["type"] for bar in bars} == {"bar"} and layout["barmode"] == "stack"
    assert layout["yaxis"]["categoryarray"][0] == "Ieteikuma 2. punkts" and layout["yaxis"]["autorange"] == "reversed"
    names = [bar["name"] for bar in bars]
    assert "Eiropas Sociālais fonds" in names and "ESF" not in names  # by name, not code
    assert all(bar.get("showlegend", True) for bar in bars)
    assert layout["legend"]["orientation"] == "h" and layout["legend"]["yanchor"] == "top"  # under the chart: fits a phone
    colours = [bar["marker"]["color"] for bar in bars]
    assert len(set(colours)) == len(colours)
    assert layout["separators"] == ",\u00a0"
    assert any("Pasākumu skaits: " in text for bar in bars for text in bar["hovertext"])


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        ("measure/4.21", "Row 1"),
        ("recommendation/10h", "Links to this entity"),
        ("org/KM", "Links to this entity"),
        ("document/NAP2027", "Links to this entity"),
        ("fund/ESF", "Links to this entity"),
    ],
)
def test_detail_pages(entity, expected):
    app = page("detail", lang="en", entity=entity)
    assert not errors(app) and not app.exception
    assert expected in texts(app)
    assert "Source: plan p." in texts(app) or entity.startswith(("org/", "document/", "recommendation/", "fund/"))


def test_detail_of_a_measure_has_budget_lines_and_footnotes():
    app = page("detail", lang="en", entity="measure/4.4")
    text = texts(app)
    assert "Budget lines" in text and "Footnotes" in text
    (lines,) = tables(app)
    assert len(lines.rows) == 8  # chapter V table 1, p. 27
    assert lines.columns[:2] == ["Table", "Budget sector"]  # the lines' IRIs are left out
    assert not any("https://" in cell for row in lines.rows for cell in row)
    # Kinds of amount by their names in the ontology, and the plan's "annually thereafter" (p. 27) in words.
    assert set(lines.column("Kind of amount")) == {
        "Funding spent (2021)",
        "Additional funding needed",
        "Planned in the medium-term budgetary framework (MTBF) law",
    }
    assert set(lines.column("Recurring annually thereafter")) == {"", "Yes"}


def test_a_question_writes_iris_of_things_without_a_page_by_their_short_ids():
    app = page("questions", lang="en", q="measure-budget", **{"p.measure": "4.4"})
    (lines,) = tables(app)
    assert lines.columns[0] == "Budget line"
    assert "dataset/ch5-table1/4.4/1/mtbf-2022" in lines.column("Budget line")


def test_detail_shows_texts_in_the_page_s_language_and_marks_the_others():
    """4.21's title is in Latvian and English: a Latvian page shows it once, in Latvian. Its
    domain reading is a note of the transcription, in English only: marked "(angliski)"."""
    app = page("detail", lang="lv", entity="measure/4.21")
    attributes = next(m.value for m in app.markdown if m.value.startswith("| Īpašība | Vērtība |"))
    title = next(line for line in attributes.splitlines() if line.startswith("| nosaukums |"))
    assert title == "| nosaukums | Atbalsts privātpersonām saņemt grantu mājokļa iegādei vai būvniecībai |"
    reading = next(line for line in attributes.splitlines() if line.startswith("| jomas nolasījums |"))
    assert reading.startswith("| jomas nolasījums | Domain read from") and reading.endswith(" (angliski) |")
    app = page("detail", lang="en", entity="measure/4.21")
    english = next(m.value for m in app.markdown if m.value.startswith("| Property |"))
    assert "(in English)" not in english and "Support for private persons" in english


def test_detail_keeps_the_facts_about_files_under_technical_data():
    app = page("detail", lang="en", entity="measure/4.4")
    attributes, *_ = (m.value for m in app.markdown if m.value.startswith("| Property | Value |"))
    technical = next(m.value for m in app.expander[-1].markdown if m.value.startswith("| Property | Value |"))
    assert "| source file | data/source/measures.csv |" in technical  # the row of 4.4 in the transcription
    assert "source file" not in attributes and "| measure number | 4.4 |" in attributes
    assert "measure number" not in technical


def test_detail_of_a_measure_names_its_funding_sources_with_footnotes():
    app = page("detail", lang="en", entity="measure/4.17")
    text = texts(app)
    assert "Funding sources" in text
    assert '<a href="detail?entity=fund/ESF%2B&amp;lang=en" target="_self">European Social Fund Plus (2021–2027)</a>' in text
    assert "<sup>110</sup>" in text  # the footnote naming ESF+ for 4.17 (p. 30)


def test_detail_says_when_a_measure_has_no_amounts():
    app = page("detail", lang="en", entity="measure/4.12")  # ESF project money, not in chapter V tables
    assert any("give no amounts" in i.value for i in app.info)


@pytest.mark.parametrize("name", ["explore", "detail"])
def test_unknown_entity_in_the_url_is_a_clear_error(name):
    app = page(name, lang="en", entity="measure/9.99")
    assert not app.exception
    assert any("no entity “measure/9.99”" in e for e in errors(app))


def test_explore_ignores_bad_numbers_in_the_url():
    app = page("explore", lang="en", entity="fund/ESF", depth="9", limit="abc")
    assert not app.exception and not errors(app)
    assert app.slider(key="explore-depth").value == 2
    assert app.select_slider(key="explore-limit").value == 150


def _show_language():
    import streamlit as st

    from ui.language import lang

    st.write(lang())


@pytest.mark.parametrize(("query", "shown"), [({}, "lv"), ({"lang": "en"}, "en"), ({"lang": "xx"}, "lv")])
def test_reading_the_language_writes_nothing(query, shown):
    app = AppTest.from_function(_show_language)
    app.query_params.update(query)
    app.run()
    assert app.markdown[0].value == shown
    assert dict(app.query_params) == query
    assert "lang" not in app.session_state


def test_opening_a_page_writes_nothing_to_the_url():
    """Every write is a browser history entry: a page that only opens must leave none, or Back
    would return to the same page."""
    assert dict(page("home").query_params) == {}
    assert dict(page("compliance", lang="en").query_params) == {"lang": "en"}
    assert dict(page("questions", lang="en").query_params) == {"lang": "en"}


def _url_state():
    import streamlit as st

    from ui.state import UrlParams, declare, flush_url, int_in, seed, set_url

    declare(UrlParams({"depth": "2"}))
    seed("depth", "depth", int_in((1, 2, 3)))
    set_url(depth=str(st.slider("depth", 1, 3, key="depth")))
    flush_url()


def _set_and_remove():
    from ui.state import UrlParams, declare, flush_url, set_url

    declare(UrlParams({"a": "", "b": ""}))
    set_url(a=None, b="x")
    flush_url()


def test_a_removal_and_a_change_go_out_together():
    """One write for both (the state module reaches into Streamlit's parameters dict to remove
    without a message of its own: this fails if a Streamlit upgrade moves it)."""
    app = AppTest.from_function(_set_and_remove)
    app.query_params.update({"a": "1", "lang": "en"})
    app.run()
    assert not app.exception
    assert dict(app.query_params) == {"b": "x", "lang": "en"}


def test_a_change_is_written_once_and_back_restores_the_widget():
    app = AppTest.from_function(_url_state).run()
    assert dict(app.query_params) == {}  # the default is not added
    app.slider(key="depth").set_value(3).run()
    assert dict(app.query_params) == {"depth": "3"}
    app.query_params["depth"] = "1"  # the browser's Back button, or a link
    app.run()
    assert app.slider(key="depth").value == 1
    assert dict(app.query_params) == {"depth": "1"}


def _seeded_widgets():
    import streamlit as st

    from ui.state import UrlParams, declare, int_in, seed, set_url

    declare(UrlParams({"depth": "2", "name": "default"}))
    seed("depth", "depth", int_in((1, 2, 3)))
    seed("name", "name")
    st.slider("depth", 1, 3, key="depth")
    st.text_input("name", key="name")
    if st.session_state.get("undeclared"):
        set_url(typo="1")


@pytest.mark.parametrize(
    ("query", "depth", "name"),
    [({}, 2, "default"), ({"depth": "3", "name": "x"}, 3, "x"), ({"depth": "9"}, 2, "default"), ({"depth": "abc"}, 2, "default")],
)
def test_a_widget_takes_its_first_value_from_the_url(query, depth, name):
    app = AppTest.from_function(_seeded_widgets)
    app.query_params.update(query)
    app.run()
    assert app.slider(key="depth").value == depth and app.text_input(key="name").value == name
    app.slider(key="depth").set_value(1).run()  # seeded once: the user's choice stays
    assert app.slider(key="depth").value == 1


def test_an_undeclared_url_parameter_is_a_programming_error():
    app = AppTest.from_function(_seeded_widgets)
    app.session_state["undeclared"] = True
    app.run()
    assert app.exception and "'typo' is not declared" in app.exception[0].value


def test_a_found_fund_or_institution_links_to_its_measures():
    """Someone searching for ESF or a ministry wants its measures: each such hit links to the
    measure list filtered by it, beside the link to its own page."""
    fund = "\n".join(m.value for m in page("search", lang="lv", q="Eiropas Sociālais fonds").markdown)
    assert '<a href="measures?fund=ESF" target="_self">Pasākumi, ko tas finansē</a>' in fund
    assert '<a href="detail?entity=fund/ESF" target="_self">' in fund
    ministry = "\n".join(m.value for m in page("search", lang="en", q="Ekonomikas ministrija").markdown)
    assert '<a href="measures?institution=EM&amp;lang=en" target="_self">Measures it takes part in</a>' in ministry


def test_a_snippet_in_the_other_language_says_so():
    """Searching "4.21" on a Latvian page also finds notes of the transcription, written in
    English ("Cites no guideline …"): their snippets are marked "(angliski)"; Latvian ones are not."""
    markdown = "\n".join(m.value for m in page("search", lang="lv", q="4.21").markdown)
    snippets = [part.split("</span>")[0] for part in markdown.split("<span style='font-size:0.9rem'>")[1:]]
    english = [snippet for snippet in snippets if "Cites no guideline" in snippet]
    latvian = [snippet for snippet in snippets if "Informatīvais ziņojums" in snippet]
    assert english and all(snippet.endswith(" (angliski)") for snippet in english)
    assert latvian and not any("(angliski)" in snippet for snippet in latvian)
