"""Pages run with streamlit.testing.v1.AppTest as the app runs them: through ui/app.py's
navigation and language switch, on the session's KB (conftest's `ui_kb`, which a test module
turns on with an autouse fixture)."""

from __future__ import annotations

import json
from dataclasses import dataclass
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


@dataclass
class ShownTable:
    """A ui/tableview.py table as the page sends it: column names, each cell's text as shown,
    and the links of cells that open a page."""

    columns: list[str]
    rows: list[list[str]]
    links: list[list[str | None]]
    caption: str

    def column(self, name: str) -> list[str]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def tables(app: AppTest) -> list[ShownTable]:
    """The page's tables (ui/tableview.py components), in page order."""
    found = []
    for element in app.get("bidi_component"):
        if element.proto.component_name != "rsf_table":
            continue
        data = json.loads(element.proto.json)[0]
        found.append(
            ShownTable(
                [column["label"] for column in data["columns"]],
                [[cell[0] for cell in row] for row in data["rows"]],
                [[cell[2] if len(cell) > 2 else None for cell in row] for row in data["rows"]],
                data["caption"],
            )
        )
    return found
