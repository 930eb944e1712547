"""Every change to the registers, each with its audit entry in the same transaction."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.web.audit.services import record_change, snapshot
from gongkai.web.registers.imports import MonthRow
from gongkai.web.registers.models import (
    DECISION_FIELDS,
    ITEM_FIELDS,
    Document,
    MonthlyFigures,
    YearItems,
)

DOCUMENT_FIELDS = ("kind", "title", "number", "issued_on", "published_on", "abolished_on", "note")
MONTH_FIELDS = (*(name for name, _row, _label in DECISION_FIELDS), "fees")
YEAR_ITEM_FIELDS = (
    *(name for name, _row, _label in ITEM_FIELDS),
    "procurement_projects",
    "procurement_amount",
)


class RegisterError(Exception):
    """A change refused, with a Chinese message saying what and where; nothing was stored."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_dates(issued_on: datetime.date, abolished_on: datetime.date | None) -> None:
    if abolished_on is not None and abolished_on < issued_on:
        raise RegisterError(_("废止日期不能早于制发日期"))


def add_document(actor: Any, organ: Any, **values: Any) -> Document:
    """Register a 规章 or 行政规范性文件 of ``organ``."""
    _check_dates(values["issued_on"], values.get("abolished_on"))
    with transaction.atomic():
        document = Document.objects.create(organ=organ, **values)
        record_change(
            actor,
            "register.document.add",
            document,
            None,
            snapshot(document, DOCUMENT_FIELDS),
            organ=organ,
        )
    return document


def update_document(actor: Any, document: Document, **values: Any) -> Document:
    """Change a registered document (e.g. record that it was abolished)."""
    issued_on = values.get("issued_on", document.issued_on)
    _check_dates(issued_on, values.get("abolished_on", document.abolished_on))
    with transaction.atomic():
        before = snapshot(document, DOCUMENT_FIELDS)
        for name, value in values.items():
            setattr(document, name, value)
        document.save()
        record_change(
            actor,
            "register.document.change",
            document,
            before,
            snapshot(document, DOCUMENT_FIELDS),
            organ=document.organ,
        )
    return document


def delete_document(actor: Any, document: Document) -> None:
    """Remove a document registered by mistake (a repealed one is abolished, not deleted)."""
    with transaction.atomic():
        record_change(
            actor,
            "register.document.delete",
            document,
            snapshot(document, DOCUMENT_FIELDS),
            None,
            organ=document.organ,
        )
        document.delete()


def _save_month(actor: Any, organ: Any, year: int, month: int, values: dict[str, Any]) -> None:
    figures, created = MonthlyFigures.objects.select_for_update().get_or_create(
        organ=organ, year=year, month=month
    )
    before = None if created else snapshot(figures, MONTH_FIELDS)
    for name, value in values.items():
        setattr(figures, name, value)
    figures.save()
    record_change(
        actor,
        "register.month.save",
        figures,
        before,
        {"year": year, "month": month, **snapshot(figures, MONTH_FIELDS)},
        organ=organ,
    )


def save_monthly_figures(
    actor: Any, organ: Any, year: int, months: dict[int, dict[str, Any]]
) -> None:
    """Store the figures of some months of ``year`` (those given; the others stay as they are)."""
    with transaction.atomic():
        for month, values in sorted(months.items()):
            _save_month(actor, organ, year, month, values)


def import_monthly_figures(actor: Any, organ: Any, year: int, rows: list[MonthRow]) -> int:
    """Store the checked rows of an imported sheet, all in one transaction; returns the months
    stored. Figures the mapping left out keep their stored values."""
    with transaction.atomic():
        for row in rows:
            _save_month(actor, organ, year, row.month, row.values)
        record_change(
            actor,
            "register.month.import",
            organ,
            None,
            {"year": year, "months": [row.month for row in rows]},
            organ=organ,
        )
    return len(rows)


def save_year_items(actor: Any, organ: Any, year: int, values: dict[str, Any]) -> YearItems:
    """Store the 2019 format's 事项 counts at the end of ``year`` and its 政府集中采购."""
    amount = values.get("procurement_amount")
    if amount is not None and Decimal(amount) < 0:
        raise RegisterError(_("采购总金额不能为负数"))
    with transaction.atomic():
        items, created = YearItems.objects.select_for_update().get_or_create(organ=organ, year=year)
        before = None if created else snapshot(items, YEAR_ITEM_FIELDS)
        for name, value in values.items():
            setattr(items, name, value)
        items.save()
        record_change(
            actor,
            "register.items.save",
            items,
            before,
            {"year": year, **snapshot(items, YEAR_ITEM_FIELDS)},
            organ=organ,
        )
    return items
