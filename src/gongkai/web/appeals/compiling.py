"""Table 四 for a year, by one aggregate query over the organ's cases.

A case counts in the year it was filed (复议申请 or 起诉 received). Its result is the one it had
on 31 December of that year: a case closed later counts as 尚未审结, so the table does not change
when it is compiled again after New Year (UNCONFIRMED convention, see docs/registers.md; the
format defines no cut-off, and table 四 has no carry-over row, DOMAIN Y6). 总计 is the count of
all the row's cases, so A5–A7 hold by construction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q

from gongkai.web.appeals.models import Case, CaseKind, Result

Cells = dict[str, dict[str, int | None]]
COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def compile_table4(organ: Any, year: int) -> Cells:
    """Table 四 of ``organ``'s report for ``year``, keyed as in canonical JSON."""
    end = datetime.date(year, 12, 31)
    closed_by_end = Q(closed_on__isnull=False, closed_on__lte=end)
    rows = (
        Case.objects.filter(organ=organ, filed_on__year=year)
        .values("kind")
        .annotate(
            upheld=Count("pk", filter=closed_by_end & Q(result=Result.UPHELD)),
            corrected=Count("pk", filter=closed_by_end & Q(result=Result.CORRECTED)),
            other=Count("pk", filter=closed_by_end & Q(result=Result.OTHER)),
            pending=Count("pk", filter=~closed_by_end),
            total=Count("pk"),
        )
        .order_by()
    )
    cells: Cells = {kind.value: dict.fromkeys(COLUMNS, 0) for kind in CaseKind}
    for row in rows:
        cells[row["kind"]] = {column: row[column] for column in COLUMNS}
    return cells
