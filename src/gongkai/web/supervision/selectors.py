"""The supervision pages' data: every subordinate organ's status and key figures for a year, the
totals over them (over the error-free reports, or over all with the faulty ones marked), and the
full totals of tables 三 and 四.

Rows come from one query over the organs and their current reports' recorded figures
(``ReportFigures``), never from parsing each report's JSON, so that a region of thousands of
organs still answers quickly; sorting and filtering happen on those rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils import timezone

from gongkai import OrganKind, Report
from gongkai.report.figures import FIGURE_KEYS, KeyFigures, add_figures
from gongkai.report.formats import expected_format
from gongkai.report.model import Number
from gongkai.web.organs.models import Organ
from gongkai.web.organs.selectors import list_descendant_ids
from gongkai.web.reports.checking import check_settings
from gongkai.web.reports.models import AnnualReport
from gongkai.web.reports.selectors import report_of
from gongkai.web.supervision.deadlines import Status, due_date, filing_status
from gongkai.web.supervision.models import ReportReturn

TOTAL_TABLES = ("table3", "table4")


class TotalsMode(StrEnum):
    CLEAN = "clean"  # only reports without arithmetic errors
    ALL = "all"  # every filed report, the faulty ones marked

    @property
    def label(self) -> str:
        if self is TotalsMode.CLEAN:
            return "合计仅计入无算术错误的报告"
        return "合计计入全部已报送报告（有算术错误的已标出）"


@dataclass(slots=True)
class OrganRow:
    organ: Organ
    due: datetime.date | None
    status: Status
    report: AnnualReport | None
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

    def count(self, *statuses: Status) -> int:
        return sum(1 for row in self.rows if row.status in statuses)

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


def supervision_overview(
    organ: Organ,
    year: int,
    today: datetime.date | None = None,
    mode: TotalsMode = TotalsMode.CLEAN,
) -> Overview:
    """Every organ under ``organ`` (itself included) for ``year``, by name, with the totals."""
    today = today or timezone.localdate()
    settings = check_settings()
    organs = list(Organ.objects.filter(id__in=list_descendant_ids({organ.pk})).order_by("name"))
    reports = {
        filing.organ_id: filing
        for filing in AnnualReport.objects.filter(
            organ_id__in=[o.pk for o in organs], year=year, is_current=True
        )
        .select_related("figures")
        .defer("report_json", "findings")
    }
    returned = set(
        ReportReturn.objects.filter(
            report__organ_id__in=reports.keys(), report__year=year, resolved_at__isnull=True
        ).values_list("report__organ_id", flat=True)
    )
    rows = [
        _row(subordinate, reports.get(subordinate.pk), year, today, settings, returned)
        for subordinate in organs
    ]
    overview = Overview(organ, year, rows, mode)
    _add_totals(overview)
    return overview


def _row(
    organ: Organ,
    filing: AnnualReport | None,
    year: int,
    today: datetime.date,
    settings: object,
    returned: set[int],
) -> OrganRow:
    due = due_date(year, OrganKind(organ.kind), settings)  # type: ignore[arg-type]
    date_used = None
    from_filing = False
    figures = None
    arithmetic = 0
    if filing is not None:
        date_used = filing.published_on
        if date_used is None:
            date_used = timezone.localtime(filing.filed_at).date()
            from_filing = True
        recorded = getattr(filing, "figures", None)
        if recorded is not None:
            figures = KeyFigures({key: getattr(recorded, key) for key in FIGURE_KEYS})
            arithmetic = recorded.arithmetic_errors
    status = filing_status(due, date_used, filing is not None, today)
    return OrganRow(
        organ,
        due,
        status,
        filing,
        date_used,
        from_filing,
        figures,
        arithmetic,
        organ.pk in returned,
    )


def _add_totals(overview: Overview) -> None:
    counted: list[KeyFigures] = []
    for row in overview.rows:
        if row.figures is None:
            continue
        if row.is_faulty and overview.mode is TotalsMode.CLEAN:
            overview.excluded.append(row)
            continue
        counted.append(row.figures)
    overview.counted = len(counted)
    overview.totals = add_figures(counted) if counted else None


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
    if key not in SORT_KEYS:
        key = "name"
    known = [row for row in rows if sort_value(row, key)[0] == 0]
    unknown = [row for row in rows if sort_value(row, key)[0] == 1]
    known.sort(key=lambda row: sort_value(row, key)[1], reverse=descending)  # type: ignore[arg-type,return-value]
    return known + unknown


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


def table_totals(overview: Overview) -> tuple[Report | None, int, list[str]]:
    """Tables 三 and 四 added up over the reports the overview counts (same mode), reports of
    another format than the year's left out and named."""
    spec = expected_format(overview.year)
    excluded = {row.organ.pk for row in overview.excluded}
    ids = [
        row.report.pk
        for row in overview.rows
        if row.report is not None and row.organ.pk not in excluded
    ]
    if spec is None:
        return None, 0, []
    sums: dict[tuple[str, str, str], Number] = {}
    counted = 0
    skipped: list[str] = []
    for filing in AnnualReport.objects.filter(pk__in=ids).select_related("organ"):
        report = report_of(filing)
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
    return totals, counted, skipped
