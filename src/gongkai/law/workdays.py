"""China's working-day calendar as data, and working-day arithmetic on it.

A day is a working day when it is a Monday–Friday that is not a holiday, or a Saturday/Sunday
listed as a make-up workday (调休上班). The holidays and make-up days of each year come from the
State Council's annual notice, shipped as data (``gongkai/law/calendar/*.json``) and extendable by
an administrator's file (``GONGKAI_CALENDAR_FILE``; see ``calendar_file``).

Counting convention (used by every 条例 deadline, see ``docs/deadlines.md``): "N working days from
day D" is the N-th working day *after* D — the starting day itself is never counted (the brief's
check: received Friday 2026-01-30, + 20 working days = Thursday 2026-03-05).

Everything is precomputed once per calendar: a per-day table of "working days up to and including
this day" and the sorted ordinals of all working days, so adding N working days and counting
working days between two dates are O(1) index look-ups, not a walk over the days.

A year that is only an *estimate* (its arrangement is not yet published) is refused with
``CalendarYearNotConfirmedError`` unless the caller passes ``allow_estimate=True``; a year with no
data at all is always refused with ``CalendarYearMissingError``. Nothing is ever silently guessed.
"""

from __future__ import annotations

import os
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from gongkai.law.calendar_file import (
    HolidaySpan,
    MakeUpWorkday,
    YearArrangement,
    YearStatus,
    load_file,
    load_shipped,
)
from gongkai.law.errors import CalendarYearMissingError, CalendarYearNotConfirmedError

__all__ = [
    "CALENDAR_FILE_VARIABLE",
    "HolidayBlock",
    "WorkdayCalendar",
    "add_workdays",
    "count_workdays",
    "default_calendar",
    "is_workday",
    "load_calendar",
    "weekday_zh",
]

CALENDAR_FILE_VARIABLE = "GONGKAI_CALENDAR_FILE"
_WEEKDAYS = "一二三四五六日"


def weekday_zh(day: date) -> str:
    """``周一`` … ``周日``."""
    return f"周{_WEEKDAYS[day.weekday()]}"


@dataclass(frozen=True, slots=True)
class HolidayBlock:
    """Consecutive days off named by their holidays (中秋节、国庆节 when they run together)."""

    name: str
    first: date
    last: date


