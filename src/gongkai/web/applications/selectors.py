"""Reads of the workbench: the case list (keyset pagination), the clerk's dashboard, similar
earlier applications, the 办理台账 rows, and table 三 compiled from the cases.

``compile_table_three`` is the contract with the annual-report workspace: one aggregate query
per table, keyed by the canonical cell keys of ``gongkai.report`` (``report/formats.py``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, DateField, Func, Q, QuerySet

from gongkai.law import Outcome, add_workdays, table_row
from gongkai.report.formats import APPLICANT_KEYS, TABLE3_2019, TABLE3_2021
from gongkai.report.spec import RowKind
from gongkai.web.applications import clock
from gongkai.web.applications.models import Application, Notification, OpeningBalance
from gongkai.web.applications.workflow import WAITING, Status
from gongkai.web.organs.models import Organ

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class CasePage:
    cases: list[Application]
    next_after: int | None  # the id to continue from, None on the last page


def list_cases(
    organ_ids: Iterable[int],
    *,
    status: str = "",
    after: int | None = None,
    query: str = "",
    size: int = PAGE_SIZE,
) -> CasePage:
    """Newest first, ``size`` at a time: ``after`` is the last id of the previous page (keyset
    pagination: the same cost on page 1 and page 20 000)."""
    ids = list(organ_ids)
    # One organ (the usual case) as "=": SQLite then walks the (organ, id) index backwards and
    # stops after one page, where "IN" made it sort every case of the organ.
    if len(ids) == 1:
        cases = Application.objects.filter(organ_id=ids[0])
    else:
        cases = Application.objects.filter(organ_id__in=ids)
    if status:
        cases = cases.filter(status=status)
    if query:
        cases = cases.filter(Q(number__contains=query) | Q(applicant_name__contains=query))
    if after is not None:
        cases = cases.filter(id__lt=after)
    listed = list(cases.order_by("-id").only(*LIST_FIELDS)[: size + 1])
    # The few organs fetched once and set on each case: the list shows ``case.organ.name``,
    # which would otherwise cost one query per row.
    organs = Organ.objects.only("name").in_bulk(ids)
    for case in listed:
        case.organ = organs[case.organ_id]
    more = len(listed) > size
    listed = listed[:size]
    return CasePage(listed, listed[-1].pk if more and listed else None)


LIST_FIELDS = (
    "id",
    "number",
    "status",
    "organ_id",
    "applicant_name",
    "applicant_kind",
    "channel",
    "received_on",
    "reply_due",
    "next_due",
    "identity_number",
    "request_text",
    "is_demo",
    "clock_estimated",
)


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: datetime.date
    soon: datetime.date
    due_today: list[Application]
    due_soon: list[Application]
    overdue: list[Application]
    waiting: dict[str, int]
    counts: dict[str, int]
    transfers: list[Application]  # 转办 waiting for these organs to sign for them


def dashboard(organ_ids: Iterable[int], limit: int = 10) -> Dashboard:
    """Due today, due within 3 working days, overdue; waiting for 补正 / fee / consultation.
    Reads the cached ``next_due`` (kept by every step through ``gongkai.law``)."""
    ids = list(organ_ids)
    today = clock.today()
    soon = add_workdays(today, 3, allow_estimate=True)
    mine = Q(organ_id=ids[0]) if len(ids) == 1 else Q(organ_id__in=ids)
    open_cases = Application.objects.filter(mine, is_open=True)

    def first(cases: QuerySet) -> list[Application]:
        return list(cases.order_by("next_due", "id").only(*LIST_FIELDS)[:limit])

    counts = open_cases.aggregate(
        due_today=Count("id", filter=Q(next_due=today)),
        due_soon=Count("id", filter=Q(next_due__gt=today, next_due__lte=soon)),
        overdue=Count("id", filter=Q(next_due__lt=today)),
        **{key: Count("id", filter=Q(status=status.value)) for key, status in WAITING.items()},
    )
    return Dashboard(
        today,
        soon,
        first(open_cases.filter(next_due=today)),
        first(open_cases.filter(next_due__gt=today, next_due__lte=soon)),
        first(open_cases.filter(next_due__lt=today)),
        {key: counts[key] for key in WAITING},
        {key: counts[key] for key in ("due_today", "due_soon", "overdue")},
        list(
            Application.objects.filter(transfer_to_id__in=ids, status=Status.TRANSFERRING.value)
            .select_related("organ")
            .order_by("id")[:limit]
        ),
    )


def similar_earlier(case: Application, months: int = 12) -> list[Application]:
    """The same applicant's applications in the 12 months before (shown to the clerk; 第三十六条
    （六） applies only if this applicant was already answered — WORKBENCH §A6 #11)."""
    since = case.received_on - datetime.timedelta(days=months * 31)
    return list(
        Application.objects.filter(
            organ=case.organ, identity_number=case.identity_number, received_on__gte=since
        )
        .exclude(pk=case.pk)
        .order_by("-received_on")[:10]
    )


