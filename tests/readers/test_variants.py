"""Reports printed in ways the corpus does not show, made by hand from real numbers: a reader
that only passes the files it was tuned on is not done."""

from __future__ import annotations

import re

import pytest

from gongkai.readers import read_bytes
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from support.corpus import CORPUS, TRUTH, load_truth
from support.textreport import Style, as_text

# 上海市人民政府办公厅 2019 (2019 format) and 淮安市洪泽区 2023 (2021 format): distinct numbers.
SOURCES = ["004", "002"]


def _report(item: str) -> Report:
    return report_from_truth(load_truth(TRUTH / f"{item}.json"))


def _cells(report: Report) -> dict[tuple[str, str, str], object]:
    return {(t, r, c): cell.value for t, r, c, cell in report.iter_cells()}


def _read_as(report: Report, style: Style) -> Report:
    return read_bytes(as_text(report, style).encode("utf-8"), "variant.txt")


@pytest.mark.parametrize("item", SOURCES)
@pytest.mark.parametrize(
    "style",
    [
        Style(),
        Style(full_width=True),
        Style(thousands=True),
        Style(traditional=True),
        Style(page_break_after="denied_third_party"),
        Style(separator=" "),
    ],
    ids=[
        "tabs",
        "full-width digits",
        "thousands separators",
        "traditional",
        "page break",
        "spaces",
    ],
)
def test_the_same_numbers_are_read_however_the_cells_are_printed(item: str, style: Style) -> None:
    report = _report(item)
    assert _cells(_read_as(report, style)) == _cells(report)


@pytest.mark.parametrize("item", SOURCES)
def test_reordered_columns_of_table_3_are_read_into_the_right_columns(item: str) -> None:
    report = _report(item)
    order = [
        "total",
        "other_org",
        "natural_person",
        "legal_service_org",
        "commercial_enterprise",
        "public_welfare_org",
        "research_institution",
    ]
    got = _read_as(report, Style(order=order))
    assert _cells(got) == _cells(report)


@pytest.mark.parametrize("item", SOURCES)
def test_glued_cells_are_read_right_or_reported_ambiguous_never_wrong(item: str) -> None:
    report = _report(item)
    got = _read_as(report, Style(separator=""))
    wrong = {
        key: (value, _cells(got)[key])
        for key, value in _cells(report).items()
        if _cells(got).get(key) is not None and _cells(got)[key] != value
    }
    assert wrong == {}
    unread_rows = {(t, r) for (t, r, c), v in _cells(report).items() if got.value(t, r, c) is None}
    said = {(ref.table, ref.row) for f in got.reading for ref in f.cells if f.rule in ("R2", "R3")}
    assert {(t, r) for t, r in unread_rows if (t, None) not in said} <= said


def test_a_report_split_into_two_tables_with_the_header_repeated_reads_whole() -> None:
    report = _report("004")
    text = as_text(report, Style(page_break_after="unable_unclear"))
    assert "- 3 -" in text
    assert "\f申请人情况" in text
    assert _cells(read_bytes(text.encode("gb18030"), "分页.txt")) == _cells(report)


def test_a_gb18030_text_reads_like_its_utf8_original() -> None:
    report = _report("002")
    text = as_text(report)
    utf8 = read_bytes(text.encode("utf-8"), "a.txt")
    gbk = read_bytes(text.encode("gb18030"), "b.txt")
    assert _cells(utf8) == _cells(gbk) == _cells(report)
    assert utf8.organ == gbk.organ == report.organ


def _html_004() -> str:
    return (CORPUS / "raw" / "004.html").read_text(encoding="utf-8")


def test_a_gb2312_page_reads_like_its_utf8_original() -> None:
    page = '<html><head><meta charset="gb2312"></head><body>' + _html_004() + "</body></html>"
    original = read_bytes(_html_004().encode("utf-8"), "utf8.html")
    converted = read_bytes(page.encode("gb2312", errors="replace"), "gb.html")
    assert _cells(converted) == _cells(original) == _cells(_report("004"))
    assert converted.organ == original.organ


def test_labels_printed_one_character_per_span_read_like_plain_labels() -> None:
    def spans(match: re.Match[str]) -> str:
        return "".join(f"<span>{ch}</span>" for ch in match.group(0))

    page = re.sub(r"[\u4e00-\u9fff]{2,}", spans, _html_004())
    assert page.count("<span>") > 1000
    assert _cells(read_bytes(page.encode("utf-8"), "spans.html")) == _cells(_report("004"))


def test_a_word_file_named_txt_is_read_as_word() -> None:
    truth = report_from_truth(load_truth(TRUTH / "002.json"))
    report = read_bytes(render(truth, "docx"), "年报.txt")
    assert report.value("table4", "review", "upheld") == 10
    assert report.value("table3", "total", "total") == 21


def test_a_page_whose_title_is_only_in_its_head_names_the_organ_and_year() -> None:
    body = _html_004().split("</p>", 1)[1]  # without the title paragraph
    page = "<html><head><title>上海市人民政府办公厅2019年政府信息公开工作年度报告</title>"
    page += "<script>var x = 2099;</script></head><body>" + body + "</body></html>"
    report = read_bytes(page.encode("utf-8"), "page.html")
    assert (report.organ, report.year) == ("上海市人民政府办公厅", 2019)
    assert _cells(report) == _cells(_report("004"))
