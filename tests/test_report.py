"""The reports (report/): each section's content on its own, then the generated files read back
(DOCX with python-docx, PDF with poppler's pdftotext) and checked against the KB and the plan:
4.21's money (2023 additional need 4 400 000 €, not secured by footnote 116, p. 32; the seed
004 and budget_table1.csv), the MTBF totals (2022: 4 344 513, 2023: 8 334 728, as printed on
p. 23), point 10 h)'s measures (4.21, 4.22, 4.23) and the 31 factsheets. Files are made once
per module and shared."""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from string import Formatter

import pytest
from docx import Document as read_docx

from core.errors import QueryError
from core.namespaces import ID, RSF
from core.notation import PointRef
from kb.__main__ import main
from report import FORMATS, file_name, render, report_bytes, report_document
from report import content as c
from report.texts import LANGUAGES, texts

ROOT = Path(__file__).resolve().parent.parent
M421 = str(ID["measure/4.21"])
NBSP = "\u00a0"
LATVIAN_LETTERS = "āčēģīķļņšūž"
PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (Debian's poppler-utils) is missing: run `make system-deps`"
)

POINT_10H = {"lv": "Ieteikuma 10. punkta h) apakšpunkts", "en": "Recommendation point 10(h)"}
AMOUNT_421 = {"lv": "4 400 000 €", "en": "€4,400,000"}
NOT_SECURED_116 = {"lv": "nē, 116. piezīme", "en": "no, footnote 116"}
MTBF = {"lv": "VTBI", "en": "MTBF"}
TOTALS = {"lv": ("4 344 513 €", "8 334 728 €"), "en": ("€4,344,513", "€8,334,728")}
CAPTION = {"lv": r"Pasākums (\d+\.\d+) · plāna lpp\.", "en": r"Measure (\d+\.\d+) · plan p\."}


def flat(text: str) -> str:
    """No-break spaces as spaces (pdftotext and Word keep them), runs of spaces as one."""
    return re.sub(r"[ \t]+", " ", text.replace(NBSP, " "))


# ---------------------------------------------------------------- the texts


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, entry in texts().items():
        assert set(entry) == set(LANGUAGES), key
        fields = {lang: sorted(f for _, f, _, _ in Formatter().parse(entry[lang]) if f) for lang in LANGUAGES}
        assert fields["lv"] == fields["en"], key


def test_every_text_is_used_by_the_code():
    literals = set()
    for path in (ROOT / "report").glob("*.py"):
        literals |= {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Constant)}
    assert not [key for key in texts() if key not in literals]


# ---------------------------------------------------------------- content, one section at a time


@pytest.fixture(scope="module")
def base(embedded):
    return c.basics(embedded, "en")


def test_basics_know_the_recommendation_and_the_footnotes_that_say_not_secured(base):
    assert base.recommendation.number == "2021/C 93/01"
    assert base.recommendation.url.startswith("https://eur-lex.europa.eu/")
    assert {94, 96, 102, 109, 116, 122} == set(base.not_secured_footnotes)  # footnote_readings.csv


def test_money_of_4_21_is_the_2023_additional_need_not_secured_by_footnote_116(embedded, base):
    (line,) = c.money(embedded, M421, base)
    assert (line.year, line.kind, line.amount) == ("2023", str(RSF.additional), Decimal(4_400_000))
    assert line.not_secured == (116,) and line.pages == (32,)


def test_money_blames_only_the_footnote_that_says_not_secured(embedded, base):
    lines = c.money(embedded, str(ID["measure/4.4"]), base)
    additional = [line for line in lines if line.kind == str(RSF.additional)]
    assert additional and all(line.not_secured == (96,) and 95 in line.footnotes for line in additional)
    assert [line.recurring for line in additional] == [False, False, True]  # 2023, 2024, every year after


def test_horizons(embedded):
    assert c.horizon(embedded, M421) == c.Horizon("", True, "Pasākuma īstenošana nav terminēta.", 20)
    assert c.horizon(embedded, str(ID["measure/4.18"])).until == "2029-12-31"
    assert c.horizon(embedded, str(ID["measure/4.12"])) is None


def test_institutions_by_role_with_full_names(embedded):
    found = c.institutions(embedded, str(ID["measure/4.12"]), "lv")
    assert {(i.role, i.abbreviation) for i in found if i.role == c.RESPONSIBLE} == {(c.RESPONSIBLE, "IZM")}
    assert {i.name for i in found if i.role == c.CO_RESPONSIBLE} == {
        "Valsts izglītības satura centrs",
        "Jaunatnes starptautisko programmu aģentūra",
        "Izglītības kvalitātes valsts dienests",
    }


def test_targets_funds_points_documents_and_footnotes_of_4_21(embedded):
    (target,) = c.targets(embedded, M421, "en")
    assert (target.value, target.page) == (Decimal(500), 35)
    assert [(f.code, f.details, f.pages) for f in c.funds(embedded, M421, "en")] == [("STATE-BUDGET", ("12/35.00.00",), (32,))]
    assert c.points(embedded, M421) == (PointRef(3, "a"), PointRef(9, "j"), PointRef(10, "h"))
    assert {d.code: d.provisions for d in c.documents(embedded, M421, "en")} == {"NIPP": ("4.1.4.3",), "NAP2027": ("352",)}
    assert [n.number for n in c.footnotes(embedded, M421)] == [79, 80, 116]