class WorkdayCalendar:
    """The working days of the years it holds, with O(1) arithmetic.

    Build it with ``load_calendar()`` or ``default_calendar()``; or directly from arrangements.
    """

    def __init__(self, arrangements: Mapping[int, YearArrangement]) -> None:
        if not arrangements:
            raise CalendarYearMissingError("工作日日历没有任何年度的数据")
        self.arrangements: dict[int, YearArrangement] = dict(sorted(arrangements.items()))
        self.first_year = min(self.arrangements)
        self.last_year = max(self.arrangements)
        # One day of margin before the first year, so that "count from 12-31" works at its start.
        self._base = date(self.first_year, 1, 1).toordinal() - 1
        self._end = date(self.last_year, 12, 31).toordinal()
        holidays: dict[int, str] = {}
        makeups: dict[int, str] = {}
        for arrangement in self.arrangements.values():  # year order: a later notice wins
            for span in arrangement.holidays:
                for day in span.days():
                    holidays[day.toordinal()] = span.name
                    makeups.pop(day.toordinal(), None)
            for workday in arrangement.workdays:
                makeups[workday.on.toordinal()] = workday.name
                holidays.pop(workday.on.toordinal(), None)
        self._holidays = holidays
        self._makeups = makeups
        self._build_index()
        self._blocks = self._build_blocks()
        self._block_starts = [block.first.toordinal() for block in self._blocks]
        self._makeup_ordinals = sorted(makeups)
        self._confirmed_span = self._longest_confirmed_span()

    def _longest_confirmed_span(self) -> tuple[int, int]:
        """First and last ordinal of the longest run of confirmed years: the fast path of
        ``require`` (a span inside it needs no further look-up)."""
        best = (1, 0)
        run_start: int | None = None
        for year in range(self.first_year, self.last_year + 2):
            if self.status(year) is YearStatus.CONFIRMED:
                run_start = year if run_start is None else run_start
                continue
            if run_start is not None:
                span = (date(run_start, 1, 1).toordinal(), date(year - 1, 12, 31).toordinal())
                if span[1] - span[0] > best[1] - best[0]:
                    best = span
                run_start = None
        return best

    def _build_index(self) -> None:
        size = self._end - self._base + 1
        cumulative = array("q", bytes(8 * size))
        working = bytearray(size)
        ordinals = array("q")
        count = 0
        weekday = date.fromordinal(self._base).weekday()
        for index in range(size):
            ordinal = self._base + index
            if index > 0 and self.status_of_ordinal(ordinal) is not YearStatus.MISSING:
                if ordinal in self._makeups:
                    work = True
                elif ordinal in self._holidays:
                    work = False
                else:
                    work = weekday < 5
            else:
                work = False
            if work:
                working[index] = 1
                count += 1
                ordinals.append(ordinal)
            cumulative[index] = count
            weekday = (weekday + 1) % 7
        self._working = bytes(working)
        self._size = size
        self._cumulative = cumulative  # working days in (base, ordinal]
        self._ordinals = ordinals  # the k-th working day (0-based) of the calendar
        self._dates = [date.fromordinal(ordinal) for ordinal in ordinals]  # the same, as dates

    def _build_blocks(self) -> list[HolidayBlock]:
        blocks: list[HolidayBlock] = []
        for ordinal in sorted(self._holidays):
            name = self._holidays[ordinal]
            day = date.fromordinal(ordinal)
            if blocks and blocks[-1].last.toordinal() + 1 == ordinal:
                last = blocks[-1]
                names = last.name.split("、")
                merged = last.name if name in names else f"{last.name}、{name}"
                blocks[-1] = HolidayBlock(merged, last.first, day)
            else:
                blocks.append(HolidayBlock(name, day, day))
        return blocks

    # ── Status of years ──────────────────────────────────────────────────────────────────────

    def status(self, year: int) -> YearStatus:
        """Confirmed, estimate, or missing."""
        arrangement = self.arrangements.get(year)
        return YearStatus.MISSING if arrangement is None else arrangement.status

    def status_of_ordinal(self, ordinal: int) -> YearStatus:
        return self.status(date.fromordinal(ordinal).year)

    def confirmed_years(self) -> tuple[int, ...]:
        return tuple(y for y, a in self.arrangements.items() if a.status is YearStatus.CONFIRMED)

    def require(self, first: date, last: date, *, allow_estimate: bool = False) -> tuple[int, ...]:
        """Make sure every year from ``first`` to ``last`` may be used; return the estimated
        years among them (empty when all are confirmed)."""
        if last < first:
            first, last = last, first
        low, high = self._confirmed_span
        if low <= first.toordinal() and last.toordinal() <= high:
            return ()
        estimated: list[int] = []
        for year in range(first.year, last.year + 1):
            status = self.status(year)
            if status is YearStatus.CONFIRMED:
                continue
            if status is YearStatus.MISSING:
                raise CalendarYearMissingError(
                    f"工作日日历没有 {year} 年的数据"
                    f"（现有 {self.first_year}–{self.last_year} 年）。请管理员在日历文件"
                    f"（环境变量 {CALENDAR_FILE_VARIABLE}）中补充该年的节假日安排。",
                    where=f"{year}年",
                )
            if not allow_estimate:
                raise CalendarYearNotConfirmedError(
                    f"{year} 年的节假日安排尚未确认（国务院办公厅通常在上一年秋季公布），"
                    "现有数据只是估算，不能据此计算法定期限。请管理员在日历文件（环境变量 "
                    f"{CALENDAR_FILE_VARIABLE}）中补充该年的正式安排；如只需参考，可明确要求"
                    "使用估算（结果将标注为估算）。",
                    where=f"{year}年",
                )
            estimated.append(year)
        return tuple(estimated)

    # ── Arithmetic ───────────────────────────────────────────────────────────────────────────

    def _index(self, day: date) -> int:
        index = day.toordinal() - self._base
        if not 0 <= index < len(self._working):
            self.require(day, day)  # raises: the year is missing
            raise CalendarYearMissingError(f"{day} 不在工作日日历范围内", where=str(day))
        return index

    def is_workday(self, day: date, *, allow_estimate: bool = False) -> bool:
        """Whether ``day`` is a working day (调休上班 counts; holidays and weekends do not)."""
        self.require(day, day, allow_estimate=allow_estimate)
        return self._working[self._index(day)] == 1

    def add_workdays(self, day: date, count: int, *, allow_estimate: bool = False) -> date:
        """The ``count``-th working day after ``day`` (before it, when ``count`` is negative);
        ``day`` itself is not counted. ``count == 0`` gives ``day``."""
        if count == 0:
            self.require(day, day, allow_estimate=allow_estimate)
            return day
        target = self._add_ordinal(day, count)
        result = date.fromordinal(target)
        self.require(day, result, allow_estimate=allow_estimate)
        return result

    def _add_ordinal(self, day: date, count: int) -> int:
        index = self._index(day)
        done = self._cumulative[index]  # working days up to and including ``day``
        position = done + count - 1 if count > 0 else done - self._working[index] + count
        if not 0 <= position < len(self._ordinals):
            beyond = self.last_year + 1 if count > 0 else self.first_year - 1
            self.require(date(beyond, 1, 1), date(beyond, 1, 1))
        return self._ordinals[position]

    def count_workdays(self, first: date, last: date, *, allow_estimate: bool = False) -> int:
        """Working days after ``first`` up to and including ``last`` (negative when ``last`` is
        earlier), so that ``add_workdays(first, count_workdays(first, last)) <= last``."""
        self.require(first, last, allow_estimate=allow_estimate)
        return self._cumulative[self._index(last)] - self._cumulative[self._index(first)]

    def span_count(self, first: date, last: date) -> int:
        """``count_workdays`` without the year check, for callers that check the span once."""
        return self._cumulative[self._index(last)] - self._cumulative[self._index(first)]

    def nth_after(self, day: date, count: int) -> date:
        """``add_workdays`` without the year check, for callers that check the span once.
        ``count`` must be positive. The hot path of every deadline: two index look-ups."""
        index = day.toordinal() - self._base
        if 0 <= index < self._size:
            position = self._cumulative[index] + count - 1
            if position < len(self._dates):
                return self._dates[position]
        return date.fromordinal(self._add_ordinal(day, count))

    # ── What a person reads ──────────────────────────────────────────────────────────────────

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.get(day.toordinal())

    def makeup_name(self, day: date) -> str | None:
        return self._makeups.get(day.toordinal())

    def blocks_between(self, first: date, last: date) -> Iterator[HolidayBlock]:
        """Holiday blocks that overlap (first, last], clipped to it."""
        low, high = first.toordinal() + 1, last.toordinal()
        start = max(bisect_right(self._block_starts, low) - 1, 0)
        for block in self._blocks[start:]:
            if block.first.toordinal() > high:
                break
            if block.last.toordinal() < low:
                continue
            yield HolidayBlock(
                block.name,
                max(block.first, date.fromordinal(low)),
                min(block.last, date.fromordinal(high)),
            )

    def makeups_between(self, first: date, last: date) -> Iterator[MakeUpWorkday]:
        """Make-up workdays in (first, last]."""
        low = bisect_left(self._makeup_ordinals, first.toordinal() + 1)
        high = bisect_right(self._makeup_ordinals, last.toordinal())
        for ordinal in self._makeup_ordinals[low:high]:
            yield MakeUpWorkday(self._makeups[ordinal], date.fromordinal(ordinal))

    def weekend_days_off(self, first: date, last: date) -> int:
        """Ordinary Saturdays and Sundays (not holidays, not 调休) in (first, last]."""
        total = 0
        day = first + timedelta(days=1)
        while day <= last:
            ordinal = day.toordinal()
            if (
                day.weekday() >= 5
                and ordinal not in self._makeups
                and ordinal not in self._holidays
            ):
                total += 1
            day += timedelta(days=1)
        return total

    def year(self, year: int) -> YearArrangement:
        """The arrangement of ``year``; ``CalendarYearMissingError`` when there is none."""
        arrangement = self.arrangements.get(year)
        if arrangement is None:
            self.require(date(year, 1, 1), date(year, 1, 1))
        assert arrangement is not None
        return arrangement

    def holidays_of(self, year: int) -> tuple[HolidaySpan, ...]:
        return self.year(year).holidays


