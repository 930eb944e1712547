"""Key figures over the years, for one organ and for a whole region (the organ and every organ
below it), with the change from the year before and the anomalies (``gongkai.report.trends``).

The region's figures are summed in the database (one GROUP BY over the recorded figures,
``sums``), so a region of thousands of organs over many years is one query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count

from gongkai.report.figures import FIGURE_KEYS, KeyFigures
from gongkai.report.trends import TrendSettings, YearRow, year_over_year
from gongkai.web.organs.models import Organ
from gongkai.web.supervision.freshness import cached
from gongkai.web.supervision.models import ReportFigures
from gongkai.web.supervision.selectors import TotalsMode
from gongkai.web.supervision.sums import recorded_figures, sums_by_year

FIRST_TREND_YEAR = 2019  # the first year of the standard formats (国办公开办函〔2019〕60号)


def trend_settings() -> TrendSettings:
    return TrendSettings(
        jump_factor=settings.GONGKAI_TREND_JUMP_FACTOR,
        jump_min_count=settings.GONGKAI_TREND_JUMP_MIN_COUNT,
    )


@dataclass(slots=True)
class History:
    rows: list[YearRow]
    reports: dict[int, int]  # year -> reports added up
    copies: dict[int, list[str]]  # year -> organs whose tables 三/四 repeat last year's


def organ_history(organ: Organ) -> History:
    """One organ's current reports, year by year."""
    recorded = ReportFigures.objects.filter(
        report__organ=organ, report__is_current=True, report__year__gte=FIRST_TREND_YEAR
    ).select_related("report")
    series: dict[int, KeyFigures] = {}
    digests: dict[int, str] = {}
    for row in recorded:
        year = row.report.year
        series[year] = KeyFigures({key: getattr(row, key) for key in FIGURE_KEYS})
        digests[year] = row.tables_digest
    same = frozenset(
        year for year, digest in digests.items() if digest and digests.get(year - 1) == digest
    )
    copies = {year: [organ.name] for year in same}
    rows = year_over_year(series, same_tables=same, settings=trend_settings())
    return History(rows, dict.fromkeys(series, 1), copies)


def region_history(organ: Organ, mode: TotalsMode = TotalsMode.CLEAN) -> History:
    """The key figures of ``organ`` and every organ below it, added up year by year."""
    key = (organ.pk, mode.value, settings.GONGKAI_TREND_JUMP_FACTOR)
    return cached("region", key, lambda: _region_history(organ, mode))


def _region_history(organ: Organ, mode: TotalsMode) -> History:
    recorded = recorded_figures(organ.pk, clean=mode is TotalsMode.CLEAN, since=FIRST_TREND_YEAR)
    sums = sums_by_year(recorded)
    series = {year: item.figures for year, item in sums.items()}
    counts = {year: item.reports for year, item in sums.items()}
    copies = _copies(organ.pk, clean=mode is TotalsMode.CLEAN)
    same = frozenset(copies)
    rows = year_over_year(series, same_tables=same, settings=trend_settings())
    return History(rows, counts, copies)


def _copies(root_id: int, *, clean: bool) -> dict[int, list[str]]:
    """Organs whose tables 三 and 四 are identical to their previous year's. The database finds
    the organs whose digest repeats at all (one GROUP BY: few rows come back); only their
    reports are then compared year to year here. A correlated subquery per report made
    PostgreSQL plan a loop over tens of thousands of rows, and reading every report's digest
    cost SQLite as much."""
    recorded = recorded_figures(root_id, clean=False, since=FIRST_TREND_YEAR - 1).exclude(
        tables_digest=""
    )
    repeating = (
        recorded.values("report__organ_id", "tables_digest")
        .annotate(times=Count("pk"))
        .filter(times__gt=1)
        .values("report__organ_id")
    )
    digests: dict[tuple[int, int], str] = {}
    candidates: list[tuple[int, int, str, str]] = []
    rows = recorded.filter(report__organ_id__in=repeating).values_list(
        "report__organ_id",
        "report__year",
        "tables_digest",
        "arithmetic_errors",
        "report__organ__name",
    )
    for organ_id, year, digest, errors, name in rows:
        digests[organ_id, year] = digest
        # Clean totals: a faulty report is not counted, so neither is it flagged.
        if year >= FIRST_TREND_YEAR and not (clean and errors):
            candidates.append((organ_id, year, digest, name))
    copies: dict[int, list[str]] = {}
    for organ_id, year, digest, name in candidates:
        if digests.get((organ_id, year - 1)) == digest:
            copies.setdefault(year, []).append(name)
    for names in copies.values():
        names.sort()
    return copies
