"""Working-day counts written out as steps a clerk can follow.

``count_steps`` describes one count of N working days after a starting day, possibly interrupted
by pauses (征求意见 time that 第三十三条第三款 excludes): the first working day, each 调休 Saturday
that counts (with its number), each holiday that does not, each pause, and the N-th working day.
Ordinary weekends are summed up in one line rather than listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.law.workdays import WorkdayCalendar, weekday_zh


def day_zh(day: date) -> str:
    """``2026-01-30（周五）``."""
    return f"{day.isoformat()}（{weekday_zh(day)}）"


def span_zh(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"


@dataclass(frozen=True, slots=True)
class Pause:
    """Working days after ``first`` up to and including ``last`` do not count."""

    first: date
    last: date
    reason: str  # 征求第三方意见 …
    article: str


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbered working day worth naming on the way (the original 20th day before an
    extension)."""

    number: int
    text: str


def count_steps(
    calendar: WorkdayCalendar,
    start: date,
    end: date,
    *,
    pauses: Sequence[Pause] = (),
    markers: Sequence[Marker] = (),
) -> list[tuple[str, str]]:
    """(text, article) lines for the count from ``start`` (not counted) to ``end`` (the last
    working day counted), skipping ``pauses`` (sorted, not overlapping, inside the count)."""
    lines: list[tuple[str, str]] = []
    weekends = 0
    number = 0
    cursor = start
    pending_markers = sorted(markers, key=lambda marker: marker.number)
    segments: list[tuple[date, date, Pause | None]] = []
    for pause in pauses:
        segments.append((cursor, pause.first, pause))
        cursor = pause.last
    segments.append((cursor, end, None))
    for low, high, paused_by in segments:
        if high > low:
            if number == 0 and calendar.count_workdays(low, high, allow_estimate=True) > 0:
                first = calendar.nth_after(low, 1)
                lines.append((f"第1个工作日 {day_zh(first)}", ""))
            events: list[tuple[date, int, str]] = []
            for block in calendar.blocks_between(low, high):
                what = f"{block.name}假期 {span_zh(block.first, block.last)} 不计"
                events.append((block.first, 1, what))
            for makeup in calendar.makeups_between(low, high):
                counted = number + calendar.count_workdays(low, makeup.on, allow_estimate=True)
                what = f"调休上班 {day_zh(makeup.on)}计入（第{counted}个工作日）"
                events.append((makeup.on, 0, what))
            segment_days = calendar.count_workdays(low, high, allow_estimate=True)
            while pending_markers and pending_markers[0].number <= number + segment_days:
                marker = pending_markers.pop(0)
                on = calendar.nth_after(low, marker.number - number)
                events.append((on, 2, f"第{marker.number}个工作日 {day_zh(on)}：{marker.text}"))
            lines.extend((text, "") for _, _, text in sorted(events))
            weekends += calendar.weekend_days_off(low, high)
            number += segment_days
        if paused_by is not None:
            paused = calendar.count_workdays(paused_by.first, paused_by.last, allow_estimate=True)
            lines.append(
                (
                    f"{paused_by.reason} {paused_by.first.isoformat()} 至 "
                    f"{paused_by.last.isoformat()}：其间 {paused} 个工作日不计",
                    paused_by.article,
                )
            )
    if weekends:
        lines.append((f"其间普通周六、周日共 {weekends} 天不计", ""))
    lines.append((f"第{number}个工作日 {day_zh(end)}", ""))
    return lines
