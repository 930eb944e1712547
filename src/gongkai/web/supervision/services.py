"""The supervisor's changes: recording a filing's key figures, returning a report (退回), sending a
reminder (催报). Each writes its audit entry in the same transaction; e-mails go out as tasks
after the commit, so that a mail server that is down never undoes a recorded action."""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.report.figures import FIGURE_KEYS, key_figures
from gongkai.report.model import Report
from gongkai.report.trends import COPIED_TABLES
from gongkai.web.audit.services import record_change
from gongkai.web.organs.models import Organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision import tasks
from gongkai.web.supervision.models import Reminder, ReportFigures, ReportReturn

MAX_COMMENT = 2000


class SupervisionError(Exception):
    """A supervisor's action that cannot be done, with a Chinese message saying why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ── Key figures ───────────────────────────────────────────────────────────────────────────────


def stored_tables(filing: AnnualReport) -> Report:
    """The tables of a filing's stored JSON, without the schema validation of ``report_of``: the
    JSON was written by ``canonical.dumps`` in the filing's own transaction, and validating it
    again costs more than everything else done at filing (bulk import files thousands)."""
    data = json.loads(filing.report_json, parse_float=Decimal)
    report = Report(format=data["format"], organ=data.get("organ", ""), year=data["year"])
    for table, rows in data.get("tables", {}).items():
        for row, columns in rows.items():
            for column, value in columns.items():
                report.set(table, row, column, value)
    return report


def figures_for(filing: AnnualReport) -> ReportFigures:
    """The key figures of ``filing`` as an unsaved row (see :func:`record_figures`)."""
    report = stored_tables(filing)
    figures = key_figures(report)
    row = ReportFigures(report=filing)
    for key in FIGURE_KEYS:
        setattr(row, key, figures.get(key))
    row.tables_digest = tables_digest(report.tables)
    row.arithmetic_errors = arithmetic_errors(filing.findings)
    return row


def arithmetic_errors(findings: list[dict[str, Any]]) -> int:
    """The errors of the sum rules (A1–A10, DOMAIN §3.2) among a filing's stored findings."""
    return sum(
        1
        for finding in findings
        if str(finding.get("rule", "")).startswith("A") and finding.get("severity") == "error"
    )


def tables_digest(tables: dict[str, Any]) -> str:
    """A hash of tables 三 and 四's numbers: equal digests, identical tables. Empty when they hold
    no number but 0 (two blank years of a small township are no copy: trends.tables_identical)."""
    values = {
        table: {
            row: {column: str(cell.value) for column, cell in columns.items()}
            for row, columns in tables.get(table, {}).items()
        }
        for table in COPIED_TABLES
    }
    if not any(
        cell.value
        for table in COPIED_TABLES
        for columns in tables.get(table, {}).values()
        for cell in columns.values()
    ):
        return ""
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def record_figures(filing: AnnualReport) -> ReportFigures:
    """Write (or rewrite) the key figures of ``filing``. Derived data, so no audit entry."""
    row = figures_for(filing)
    row.save()
    return row


def resolve_returns(filing: AnnualReport) -> int:
    """A new version of a returned report resolves the open returns of the organ's year."""
    open_returns = ReportReturn.objects.filter(
        report__organ_id=filing.organ_id,
        report__year=filing.year,
        resolved_at__isnull=True,
    ).exclude(report=filing)
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for item in open_returns.select_for_update():
            item.resolved_at = now
            item.resolved_by = filing
            item.save(update_fields=["resolved_at", "resolved_by"])
            record_change(
                filing.filed_by,
                "report.return.resolve",
                item,
                {"resolved_at": None},
                {"resolved_at": now.isoformat(), "resolved_by": filing.pk},
                organ=filing.organ,
            )
            count += 1
    return count


def on_report_filed(filing: AnnualReport) -> None:
    """Called when a report is filed (see ``apps.SupervisionConfig.ready``)."""
    record_figures(filing)
    resolve_returns(filing)


# ── Returning a report (退回) ─────────────────────────────────────────────────────────────────