def same_request_count(case: Application) -> int:
    """How many distinct applicants asked for the same text and got it disclosed (第四十四条)."""
    return (
        Application.objects.filter(
            organ=case.organ,
            request_text=case.request_text,
            outcome__in=[
                Outcome.DISCLOSED.value,
                Outcome.PARTIAL.value,
                Outcome.ALREADY_PUBLIC.value,
            ],
        )
        .values("identity_number")
        .distinct()
        .count()
    )


# ── Table 三 ─────────────────────────────────────────────────────────────────────────────────


def _empty_row() -> dict[str, int]:
    return dict.fromkeys((*APPLICANT_KEYS, "total"), 0)


def compile_table_three(organ: Any, year: int, format: str = "2021") -> dict[str, dict[str, int]]:
    """Table 三 of ``organ`` for ``year`` from its cases, keyed as canonical JSON
    (``{"new_received": {"natural_person": 3, …, "total": 5}, …}``).

    新收: received in the year; 上年结转: received before it and not answered by 1 January;
    outcomes: answered (or ended) in the year, by the outcome's row (``gongkai.law.table_row``);
    结转下年度: received by 31 December and not answered by then. Plus the organ's opening
    balance for that year. One aggregate statement; A1–A3 hold by construction.
    """
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    # Every case counted is answered on or after 1 January or not answered yet (decided_on >=
    # received_on always): two ranges of the covering index ``application_decided``, grouped
    # separately and joined by UNION ALL in the one statement. Written as one OR, PostgreSQL
    # reads them through a bitmap of the table (every row fetched) instead of the index alone.
    # Cases received after 31 December count nowhere: left out inside the index scan, they
    # never reach the grouping (the sort that costs the most on SQLite).
    mine = (
        Application.objects.filter(organ=organ)
        .alias(received=NotIndexed("received_on", output_field=DateField()))
        .filter(received__lte=last)
    )
    rows = _table_three_groups(mine.filter(decided_on__gte=first), first, last).union(
        _table_three_groups(mine.filter(decided_on__isnull=True), first, last), all=True
    )
    table = TABLE3_2021 if format == "2021" else TABLE3_2019
    result = {row.key: _empty_row() for row in table.rows if row.kind is RowKind.DATA}
    for group in rows:
        column = group["applicant_kind"]
        result["new_received"][column] += group["new"]
        result["carried_over"][column] += group["carried"]
        result["carried_forward"][column] += group["forward"]
        if group["decided"]:
            key = table_row(Outcome(group["outcome"]), format).key
            result[key][column] += group["decided"]
    _add_opening_balance(organ, year, result)
    for key, row in result.items():
        if key != "total":
            row["total"] = sum(row[column] for column in APPLICANT_KEYS)
    outcome_rows = [
        r.key for r in table.rows if r.kind is RowKind.DATA and r.parent and r.key not in ("total",)
    ]
    result["total"] = {
        column: sum(result[key][column] for key in outcome_rows)
        for column in (*APPLICANT_KEYS, "total")
    }
    return result


class NotIndexed(Func):
    """A column that must not choose the index: SQLite's unary ``+`` (a no-op on the value)
    keeps a condition on it from being used as the index range, as its query planner documents
    ("disqualifying WHERE clause terms using unary +"). Other databases choose by statistics."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


def _table_three_groups(cases: QuerySet, first: datetime.date, last: datetime.date) -> QuerySet:
    """The four counts of table 三 for ``cases`` by applicant kind and outcome. They count
    received_on (never empty), not id: id is not in the index, and PostgreSQL would visit the
    table for it."""
    open_at_end = Q(decided_on__isnull=True) | Q(decided_on__gt=last)
    return (
        cases.values("applicant_kind", "outcome")
        .annotate(
            new=Count("received_on", filter=Q(received_on__gte=first, received_on__lte=last)),
            carried=Count("received_on", filter=Q(received_on__lt=first)),
            decided=Count("received_on", filter=Q(decided_on__lte=last)),
            forward=Count("received_on", filter=open_at_end & Q(received_on__lte=last)),
        )
        .order_by()
    )


def _add_opening_balance(organ: Any, year: int, result: dict[str, dict[str, int]]) -> None:
    balance = OpeningBalance.objects.filter(organ=organ, year=year).first()
    if balance is None:
        return
    for column in APPLICANT_KEYS:
        value = int(balance.counts.get(column, 0))
        result["carried_over"][column] += value
        # Nothing is known of those cases until they are entered: still open at year end.
        result["carried_forward"][column] += value


def register_rows(organ: Any, year: int) -> QuerySet:
    """The 办理台账 of a year: every case received in it (WORKBENCH §A4.3)."""
    return (
        Application.objects.filter(organ=organ, received_on__year=year)
        .order_by("received_on", "id")
        .prefetch_related("consultations", "fees")
    )


def open_statuses() -> list[str]:
    return [s.value for s in Status if s not in (Status.CLOSED, Status.WITHDRAWN)]


def list_reminders(user: Any, limit: int = 10) -> list[Notification]:
    """The person's latest reminders from the daily job (shown on the dashboard)."""
    return list(
        Notification.objects.filter(user=user)
        .select_related("application")
        .order_by("-day", "-id")[:limit]
    )
