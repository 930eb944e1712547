"""``gongkai read --previous`` and ``gongkai check --previous``: last year's report decides a
glued digit run that only one cut makes agree with it (finding R15), also when the file is read in
a bounded child process; a crawled page's address is in ``read --format json``."""

from __future__ import annotations

import json
from pathlib import Path

from cli.helpers import Invoke, assert_exit
from gongkai.report.canonical import dumps
from support.witnessed import glued, report_with

# 规章 2 | 0 | 13 printed '2013' (also 20 | 1 | 3); last year 11 in force decides it.
THIS_YEAR = glued(
    report_with(
        "2021",
        2023,
        {("table2", "regulations", "issued"): 2, ("table2", "regulations", "in_force"): 13},
    ),
    "规章",
)
LAST_YEAR = report_with("2021", 2022, {("table2", "regulations", "in_force"): 11})


def _files(tmp_path: Path) -> tuple[Path, Path]:
    this, last = tmp_path / "2023.txt", tmp_path / "2022.json"
    this.write_bytes(THIS_YEAR)
    last.write_text(dumps(LAST_YEAR), encoding="utf-8")
    return this, last


def _regulations(output: str) -> dict[str, int] | None:
    cells: dict[str, int] | None = json.loads(output)["tables"]["table2"].get("regulations")
    return cells


def test_read_with_the_previous_year_splits_the_glued_row(invoke: Invoke, tmp_path: Path) -> None:
    this, last = _files(tmp_path)
    alone = invoke("read", this, "--format", "json")
    assert_exit(alone, 0)
    assert _regulations(alone.output) is None
    witnessed = invoke("read", this, "--previous", last, "--format", "json")
    assert_exit(witnessed, 0)
    assert _regulations(witnessed.output) == {"issued": 2, "abolished": 0, "in_force": 13}


def test_read_lists_the_finding_that_quotes_both_years(invoke: Invoke, tmp_path: Path) -> None:
    this, last = _files(tmp_path)
    result = invoke("read", this, "--previous", last)
    assert_exit(result, 0)
    assert "R15" in result.output
    assert "现行有效 11 件" in result.output


def test_read_says_when_the_previous_report_cannot_be_read(invoke: Invoke, tmp_path: Path) -> None:
    this, _ = _files(tmp_path)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    result = invoke("read", this, "--previous", tmp_path / "broken.json")
    assert_exit(result, 2)
    assert "上年报告无法读取" in result.output


def test_check_with_the_previous_year_reads_the_glued_row_in_or_out_of_process(
    invoke: Invoke, tmp_path: Path
) -> None:
    this, last = _files(tmp_path)
    for bounded in ((), ("--bounded",)):
        result = invoke("check", this, "--previous", last, "--format", "json", *bounded)
        (entry,) = json.loads(result.output[result.output.index("[") :])
        rules = [finding["rule"] for finding in entry["findings"]]
        assert "R15" in rules, bounded
        assert "R3" not in rules, bounded


def test_read_as_json_keeps_a_crawled_pages_address(invoke: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "crawled.txt"
    page.write_text(
        "标题: 青山区示例局2023年政府信息公开工作年度报告\n"
        "原文链接: https://www.example.gov.cn/art/1.html\n====正文====\n"
        + THIS_YEAR.decode("utf-8"),
        encoding="utf-8",
    )
    result = invoke("read", page, "--format", "json")
    assert_exit(result, 0)
    assert json.loads(result.output)["source_url"] == "https://www.example.gov.cn/art/1.html"
    table = invoke("read", page)
    assert "原文链接：https://www.example.gov.cn/art/1.html" in table.output
