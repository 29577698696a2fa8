"""The UI's language: the Latviešu/English switch, bound to the URL's `lang` parameter.

The switch is a widget bound to the query parameter (`bind="query-params"`), so Streamlit
keeps `lang` in the URL itself: across page changes, without a history entry of its own, and
without it when the language is the default. A shared link opens in its language."""

from __future__ import annotations

import streamlit as st

from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, text

LANGUAGE_KEY = "lang"  # the switch's widget key, and so the URL parameter's name


def lang() -> str:
    """The switch's value; a page run on its own (the page tests) reads the URL. Only reads."""
    chosen = st.session_state.get(LANGUAGE_KEY) or st.query_params.get(LANGUAGE_KEY) or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    return text(key, lang(), **values)


def other_language_note(written: str) -> str:
    """'(angliski)' / '(in Latvian)' for a text written in the other language than the page's
    (a note of the transcription, the plan's own words), '' for one in the page's or none."""
    if not written or written == lang():
        return ""
    return t("written_in_latvian") if written == "lv" else t("written_in_english")


def url_token(language: str) -> str:
    """How the switch writes a language in the URL. Streamlit writes a bound widget's option as
    shown, so the switch shows the codes (upper-cased by CSS): links then say lang=en."""
    return language


def language_switch() -> None:
    st.sidebar.radio(
        text("language", lang()),
        list(LANGUAGES),
        format_func=url_token,
        key=LANGUAGE_KEY,
        horizontal=True,
        bind="query-params",
        persist_state="session",
    )


def summaries(questions) -> dict[str, str]:
    """Question id -> its summary in the current language (menus format with plain dicts)."""
    english = lang() == "en"
    return {q.id: q.summary_en if english else q.summary_lv for q in questions}
