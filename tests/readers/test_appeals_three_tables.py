"""Table 四 printed as three small tables (PDF-to-Markdown and OCR conversions, some Word
layouts): 行政复议 / 行政诉讼（未经复议直接起诉） / 行政诉讼（复议后起诉）, each with its own
结果维持 … 总计 header and one row of five numbers. Read in every input kind, both formats."""

from __future__ import annotations

import re
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
GROUPS = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
)
HEADER = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
ITEMS = ("002", "004")  # 2021 and 2019 format


def _truth(item: str) -> Report:
    return report_from_truth(load_truth(next(p for p in truth_files() if p.stem == item)))


def _values(report: Report, group: str) -> list[str]:
    return [str(cell.value) for cell in report.tables["table4"][group].values()]


def as_markdown(report: Report) -> str:
    """gongkai's Markdown with table 四 replaced by three small tables."""
    text = render(report, "md").decode("utf-8")
    blocks = []
    for group, heading in GROUPS:
        blocks.append(
            f"{heading}\n\n| {' | '.join(HEADER)} |\n|{'---|' * len(HEADER)}\n"
            f"| {' | '.join(_values(report, group))} |\n"
        )
    start = text.index("## 四")
    start = text.index("\n\n", start) + 2
    end = text.index("## 五")
    return text[:start] + "\n".join(blocks) + "\n" + text[end:]


def as_html(report: Report) -> str:
    text = render(report, "html").decode("utf-8")
    tables = "".join(
        f"<p>{heading}</p><table><tr>{''.join(f'<th>{h}</th>' for h in HEADER)}</tr>"
        f"<tr>{''.join(f'<td>{v}</td>' for v in _values(report, group))}</tr></table>"
        for group, heading in GROUPS
    )
    return re.sub(r'<table class="t table4">.*?</table>', tables, text, count=1, flags=re.S)


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/install-system-deps")
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
    )
    yield browser
    browser.close()


def _table4(report: Report) -> dict[str, list[object]]:
    return {
        group: [cell.value for cell in cells.values()]
        for group, cells in report.tables.get("table4", {}).items()
    }


@pytest.mark.parametrize("item", ITEMS)
def test_three_markdown_tables_read_as_table_four(item: str) -> None:
    printed = _truth(item)
    read = read_bytes(as_markdown(printed).encode("utf-8"), f"{item}.md")
    assert _table4(read) == _table4(printed)


@pytest.mark.parametrize("item", ITEMS)
def test_three_html_tables_read_as_table_four(item: str) -> None:
    printed = _truth(item)
    read = read_bytes(as_html(printed).encode("utf-8"), f"{item}.html")
    assert _table4(read) == _table4(printed)


@pytest.mark.parametrize("item", ITEMS)
def test_three_tables_printed_to_pdf_read_as_table_four(chromium: Browser, item: str) -> None:
    printed = _truth(item)
    page = chromium.new_page()
    page.set_content('<meta charset="utf-8">' + as_html(printed))
    pdf = page.pdf(format="A4")
    page.close()
    assert _table4(read_bytes(pdf, f"{item}.pdf")) == _table4(printed)


def test_groups_printed_out_of_order_are_not_read_in_the_wrong_group() -> None:
    printed = _truth("002")
    text = as_markdown(printed)
    direct, after = "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"
    swapped = text.replace(direct, "§").replace(after, direct).replace("§", after)
    read = read_bytes(swapped.encode("utf-8"), "swapped.md")
    for group, values in _table4(read).items():
        assert values == _table4(printed)[group] or all(v is None for v in values)
