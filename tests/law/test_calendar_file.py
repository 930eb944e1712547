"""The administrator's calendar file: the State Council publishes next year's arrangement each
autumn, and an administrator adds it (GONGKAI_CALENDAR_FILE) without waiting for a release."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gongkai.law import (
    CalendarFileError,
    YearStatus,
    add_workdays,
    compute_deadlines,
    default_calendar,
    load_calendar,
)
from gongkai.law.deadlines import ApplicationEvents, Receipt

# An invented 2027 arrangement for the tests (not the real notice).
TOML_2027 = """
[[years]]
year = 2027
status = "confirmed"
source = "测试用的2027年安排"
holidays = [
  { name = "元旦", from = 2027-01-01, to = 2027-01-03 },
  { name = "春节", from = 2027-02-05, to = 2027-02-13 },
]
workdays = [{ name = "春节", date = 2027-02-14 }]
"""


def write_json(tmp_path: Path, data: Any, name: str = "calendar.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def year_2027(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "year": 2027,
        "status": "confirmed",
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
        "workdays": [],
    }
    record.update(changes)
    return record


def error_of(tmp_path: Path, data: Any) -> CalendarFileError:
    with pytest.raises(CalendarFileError) as raised:
        load_calendar(write_json(tmp_path, data))
    assert raised.value.code == "calendar_file_invalid"
    return raised.value


def test_a_confirmed_2027_from_a_toml_file_lets_deadlines_reach_into_2027(tmp_path: Path) -> None:
    """第三十三条 across the 2026/2027 year end, once 2027 is confirmed by the administrator."""
    path = tmp_path / "calendar.toml"
    path.write_text(TOML_2027, encoding="utf-8")
    calendar = load_calendar(path)
    assert calendar.status(2027) is YearStatus.CONFIRMED
    assert calendar.year(2027).origin == str(path)
    # 2026-12-31 + 1: 2027-01-01…03 off → Monday 01-04.
    assert calendar.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert calendar.is_workday(date(2027, 2, 14))  # Sunday, 调休上班
    events = ApplicationEvents(Receipt(date(2026, 12, 20)))
    result = compute_deadlines(events, calendar=calendar)
    assert result.reply.due == calendar.add_workdays(date(2026, 12, 20), 20)
    assert not result.estimated


def test_the_environment_variable_names_the_administrators_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(TOML_2027, encoding="utf-8")
    monkeypatch.setenv("GONGKAI_CALENDAR_FILE", str(path))
    assert default_calendar().status(2027) is YearStatus.CONFIRMED
    assert add_workdays(date(2027, 2, 4), 1) == date(2027, 2, 14)
    monkeypatch.delenv("GONGKAI_CALENDAR_FILE")
    assert default_calendar().status(2027) is YearStatus.ESTIMATE


def test_a_json_file_may_replace_a_shipped_year(tmp_path: Path) -> None:
    corrected = {
        "year": 2026,
        "status": "confirmed",
        "holidays": [{"name": "春节", "from": "2026-02-16", "to": "2026-02-20"}],
    }
    calendar = load_calendar(write_json(tmp_path, {"years": [corrected]}))
    assert calendar.is_workday(date(2026, 10, 1))  # the replacement has no 国庆节
    assert not calendar.is_workday(date(2026, 2, 16))


def test_a_bad_date_is_named_by_file_and_key(tmp_path: Path) -> None:
    bad = year_2027(holidays=[{"name": "元旦", "from": "2027-01-01", "to": "2027-13-03"}])
    error = error_of(tmp_path, {"years": [bad]})
    assert "calendar.json" in str(error)
    assert "years[0].holidays[0].to" in str(error)
    assert "不是有效日期" in error.message


def test_an_unknown_key_is_refused_with_the_keys_that_exist(tmp_path: Path) -> None:
    error = error_of(tmp_path, {"years": [year_2027(holiday=[])]})
    assert "years[0]" in str(error)
    assert "未知的键 holiday" in error.message


def test_a_make_up_workday_on_a_weekday_is_refused(tmp_path: Path) -> None:
    error = error_of(
        tmp_path, {"years": [year_2027(workdays=[{"name": "春节", "date": "2027-02-10"}])]}
    )
    assert "years[0].workdays[0].date" in str(error)
    assert "不是周六或周日" in error.message


def test_a_day_both_off_and_worked_is_refused(tmp_path: Path) -> None:
    record = year_2027(workdays=[{"name": "元旦", "date": "2027-01-02"}])
    assert "同时被列为" in error_of(tmp_path, {"years": [record]}).message


def test_a_year_listed_twice_and_an_unknown_status_are_refused(tmp_path: Path) -> None:
    assert "重复出现" in error_of(tmp_path, {"years": [year_2027(), year_2027()]}).message
    assert "不是有效状态" in error_of(tmp_path, {"years": [year_2027(status="draft")]}).message


def test_an_estimate_may_not_reach_into_another_year(tmp_path: Path) -> None:
    record = year_2027(
        status="estimate", holidays=[{"name": "元旦", "from": "2026-12-31", "to": "2027-01-01"}]
    )
    assert "估算年度不能包含其他年度的日期" in error_of(tmp_path, {"years": [record]}).message


def test_broken_json_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "calendar.json"
    path.write_text('{"years": [\n  {"year": 2027,,}\n]}', encoding="utf-8")
    with pytest.raises(CalendarFileError) as raised:
        load_calendar(path)
    assert "第2行" in raised.value.message


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError) as raised:
        load_calendar(tmp_path / "nowhere.toml")
    assert raised.value.message == "日历文件不存在"
