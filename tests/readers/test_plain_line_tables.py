"""A PDF whose table 二 is plain lines (as Word prints a table without ruling lines): one row per
line ('规章 2 0 13'), captions printed '第二十条 第（一）项', continuing over a page break with the
page number ('- 2 -', '第 2 页 共 4 页') between. The PDF path must read at least what the text
path reads from the same text layer (``pdftotext``), and only the printed numbers."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright

from gongkai.readers import read_bytes
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from support.corpus import load_truth, truth_files

CHROMIUM = Path("/usr/bin/chromium")
FOOTER = (
    '<div style="font-size:10px;width:100%;text-align:center">'
    '- <span class="pageNumber"></span> -</div>'
)
ITEMS = ["002", "004", "018", "seed-qingshan-justice-2023"]  # both formats


def plain_table2(html: str) -> str:
    """gongkai's HTML with table 二 printed as paragraphs, a page break before its third part."""
    start = html.index('<table class="t table2">')
    end = html.index("</table>", start) + len("</table>")
    lines, captions = [], 0
    for row in re.findall(r"<tr>(.*?)</tr>", html[start:end], re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        text = " ".join(re.sub(r"<[^>]+>", "", cell) for cell in cells)
        if text.startswith("第二十条"):
            captions += 1
            text = text.replace("第二十条第", "第二十条 第")
            if captions == 3:
                lines.append('<div style="break-before:page"></div>')
        lines.append(f"<p>{text}</p>")
    return html[:start] + "\n".join(lines) + html[end:]


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/install-system-deps")
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
    )
    yield browser
    browser.close()


def _print(browser: Browser, html: str) -> bytes:
    page = browser.new_page()
    page.set_content('<meta charset="utf-8">' + html)
    pdf = page.pdf(
        format="A4",
        display_header_footer=True,
        header_template="<div></div>",
        footer_template=FOOTER,
        margin={"top": "20mm", "bottom": "20mm"},
    )
    page.close()
    return pdf


def _numbers(report: Report, table: str) -> dict[tuple[str, str], object]:
    return {
        (row, column): cell.value
        for key, row, column, cell in report.iter_cells()
        if key == table and cell.value is not None
    }


@pytest.mark.parametrize("item", ITEMS)
def test_a_plain_line_table_two_reads_from_the_pdf_as_from_its_text(
    chromium: Browser, item: str, tmp_path: Path
) -> None:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "poppler-utils is missing: run scripts/install-system-deps"
    printed = report_from_truth(load_truth(next(p for p in truth_files() if p.stem == item)))
    pdf = tmp_path / f"{item}.pdf"
    pdf.write_bytes(_print(chromium, plain_table2(render(printed, "html").decode("utf-8"))))
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout
    from_pdf = read_bytes(pdf.read_bytes(), pdf.name)
    from_text = read_bytes(text, f"{item}.txt")
    assert _numbers(from_text, "table2"), "the text path reads table 二"
    for table in ("table2", "table3", "table4"):
        right = _numbers(printed, table).items()
        assert _numbers(from_pdf, table).items() <= right  # nothing but printed numbers
        assert _numbers(from_pdf, table).items() >= _numbers(from_text, table).items() & right
    assert _numbers(from_pdf, "table2") == _numbers(printed, "table2")