def return_report(actor: Any, filing: AnnualReport, comment: str) -> ReportReturn:
    """Send ``filing`` back to its organ with ``comment`` so that it files a corrected version."""
    comment = comment.strip()
    if not comment:
        raise SupervisionError("请填写退回意见：说明报告哪里需要更正。")
    if len(comment) > MAX_COMMENT:
        raise SupervisionError(f"退回意见过长：最多 {MAX_COMMENT} 字，现有 {len(comment)} 字。")
    if not filing.is_current:
        raise SupervisionError("该报告已被新版本替换，只能退回现行版本。")
    if ReportReturn.objects.filter(report=filing, resolved_at__isnull=True).exists():
        raise SupervisionError("该报告已退回，机关尚未重新报送。")
    with transaction.atomic():
        item = ReportReturn.objects.create(report=filing, comment=comment, returned_by=actor)
        record_change(
            actor,
            "report.return",
            item,
            None,
            {"report": filing.pk, "comment": comment},
            organ=filing.organ,
        )
        transaction.on_commit(lambda: tasks.email_return.enqueue(item.pk))
    return item


def list_open_returns(organ: Organ) -> list[ReportReturn]:
    return list(
        ReportReturn.objects.filter(report__organ=organ, resolved_at__isnull=True)
        .select_related("report", "returned_by")
        .order_by("-returned_at")
    )


# ── Reminders (催报) ──────────────────────────────────────────────────────────────────────────


def default_reminder_text(organ: Organ, year: int, due: datetime.date | None) -> str:
    # 条例第四十九条: the annual report is due by the date for the organ's kind.
    deadline = f"，公开期限为 {due:%Y年%m月%d日}" if due else ""
    return (
        f"{organ.name}：贵单位尚未报送 {year} 年度政府信息公开工作年度报告{deadline}"
        "（《政府信息公开条例》第四十九条）。请尽快报送。"
    )


def send_reminder(
    actor: Any, organ: Organ, year: int, message: str, *, already_filed: bool
) -> Reminder:
    """Remind ``organ`` to file its report for ``year``: shown in the site and e-mailed to its
    clerks. ``actor`` is ``None`` for the scheduled reminders."""
    message = message.strip()
    if not message:
        raise SupervisionError("催报内容不能为空。")
    if len(message) > MAX_COMMENT:
        raise SupervisionError(f"催报内容过长：最多 {MAX_COMMENT} 字。")
    if already_filed:
        raise SupervisionError(f"{organ.name} 已报送 {year} 年度报告，无需催报。")
    with transaction.atomic():
        reminder = Reminder.objects.create(organ=organ, year=year, message=message, sent_by=actor)
        record_change(
            actor, "report.remind", reminder, None, {"year": year, "message": message}, organ=organ
        )
        transaction.on_commit(lambda: tasks.email_reminder.enqueue(reminder.pk))
    return reminder


def send_due_reminders(today: datetime.date | None = None) -> list[Reminder]:
    """The scheduled 催报: every organ that has not filed last year's report, from
    ``GONGKAI_REMIND_DAYS_BEFORE`` days before its 第四十九条 date on, at most once per
    ``GONGKAI_REMIND_EVERY_DAYS``. Organs with no date (townships without a regional date, P4) are
    left to their supervisor."""
    from django.conf import settings

    from gongkai import OrganKind
    from gongkai.web.reports.checking import check_settings
    from gongkai.web.supervision.deadlines import due_date

    today = today or timezone.localdate()
    year = today.year - 1
    check = check_settings()
    filed = set(
        AnnualReport.objects.filter(year=year, is_current=True).values_list("organ_id", flat=True)
    )
    since = timezone.now() - datetime.timedelta(days=settings.GONGKAI_REMIND_EVERY_DAYS)
    recent = set(
        Reminder.objects.filter(year=year, sent_at__gte=since).values_list("organ_id", flat=True)
    )
    lead = datetime.timedelta(days=settings.GONGKAI_REMIND_DAYS_BEFORE)
    sent: list[Reminder] = []
    for organ in Organ.objects.exclude(pk__in=filed | recent).order_by("name"):
        due = due_date(year, OrganKind(organ.kind), check)
        if due is None or today < due - lead:
            continue
        text = default_reminder_text(organ, year, due)
        sent.append(send_reminder(None, organ, year, text, already_filed=False))
    return sent
