"""The installed ``gongkai`` command run as a subprocess: the exit status a shell or CI sees, and
that ``gongkai.cli.main`` lets no traceback reach the user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import gongkai
from cli.helpers import CLEAN_SAMPLE, HONGZE_SAMPLE, RunInstalled, WriteReport


def _no_traceback(completed: Any) -> None:
    assert "Traceback" not in completed.stdout
    assert "Traceback" not in completed.stderr


def test_the_installed_command_exits_0_on_the_clean_sample(run_installed: RunInstalled) -> None:
    completed = run_installed("check", CLEAN_SAMPLE)
    assert completed.returncode == 0, completed.stderr
    assert "未发现问题" in completed.stdout
    _no_traceback(completed)


def test_the_installed_command_exits_1_on_the_hongze_sample(run_installed: RunInstalled) -> None:
    completed = run_installed("check", HONGZE_SAMPLE)
    assert completed.returncode == 1, completed.stderr
    assert "A5" in completed.stdout
    assert "A7" in completed.stdout
    _no_traceback(completed)


def _not_json(write: WriteReport) -> Path:
    return write("picture.json", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def _invalid_json(write: WriteReport) -> Path:
    return write("broken.json", '{\n "format": "2021",\n "year": ,\n}\n')


def _schema_violation(write: WriteReport) -> Path:
    return write("schema.json", {"format": "2021", "organ": "测试局", "tables": {}})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda write: write("empty.json", b""), "文件为空"),
        (lambda write: write("missing.json", b"").with_name("absent.json"), "文件不存在"),
        (_not_json, "这是 PNG 图片，不是年报文档"),
        (_invalid_json, "不是有效的 JSON：第3行第10列"),
        (_schema_violation, "缺少必需的键：year"),
    ],
    ids=["empty", "missing", "binary", "invalid-json", "schema"],
)
def test_the_installed_command_exits_2_with_a_chinese_message_and_no_traceback(
    run_installed: RunInstalled, write_report: WriteReport, make: Any, message: str
) -> None:
    completed = run_installed("check", make(write_report))
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert message in completed.stdout
    _no_traceback(completed)


def test_the_installed_command_exits_2_on_a_bad_date_option_without_a_traceback(
    run_installed: RunInstalled,
) -> None:
    completed = run_installed("check", CLEAN_SAMPLE, "--published-on", "2024-13-01")
    assert completed.returncode == 2
    assert "“2024-13-01”不是有效日期" in completed.stderr
    assert completed.stdout == ""
    _no_traceback(completed)


def test_the_installed_command_exits_2_on_previous_with_two_reports(
    run_installed: RunInstalled,
) -> None:
    completed = run_installed("check", CLEAN_SAMPLE, HONGZE_SAMPLE, "--previous", CLEAN_SAMPLE)
    assert completed.returncode == 2
    assert "--previous 只能与一份报告一起使用" in completed.stderr
    _no_traceback(completed)


def test_the_installed_command_prints_its_version(run_installed: RunInstalled) -> None:
    completed = run_installed("--version")
    assert completed.returncode == 0
    assert completed.stdout == f"gongkai {gongkai.__version__}\n"


def test_the_installed_command_exits_2_without_a_traceback_on_deeply_nested_json(
    run_installed: RunInstalled, write_report: WriteReport
) -> None:
    deep = write_report("deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}")
    completed = run_installed("check", deep)
    assert completed.returncode == 2
    assert "JSON 嵌套层数过深" in completed.stdout
    _no_traceback(completed)


def test_the_installed_command_still_checks_a_report_given_with_deeply_nested_json(
    run_installed: RunInstalled, write_report: WriteReport
) -> None:
    deep = write_report("deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}")
    completed = run_installed("check", deep, CLEAN_SAMPLE)
    assert completed.returncode == 2
    assert "未发现问题" in completed.stdout
