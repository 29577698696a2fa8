"""Reports a ministry can send: the compliance report (the plan against the Council
Recommendation's points) and measure factsheets, in Latvian or English, as DOCX or PDF.

content.py gathers what a report says through the query engine (any store), compose.py
turns it into a Document in the report's language, and to_docx.py / to_pdf.py write the
same Document as a file. `report_bytes` is the one call the CLI and the UI need."""

from __future__ import annotations

from kb.engine.stores import Store
from report.compose import compliance_document, factsheet_document
from report.content import compliance, factsheets
from report.document import Document

KINDS = ("compliance", "factsheet")
FORMATS = ("docx", "pdf")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def report_document(store: Store, kind: str, lang: str, measure: str | None = None) -> Document:
    """The report's Document: `kind` compliance, or factsheet for one measure ('4.21') or, with
    no measure, for all of them in one document."""
    if kind == "compliance":
        return compliance_document(compliance(store, lang))
    if kind == "factsheet":
        return factsheet_document(factsheets(store, lang, measure))
    raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")


def render(document: Document, fmt: str) -> bytes:
    if fmt == "docx":
        from report.to_docx import render_docx

        return render_docx(document)
    if fmt == "pdf":
        from report.to_pdf import render_pdf

        return render_pdf(document)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")


def report_bytes(store: Store, kind: str, lang: str, fmt: str, measure: str | None = None) -> bytes:
    """The file's bytes, ready for a download button: `report_bytes(store, "factsheet", "en", "pdf", "4.21")`."""
    return render(report_document(store, kind, lang, measure), fmt)


def file_name(kind: str, lang: str, fmt: str, measure: str | None = None) -> str:
    """'roma-plan-compliance-en.pdf', 'roma-plan-factsheet-4.21-lv.docx'."""
    which = f"-{measure.rstrip('.')}" if kind == "factsheet" and measure else ("-all" if kind == "factsheet" else "")
    return f"roma-plan-{kind}{which}-{lang}.{fmt}"
