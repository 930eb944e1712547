"""PDFs made by another program than the ones in the corpus: Chromium (Skia) printing the
Shanghai 2019 page (whose zeros are empty cells) and gongkai's own HTML. A PDF's text layer shows
nothing where a cell is empty, so these rows are placed under the table's column headings by the
words' positions; the numbers must come out as printed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright

from gongkai.readers import read_bytes
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from support.corpus import CORPUS, TRUTH, load_truth

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, through pytest-playwright's Playwright (one per test process, which the
    browser tests share)."""
    if not CHROMIUM.exists():
        pytest.fail(
            "Chromium is missing: run scripts/install-system-deps (apt-get install chromium)"
        )
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    yield launched
    launched.close()


def _print(browser: Browser, html: str) -> bytes:
    page = browser.new_page()
    page.set_content('<meta charset="utf-8">' + html)
    pdf = page.pdf(format="A4")
    page.close()
    return pdf


def _cells(report: Report) -> dict[tuple[str, str, str], object]:
    """The numbers (a row printed with '—' in every cell holds none, as an absent row)."""
    return {
        (t, r, c): cell.value for t, r, c, cell in report.iter_cells() if cell.value is not None
    }


def _truth(item: str) -> Report:
    return report_from_truth(load_truth(TRUTH / f"{item}.json"))


def test_a_chromium_pdf_of_a_page_with_empty_cells_reads_like_the_page(chromium: Browser) -> None:
    html = (CORPUS / "raw" / "004.html").read_text(encoding="utf-8")
    report = read_bytes(_print(chromium, html), "004-chromium.pdf")
    assert _cells(report) == _cells(_truth("004"))
    (blanks,) = [f for f in report.reading if f.rule == "R6"]
    assert "按 0 计" in blanks.message_zh


@pytest.mark.parametrize("item", ["002", "007", "seed-qingshan-justice-2023"])
def test_a_chromium_pdf_of_gongkais_own_html_reads_back_the_same_numbers(
    chromium: Browser, item: str
) -> None:
    truth = _truth(item)
    report = read_bytes(_print(chromium, render(truth, "html").decode("utf-8")), f"{item}.pdf")
    assert _cells(report) == _cells(truth)
