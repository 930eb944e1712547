"""The key figures of a region added up in the database, year by year: one GROUP BY over the
recorded figures (``ReportFigures``) serves both the per-organ page's totals row (one year) and
the region's year-over-year page (every year), so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from gongkai.report.figures import FIGURE_KEYS, KeyFigures
from gongkai.report.model import Number
from gongkai.web.supervision.models import ReportFigures
from gongkai.web.supervision.region import region_q


@dataclass(frozen=True, slots=True)
class YearSums:
    reports: int  # reports added up
    figures: KeyFigures


def recorded_figures(
    root_id: int, *, clean: bool, year: int | None = None, since: int | None = None
) -> QuerySet[ReportFigures]:
    """The recorded figures of the current reports of the region; ``clean``: only those without
    arithmetic errors (the totals the supervisor chose to count)."""
    recorded = ReportFigures.objects.filter(
        region_q(root_id, "report__organ"), report__is_current=True
    )
    if year is not None:
        recorded = recorded.filter(report__year=year)
    if since is not None:
        recorded = recorded.filter(report__year__gte=since)
    if clean:
        recorded = recorded.filter(arithmetic_errors=0)
    return recorded


def sums_by_year(recorded: QuerySet[ReportFigures]) -> dict[int, YearSums]:
    """Each year's figures added up. SUM over only NULLs is NULL: a figure no report carries
    stays unknown, never 0 (as ``gongkai.report.figures.add_figures``)."""
    rows = recorded.values("report__year").annotate(
        reports=Count("pk"), **{f"sum_{key}": Sum(key) for key in FIGURE_KEYS}
    )
    return {
        row["report__year"]: YearSums(
            row["reports"],
            KeyFigures({key: _whole(row[f"sum_{key}"]) for key in FIGURE_KEYS}),
        )
        for row in rows
    }


def _whole(value: Number | None) -> Number | None:
    """A decimal sum without a fraction as an integer, as the reports print it."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value
