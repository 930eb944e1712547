"""Key figures over the years: the change from last year, and what looks wrong about it.

Two anomalies are flagged (issue 13): a figure that jumps by more than a factor from one year to
the next (up or down), and tables 三 and 四 identical to last year's — the tell of a report copied
from the year before (cf. CASS's 内容雷同 finding, rule Y5 for the narrative).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai.report.figures import FIGURES, KeyFigures
from gongkai.report.model import Number, Report

COPIED_TABLES = ("table3", "table4")


@dataclass(frozen=True, slots=True)
class TrendSettings:
    # A figure that grows or shrinks by more than this factor is flagged …
    jump_factor: float = 3.0
    # … once the larger of the two years reaches this count (3 → 10 is noise, 300 → 1000 is not).
    jump_min_count: int = 10


DEFAULT_TREND_SETTINGS = TrendSettings()


class Anomaly(StrEnum):
    JUMP = "jump"
    SAME_TABLES = "same_tables"

    @property
    def label(self) -> str:
        return _ANOMALY_LABELS[self]


_ANOMALY_LABELS = {
    Anomaly.JUMP: "与上年相比变化异常",
    Anomaly.SAME_TABLES: "表三、表四与上年完全相同",
}


@dataclass(frozen=True, slots=True)
class Change:
    """One figure in one year beside the year before."""

    value: Number | None
    previous: Number | None
    jump: bool = False

    @property
    def delta(self) -> Number | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def ratio(self) -> float | None:
        """This year over last year; ``None`` when either is unknown or last year was 0."""
        if self.value is None or not self.previous:
            return None
        return float(self.value) / float(self.previous)


@dataclass(slots=True)
class YearRow:
    year: int
    figures: KeyFigures | None  # None: nothing filed for the year
    changes: dict[str, Change] = field(default_factory=dict)
    anomalies: list[Anomaly] = field(default_factory=list)

    @property
    def jumps(self) -> list[str]:
        return [key for key, change in self.changes.items() if change.jump]


def is_jump(value: Number | None, previous: Number | None, settings: TrendSettings) -> bool:
    """Whether the change from ``previous`` to ``value`` is beyond the factor (either way)."""
    if value is None or previous is None:
        return False
    low, high = sorted((float(value), float(previous)))
    if high < settings.jump_min_count:
        return False
    if low <= 0:
        return True
    return high / low > settings.jump_factor


def year_over_year(
    series: Mapping[int, KeyFigures],
    *,
    same_tables: frozenset[int] = frozenset(),
    settings: TrendSettings = DEFAULT_TREND_SETTINGS,
) -> list[YearRow]:
    """One row per year from the first to the last in ``series`` (gaps included, as ``None``),
    each figure with its change from the year before. ``same_tables`` are the years whose tables
    三 and 四 repeat the previous year's (see :func:`tables_identical`)."""
    if not series:
        return []
    rows: list[YearRow] = []
    previous: KeyFigures | None = None
    for year in range(min(series), max(series) + 1):
        figures = series.get(year)
        row = YearRow(year, figures)
        if figures is not None:
            for spec in FIGURES:
                value = figures.get(spec.key)
                before = previous.get(spec.key) if previous is not None else None
                row.changes[spec.key] = Change(value, before, is_jump(value, before, settings))
            if row.jumps:
                row.anomalies.append(Anomaly.JUMP)
            if year in same_tables:
                row.anomalies.append(Anomaly.SAME_TABLES)
        rows.append(row)
        previous = figures
    return rows


def tables_identical(report: Report, previous: Report) -> bool:
    """Whether tables 三 and 四 hold the same numbers in both reports, and not only zeros or
    blanks (a small organ with no application two years running is not a copy)."""
    some_number = False
    for table in COPIED_TABLES:
        this, that = _values(report, table), _values(previous, table)
        if this != that:
            return False
        some_number = some_number or any(value for value in this.values())
    return some_number


def _values(report: Report, table: str) -> dict[tuple[str, str], Number | None]:
    return {
        (row, column): cell.value
        for row, columns in report.tables.get(table, {}).items()
        for column, cell in columns.items()
    }
