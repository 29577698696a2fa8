"""A ui/tables.py table drawn as an HTML table in the page: an `st.components.v2` component
(ui/tableview.js) instead of `st.dataframe`, whose Arrow serialisation needs pandas, NumPy and
pyarrow in the UI server (80 MB). Its text is real text: a screen reader reads it, the
browser's find and translation see it, a phone wraps it, and things are same-tab links."""

from __future__ import annotations

import hashlib
import json

from ui.language import lang, t
from ui.tables import Table
from ui.webparts import mount

PAGE_ROWS = 100  # rows drawn at first and per "show more": a phone stays quick with 10 000


def table_view(table: Table, key: str, caption: str) -> None:
    """Draw `table` in the page's language; `caption` names it for screen readers."""
    language = lang()
    data = {**table.payload(language), "caption": caption, "lang": language, "page": PAGE_ROWS}
    # The button under a long table; the browser fills in how many rows it adds and how many are left.
    data["texts"] = {"more": t("table_more", n="{n}", left="{left}"), "sort": t("table_sort_by")}
    # A new table (other rows or language) starts unsorted and on its first rows; the same one
    # keeps the reader's sorting over reruns.
    data["signature"] = hashlib.blake2b(json.dumps(data, sort_keys=True).encode(), digest_size=8).hexdigest()
    mount("rsf_table", "tableview", data, key)
