"""``gongkai deadline``, ``workdays``, ``fee``, ``calendar`` (in-process, through click)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gongkai.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "COLUMNS", "GONGKAI_DEBUG", "GONGKAI_CALENDAR_FILE"):
        monkeypatch.delenv(name, raising=False)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_workdays_adds_20_working_days_from_30_january_2026() -> None:
    """第三十三条第二款 from the command line, with the steps."""
    result = run("workdays", "2026-01-30", "+20")
    assert result.exit_code == 0, result.output
    assert "2026-03-05（周四）：20 个工作日" in result.output
    assert "春节假期 2026-02-15 至 2026-02-23 不计" in result.output


def test_workdays_counts_back_and_between_two_dates() -> None:
    assert json.loads(run("workdays", "2026-03-05", "-20", "--format", "json").output)["end"] == (
        "2026-01-30"
    )
    counted = json.loads(run("workdays", "2026-01-30", "2026-03-05", "--format", "json").output)
    assert counted["workdays"] == 20


def test_workdays_refuses_an_unreadable_offset_in_chinese() -> None:
    result = run("workdays", "2026-01-30", "twenty")
    assert result.exit_code == 2
    assert "应为 +N、-N 或日期" in result.output


def test_deadline_prints_the_dates_the_status_and_the_steps() -> None:
    """第三十三条第二款 and 第三十条 for an online application."""
    result = run(
        "deadline", "--received", "2026-01-30", "--channel", "online", "--as-of", "2026-02-01"
    )
    assert result.exit_code == 0, result.output
    assert "答复期限" in result.output
    assert "2026-03-05（周四）" in result.output
    assert "补正告知期限" in result.output
    assert "调休上班 2026-02-28（周六）计入（第16个工作日）" in result.output
    assert "未填写确认日期" in result.output


def test_deadline_with_an_extension_gives_40_working_days_in_json() -> None:
    """第三十三条第二款: extended by 20 working days."""
    result = run("deadline", "--received", "2026-01-30", "--extension", "--format", "json")
    data = json.loads(result.output)
    reply = next(d for d in data["deadlines"] if d["key"] == "reply")
    assert reply["due"] == "2026-04-02"


def test_deadline_exits_1_when_a_reply_was_late() -> None:
    """第三十三条第二款: replied on the 21st working day."""
    result = run("deadline", "--received", "2026-01-30", "--replied", "2026-03-06")
    assert result.exit_code == 1
    assert "逾期办理" in result.output


def test_deadline_with_a_third_party_consultation() -> None:
    """第三十三条第三款."""
    result = run(
        "deadline",
        "--received",
        "2026-01-30",
        "--third-party",
        "2026-02-10,2026-02-27",
        "--format",
        "json",
    )
    reply = next(d for d in json.loads(result.output)["deadlines"] if d["key"] == "reply")
    assert reply["due"] == "2026-03-17"


def test_deadline_into_2027_is_an_error_unless_an_estimate_is_asked_for() -> None:
    refused = run("deadline", "--received", "2026-12-20")
    assert refused.exit_code == 2
    assert "2027 年的节假日安排尚未确认" in refused.output
    estimated = run("deadline", "--received", "2026-12-20", "--estimate", "--as-of", "2026-12-21")
    assert estimated.exit_code == 0, estimated.output
    assert "估算" in estimated.output
    assert "2027-01-18" in estimated.output


def test_fee_by_count_and_by_pages() -> None:
    """109号第四条 and 第五条."""
    by_count = json.loads(run("fee", "--count", "35", "--format", "json").output)
    assert (by_count["amount"], by_count["month_total"]) == (200, 3000)
    by_pages = run("fee", "--pages", "250")
    assert "应收：4700 元" in by_pages.output


def test_fee_needs_exactly_one_method() -> None:
    """109号第三条: one method per application, never both."""
    result = run("fee", "--count", "3", "--pages", "3")
    assert result.exit_code != 0
    assert "不能同时计收" in result.output


def test_calendar_shows_a_year_and_its_status() -> None:
    result = run("calendar", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "已确认" in result.output
    assert "春节" in result.output
    assert "2026-02-28" in result.output
    estimate = run("calendar", "--year", "2027")
    assert "估算（未确认）" in estimate.output
    missing = run("calendar", "--year", "2031")
    assert missing.exit_code == 2


def test_calendar_lists_every_year_with_its_status_as_json() -> None:
    data = json.loads(run("calendar", "--format", "json").output)
    statuses = {entry["year"]: entry["status"] for entry in data}
    assert statuses[2026] == "confirmed"
    assert statuses[2027] == "estimate"


def test_calendar_reports_a_broken_administrator_file(tmp_path: Path) -> None:
    path = tmp_path / "calendar.json"
    path.write_text('{"years": []}', encoding="utf-8")
    result = run("calendar", "--calendar-file", str(path))
    assert result.exit_code == 2
    assert "years" in result.output


def test_the_readme_names_the_four_commands() -> None:
    readme = README.read_text(encoding="utf-8")
    for name in ("deadline", "workdays", "fee", "calendar"):
        assert f"gongkai {name}" in readme
