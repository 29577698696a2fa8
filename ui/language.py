"""The UI's language: read from the URL or the session, and the Latviešu/English switch."""

from __future__ import annotations

import streamlit as st

from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, text
from ui.state import set_url


def lang() -> str:
    """The URL wins (a shared link opens in its language); then this session's choice; then the
    default. Only reads: `keep_language` and the switch write."""
    chosen = st.query_params.get("lang") or st.session_state.get("lang") or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def keep_language() -> None:
    """Remember the language for the session and write it into the URL (once per page run,
    by the page wrapper), so the next page and a shared link keep it."""
    current = lang()
    st.session_state["lang"] = current
    set_url(lang=current)


def t(key: str, **values) -> str:
    return text(key, lang(), **values)


def language_switch() -> None:
    current = lang()

    def _switch() -> None:
        st.session_state["lang"] = st.session_state["_lang_choice"]
        set_url(lang=st.session_state["lang"])

    st.sidebar.radio(
        text("language", current),
        list(LANGUAGES),
        index=list(LANGUAGES).index(current),
        format_func=LANGUAGES.get,
        key="_lang_choice",
        on_change=_switch,
        horizontal=True,
    )


def summaries(questions) -> dict[str, str]:
    """Question id -> its summary in the current language (menus format with plain dicts)."""
    english = lang() == "en"
    return {q.id: q.summary_en if english else q.summary_lv for q in questions}
