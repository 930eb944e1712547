"""The working-day calendar (条例第三十三条 and every other "N个工作日" rule counts on it).

Dates are fixed: the calendar never looks at today. A working day is Monday–Friday unless it is a
holiday, or a Saturday/Sunday that is a 调休 make-up day; the starting day is never counted.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law import (
    CalendarYearMissingError,
    CalendarYearNotConfirmedError,
    YearStatus,
    add_workdays,
    count_workdays,
    default_calendar,
    is_workday,
)

REPO = Path(__file__).resolve().parents[2]
FIRST, LAST = date(2019, 1, 1), date(2026, 12, 31)


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_twenty_working_days_from_friday_30_january_2026_end_on_5_march() -> None:
    """第三十三条第二款: 20 working days; 春节 2026-02-15…23 off, 02-14 and 02-28 worked."""
    assert add_workdays(date(2026, 1, 30), 20) == date(2026, 3, 5)


def test_counting_back_20_working_days_from_5_march_2026_gives_30_january() -> None:
    """第三十三条: the same count backwards, so that a clerk can check a deadline given."""
    assert add_workdays(date(2026, 3, 5), -20) == date(2026, 1, 30)
    assert count_workdays(date(2026, 1, 30), date(2026, 3, 5)) == 20
    assert count_workdays(date(2026, 3, 5), date(2026, 1, 30)) == -20


def test_a_spring_festival_make_up_saturday_is_a_working_day_and_the_holiday_is_not() -> None:
    """第三十三条 counts 工作日: 2026-02-14 (Saturday, 调休上班) counts, 2026-02-16 does not."""
    assert is_workday(date(2026, 2, 14))
    assert not is_workday(date(2026, 2, 16))
    assert add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_workdays(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_the_day_after_30_september_2026_is_8_october_across_national_day() -> None:
    """第三十三条: 国庆节 2026-10-01…07 is not counted."""
    assert add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert is_workday(date(2026, 9, 20))  # Sunday, 调休上班 for 国庆节
    assert is_workday(date(2026, 10, 10))  # Saturday, 调休上班


def test_mid_autumn_and_national_day_2023_run_together_and_two_make_up_days_count() -> None:
    """第三十三条: 2023-09-29…10-06 off; Saturday 10-07 and Sunday 10-08 are worked."""
    assert add_workdays(date(2023, 9, 27), 3) == date(2023, 10, 8)
    blocks = list(default_calendar().blocks_between(date(2023, 9, 27), date(2023, 10, 8)))
    assert [(b.name, b.first, b.last) for b in blocks] == [
        ("中秋节、国庆节", date(2023, 9, 29), date(2023, 10, 6))
    ]


def test_the_first_working_day_of_2026_is_sunday_4_january_across_the_year_end() -> None:
    """第三十三条 across the year end: 元旦 2026-01-01…03 off, Sunday 01-04 worked."""
    assert add_workdays(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert add_workdays(date(2025, 12, 19), 20) == date(2026, 1, 19)


def test_adding_zero_working_days_gives_the_same_day() -> None:
    assert add_workdays(date(2026, 2, 16), 0) == date(2026, 2, 16)


def test_holidays_carry_their_chinese_names() -> None:
    calendar = default_calendar()
    assert calendar.holiday_name(date(2026, 2, 17)) == "春节"
    assert calendar.holiday_name(date(2026, 10, 1)) == "国庆节"
    assert calendar.makeup_name(date(2026, 2, 28)) == "春节"
    assert calendar.holiday_name(date(2026, 3, 2)) is None


def test_every_shipped_year_up_to_2026_is_confirmed_and_2027_is_only_an_estimate() -> None:
    calendar = default_calendar()
    assert calendar.confirmed_years() == tuple(range(2004, 2027))
    assert calendar.status(2027) is YearStatus.ESTIMATE
    assert calendar.status(2028) is YearStatus.MISSING
    assert calendar.year(2027).workdays == ()  # an estimate has no 调休 days


def test_a_count_into_2027_before_2027_is_confirmed_is_refused_with_a_clear_error() -> None:
    """第三十三条 deadlines must not rest on a guess: 2026-12-20 + 20 reaches into 2027."""
    with pytest.raises(CalendarYearNotConfirmedError) as raised:
        add_workdays(date(2026, 12, 20), 20)
    assert raised.value.code == "calendar_year_unconfirmed"
    assert "2027 年的节假日安排尚未确认" in raised.value.message


def test_a_count_into_2027_is_given_only_when_an_estimate_is_asked_for() -> None:
    assert add_workdays(date(2026, 12, 20), 20, allow_estimate=True) == date(2027, 1, 18)
    with pytest.raises(CalendarYearNotConfirmedError):
        is_workday(date(2027, 3, 1))
    assert is_workday(date(2027, 3, 1), allow_estimate=True)


def test_a_year_with_no_data_at_all_is_refused_even_as_an_estimate() -> None:
    with pytest.raises(CalendarYearMissingError) as raised:
        add_workdays(date(2027, 12, 20), 20, allow_estimate=True)
    assert raised.value.code == "calendar_year_missing"
    with pytest.raises(CalendarYearMissingError):
        is_workday(date(2003, 6, 2))


def test_every_date_from_2019_to_2026_agrees_with_chinese_calendar() -> None:
    """The property of the issue, on every date rather than a sample: 2,922 days."""
    calendar = default_calendar()
    differ = [
        day
        for day in every_day(FIRST, LAST)
        if calendar.is_workday(day) != chinese_calendar.is_workday(day)
    ]
    assert differ == []


def test_every_date_from_2019_to_2026_agrees_with_the_holidays_package() -> None:
    """The seed's cross-check: an independent source agrees on every day of these years."""
    calendar = default_calendar()
    other = holidays.China(years=range(2019, 2027))
    differ = [
        d for d in every_day(FIRST, LAST) if calendar.is_workday(d) != other.is_working_day(d)
    ]
    assert differ == []


@given(
    st.dates(min_value=FIRST, max_value=date(2026, 10, 31)), st.integers(min_value=1, max_value=45)
)
def test_adding_working_days_agrees_with_stepping_through_chinese_calendar(
    start: date, count: int
) -> None:
    """第三十三条 counts: the precomputed index gives what a day-by-day walk gives."""
    day, left = start, count
    while left:
        day += timedelta(days=1)
        left -= chinese_calendar.is_workday(day)
    assert add_workdays(start, count) == day
    assert count_workdays(start, day) == count
    assert add_workdays(day, -count) <= start


def test_the_shipped_calendar_files_are_what_the_seed_script_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "seed-calendar"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
