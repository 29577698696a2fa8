"""Pages run with streamlit.testing.v1.AppTest as the app runs them: through ui/app.py's
navigation and language switch, on the session's KB (conftest's `ui_kb`, which a test module
turns on with an autouse fixture)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

UI = Path(__file__).resolve().parent.parent / "ui"


def page(name: str, **query: str) -> AppTest:
    """ui/views/<name>.py after one run, with `query` as its URL parameters."""
    app = AppTest.from_file(str(UI / "app.py"), default_timeout=60)
    app.switch_page(f"views/{name}.py")
    app.query_params.update(query)
    return app.run()


def texts(app: AppTest) -> str:
    """The page's Markdown, captions and headings, one per line."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [h.value for h in app.title]
    parts += [h.value for h in app.header] + [h.value for h in app.subheader]
    return "\n".join(parts)
