"""``gongkai check`` on the bundled samples: the clean report passes, 洪泽 fails A5 and A7, and
``--format json`` gives a machine-readable account of both."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cli.helpers import (
    CLEAN_SAMPLE,
    HONGZE_SAMPLE,
    Invoke,
    WriteReport,
    assert_exit,
    findings_of,
    json_output,
    table_rows,
    without_space,
)

A5_MESSAGE = "行政复议：各列之和为 11，但总计填报为 0"
A7_MESSAGE = "行政诉讼·复议后起诉：各列之和为 5，但总计填报为 0"


def test_it_exits_0_and_says_no_problem_was_found_on_the_clean_sample(invoke: Invoke) -> None:
    result = invoke("check", CLEAN_SAMPLE)
    assert_exit(result, 0)
    assert "未发现问题" in result.stdout
    assert "青山区司法局" in result.stdout
    assert "2021年格式" in result.stdout


def test_it_exits_1_on_the_hongze_sample(invoke: Invoke) -> None:
    assert_exit(invoke("check", HONGZE_SAMPLE), 1)


def test_it_prints_the_a5_and_a7_findings_of_the_hongze_sample(invoke: Invoke) -> None:
    output = invoke("check", HONGZE_SAMPLE).stdout
    assert "未发现问题" not in output
    assert A5_MESSAGE in output
    assert A7_MESSAGE in output
    rules_shown = {line.split("│")[2].strip() for line in output.splitlines() if "│" in line}
    assert {"A5", "A7"} <= rules_shown
    assert "A6" not in rules_shown  # 未经复议直接起诉 adds up: 0 = 0


def test_the_table_summary_counts_the_same_findings_as_the_json(invoke: Invoke) -> None:
    (entry,) = json_output(invoke("check", "--format", "json", HONGZE_SAMPLE))
    counts = entry["counts"]
    summary = (
        f"共 {len(entry['findings'])} 项：错误 {counts['error']}，警告 {counts['warning']}，"
        f"提示 {counts['info']}"
    )
    assert summary in invoke("check", HONGZE_SAMPLE).stdout


def test_its_json_output_is_an_array_with_one_entry_per_report(invoke: Invoke) -> None:
    result = invoke("check", "--format", "json", HONGZE_SAMPLE)
    assert_exit(result, 1)
    (entry,) = json_output(result)
    assert set(entry) == {"file", "organ", "year", "format", "counts", "findings"}
    assert entry["file"] == str(HONGZE_SAMPLE)
    assert entry["organ"] == "淮安市洪泽区人民政府"
    assert entry["year"] == 2023
    assert entry["format"] == "2021"
    assert set(entry["counts"]) == {"error", "warning", "info"}
    assert entry["counts"]["error"] >= 2


def test_the_json_counts_agree_with_the_findings_listed(invoke: Invoke) -> None:
    (entry,) = json_output(invoke("check", "--format", "json", HONGZE_SAMPLE))
    listed = Counter(finding["severity"] for finding in entry["findings"])
    assert {severity: listed[severity] for severity in entry["counts"]} == entry["counts"]


def test_every_json_finding_carries_rule_severity_cells_and_values(invoke: Invoke) -> None:
    (entry,) = json_output(invoke("check", "--format", "json", HONGZE_SAMPLE))
    rules = [finding["rule"] for finding in entry["findings"]]
    assert {"A5", "A7"} <= set(rules)
    for finding in entry["findings"]:
        assert {"rule", "severity", "cells", "values", "message_zh"} <= set(finding)
        assert finding["severity"] in {"error", "warning", "info"}
        assert isinstance(finding["cells"], list)
        assert isinstance(finding["values"], dict)


def test_the_json_a5_finding_names_the_cells_and_the_values_that_disagree(
    invoke: Invoke,
) -> None:
    (entry,) = json_output(invoke("check", "--format", "json", HONGZE_SAMPLE))
    (a5,) = findings_of(entry, "A5")
    assert a5["severity"] == "error"
    assert a5["message_zh"] == A5_MESSAGE
    assert a5["cells"][0] == {"table": "table4", "row": "review", "column": "total"}
    assert {cell["column"] for cell in a5["cells"]} == {
        "total",
        "upheld",
        "corrected",
        "other",
        "pending",
    }
    assert a5["values"] == {"left": 0, "right": 11, "difference": -11}
    (a7,) = findings_of(entry, "A7")
    assert a7["cells"][0] == {
        "table": "table4",
        "row": "litigation_after_review",
        "column": "total",
    }
    assert a7["values"] == {"left": 0, "right": 5, "difference": -5}


def test_the_json_output_of_the_clean_sample_has_no_findings(invoke: Invoke) -> None:
    result = invoke("check", "--format", "json", CLEAN_SAMPLE)
    assert_exit(result, 0)
    (entry,) = json_output(result)
    assert entry["organ"] == "青山区司法局"
    assert entry["findings"] == []
    assert entry["counts"] == {"error": 0, "warning": 0, "info": 0}


def test_it_reports_several_files_in_the_order_given_and_exits_1_if_any_has_errors(
    invoke: Invoke,
) -> None:
    result = invoke("check", "--format", "json", CLEAN_SAMPLE, HONGZE_SAMPLE)
    assert_exit(result, 1)
    entries = json_output(result)
    assert [entry["file"] for entry in entries] == [str(CLEAN_SAMPLE), str(HONGZE_SAMPLE)]
    assert entries[0]["counts"]["error"] == 0
    assert entries[1]["counts"]["error"] >= 2


def test_the_table_output_names_each_of_several_files(invoke: Invoke) -> None:
    result = invoke("check", CLEAN_SAMPLE, HONGZE_SAMPLE)
    assert_exit(result, 1)
    assert result.stdout.index("青山区司法局") < result.stdout.index("淮安市洪泽区人民政府")
    assert "未发现问题" in result.stdout
    assert A5_MESSAGE in result.stdout


def test_the_table_output_shows_each_hongze_message_in_full(invoke: Invoke) -> None:
    (entry,) = json_output(invoke("check", "--format", "json", HONGZE_SAMPLE))
    rows = table_rows(invoke("check", HONGZE_SAMPLE).stdout)
    assert [cells[1] for cells in rows] == [finding["rule"] for finding in entry["findings"]]
    assert [without_space(cells[2]) for cells in rows] == [
        without_space(finding["message_zh"]) for finding in entry["findings"]
    ]


def test_the_table_output_shows_a_long_message_in_full(
    invoke: Invoke, write_report: WriteReport, clean_data: dict[str, Any]
) -> None:
    # A row without its applicant columns: F3 lists every missing column's name.
    clean_data["tables"]["table3"]["new_received"] = {"total": 0}
    report = write_report("columns.json", clean_data)
    (entry,) = json_output(invoke("check", "--format", "json", report))
    (f3,) = findings_of(entry, "F3")
    messages = [without_space(cells[2]) for cells in table_rows(invoke("check", report).stdout)]
    assert without_space(f3["message_zh"]) in messages
