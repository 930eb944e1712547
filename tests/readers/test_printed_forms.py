"""Never a wrong number: reports printed to PDF the way offices print them, read back.

* gongkai's HTML with every zero cell left blank, printed by Chromium (a blank cell prints
  nothing, so a row like '规章 | 2 | (blank) | 13' has two words for three cells);
* gongkai's XLSX with LibreOffice's default page setup (no fit-to-width, default column widths):
  the right-hand columns go to later pages and narrow columns clip the row labels.

For every truth file of the corpus, each cell read must be the printed value or missing — never
another number. Reading more of these forms is welcome; reading a wrong number fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.properties import PageSetupProperties
from playwright.sync_api import Browser, Playwright

from gongkai.errors import ReportInputError
from gongkai.readers import pdf as pdf_pages
from gongkai.readers import read_bytes, read_report, ruling
from gongkai.report.model import Cell, Report
from gongkai.report.spec import RowKind
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from support.corpus import load_truth, truth_files

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
REGRESSIONS = Path(__file__).parent / "regressions"
_ZERO_CELL = re.compile(r">\s*0\s*</td>")


def _truth(path: Path) -> Report:
    return report_from_truth(load_truth(path))


def wrong_cells(printed: Report, read: Report) -> list[str]:
    """Cells read as a number other than the one printed (a missing cell is never wrong; a cell
    printed as missing ('—') must not be read as a number)."""
    wrong = []
    for table, row, column, cell in printed.iter_cells():
        value = read.value(table, row, column)
        if value is not None and value != cell.value:
            wrong.append(f"{table}.{row}.{column}: read {value}, printed {cell.value}")
    return wrong


def blank_zeros(html: str) -> str:
    return _ZERO_CELL.sub("></td>", html)


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/install-system-deps")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    yield browser
    browser.close()


def print_html(browser: Browser, html: str) -> bytes:
    page = browser.new_page()
    page.set_content('<meta charset="utf-8">' + html)
    pdf = page.pdf(format="A4")
    page.close()
    return pdf


def default_page_setup(xlsx: bytes, target: Path) -> None:
    """The workbook as an office keeps it: no fit-to-width, LibreOffice's default column widths."""
    source = target.with_suffix(".in.xlsx")
    source.write_bytes(xlsx)
    book = load_workbook(source)
    for sheet in book.worksheets:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        sheet.page_setup.fitToWidth = None
        for key in list(sheet.column_dimensions):
            del sheet.column_dimensions[key]
    book.save(target)
    source.unlink()


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every truth file written as XLSX and printed by LibreOffice with its default page setup
    (one conversion, its own user profile, a timeout)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: run scripts/install-system-deps")
    folder = tmp_path_factory.mktemp("xlsx")
    for path in truth_files():
        default_page_setup(render(_truth(path), "xlsx"), folder / f"{path.stem}.xlsx")
    profile = tmp_path_factory.mktemp("profile")
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.xlsx"))],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return {path.stem: path.read_bytes() for path in folder.glob("*.pdf")}


@pytest.mark.parametrize("path", truth_files(), ids=lambda path: path.stem)
def test_a_chromium_print_with_blank_zeros_never_reads_a_wrong_number(
    chromium: Browser, path: Path
) -> None:
    printed = _truth(path)
    pdf = print_html(chromium, blank_zeros(render(printed, "html").decode("utf-8")))
    assert wrong_cells(printed, read_bytes(pdf, f"{path.stem}.pdf")) == []


@pytest.mark.parametrize("path", truth_files(), ids=lambda path: path.stem)
def test_a_libreoffice_print_of_a_spreadsheet_never_reads_a_wrong_number(
    libreoffice_pdfs: dict[str, bytes], path: Path
) -> None:
    read = read_bytes(libreoffice_pdfs[path.stem], f"{path.stem}.pdf")
    assert wrong_cells(_truth(path), read) == []


def test_ruling_only_table_4s_pages_reads_table_4_as_ruling_every_page(
    chromium: Browser,
) -> None:
    # The ruling-lines fallback looks for lines only on the pages that can hold table 四 (the
    # only table it gives to the reading): on these printouts it must read table 四 as if it
    # looked on them all.
    read_somewhere = False
    for path in truth_files():
        pdf = print_html(chromium, blank_zeros(render(_truth(path), "html").decode("utf-8")))
        with pdf_pages.opened(pdf, f"{path.stem}.pdf") as pages:
            every = ruling.read(pages, every_page=True)
            assert every is not None
            table4 = _table4(every)
            read_somewhere = read_somewhere or bool(table4)
            assert _table4(ruling.read(pages)) == table4, path.stem
    assert read_somewhere  # the comparison was about something


