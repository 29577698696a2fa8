"""Document -> DOCX (python-docx): Word's own heading and list styles, so a ministry's
template and its table of contents take over when the text is pasted into a report."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.document import Document as Docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from report.document import Bullets, Document, Heading, Inline, Paragraph, Table

FONT = "Liberation Sans"  # metric-compatible with Arial; Word substitutes Arial where it is missing
TEXT_WIDTH_CM = 17.0  # A4 less 2 cm margins
NOTE_COLOUR = RGBColor(0x44, 0x44, 0x44)
LANGUAGE_TAGS = {"lv": "lv-LV", "en": "en-GB"}


def render_docx(document: Document) -> bytes:
    out = new_docx()
    setup(out, document)
    for block in document.blocks:
        if isinstance(block, Heading):
            heading(out, block)
        elif isinstance(block, Paragraph):
            paragraph(out, block)
        elif isinstance(block, Bullets):
            for item in block.items:
                runs(styled(out, "ListBullet"), item)
        else:
            table(out, block)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def setup(out: Docx, document: Document) -> None:
    """A4, 2 cm margins, the document's language (Word's spelling check), its title."""
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = out.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE_TAGS.get(document.lang, document.lang))
    normal.element.get_or_add_rPr().append(language)
    out.core_properties.title = document.title
    out.core_properties.language = LANGUAGE_TAGS.get(document.lang, document.lang)


def heading(out: Docx, block: Heading) -> None:
    if block.new_page and len(out.paragraphs) > 0:
        out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    styled(out, f"Heading{block.level}").add_run(block.text)


def styled(out: Docx, style_id: str):
    """A paragraph in one of the template's styles, set by id: python-docx's lookup by name
    scans every style each time, which made a 50-page report take seconds."""
    made = out.add_paragraph()
    made._p.style = style_id
    return made


def paragraph(out: Docx, block: Paragraph) -> None:
    made = runs(out.add_paragraph(), block.runs)
    if block.note:
        for run in made.runs:
            run.font.size, run.font.color.rgb = Pt(8.5), NOTE_COLOUR


def runs(target, inline: Inline):
    for part in inline:
        if part.link:
            hyperlink(target, part.text, part.link)
        else:
            target.add_run(part.text).bold = part.bold or None
    return target


def hyperlink(target, text: str, url: str) -> None:
    """python-docx has no hyperlink call: the relationship and the w:hyperlink element by hand."""
    rel = target.part.relate_to(
        url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(style)
    props.append(underline)
    run.append(props)
    body = OxmlElement("w:t")
    body.text = text
    run.append(body)
    link.append(run)
    target._p.append(link)


def table(out: Docx, block: Table) -> None:
    made = out.add_table(rows=1, cols=len(block.headers))
    made.style = "Table Grid"
    made.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(TEXT_WIDTH_CM * w / sum(block.widths)) for w in block.widths]
    fill_row(made.rows[0].cells, block.headers, block, widths, bold=True)
    repeat_header(made.rows[0])
    for index, row in enumerate(block.rows):
        cells = made.add_row().cells
        fill_row(cells, row, block, widths, bold=index in block.strong_rows)
        if block.strong_rows and index not in block.strong_rows:  # a point under its area
            cells[0].paragraphs[0].paragraph_format.left_indent = Cm(0.4)
    out.add_paragraph()  # Word runs a table into the next one without a paragraph between


def fill_row(cells, values: tuple[str, ...], block: Table, widths: list, bold: bool) -> None:
    for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
        cell.width = widths[column]
        para = cell.paragraphs[0]
        run = para.add_run(value)
        run.bold, run.font.size = bold or None, Pt(9)
        if column in block.numeric:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def repeat_header(row) -> None:
    """The header row repeats on every page a long table runs over."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)
