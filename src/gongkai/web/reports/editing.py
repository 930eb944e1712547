"""Editing a report by hand: totals filled in from their parts, the form started from the
current version (tables and narrative), and withdrawing a wrong version.

A total left blank in the form is the sum of its parts — the form showed that sum as the total's
hint, so the saved report says what the clerk saw. A total typed in is kept as typed, and the
check marks it if it differs (A1–A7). Nothing is silently 0 where the form showed another number.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongkai.report.formats import SECTIONS
from gongkai.report.model import Report
from gongkai.report.spec import FormatSpec, TableSpec
from gongkai.web.audit.services import record_change
from gongkai.web.reports import selectors
from gongkai.web.reports.models import AnnualReport, Entry

CellKey = tuple[str, str, str]
# The narrative fields of the form, in document order: the preamble, the six sections, the closing
# (signature and date).
NARRATIVE_KEYS = ("preamble", *(section.key for section in SECTIONS), "closing")


def fill_blank_totals(spec: FormatSpec, report: Report, blank: set[CellKey]) -> None:
    """Fill each blank total of ``report`` from its parts: first the sum rows ((七)总计) of each
    part column, then table 三's 结转下年度 from the balance (A1) when it is not negative, then
    the 总计 column of every row."""
    for table in spec.tables:
        _fill_sum_rows(table, report, blank)
        _fill_balances(table, report, blank)
        _fill_total_columns(table, report, blank)


def _value(report: Report, table: str, row: str, column: str) -> Any:
    return report.value(table, row, column) or 0


def _fill_sum_rows(table: TableSpec, report: Report, blank: set[CellKey]) -> None:
    for row in table.data_rows:
        if not row.sum_of:
            continue
        leaves = [leaf for part in row.sum_of for leaf in table.leaves(part)]
        for column in row.columns:
            if column.sum_of or (table.key, row.key, column.key) not in blank:
                continue
            total = sum(_value(report, table.key, leaf.key, column.key) for leaf in leaves)
            report.set(table.key, row.key, column.key, total)


def _fill_balances(table: TableSpec, report: Report, blank: set[CellKey]) -> None:
    for balance in table.balances:
        target = table.row(balance.right[-1])
        for column in target.columns:
            if column.sum_of or (table.key, target.key, column.key) not in blank:
                continue
            rest = sum(_value(report, table.key, key, column.key) for key in balance.left) - sum(
                _value(report, table.key, key, column.key) for key in balance.right[:-1]
            )
            if rest >= 0:
                report.set(table.key, target.key, column.key, rest)


def _fill_total_columns(table: TableSpec, report: Report, blank: set[CellKey]) -> None:
    for row in table.data_rows:
        for column in row.columns:
            if column.sum_of and (table.key, row.key, column.key) in blank:
                total = sum(_value(report, table.key, row.key, key) for key in column.sum_of)
                report.set(table.key, row.key, column.key, total)


def initial_values(report: Report) -> dict[str, str]:
    """The form's inputs filled from a stored report: every cell and every narrative section."""
    values = {
        f"{table}.{row}.{column}": str(cell.value)
        for table, row, column, cell in report.iter_cells()
        if cell.value is not None
    }
    for key in NARRATIVE_KEYS:
        values[f"section.{key}"] = (report.sections or {}).get(key, "")
    return values


def sections_from(data: Any) -> dict[str, str] | None:
    """The narrative typed in the form, or ``None`` when every field is empty (tables only)."""
    sections = {
        key: str(data.get(f"section.{key}", "")).replace("\r\n", "\n").strip()
        for key in NARRATIVE_KEYS
    }
    if not any(sections.values()):
        return None
    # The six headings stay even when empty (F2 looks for every one); the extras only when typed.
    return {key: text for key, text in sections.items() if text or key not in _EXTRA_KEYS}


_EXTRA_KEYS = ("preamble", "closing")
_EXTRA_TITLES = {
    "preamble": _lazy("报告说明（标题下的引言）"),
    "closing": _lazy("落款（机关名称、日期）"),
}


def _title(key: str) -> str:
    titles = {section.key: section.title for section in SECTIONS}
    return str(_EXTRA_TITLES[key]) if key in _EXTRA_TITLES else titles[key]


def narrative_fields(values: dict[str, str]) -> list[tuple[str, str, str]]:
    """The form's narrative fields: (input name, title, text)."""
    return [
        (f"section.{key}", _title(key), values.get(f"section.{key}", "")) for key in NARRATIVE_KEYS
    ]


def narrative_of(report: Report) -> list[tuple[str, str]]:
    """The report's narrative for its page: (title, text) in document order, empty ones left out."""
    sections = report.sections or {}
    return [(_title(key), sections[key]) for key in NARRATIVE_KEYS if sections.get(key, "").strip()]


def file_compiled_report(actor: Any, organ: Any, report: Report, note: str) -> AnnualReport:
    """File a report compiled and published in the report workspace, as a new current version."""
    from gongkai.web.reports.services import _file

    report.organ = organ.name
    return _file(actor, organ, report, Entry.COMPILED, None, report.published_on, note)


# ── Withdrawing a version ────────────────────────────────────────────────────────────────────


class WithdrawError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def withdraw_report(actor: Any, filing: AnnualReport, reason: str) -> AnnualReport | None:
    """Withdraw a wrong current version; the latest earlier version not withdrawn becomes
    current again (returned, or ``None`` when there is none). Audited with the reason."""
    reason = reason.strip()
    if not reason:
        raise WithdrawError(_("请填写撤回原因"))
    with transaction.atomic():
        filing = AnnualReport.objects.select_for_update().get(pk=filing.pk)
        if not filing.is_current:
            raise WithdrawError(_("只能撤回现行版本"))
        now = timezone.now()
        filing.is_current = False
        filing.replaced_at = now
        filing.withdrawn_at = now
        filing.withdrawal_reason = reason[:500]
        filing.save(
            update_fields=["is_current", "replaced_at", "withdrawn_at", "withdrawal_reason"]
        )
        restored = _restore_previous(filing)
        record_change(
            actor,
            "report.withdraw",
            filing,
            {"is_current": True},
            {
                "is_current": False,
                "reason": filing.withdrawal_reason,
                "restored_version": restored.version if restored else None,
            },
            organ=filing.organ,
        )
    return restored


def _restore_previous(filing: AnnualReport) -> AnnualReport | None:
    earlier = (
        AnnualReport.objects.select_for_update()
        .filter(
            organ=filing.organ,
            year=filing.year,
            version__lt=filing.version,
            withdrawn_at__isnull=True,
        )
        .order_by("-version")
        .first()
    )
    if earlier is not None:
        earlier.is_current = True
        earlier.replaced_at = None
        earlier.save(update_fields=["is_current", "replaced_at"])
    return earlier


def current_report(organ: Any, year: int) -> Report | None:
    filing = selectors.get_current(organ, year)
    return None if filing is None else selectors.report_of(filing)
