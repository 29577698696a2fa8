"""Questions: the catalogue from queries/, grouped by tag, parameters as menus from the KB."""

from __future__ import annotations

import streamlit as st

from core.errors import QueryError
from kb.engine.results import Result
from kb.engine.service import ask, catalogue
from ui.components import entity_link, show_error, show_result
from ui.data import store
from ui.i18n import N_
from ui.language import lang, summaries, t
from ui.options import Choice, menu
from ui.page import page
from ui.state import UrlParams, seed, set_url
from ui.viewdata import measure_sort_key

ALL = "*"
# The question, and its parameters as p.<name>.
URL = UrlParams({"q": "measures-by-article"}, prefix="p.")
# The two questions the ministry asks most, one click each.
EXAMPLES = [
    (N_("example_article"), "measures-by-article", {"article": "10 h)"}),
    (N_("example_esf"), "measures-by-funding", {"source": "ESF"}),
]


def param_key(question_id: str, name: str) -> str:
    return f"param-{question_id}-{name}"


def load_example(question_id: str, values: dict[str, str]) -> None:
    st.session_state["question"] = question_id
    st.session_state["topic"] = ALL
    for name, value in values.items():
        st.session_state[param_key(question_id, name)] = value


@st.cache_data(show_spinner=False)
def run_question(question_id: str, params: tuple[tuple[str, str], ...]) -> Result:
    return ask(store(), question_id, dict(params))


@st.cache_data(show_spinner=False)
def choices(question_id: str, name: str) -> list[Choice] | None:
    """The parameter's menu as its .rq header declares it (None: free text)."""
    question = catalogue()[question_id]
    return menu(store(), question, question.param(name))


def parameter_inputs(question) -> dict[str, str]:
    values: dict[str, str] = {}
    for param in question.params:
        key = param_key(question.id, param.name)
        seed(key, f"p.{param.name}", default=param.default or "")
        label = param.label.get(lang()) + ("" if not param.optional else f" {t('any_value')}")
        options = choices(question.id, param.name)
        if options is None:
            values[param.name] = st.text_input(label, key=key)
            continue
        by_value = {c.value: c for c in options}
        allowed = ([""] if param.optional else []) + list(by_value)
        if st.session_state[key] not in allowed:
            allowed.append(st.session_state[key])  # keep what the URL asked for; the engine judges it
        language = lang()
        labels = {v: t("any_value") if v == "" else by_value[v].label(language) if v in by_value else v for v in allowed}
        values[param.name] = st.selectbox(label, allowed, key=key, format_func=labels.get)
    return values


def url_text(question, name: str, value: str) -> str | None:
    """A parameter's value for the URL: left out while it is the question's default and the URL
    lacks it, so opening a question adds no history step."""
    if value == (question.param(name).default or "") and f"p.{name}" not in st.query_params:
        return None
    return value


def measures_line(result: Result) -> None:
    """Measure numbers as links, in the page text: readable, and visible to screen readers."""
    if "measure_id" not in result.variables or "measure" not in result.variables:
        return
    seen: dict[str, str] = {}
    for row in result.rows:
        if "measure_id" in row and "measure" in row:
            seen.setdefault(row["measure_id"]["value"], row["measure"]["value"])
    links = ", ".join(entity_link(iri, number) for number, iri in sorted(seen.items(), key=lambda kv: measure_sort_key(kv[0])))
    st.markdown(f"**{t('measures')} ({len(seen)}):** {links}", unsafe_allow_html=True)


def main() -> None:
    st.write(t("questions_intro"))
    questions = catalogue()
    st.caption(t("examples"))
    for column, (label, question_id, values) in zip(st.columns(len(EXAMPLES)), EXAMPLES, strict=True):
        column.button(
            t(label), on_click=load_example, args=(question_id, values), use_container_width=True, key=f"ex-{question_id}"
        )

    def known(question_id: str) -> str | None:
        if question_id in questions.questions:
            return question_id
        show_error(QueryError("unknown-question", f"{question_id!r}"))
        return None

    if seed("question", "q", known):
        st.session_state["topic"] = ALL
    tags = questions.by_tag()
    topic = st.selectbox(
        t("topic"), [ALL, *tags], key="topic", format_func={ALL: t("all_topics"), **{tag: t(f"tag_{tag}") for tag in tags}}.get
    )
    ids = [q.id for q in (questions.questions.values() if topic == ALL else tags[topic])]
    if st.session_state["question"] not in ids:
        st.session_state["question"] = ids[0]
    question_id = st.selectbox(
        t("question"),
        ids,
        key="question",
        format_func=summaries(questions.questions.values()).get,
    )
    question = questions[question_id]
    values = parameter_inputs(question)
    set_url(**{k: None for k in st.query_params if k.startswith("p.") and k[2:] not in values})
    set_url(q=question_id, **{f"p.{name}": url_text(question, name, value) for name, value in values.items()})
    with st.expander(t("show_sparql")):
        st.code(question.text, language="sparql")
    try:
        with st.spinner(t("running")):
            result = run_question(question_id, tuple(sorted(values.items())))
    except QueryError as error:
        show_error(error)
        return
    measures_line(result)
    show_result(result, question_id, question.title.get(lang()), question.columns)


page("page_questions", URL, main)
