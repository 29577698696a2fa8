"""State kept in the URL, so a view can be bookmarked and shared.

Each page declares its URL parameters once, as `UrlParams` (name -> default, written as URL
text), and hands them to the page wrapper. Widgets take their first value from the URL with
`seed`; `set_url` writes the state back and `url_value` reads it. Naming a parameter the page
did not declare is a programming error (KeyError), found by the page tests."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st


@dataclass(frozen=True, eq=False)
class UrlParams:
    """A page's URL parameters with their defaults. `prefix` admits a family of parameters
    (the questions' `p.<name>`, whose defaults the page passes to `seed`). Every page has `lang`."""

    defaults: Mapping[str, str] = field(default_factory=dict)
    prefix: str = ""

    def __contains__(self, name: str) -> bool:
        return name == "lang" or name in self.defaults or bool(self.prefix and name.startswith(self.prefix))

    def default(self, name: str) -> str:
        if name not in self:
            raise KeyError(f"URL parameter {name!r} is not declared for this page (declared: {', '.join(self.defaults)})")
        return self.defaults.get(name, "")


_DECLARED = "_url_params"


def declare(params: UrlParams) -> None:
    """The current page's parameters (the page wrapper calls this before the page draws)."""
    st.session_state[_DECLARED] = params


def declared() -> UrlParams:
    return st.session_state.get(_DECLARED) or UrlParams()


def url_value(name: str, default: str | None = None) -> str:
    """The URL's value, else `default`, else the page's declared default."""
    fallback = declared().default(name)
    return st.query_params.get(name, fallback if default is None else default)


def set_url(**values: str | None) -> None:
    """Keep the page's state in the URL so a view can be bookmarked and shared."""
    # Only real changes are written: every write sends the browser a message.
    for name, value in values.items():
        declared().default(name)
        if value in (None, ""):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != str(value):
            st.query_params[name] = str(value)


def _as_is(value: str) -> str:
    return value


def seed(key: str, name: str, parse: Callable[[str], Any] = _as_is, default: str | None = None) -> bool:
    """The one way a widget takes its first value from the URL (a shared link): once per session,
    the widget `key` gets `parse(URL value)`; when the URL lacks `name` or `parse` rejects its
    value (returns None), it gets `parse(default)`, the declared default unless one is given.
    Returns True when it set the value."""
    if key in st.session_state:
        return False
    fallback = declared().default(name) if default is None else default
    value = parse(st.query_params[name]) if name in st.query_params else None
    st.session_state[key] = value if value is not None else parse(fallback)
    return True


def int_in(allowed: Collection[int]) -> Callable[[str], int | None]:
    """A `seed` parser: a whole number from `allowed`, else None (a bad URL value falls back)."""
    return lambda value: int(value) if value.isdigit() and int(value) in allowed else None