@cache
def _shipped() -> dict[int, YearArrangement]:
    return load_shipped()


@cache
def _calendar(path: str | None) -> WorkdayCalendar:
    years = dict(_shipped())
    if path:
        years.update(load_file(path))  # the administrator's years replace shipped ones whole
    return WorkdayCalendar(years)


def load_calendar(path: str | Path | None = None) -> WorkdayCalendar:
    """The shipped calendar, with the years of an administrator's file (``path``) added or
    replaced. Loaded once per path and cached."""
    return _calendar(str(path) if path else None)


def default_calendar() -> WorkdayCalendar:
    """The shipped calendar plus the file named by ``GONGKAI_CALENDAR_FILE``, if set."""
    return load_calendar(os.environ.get(CALENDAR_FILE_VARIABLE) or None)


def is_workday(day: date, *, allow_estimate: bool = False) -> bool:
    """``default_calendar().is_workday``."""
    return default_calendar().is_workday(day, allow_estimate=allow_estimate)


def add_workdays(day: date, count: int, *, allow_estimate: bool = False) -> date:
    """``default_calendar().add_workdays``: 2026-01-30 + 20 → 2026-03-05."""
    return default_calendar().add_workdays(day, count, allow_estimate=allow_estimate)


def count_workdays(first: date, last: date, *, allow_estimate: bool = False) -> int:
    """``default_calendar().count_workdays``: working days in (first, last]."""
    return default_calendar().count_workdays(first, last, allow_estimate=allow_estimate)
