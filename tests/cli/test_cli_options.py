"""The options of ``gongkai check``: ``--previous`` and ``--y1-warning`` (cross-year rule Y1),
``--organ-kind``, ``--published-on`` and ``--township-deadline`` (deadline rules P1 and P4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli.helpers import (
    CLEAN_SAMPLE,
    HONGZE_SAMPLE,
    Invoke,
    WriteReport,
    assert_exit,
    findings_of,
    json_output,
)
from gongkai.report import RULES, Severity

# ── --previous and --y1-warning ─────────────────────────────────────────────────────────────────


@pytest.fixture
def previous_year(clean_data: dict[str, Any], write_report: WriteReport) -> Path:
    """青山区司法局's report for 2022 that carried 2 applications by natural persons forward,
    while the 2023 report says none was carried over."""
    clean_data["year"] = 2022
    clean_data.pop("published_on")
    forward = clean_data["tables"]["table3"]["carried_forward"]
    forward["natural_person"] = forward["total"] = 2
    return write_report("qingshan-2022.json", clean_data)


def _y1_findings(invoke: Invoke, *options: object) -> tuple[int, list[dict[str, Any]]]:
    result = invoke("check", "--format", "json", CLEAN_SAMPLE, *options)
    (entry,) = json_output(result)
    return result.exit_code, findings_of(entry, "Y1")


def test_a_previous_report_whose_carry_forward_differs_gives_y1_errors(
    invoke: Invoke, previous_year: Path
) -> None:
    exit_code, y1 = _y1_findings(invoke, "--previous", previous_year)
    assert exit_code == 1
    assert [finding["severity"] for finding in y1] == ["error", "error"]
    assert [finding["cells"] for finding in y1] == [
        [{"table": "table3", "row": "carried_over", "column": "natural_person"}],
        [{"table": "table3", "row": "carried_over", "column": "total"}],
    ]
    assert y1[0]["values"] == {"left": 0, "right": 2, "difference": -2}
    assert "2022年度报告" in y1[0]["message_zh"]


def test_the_table_output_shows_the_y1_error(invoke: Invoke, previous_year: Path) -> None:
    result = invoke("check", CLEAN_SAMPLE, "--previous", previous_year)
    assert_exit(result, 1)
    assert "Y1" in result.stdout
    assert "未发现问题" not in result.stdout


def test_y1_warning_turns_the_y1_errors_into_warnings_and_exits_0(
    invoke: Invoke, previous_year: Path
) -> None:
    exit_code, y1 = _y1_findings(invoke, "--previous", previous_year, "--y1-warning")
    assert exit_code == 0
    assert [finding["severity"] for finding in y1] == ["warning", "warning"]


def test_y1_warning_leaves_other_errors_as_errors(invoke: Invoke, previous_year: Path) -> None:
    # 洪泽's own A5/A7 errors stay errors; Y1 itself only concerns 上年结转.
    result = invoke("check", HONGZE_SAMPLE, "--previous", previous_year, "--y1-warning")
    assert_exit(result, 1)


def test_a_previous_report_that_agrees_gives_no_y1_finding(
    invoke: Invoke, clean_data: dict[str, Any], write_report: WriteReport
) -> None:
    clean_data["year"] = 2022
    exit_code, y1 = _y1_findings(invoke, "--previous", write_report("2022.json", clean_data))
    assert exit_code == 0
    assert y1 == []


def test_a_previous_report_of_the_wrong_year_is_noted_not_compared(
    invoke: Invoke, previous_year: Path, clean_data: dict[str, Any], write_report: WriteReport
) -> None:
    clean_data["year"] = 2021
    clean_data["tables"]["table3"]["carried_forward"]["total"] = 9
    exit_code, y1 = _y1_findings(invoke, "--previous", write_report("2021.json", clean_data))
    assert exit_code == 0
    (note,) = y1
    assert note["severity"] == "info"
    assert "不是2022年度" in note["message_zh"]


def test_previous_with_two_reports_is_a_usage_error(invoke: Invoke, previous_year: Path) -> None:
    result = invoke("check", CLEAN_SAMPLE, HONGZE_SAMPLE, "--previous", previous_year)
    assert_exit(result, 2)
    assert "--previous 只能与一份报告一起使用" in result.output
    assert result.stdout == ""


def test_an_unreadable_previous_report_exits_2_before_checking(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("check", CLEAN_SAMPLE, "--previous", tmp_path / "2022.json")
    assert_exit(result, 2)
    assert "上年报告无法读取" in result.stderr
    assert "文件不存在" in result.stderr
    assert "青山区司法局" not in result.stdout


# ── --organ-kind and --published-on ────────────────────────────────────────────────────────────


@pytest.fixture
def unnamed_organ(clean_data: dict[str, Any], write_report: WriteReport) -> Path:
    """The clean report under a name that says nothing of the organ's kind, published late for
    a department (2024-02-05, deadline 2024-01-31)."""
    clean_data["organ"] = "某某"
    del clean_data["organ_kind"]
    clean_data["published_on"] = "2024-02-05"
    return write_report("unnamed.json", clean_data)


def _entry(invoke: Invoke, *args: object) -> tuple[int, dict[str, Any]]:
    result = invoke("check", "--format", "json", *args)
    (entry,) = json_output(result)
    return result.exit_code, entry


def test_without_organ_kind_an_unknown_organ_gets_no_deadline_check(
    invoke: Invoke, unnamed_organ: Path
) -> None:
    exit_code, entry = _entry(invoke, unnamed_organ)
    assert exit_code == 0
    assert findings_of(entry, "P1") == []
    (p5,) = findings_of(entry, "P5")
    assert "无法从机关名称“某某”判断机关类型" in p5["message_zh"]


def test_organ_kind_department_applies_the_department_deadline(
    invoke: Invoke, unnamed_organ: Path
) -> None:
    exit_code, entry = _entry(invoke, unnamed_organ, "--organ-kind", "department")
    assert exit_code == 1
    (p1,) = findings_of(entry, "P1")
    assert p1["severity"] == "error"
    assert p1["values"] == {"due": "2024-01-31", "published": "2024-02-05", "days_late": 5}
    assert findings_of(entry, "P5") == []


def test_organ_kind_county_government_applies_the_government_deadline(
    invoke: Invoke, unnamed_organ: Path
) -> None:
    exit_code, entry = _entry(invoke, unnamed_organ, "--organ-kind", "county_government")
    assert findings_of(entry, "P1") == []
    assert findings_of(entry, "P2") == []  # due 2024-03-31
    assert exit_code == 0


def test_an_unknown_organ_kind_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("check", CLEAN_SAMPLE, "--organ-kind", "ministry")
    assert_exit(result, 2)
    assert "--organ-kind" in result.output


def test_a_department_report_published_on_2024_02_05_for_2023_is_late_under_p1(
    invoke: Invoke,
) -> None:
    exit_code, entry = _entry(invoke, CLEAN_SAMPLE, "--published-on", "2024-02-05")
    assert exit_code == 1
    (p1,) = findings_of(entry, "P1")
    assert p1["severity"] == "error"
    assert p1["values"] == {"due": "2024-01-31", "published": "2024-02-05", "days_late": 5}
    assert "逾期5天" in p1["message_zh"]


def test_published_on_the_deadline_itself_is_in_time(invoke: Invoke) -> None:
    exit_code, entry = _entry(invoke, CLEAN_SAMPLE, "--published-on", "2024-01-31")
    assert exit_code == 0
    assert findings_of(entry, "P1") == []


def test_published_on_overrides_the_date_in_the_file_in_the_table_output(invoke: Invoke) -> None:
    result = invoke("check", CLEAN_SAMPLE, "--published-on", "2024-02-05")
    assert_exit(result, 1)
    assert "P1" in result.stdout
    assert "实际公开日期为2024-02-05" in result.stdout


@pytest.mark.parametrize("bad", ["2024-13-01", "2024-02-30", "05/02/2024", "明天"])
def test_an_impossible_published_on_exits_2_with_a_chinese_message(
    invoke: Invoke, bad: str
) -> None:
    result = invoke("check", CLEAN_SAMPLE, "--published-on", bad)
    assert_exit(result, 2)
    assert f"“{bad}”不是有效日期，例如 2024-01-18" in result.output
    assert result.stdout == ""


# ── --township-deadline ────────────────────────────────────────────────────────────────────────


@pytest.fixture
def township(clean_data: dict[str, Any], write_report: WriteReport) -> Path:
    """A township's 2023 report published on 2024-03-01."""
    clean_data["organ"] = "青山镇人民政府"
    clean_data["organ_kind"] = "township"
    clean_data["published_on"] = "2024-03-01"
    return write_report("township.json", clean_data)


