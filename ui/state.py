"""State kept in the URL, so a view can be bookmarked and shared.

Each page declares its URL parameters once, as `UrlParams` (name -> default, written as URL
text), and hands them to the page wrapper. Widgets take their first value from the URL with
`seed` (again after Back or Forward); `set_url` collects the state and `flush_url` writes it
back once per run; `url_value` reads it. Naming a parameter the page
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
_PENDING = "_url_pending"  # this run's changes, written by flush_url
_SEEN = "_url_seen"  # the URL's values as this session last read or wrote them


def declare(params: UrlParams) -> None:
    """The current page's parameters (the page wrapper calls this before the page draws)."""
    st.session_state[_DECLARED] = params


def declared() -> UrlParams:
    return st.session_state.get(_DECLARED) or UrlParams()


def url_value(name: str, default: str | None = None) -> str:
    """The URL's value, else `default`, else the page's declared default."""
    fallback = declared().default(name) if default is None else default
    return st.query_params.get(name) or fallback  # an emptied parameter counts as absent


def set_url(**values: str | None) -> None:
    """Keep the page's state in the URL so a view can be bookmarked and shared. The values are
    collected and written once, by `flush_url` at the end of the page run: every write makes
    the browser push a history entry, and one user action must be one step back."""
    pending = st.session_state.setdefault(_PENDING, {})
    for name, value in values.items():
        declared().default(name)
        pending[name] = None if value in (None, "") else str(value)


def flush_url() -> None:
    """Write the run's URL changes in one message (one history entry). A value equal to the
    page's default is not added to a URL that lacks it: opening a page then writes nothing and
    leaves no extra step in the browser's history."""
    pending = st.session_state.pop(_PENDING, {})
    params = declared()
    changes: dict[str, str] = {}
    removals: set[str] = set()
    for name, value in pending.items():
        now = st.query_params.get(name)
        if value is None:
            if now is not None:
                removals.add(name)
        elif value != now and (now is not None or value != params.default(name)):
            changes[name] = value
    seen = st.session_state.setdefault(_SEEN, {})
    seen.update({name: None if name in removals else changes.get(name, st.query_params.get(name)) for name in pending})
    if changes or removals:
        _write(changes, removals)


def _write(changes: dict[str, str], removals: set[str]) -> None:
    """Set and remove parameters with one message to the browser. Streamlit's public API sends
    one per removal (each a history entry), and `from_dict` would also drop the language
    switch's bound `lang`; so removals go straight into the parameters' dict (Streamlit is
    pinned in constraints.txt; tests/test_ui_pages.py checks this) and `update` sends the lot."""
    from streamlit.runtime.state.session_state_proxy import get_session_state

    with get_session_state().query_params() as params:
        for name in removals:
            params._query_params.pop(name, None)
        params.update(changes)


def url_changed(name: str) -> bool:
    """True when the URL's `name` differs from what this session last read or wrote there:
    the user pressed Back or Forward, or followed a link. Widgets then take the URL's value."""
    seen = st.session_state.setdefault(_SEEN, {})
    now = st.query_params.get(name)
    if name in seen and seen[name] == now:
        return False
    seen[name] = now
    return True


def _as_is(value: str) -> str:
    return value


def seed(key: str, name: str, parse: Callable[[str], Any] = _as_is, default: str | None = None) -> bool:
    """The one way a widget takes its value from the URL: on the session's first run, and again
    whenever the URL changed under it (Back, Forward, a link), the widget `key` gets
    `parse(URL value)`; when the URL lacks `name` or `parse` rejects its value (returns None),
    it gets `parse(default)`, the declared default unless one is given. Returns True when it
    set the value."""
    changed = url_changed(name)
    if key in st.session_state and not changed:
        return False
    fallback = declared().default(name) if default is None else default
    value = parse(st.query_params[name]) if st.query_params.get(name) else None
    st.session_state[key] = value if value is not None else parse(fallback)
    return True


def int_in(allowed: Collection[int]) -> Callable[[str], int | None]:
    """A `seed` parser: a whole number from `allowed`, else None (a bad URL value falls back)."""
    return lambda value: int(value) if value.isdigit() and int(value) in allowed else None
