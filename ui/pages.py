"""The one list of the app's pages: navigation, links, the docs test and the browser tests
derive from it. No Streamlit import, so tests and benchmarks read it without starting an app."""

from __future__ import annotations

from dataclasses import dataclass

from ui.i18n import N_


@dataclass(frozen=True)
class PageSpec:
    file: str  # in ui/views/
    title_key: str  # locale key of the page's title
    icon: str
    url_path: str
    section: str  # locale key of the menu section; "" for the top of the menu
    visible: bool = True  # hidden pages are reached by links (a measure's card, a point's page)


PAGES = [
    PageSpec("home.py", N_("page_home"), ":material/home:", "home", ""),
    PageSpec("search.py", N_("page_search"), ":material/search:", "search", ""),
    PageSpec("measures.py", N_("page_measures"), ":material/list:", "measures", ""),
    PageSpec("point.py", N_("page_point"), ":material/flag:", "point", ""),
    PageSpec("compliance.py", N_("page_compliance"), ":material/fact_check:", "compliance", N_("section_analysis")),
    PageSpec("coherence.py", N_("page_coherence"), ":material/account_tree:", "coherence", N_("section_analysis")),
    PageSpec("explore.py", N_("page_explore"), ":material/hub:", "explore", N_("section_analysis")),
    PageSpec("money.py", N_("page_money"), ":material/payments:", "money", N_("section_analysis")),
    PageSpec("questions.py", N_("page_questions"), ":material/help:", "questions", N_("section_expert")),
    PageSpec("sparql.py", N_("page_sparql"), ":material/code:", "sparql", N_("section_expert")),
    PageSpec("detail.py", N_("page_detail"), ":material/info:", "detail", N_("section_expert")),
    PageSpec("about.py", N_("page_about"), ":material/database:", "about", N_("section_expert")),
    PageSpec("measure.py", N_("page_measure"), ":material/description:", "measure", "", visible=False),
]
HOME = PAGES[0]


def page_spec(url_path: str) -> PageSpec:
    return next(spec for spec in PAGES if spec.url_path == url_path)