def test_without_a_township_deadline_a_township_is_never_late(
    invoke: Invoke, township: Path
) -> None:
    _, entry = _entry(invoke, township)
    assert findings_of(entry, "P4") == []


def test_township_deadline_02_20_makes_a_march_report_late_under_p4(
    invoke: Invoke, township: Path
) -> None:
    exit_code, entry = _entry(invoke, township, "--township-deadline", "02-20")
    (p4,) = findings_of(entry, "P4")
    assert p4["severity"] == RULES["P4"].severity.value
    assert p4["values"] == {"due": "2024-02-20", "published": "2024-03-01", "days_late": 10}
    assert exit_code == (1 if RULES["P4"].severity is Severity.ERROR else 0)


def test_a_later_township_deadline_is_met(invoke: Invoke, township: Path) -> None:
    _, entry = _entry(invoke, township, "--township-deadline", "03-01")
    assert findings_of(entry, "P4") == []


@pytest.mark.parametrize("bad", ["13-01", "02-30", "2-20", "0220"])
def test_an_impossible_township_deadline_exits_2_with_a_chinese_message(
    invoke: Invoke, bad: str
) -> None:
    result = invoke("check", CLEAN_SAMPLE, "--township-deadline", bad)
    assert_exit(result, 2)
    assert f"“{bad}”不是有效的月-日，例如 02-20" in result.output


def test_a_township_deadline_of_29_february_works_in_a_common_year(
    invoke: Invoke, township: Path, clean_data: dict[str, Any], write_report: WriteReport
) -> None:
    clean_data.update(organ="青山镇人民政府", organ_kind="township", year=2024)
    clean_data["published_on"] = "2025-03-05"
    report = write_report("township-2024.json", clean_data)
    result = invoke("check", "--format", "json", report, "--township-deadline", "02-29")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (entry,) = json_output(result)
    assert len(findings_of(entry, "P4")) == 1