def _table4(report: Report | None) -> dict[tuple[str, str], int | float | None]:
    if report is None:
        return {}
    return {(row, column): cell.value for table, row, column, cell in report.iter_cells()
            if table == "table4" and cell.value is not None}  # fmt: skip


def test_every_truth_file_was_printed_by_libreoffice(libreoffice_pdfs: dict[str, bytes]) -> None:
    assert sorted(libreoffice_pdfs) == sorted(path.stem for path in truth_files())


@pytest.mark.parametrize("item", ["002", "004"])  # one of each format
def test_a_blank_cell_between_numbers_is_a_cell_not_a_cut_in_a_glued_run(
    chromium: Browser, item: str
) -> None:
    printed = _truth(next(p for p in truth_files() if p.stem == item))
    row = printed.tables["table2"]["regulations"]
    first, second, third = list(row)
    printed.tables["table2"]["regulations"] = {first: Cell(2), second: Cell(0), third: Cell(13)}
    pdf = print_html(chromium, blank_zeros(render(printed, "html").decode("utf-8")))
    read = read_bytes(pdf, f"{item}.pdf")
    assert [read.value("table2", "regulations", c) for c in (first, second, third)] == [2, 0, 13]
    assert wrong_cells(printed, read) == []


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("行政许可31+1244", [31, None, None]),
        ("其他对外管理服务事项255+7262", [255, None, None]),
        ("行政处罚4120-36401", [4120, None, None]),
        ("行政强制7+30", [7, 3, 0]),  # one cut only: 7 | +3 | 0
    ],
)
def test_a_sign_starts_a_cell_of_a_glued_run(tmp_path: Path, line: str, cells: list) -> None:
    """2019's 本年增/减 printed with its sign between glued neighbours: the digits before the sign
    are the cells before it; the cells every cut agrees on are read, the others are missing."""
    text = "\n".join(
        [
            "某某局2019年政府信息公开工作年度报告",
            "第二十条第（五）项",
            "信息内容上一年项目数量本年增/减处理决定数量",
            line,
        ]
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report = read_report(path)
    table = report.spec.table("table2")
    (row,) = [spec for spec in table.data_rows if line.startswith(spec.label)]
    assert [report.value("table2", row.key, c.key) for c in row.columns] == cells
    if None in cells:
        (finding,) = [f for f in report.reading if f.rule == "R3"]
        assert "已读取" in finding.message_zh


def test_a_damaged_page_is_a_damaged_pdf() -> None:
    with pytest.raises(ReportInputError) as raised:
        read_bytes((REGRESSIONS / "page-fails-to-load.pdf").read_bytes(), "damaged.pdf")
    assert raised.value.code == "damaged_pdf"


def test_a_page_holding_only_its_page_number_is_read_without_error() -> None:
    with pytest.raises(ReportInputError) as raised:
        read_bytes((REGRESSIONS / "page-number-only.pdf").read_bytes(), "number.pdf")
    assert raised.value.code == "not_a_report"


@pytest.mark.parametrize("path", truth_files(), ids=lambda path: path.stem)
def test_a_chromium_print_with_blank_zeros_reads_every_printed_number_of_table_three(
    chromium: Browser, path: Path
) -> None:
    """Every number, and every blank cell (a printed zero), sits under its column heading (but a
    heading row's subtotal beside a label spanning its rows, which may be missing)."""
    printed = _truth(path)
    pdf = print_html(chromium, blank_zeros(render(printed, "html").decode("utf-8")))
    read = read_bytes(pdf, f"{path.stem}.pdf")
    for table in ("table2", "table3"):
        expected = {
            (row, column): cell.value
            for key, row, column, cell in printed.iter_cells()
            if key == table
            and cell.value is not None
            and printed.spec.table(table).row(row).kind is not RowKind.HEADING
        }
        got = {(row, column): read.value(table, row, column) for row, column in expected}
        assert got == expected