def test_a_measure_is_named_by_its_number(embedded, base):
    assert c.measure_by_number("4.21.") == M421
    with pytest.raises(QueryError) as error:
        c.measure_by_number("x")
    assert error.value.kind == "parameter"
    with pytest.raises(QueryError) as error:
        c.measure(embedded, str(ID["measure/9.99"]), base)
    assert error.value.kind == "unknown-entity"


def test_plan_totals_are_the_printed_totals(embedded, base):
    totals = {(t.year, t.kind.rsplit("#")[-1]): t.amount for t in c.plan_totals(embedded, base)}
    assert totals[("2022", "mtbf")] == 4_344_513 and totals[("2023", "mtbf")] == 8_334_728  # p. 23
    assert totals[("2023", "additional")] == 5_548_200


def test_areas_and_points_cited(embedded, base):
    areas = c.area_sections(embedded, base)
    assert [a.ref.number for a in areas] == sorted(a.ref.number for a in areas)
    points = {p.ref: p for a in areas for p in a.points}
    assert len(points) == 50
    numbers = [iri.rsplit("/", 1)[-1] for iri in points[PointRef(10, "h")].measures]
    assert numbers == ["4.21", "4.22", "4.23"]
    assert all(t.measures == 1 for t in points[PointRef(10, "h")].money)


@pytest.fixture(scope="module")
def compliance_en(embedded):
    return c.compliance(embedded, "en")


def test_the_compliance_report_lists_every_measure_and_its_footnotes(compliance_en):
    assert len(compliance_en.measures) == 31
    assert {94, 96, 116} <= {n.number for n in compliance_en.footnotes()}
    recurring = [t for t in compliance_en.totals if t.recurring]
    assert [(t.year, t.amount) for t in recurring] == [("2025", 370_000)]


def test_factsheets_of_one_and_of_all(embedded):
    assert [m.number for m in c.factsheets(embedded, "lv", "4.21").measures] == ["4.21"]
    assert len(c.factsheets(embedded, "lv").measures) == 31


# ---------------------------------------------------------------- the files, read back


class Files(dict):
    """(kind, lang, fmt) -> the file, made on first use and shared by the module's tests; kind is
    compliance, factsheet (4.21) or all (the 31 factsheets). A PDF of 50 pages takes seconds."""

    def __init__(self, store, folder: Path) -> None:
        super().__init__()
        self.store, self.folder, self.documents = store, folder, {}

    def __missing__(self, key: tuple[str, str, str]) -> Path:
        kind, lang, fmt = key
        if (kind, lang) not in self.documents:
            measure = "4.21" if kind == "factsheet" else None
            self.documents[(kind, lang)] = report_document(self.store, "factsheet" if kind == "all" else kind, lang, measure)
        path = self.folder / f"{kind}-{lang}.{fmt}"
        path.write_bytes(render(self.documents[(kind, lang)], fmt))
        self[key] = path
        return path


@pytest.fixture(scope="module")
def files(embedded, tmp_path_factory) -> Files:
    return Files(embedded, tmp_path_factory.mktemp("reports"))


def docx_text(path: Path) -> str:
    """Paragraphs and table rows in the document's order (a row's cells joined by ' | ')."""
    parts = []
    for block in read_docx(str(path)).iter_inner_content():
        if hasattr(block, "rows"):
            parts += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            parts.append(block.text)
    return flat("\n".join(parts))


