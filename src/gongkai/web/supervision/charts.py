"""The charts' data, as the browser (ECharts) and the exports draw them: each chart is a title,
category labels and one or more series of numbers — the same numbers the table beside the chart
prints."""

from __future__ import annotations

import bisect
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.report.figures import FIGURES_BY_KEY
from gongkai.report.model import Number
from gongkai.web.organs.models import Organ
from gongkai.web.supervision.deadlines import Status
from gongkai.web.supervision.freshness import cached
from gongkai.web.supervision.history import History
from gongkai.web.supervision.selectors import Overview, TotalsMode, supervision_overview

OUTCOMES = ("granted", "partial", "denied", "unable", "not_processed", "other")
TREND_FIGURES = ("received", "answered", "review", "litigation")
RANKED = 20  # organs shown in the ranking chart


def _plain(value: Number | None) -> float | int | None:
    if isinstance(value, Decimal):
        return float(value)
    return value


def chart(
    key: str, title: str, kind: str, labels: list[str], series: dict[str, list[Any]]
) -> dict[str, Any]:
    return {
        "key": key,
        "title": title,
        "kind": kind,
        "labels": labels,
        "series": [{"name": name, "data": data} for name, data in series.items()],
    }


def overview_charts(organ: Organ, year: int, mode: TotalsMode) -> dict[str, Any]:
    """The per-organ page's charts, kept for the data version and shared between processes (a
    small dict: a worker that has not read the region's rows answers without reading them)."""
    today = timezone.localdate()
    return cached(
        "charts",
        (organ.pk, year, today, mode.value),
        lambda: overview_chart_data(supervision_overview(organ, year, today, mode)),
    )


def overview_chart_data(overview: Overview) -> dict[str, Any]:
    statuses = list(Status)
    progress = chart(
        "progress",
        "报送进度",
        "bar",
        [status.label for status in statuses],
        {"机关数": [overview.count(status) for status in statuses]},
    )
    totals = overview.totals
    outcomes = chart(
        "outcomes",
        "申请办理结果",
        "pie",
        [FIGURES_BY_KEY[key].label for key in OUTCOMES],
        {"件数": [_plain(totals.get(key)) if totals else None for key in OUTCOMES]},
    )
    ranked = sorted(
        (row for row in overview.rows if row.figures and row.figures.get("received") is not None),
        key=lambda row: (-(row.figures.get("received") or 0), row.organ.name),  # type: ignore[union-attr]
    )[:RANKED]
    ranking = chart(
        "ranking",
        "本年新收申请数排名",
        "bar",
        [row.organ.name for row in ranked],
        {"本年新收申请": [_plain(row.figures.get("received")) for row in ranked if row.figures]},
    )
    return {
        "organ": overview.organ.name,
        "year": overview.year,
        "mode": overview.mode.value,
        "counted": overview.counted,
        "charts": [progress, timeline(overview), outcomes, ranking],
    }


def timeline(overview: Overview) -> dict[str, Any]:
    """Filings over time against the 第四十九条 dates: on each date someone filed or a deadline
    fell, how many organs had filed and how many were due by then."""
    filed = sorted(row.date_used for row in overview.rows if row.date_used is not None)
    dues = sorted(row.due for row in overview.rows if row.due is not None)
    dates = sorted(set(filed) | set(dues))
    return chart(
        "timeline",
        "报送进度与公开期限",
        "line",
        [date.isoformat() for date in dates],
        {
            "累计已报送机关数": [bisect.bisect_right(filed, date) for date in dates],
            "期限已到的机关数": [bisect.bisect_right(dues, date) for date in dates],
        },
    )


def region_chart_data(history: History) -> dict[str, Any]:
    years = [row.year for row in history.rows]
    series = {
        FIGURES_BY_KEY[key].label: [
            _plain(row.figures.get(key)) if row.figures else None for row in history.rows
        ]
        for key in TREND_FIGURES
    }
    return {"charts": [chart("trend", "主要指标逐年变化", "line", [str(y) for y in years], series)]}
