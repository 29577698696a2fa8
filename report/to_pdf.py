"""Document -> HTML -> PDF (WeasyPrint, with Pango and the Debian fonts that
scripts/install-system-deps.sh installs). The HTML is written here, every text escaped;
report/report.css lays it out on A4."""

from __future__ import annotations

import html
from pathlib import Path

from report.document import Bullets, Document, Heading, Inline, Paragraph, Table

CSS_FILE = Path(__file__).resolve().parent / "report.css"


def render_pdf(document: Document) -> bytes:
    from weasyprint import CSS, HTML  # imported on use: it loads Pango, which the rest of the KB never needs

    return HTML(string=to_html(document)).write_pdf(stylesheets=[CSS(string=CSS_FILE.read_text(encoding="utf-8"))])


def to_html(document: Document) -> str:
    body = "\n".join(block_html(block) for block in document.blocks)
    return (
        f'<!DOCTYPE html><html lang="{esc(document.lang)}"><head><meta charset="utf-8">'
        f"<title>{esc(document.title)}</title></head><body>\n{body}\n</body></html>"
    )


def esc(value: str) -> str:
    return html.escape(value, quote=True)


def block_html(block) -> str:
    if isinstance(block, Heading):
        level = min(block.level, 4)
        css = ' class="new-page"' if block.new_page else ""
        return f"<h{level}{css}>{esc(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p{' class=note' if block.note else ''}>{inline_html(block.runs)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{inline_html(item)}</li>" for item in block.items) + "</ul>"
    return table_html(block)


def inline_html(inline: Inline) -> str:
    parts = []
    for run in inline:
        written = esc(run.text)
        if run.link.startswith(("https://", "http://")):
            written = f'<a href="{esc(run.link)}">{written}</a>'
        parts.append(f"<strong>{written}</strong>" if run.bold else written)
    return "".join(parts)


def table_html(block: Table) -> str:
    total = sum(block.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths)
    head = "".join(f"<th{cell_class(block, i)}>{esc(h)}</th>" for i, h in enumerate(block.headers))
    rows = []
    for index, row in enumerate(block.rows):
        strong = ' class="strong"' if index in block.strong_rows else ""
        sub = bool(block.strong_rows) and index not in block.strong_rows  # a point under its area
        cells = "".join(f"<td{cell_class(block, i, sub)}>{esc(value)}</td>" for i, value in enumerate(row))
        rows.append(f"<tr{strong}>{cells}</tr>")
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def cell_class(block: Table, column: int, sub: bool = False) -> str:
    if column in block.numeric:
        return ' class="num"'
    return ' class="sub"' if sub and column == 0 else ""