def pdf_text(path: Path) -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is missing: run `make system-deps`")
    # -layout keeps a table's row on one line, so an amount is read next to its footnote.
    done = subprocess.run([PDFTOTEXT, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return flat(done.stdout.decode("utf-8"))


def read(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else pdf_text(path)


BOTH = pytest.mark.parametrize(("lang", "fmt"), [(lang, fmt) for lang in LANGUAGES for fmt in FORMATS])


@BOTH
def test_compliance_report_says_the_text_is_not_stored_and_links_to_eur_lex(files, lang, fmt):
    found = read(files[("compliance", lang, fmt)])
    assert "eur-lex.europa.eu" in found.replace("\n", "")
    assert {"lv": "Ieteikuma teksts šeit netiek glabāts", "en": "The Recommendation's text is not stored here"}[lang] in found


@BOTH
def test_compliance_report_gives_the_printed_mtbf_totals(files, lang, fmt):
    found = read(files[("compliance", lang, fmt)])
    total_2022, total_2023 = TOTALS[lang]
    assert re.search(rf"2022 \|? ?{MTBF[lang]}[^\n]*{re.escape(total_2022)}", found)
    assert re.search(rf"2023 \|? ?{MTBF[lang]}[^\n]*{re.escape(total_2023)}", found)


def point_section(found: str, lang: str) -> str:
    """The text from point 10 h)'s heading in the measures part to the next point's heading."""
    start = found.rindex(POINT_10H[lang])
    following = re.compile(r"\n *(Ieteikuma \d+\. punkt|Recommendation point \d)")
    end = following.search(found, start + 1)
    return found[start : end.start() if end else len(found)]


@BOTH
def test_point_10h_lists_its_three_measures_with_4_21s_money(files, lang, fmt):
    section = point_section(read(files[("compliance", lang, fmt)]), lang)
    assert re.findall(r"^ *(4\.\d+) [A-ZĀČĒĢĪĶĻŅŠŪŽ]", section, re.M) == ["4.21", "4.22", "4.23"]
    assert re.search(rf"{re.escape(AMOUNT_421[lang])}[^\n]*{re.escape(NOT_SECURED_116[lang])}", section)


@BOTH
def test_compliance_report_lists_cited_points_and_a_summary(files, lang, fmt):
    found = read(files[("compliance", lang, fmt)])
    heading = {"lv": "Plānā minētie Ieteikuma punkti", "en": "Recommendation points cited by the plan"}[lang]
    assert heading in found and {"lv": "summas nedrīkst saskaitīt", "en": "must not be added up"}[lang] in found
    assert re.search(rf"{re.escape(POINT_10H[lang])} \|? ?3\b", found)  # its number of measures


@BOTH
def test_factsheet_of_4_21(files, lang, fmt):
    found = read(files[("factsheet", lang, fmt)])
    assert {"lv": "Ekonomikas ministrija (EM)", "en": "Ministry of Economics (EM)"}[lang] in found
    assert "2023.gada II pusgads" in found and "Norādītais finansējums nav ietverts" in found
    assert re.search(rf"{re.escape(AMOUNT_421[lang])}[^\n]*{re.escape(NOT_SECURED_116[lang])}", found)
    assert re.search(r"\b500 ", found) and POINT_10H[lang] in found and "NIPP" in found


# Both languages as DOCX, one as PDF: the 31-page PDFs are the slowest files to make.
@pytest.mark.parametrize(("lang", "fmt"), [("lv", "docx"), ("en", "docx"), ("lv", "pdf")])
def test_the_factsheets_of_all_measures_have_31_measures(files, lang, fmt):
    path = files[("all", lang, fmt)]
    if fmt == "docx":
        headings = [p.text for p in read_docx(str(path)).paragraphs if p.style.name == "Heading 1"]
        assert len(headings) == 31 and headings[0].startswith("4.1 ") and headings[-1].startswith("4.31 ")
    numbers = re.findall(CAPTION[lang], read(path))
    assert len(numbers) == 31 and len(set(numbers)) == 31


@needs_pdftotext
@pytest.mark.parametrize("lang", LANGUAGES)
def test_latvian_letters_survive_in_the_pdf(files, lang):
    found = read(files[("compliance", lang, "pdf")])
    assert set(LATVIAN_LETTERS) <= set(found)
    assert "Izglītības kvalitātes valsts dienests" in found or lang == "en"


@needs_pdftotext
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_factsheet_is_at_most_two_pages(files, lang):
    info = subprocess.run(["pdfinfo", str(files[("factsheet", lang, "pdf")])], capture_output=True, text=True, check=True)
    assert int(re.search(r"Pages:\s+(\d+)", info.stdout)[1]) <= 2


def test_docx_tables_keep_amounts_right_aligned(files):
    document = read_docx(str(files[("factsheet", "en", "docx")]))
    (table,) = document.tables
    amount = table.rows[1].cells[2].paragraphs[0]
    assert amount.text == AMOUNT_421["en"] and amount.alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT


# ---------------------------------------------------------------- the call the UI and the CLI make


def test_report_bytes_and_file_names(embedded):
    data = report_bytes(embedded, "factsheet", "en", "docx", "4.21")
    assert "4.21" in docx_text_of(data)
    assert file_name("factsheet", "en", "pdf", "4.21") == "roma-plan-factsheet-4.21-en.pdf"
    assert file_name("compliance", "lv", "docx") == "roma-plan-compliance-lv.docx"
    with pytest.raises(ValueError):
        report_bytes(embedded, "summary", "en", "docx")


def docx_text_of(data: bytes) -> str:
    return "\n".join(p.text for p in read_docx(io.BytesIO(data)).paragraphs)


def test_cli_writes_a_factsheet(built, tmp_path, capsys):
    out = tmp_path / "f.docx"
    kb = str(built[1] / "kb.ttl")
    assert (
        main(["report", "factsheet", "--measure", "4.21", "--lang", "en", "--format", "docx", "--out", str(out), "--kb", kb]) == 0
    )
    assert "Ministry of Economics" in docx_text(out)
    assert main(["report", "factsheet", "--lang", "en", "--format", "docx", "--out", str(out), "--kb", kb]) == 2
    assert main(["report", "factsheet", "--measure", "9.99", "--format", "pdf", "--out", str(out), "--kb", kb]) == 3
    assert "no measure 9.99" in capsys.readouterr().err
