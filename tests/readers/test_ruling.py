"""Tables read from a PDF's ruling lines: PDFs made here, with table 四's columns so narrow that
its five-digit numbers wrap inside their cells ('1234' over '5') — printed by LibreOffice from a
DOCX and by Chromium from HTML, in both formats. The line-by-line reading cuts every such number
in two; read by the cells the ruling lines form, every number comes out whole."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from playwright.sync_api import Browser, Playwright

from gongkai.readers import legacy, read_bytes, ruling
from gongkai.readers import pdf as pdf_pages
from gongkai.readers.pdf import read as read_lines
from gongkai.report.model import Cell, Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from support.corpus import TRUTH, load_truth

# 上海市人民政府办公厅 2019 (2019 format) and 淮安市洪泽区 2023 (2021 format).
SOURCES = ["004", "002"]
CHROMIUM = Path("/usr/bin/chromium")
# Five-digit appeals: wide enough to wrap in a narrow cell; each group's total is the sum.
APPEALS = {"upheld": 12345, "corrected": 23456, "other": 34567, "pending": 45678, "total": 116046}


def _truth(item: str) -> Report:
    truth = report_from_truth(load_truth(TRUTH / f"{item}.json"))
    appeals = {
        group: {column: Cell(value) for column, value in APPEALS.items()}
        for group in truth.tables["table4"]
    }
    return replace(truth, tables={**truth.tables, "table4": appeals})


def _cells(report: Report) -> dict[tuple[str, str, str], object]:
    return {
        (t, r, c): cell.value for t, r, c, cell in report.iter_cells() if cell.value is not None
    }


def _narrow_docx(report: Report) -> bytes:
    """gongkai's DOCX with table 四 in fixed columns 0.75 cm wide."""
    document = docx.Document(io.BytesIO(render(report, "docx")))
    table = document.tables[-1]
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column in table._tbl.tblGrid.gridCol_lst:
        column.w = Cm(0.75)
    for row in table.rows:
        for cell in row.cells:
            cell.width = Cm(0.75)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _libreoffice_pdf(data: bytes, folder: Path) -> bytes:
    program = legacy.soffice()
    if program is None:
        pytest.fail("LibreOffice is missing: run scripts/install-system-deps")
    (folder / "narrow.docx").write_bytes(data)
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "narrow.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (folder / "narrow.pdf").read_bytes()


@pytest.mark.parametrize("item", SOURCES)
def test_a_libreoffice_pdf_with_wrapped_numbers_is_read_from_its_ruling_lines(
    item: str, tmp_path: Path
) -> None:
    truth = _truth(item)
    pdf = _libreoffice_pdf(_narrow_docx(truth), tmp_path)
    assert "table4" not in _cells_tables(read_lines(pdf, source_file="narrow.pdf"))
    report = read_bytes(pdf, "narrow.pdf")
    assert _cells(report) == _cells(truth)
    assert report.reading[0].rule == "R14"


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/install-system-deps")
    launched = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
    )
    yield launched
    launched.close()


# Table 四's cells narrow enough that a five-digit number breaks inside its cell.
_NARROW = (
    "<style>table:last-of-type{table-layout:fixed;width:110mm}"
    "table:last-of-type td{word-break:break-all}</style>"
)


@pytest.mark.parametrize("item", SOURCES)
def test_a_chromium_pdf_with_narrow_columns_read_from_its_ruling_lines_has_no_wrong_cell(
    item: str, chromium: Browser
) -> None:
    truth = _truth(item)
    page = chromium.new_page()
    page.set_content('<meta charset="utf-8">' + _NARROW + render(truth, "html").decode("utf-8"))
    pdf = page.pdf(format="A4")
    page.close()
    with pdf_pages.opened(pdf, "narrow.pdf") as pages:
        report = ruling.read(pages, every_page=True)
    assert report is not None
    expected = _cells(truth)
    read = _cells(report)
    # every cell read is the printed one; table 四, wrapped character by character by Chromium
    # (headers included), may be missing but is never misread
    assert {key: value for key, value in read.items() if expected.get(key) != value} == {}
    assert len(read) >= len(expected) - 15


def test_a_pdf_read_whole_line_by_line_is_not_read_again() -> None:
    truth = report_from_truth(load_truth(TRUTH / "002.json"))
    pdf = render(truth, "pdf")
    report = read_lines(pdf, source_file="plain.pdf")
    with pdf_pages.opened(pdf, "plain.pdf") as pages:
        assert ruling.improve(report, pages) is report


def _cells_tables(report: Report) -> set[str]:
    return {t for t, _, _, cell in report.iter_cells() if cell.value is not None}
