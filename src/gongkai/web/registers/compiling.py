"""Table 二 for a year, computed from the registers for the format the year uses (F1).

The result maps table 二's canonical row and column keys (``gongkai.report.formats``) to numbers,
ready for ``Report.set``. Each source is read by one aggregate query; nothing is counted in Python.

2021 format (years from 2021), 条例第二十条:
- （一）项 规章 / 行政规范性文件: 本年制发件数 = issued in the year; 本年废止件数 = abolished in the
  year; 现行有效件数 = in force on 31 December (issued by then, not abolished by then).
- （五）（六）项: 本年处理决定数量 = the sum of the year's monthly decision counts.
- （八）项: 本年收费金额 = the sum of the monthly fee income, in 万元.

2019 format (2019–2020): 本年新制作数量 = issued in the year; 本年新公开数量 = made public in the
year (the publication date, or the issue date when none is recorded); 对外公开总数量 = made public
by 31 December and still in force then (UNCONFIRMED: the format defines none of the three, see
docs/registers.md). 上一年项目数量 is the number of 事项 on the list at the end of the previous
year, 本年增/减 the change over this year; when a year's list is not recorded those cells are
missing (blank), never 0.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce

from gongkai.report.formats import expected_format
from gongkai.report.model import Number
from gongkai.web.registers.models import (
    DECISION_FIELDS,
    ITEM_FIELDS,
    Document,
    DocumentKind,
    MonthlyFigures,
    YearItems,
)

Cells = dict[str, dict[str, Number | None]]


class NoFormatError(ValueError):
    """The year has no national format (before 2019): there is no table 二 to compile."""


def compile_table2(organ: Any, year: int) -> Cells:
    """Table 二 of ``organ``'s report for ``year``, keyed as in canonical JSON."""
    spec = expected_format(year)
    if spec is None:
        raise NoFormatError(f"{year}年没有统一的年报格式")
    if spec.key == "2021":
        return _table2_2021(organ, year)
    return _table2_2019(organ, year)


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _document_counts(organ: Any, year: int) -> dict[str, dict[str, int]]:
    """Per kind: issued, abolished, in force on 31 December, made public, public and in force."""
    end = _year_end(year)
    in_force = Q(issued_on__lte=end) & (Q(abolished_on__isnull=True) | Q(abolished_on__gt=end))
    published_in = Q(published_on__year=year) | Q(published_on__isnull=True, issued_on__year=year)
    published_by = Q(published_on__lte=end) | Q(published_on__isnull=True, issued_on__lte=end)
    rows = (
        Document.objects.filter(organ=organ)
        .values("kind")
        .annotate(
            issued=Count("pk", filter=Q(issued_on__year=year)),
            abolished=Count("pk", filter=Q(abolished_on__year=year)),
            in_force=Count("pk", filter=in_force),
            published=Count("pk", filter=published_in),
            public_total=Count("pk", filter=published_by & in_force),
        )
        .order_by()
    )
    counts = {kind.value: dict.fromkeys(_DOCUMENT_MEASURES, 0) for kind in DocumentKind}
    for row in rows:
        counts[row["kind"]] = {key: row[key] for key in _DOCUMENT_MEASURES}
    return counts


_DOCUMENT_MEASURES = ("issued", "abolished", "in_force", "published", "public_total")


def _monthly_sums(organ: Any, year: int) -> dict[str, Number]:
    sums = MonthlyFigures.objects.filter(organ=organ, year=year).aggregate(
        **{
            field: Coalesce(Sum(field), Value(0), output_field=IntegerField())
            for field, _row, _label in DECISION_FIELDS
        },
        fees=Coalesce(
            Sum("fees"),
            Value(Decimal(0)),
            output_field=DecimalField(max_digits=16, decimal_places=4),
        ),
    )
    sums["fees"] = _amount(sums["fees"])
    return sums


def _amount(value: Decimal) -> Number:
    """万元 as printed: no trailing zeros, a whole number as an integer."""
    value = Decimal(value).normalize()
    return int(value) if value == value.to_integral_value() else value


def _table2_2021(organ: Any, year: int) -> Cells:
    documents = _document_counts(organ, year)
    sums = _monthly_sums(organ, year)
    cells: Cells = {
        kind.value: {key: documents[kind.value][key] for key in ("issued", "abolished", "in_force")}
        for kind in DocumentKind
    }
    for row in ("licensing", "punishment", "coercion"):
        cells[row] = {"decisions": sums[row]}
    cells["fees"] = {"amount": sums["fees"]}
    return cells


def _items(organ: Any, year: int) -> YearItems | None:
    return YearItems.objects.filter(organ=organ, year=year).first()


def _table2_2019(organ: Any, year: int) -> Cells:
    documents = _document_counts(organ, year)
    sums = _monthly_sums(organ, year)
    this_year, last_year = _items(organ, year), _items(organ, year - 1)
    cells: Cells = {
        kind.value: {
            "made": documents[kind.value]["issued"],
            "published": documents[kind.value]["published"],
            "public_total": documents[kind.value]["public_total"],
        }
        for kind in DocumentKind
    }
    for field, row, _label in ITEM_FIELDS:
        previous = getattr(last_year, field, None)
        current = getattr(this_year, field, None)
        change = current - previous if current is not None and previous is not None else None
        cells[row] = {"previous_count": previous, "change": change}
        if row != "fees":
            cells[row]["decisions"] = sums[row]
    amount = None if this_year is None else this_year.procurement_amount
    cells["procurement"] = {
        "project_count": None if this_year is None else this_year.procurement_projects,
        "amount": None if amount is None else _amount(amount),
    }
    return cells
