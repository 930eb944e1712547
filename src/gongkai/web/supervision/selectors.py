"""The supervision pages' data: every subordinate organ's status and key figures for a year, the
totals over them (over the error-free reports, or over all with the faulty ones marked), and the
full totals of tables 三 and 四.

Rows come from one query over the organs and their current reports' recorded figures
(``ReportFigures``), never from parsing each report's JSON, so that a region of thousands of
organs still answers quickly; sorting and filtering happen on those rows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils import timezone

from gongkai import OrganKind, Report, ReportInputError
from gongkai.report.figures import FIGURE_KEYS, KeyFigures
from gongkai.report.formats import expected_format
from gongkai.report.model import Number
from gongkai.web.organs.models import ORGAN_KINDS, Organ
from gongkai.web.reports.checking import check_settings
from gongkai.web.reports.models import AnnualReport
from gongkai.web.reports.selectors import report_of
from gongkai.web.supervision.deadlines import Status, due_date, filing_status
from gongkai.web.supervision.freshness import cached
from gongkai.web.supervision.models import ReportReturn
from gongkai.web.supervision.region import region_depth, region_q
from gongkai.web.supervision.sums import YearSums, recorded_figures, sums_by_year

TOTAL_TABLES = ("table3", "table4")


class TotalsMode(StrEnum):
    CLEAN = "clean"  # only reports without arithmetic errors
    ALL = "all"  # every filed report, the faulty ones marked

    @property
    def label(self) -> str:
        if self is TotalsMode.CLEAN:
            return "合计仅计入无算术错误的报告"
        return "合计计入全部已报送报告（有算术错误的已标出）"


_KIND_LABELS = dict(ORGAN_KINDS)


@dataclass(frozen=True, slots=True)
class OrganInfo:
    """The organ of a row: what the pages show of it (not a model instance: a region has
    thousands)."""

    pk: int
    name: str
    kind: str

    def get_kind_display(self) -> str:
        return str(_KIND_LABELS.get(self.kind, self.kind))


@dataclass(frozen=True, slots=True)
class FilingInfo:
    """The current report of a row: its id and counts, without its JSON."""

    pk: int
    version: int
    error_count: int
    warning_count: int
    info_count: int
    published_on: datetime.date | None
    filed_at: datetime.datetime


@dataclass(slots=True)
class OrganRow:
    organ: OrganInfo
    due: datetime.date | None
    status: Status
    report: FilingInfo | None
    date_used: datetime.date | None  # the publication date, or the filing date without one
    date_is_filing: bool = False
    figures: KeyFigures | None = None
    arithmetic_errors: int = 0
    returned: bool = False  # an open 退回 awaits a corrected version

    @property
    def is_faulty(self) -> bool:
        return self.arithmetic_errors > 0


@dataclass(slots=True)
class Overview:
    organ: Organ
    year: int
    rows: list[OrganRow]
    mode: TotalsMode = TotalsMode.CLEAN
    totals: KeyFigures | None = None
    counted: int = 0  # reports added into the totals
    excluded: list[OrganRow] = field(default_factory=list)  # faulty, left out (clean mode)

    statuses: Counter[Status] = field(default_factory=Counter)  # rows by status, counted once

    def count(self, *statuses: Status) -> int:
        if not self.statuses:
            self.statuses.update(row.status for row in self.rows)
        return sum(self.statuses[status] for status in statuses)

    @property
    def filed(self) -> int:
        return self.count(Status.ON_TIME, Status.LATE, Status.FILED)

    @property
    def late(self) -> int:
        return self.count(Status.LATE)

    @property
    def missing(self) -> int:
        return self.count(Status.MISSING, Status.PENDING, Status.NOT_FILED)

    @property
    def faulty(self) -> int:
        return sum(1 for row in self.rows if row.is_faulty)


_FILING_FIELDS = (
    "organ_id",
    "pk",
    "version",
    "error_count",
    "warning_count",
    "info_count",
    "published_on",
    "filed_at",
    "figures__arithmetic_errors",
    *(f"figures__{key}" for key in FIGURE_KEYS),
)


def supervision_overview(
    organ: Organ,
    year: int,
    today: datetime.date | None = None,
    mode: TotalsMode = TotalsMode.CLEAN,
) -> Overview:
    """Every organ under ``organ`` (itself included) for ``year``, by name, with the totals."""
    today = today or timezone.localdate()
    rows = cached("rows", (organ.pk, year, today), lambda: _rows(organ, year, today), shared=False)
    clean = mode is TotalsMode.CLEAN
    sums = cached("sums", (organ.pk, year, mode.value), lambda: _year_sums(organ, year, clean))
    overview = Overview(organ, year, rows, mode)
    if clean:
        overview.excluded = [row for row in rows if row.is_faulty and row.figures is not None]
    if sums is not None:
        overview.totals, overview.counted = sums.figures, sums.reports
    return overview


def _year_sums(organ: Organ, year: int, clean: bool) -> YearSums | None:
    """The totals row (one aggregate query); ``None`` when no counted report has figures."""
    return sums_by_year(recorded_figures(organ.pk, clean=clean, year=year)).get(year)


def _rows(organ: Organ, year: int, today: datetime.date) -> list[OrganRow]:
    settings = check_settings()
    depth = region_depth(organ.pk)
    organs = Organ.objects.filter(region_q(organ.pk, depth=depth)).order_by("name")
    filings = (
        AnnualReport.objects.filter(region_q(organ.pk, "organ", depth), year=year, is_current=True)
        .order_by()
        .values_list(*_FILING_FIELDS)
    )  # into a dict: no ORDER BY (and no join for it)
    by_organ = {values[0]: values for values in filings}
    returned = set(
        ReportReturn.objects.filter(
            region_q(organ.pk, "report__organ", depth),
            report__year=year,
            report__is_current=True,
            resolved_at__isnull=True,
        ).values_list("report__organ_id", flat=True)
    )
    dues = {kind: due_date(year, OrganKind(kind), settings) for kind, _label in ORGAN_KINDS}
    zone = timezone.get_current_timezone()  # once, not once per row
    rows = [
        _row(OrganInfo(pk, name, kind), by_organ.get(pk), dues[kind], today, pk in returned, zone)
        for pk, name, kind in organs.values_list("pk", "name", "kind")
    ]
    return rows


def _row(
    organ: OrganInfo,
    values: tuple[Any, ...] | None,
    due: datetime.date | None,
    today: datetime.date,
    returned: bool,
    zone: datetime.tzinfo,
) -> OrganRow:
    if values is None:
        return OrganRow(organ, due, filing_status(due, None, False, today), None, None)
    filing = FilingInfo(*values[1:8])
    date_used = filing.published_on
    from_filing = date_used is None
    if date_used is None:
        date_used = filing.filed_at.astimezone(zone).date()
    arithmetic = values[8]
    figures = None
    if arithmetic is not None:  # figures recorded
        figures = KeyFigures(dict(zip(FIGURE_KEYS, values[9:], strict=True)))
    status = filing_status(due, date_used, True, today)
    return OrganRow(
        organ, due, status, filing, date_used, from_filing, figures, arithmetic or 0, returned
    )


# ── Sorting and filtering the rows ────────────────────────────────────────────────────────────

SORT_KEYS = (
    "name",
    "kind",
    "status",
    "date",
    "errors",
    "warnings",
    *FIGURE_KEYS,
    "granted_share",
    "denied_share",
    "unable_share",
    "appeals",
    "corrected_share",
)


def sort_value(row: OrganRow, key: str) -> tuple[int, object]:
    """A sort key that puts unknown values last whatever the direction is handled by caller."""
    value: object
    if key == "name":
        value = row.organ.name
    elif key == "kind":
        value = row.organ.kind
    elif key == "status":
        value = list(Status).index(row.status)
    elif key == "date":
        value = row.date_used
    elif key == "errors":
        value = row.report.error_count if row.report else None
    elif key == "warnings":
        value = row.report.warning_count if row.report else None
    elif row.figures is None:
        value = None
    elif key.endswith("_share") and key != "corrected_share":
        value = row.figures.share(key.removesuffix("_share"))
    elif key == "corrected_share":
        value = row.figures.corrected_share
    elif key == "appeals":
        value = row.figures.appeals
    else:
        value = row.figures.get(key)
    return (0, value) if value is not None else (1, 0)


def sorted_rows(rows: Iterable[OrganRow], key: str, descending: bool) -> list[OrganRow]:
    """Rows with a value by it (either direction), then the rows without one."""
    if key not in SORT_KEYS:
        key = "name"
    known: list[tuple[Any, OrganRow]] = []
    unknown: list[OrganRow] = []
    for row in rows:
        missing, value = sort_value(row, key)
        if missing:
            unknown.append(row)
        else:
            known.append((value, row))
    known.sort(key=lambda item: item[0], reverse=descending)
    return [row for _value, row in known] + unknown


@dataclass(frozen=True, slots=True)
class RowFilter:
    query: str = ""
    status: str = ""  # "", "filed", "missing", "late", "faulty", "returned"
    kind: str = ""

    def keeps(self, row: OrganRow) -> bool:
        if self.query and self.query not in row.organ.name:
            return False
        if self.kind and row.organ.kind != self.kind:
            return False
        return self._status_keeps(row)

    def _status_keeps(self, row: OrganRow) -> bool:
        match self.status:
            case "filed":
                return row.status.is_filed
            case "missing":
                return not row.status.is_filed
            case "late":
                return row.status is Status.LATE
            case "faulty":
                return row.is_faulty
            case "returned":
                return row.returned
        return True


# ── Full totals of tables 三 and 四 (parses each counted report) ────────────────────────────


def table_totals(overview: Overview) -> tuple[Report | None, int, list[str], list[str]]:
    """Tables 三 and 四 added up over the reports the overview counts (same mode), reports of
    another format than the year's left out and named, and so are stored reports that no longer
    load (stored before their numbers were checked at entry)."""
    spec = expected_format(overview.year)
    excluded = {row.organ.pk for row in overview.excluded}
    ids = [
        row.report.pk
        for row in overview.rows
        if row.report is not None and row.organ.pk not in excluded
    ]
    if spec is None:
        return None, 0, [], []
    sums: dict[tuple[str, str, str], Number] = {}
    counted = 0
    skipped: list[str] = []
    unreadable: list[str] = []
    for filing in AnnualReport.objects.filter(pk__in=ids).select_related("organ"):
        try:
            report = report_of(filing)
        except ReportInputError:
            unreadable.append(filing.organ.name)
            continue
        if report.format != spec.key:
            skipped.append(filing.organ.name)
            continue
        counted += 1
        for table_key in TOTAL_TABLES:
            for row, column in spec.table(table_key).cells():
                value = report.value(table_key, row.key, column.key)
                if value is not None:
                    key = (table_key, row.key, column.key)
                    sums[key] = sums.get(key, 0) + value
    totals = Report(format=spec.key, organ="合计", year=overview.year)
    for table_key in TOTAL_TABLES:
        for row, column in spec.table(table_key).cells():
            total = sums.get((table_key, row.key, column.key))
            if isinstance(total, Decimal) and total == total.to_integral_value():
                total = int(total)
            totals.set(table_key, row.key, column.key, total if counted else None)
    return totals, counted, skipped, unreadable
