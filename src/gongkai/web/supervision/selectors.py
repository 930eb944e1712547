"""The supervision page's data: every subordinate organ's status for a year, and the totals of
tables 三 and 四 over their current reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from gongkai import OrganKind, Report
from gongkai.report.formats import expected_format
from gongkai.report.model import Number
from gongkai.web.organs.models import Organ
from gongkai.web.organs.selectors import list_subordinates
from gongkai.web.reports.checking import check_settings
from gongkai.web.reports.models import AnnualReport
from gongkai.web.reports.selectors import list_current_for, report_of
from gongkai.web.supervision.deadlines import Status, due_date, filing_status

TOTAL_TABLES = ("table3", "table4")


@dataclass(slots=True)
class OrganRow:
    organ: Organ
    due: datetime.date | None
    status: Status
    report: AnnualReport | None
    date_used: datetime.date | None  # the publication date, or the filing date without one
    date_is_filing: bool = False


@dataclass(slots=True)
class Overview:
    organ: Organ
    year: int
    rows: list[OrganRow]
    totals: Report | None
    counted: int  # reports added into the totals
    skipped: list[str] = field(default_factory=list)  # organs whose report is of another format

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


def supervision_overview(organ: Organ, year: int, today: datetime.date | None = None) -> Overview:
    today = today or timezone.localdate()
    settings = check_settings()
    organs = list(list_subordinates(organ))
    reports = {
        report.organ_id: report
        for report in list_current_for({o.id for o in organs}, year).select_related("filed_by")
    }
    rows: list[OrganRow] = []
    for subordinate in organs:
        report = reports.get(subordinate.id)
        due = due_date(year, OrganKind(subordinate.kind), settings)
        date_used = None
        from_filing = False
        if report is not None:
            date_used = report.published_on
            if date_used is None:
                date_used = timezone.localtime(report.filed_at).date()
                from_filing = True
        status = filing_status(due, date_used, report is not None, today)
        rows.append(OrganRow(subordinate, due, status, report, date_used, from_filing))
    totals, counted, skipped = _totals(year, [row.report for row in rows if row.report])
    return Overview(organ, year, rows, totals, counted, skipped)


def _totals(year: int, filings: list[AnnualReport]) -> tuple[Report | None, int, list[str]]:
    spec = expected_format(year)
    if spec is None:
        return None, 0, []
    sums: dict[tuple[str, str, str], Number] = {}
    counted = 0
    skipped: list[str] = []
    for filing in filings:
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
    totals = Report(format=spec.key, organ="合计", year=year)
    for table_key in TOTAL_TABLES:
        for row, column in spec.table(table_key).cells():
            total = sums.get((table_key, row.key, column.key))
            if isinstance(total, Decimal) and total == total.to_integral_value():
                total = int(total)
            totals.set(table_key, row.key, column.key, total if counted else None)
    return totals, counted, skipped
