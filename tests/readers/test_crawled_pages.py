"""A crawler's page: its header lines (标题:, 发布时间:, 原文链接:, ====正文====) say what
the page is; they are the report's metadata, not its narrative. A cell cut from a glued digit run
shows its own part of the run, not the whole run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.errors import ReportInputError
from gongkai.readers import read_report
from gongkai.readers.metadata import find_title
from gongkai.report.canonical import dumps, from_dict, loads

HEADER = """标题: 某某市某某局2023年政府信息公开工作年度报告
发布时间: 2024-01-20 10:00
原文链接: https://www.example.gov.cn/art/2024/1/20/art_1.html
====正文====
"""
BODY = """一、总体情况
2023年，我局认真贯彻落实《条例》。
二、主动公开政府信息情况
第二十条第（一）项
信息内容本年制发件数本年废止件数现行有效件数
规章0000000
"""


@pytest.fixture
def crawled(tmp_path: Path) -> Path:
    path = tmp_path / "crawled.txt"
    path.write_text(HEADER + BODY, encoding="utf-8")
    return path


def test_the_crawlers_header_gives_the_title_and_publication_date(crawled: Path) -> None:
    report = read_report(crawled)
    assert report.title == "某某市某某局2023年政府信息公开工作年度报告"
    assert report.organ == "某某市某某局"
    assert report.published_on == date(2024, 1, 20)


def test_the_crawlers_header_is_not_narrative(crawled: Path) -> None:
    sections = read_report(crawled).sections or {}
    text = "".join(sections.values())
    for marker in ("标题", "发布时间", "原文链接", "example.gov.cn", "====正文===="):
        assert marker not in text
    assert "认真贯彻落实" in sections["overview"]


def test_a_cell_cut_from_a_glued_run_shows_its_own_part(tmp_path: Path) -> None:
    path = tmp_path / "glued.txt"
    path.write_text(BODY.replace("规章0000000", "规章0013"), encoding="utf-8")
    cells = read_report(path).tables["table2"]["regulations"]
    assert [cell.value for cell in cells.values()] == [0, 0, 13]
    assert all(cell.raw in (None, "") for cell in cells.values())


def test_the_crawlers_header_gives_the_pages_address(crawled: Path) -> None:
    assert read_report(crawled).source_url == "https://www.example.gov.cn/art/2024/1/20/art_1.html"


@pytest.mark.parametrize(
    "line",
    [
        "原文链接: javascript:alert(1)",
        "原文链接: ftp://www.example.gov.cn/a.txt",
        "原文链接: 见政府网站",
    ],
)
def test_only_a_web_address_is_kept_as_the_pages_address(tmp_path: Path, line: str) -> None:
    path = tmp_path / "crawled.txt"
    path.write_text(HEADER.replace(HEADER.splitlines()[2], line) + BODY, encoding="utf-8")
    assert read_report(path).source_url is None


def test_an_address_in_the_narrative_is_not_the_pages_address(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(BODY + "原文链接: https://www.example.gov.cn/other.html\n", encoding="utf-8")
    assert read_report(path).source_url is None


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "https://www.example.gov.cn/a b", "http://example.gov.cn/\n"]
)
def test_canonical_json_refuses_an_address_that_is_not_a_web_address(url: str) -> None:
    data = {"format": "2021", "organ": "青山区示例局", "year": 2023, "tables": {}}
    data["source_url"] = url
    with pytest.raises(ReportInputError, match="source_url"):
        from_dict(data)


def test_canonical_json_keeps_the_pages_address(crawled: Path) -> None:
    report = read_report(crawled)
    assert loads(dumps(report)).source_url == report.source_url


def test_a_title_is_looked_for_only_at_the_start_of_a_line() -> None:
    # Fuzzing found a page of 200,000 characters without a line break whose title search took
    # seconds (the patterns look 60 characters ahead from every position): a title, crumbs and
    # all, is far shorter than 300 characters.
    title = "青山区司法局2023年政府信息公开工作年度报告"
    assert find_title([title + "1 " * 100_000])[2] == 2023
    assert find_title(["当前位置：首页 > 信息公开 > 年报 > " + title])[1] == "青山区司法局"
    assert find_title(["说明" * 200 + title]) == (None, None, None)


def test_an_organ_named_with_its_own_brackets_keeps_them() -> None:
    title = "平潭综合实验区管委会（办公室汇总）2019年度政府信息公开工作年度报告"
    assert find_title([title])[1] == "平潭综合实验区管委会（办公室汇总）"
    # brackets around the whole name are not its own
    bracketed = "（某某区人民政府办公室）2023年政府信息公开工作年度报告"
    assert find_title([bracketed])[1] == "某某区人民政府办公室"
