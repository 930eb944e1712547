"""Filing status of an organ for a year, against the 第四十九条 dates by organ kind (DOMAIN P1–P4).

The dates come from the checker's own ``CheckSettings`` and ``publication_due``
(``gongkai.report.rules.timeliness``), so the supervision page and the P rules never disagree.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from gongkai import CheckSettings, OrganKind
from gongkai.report.rules.timeliness import publication_due


def due_date(year: int, kind: OrganKind, settings: CheckSettings) -> datetime.date | None:
    """The last day to publish the report for ``year``; ``None`` when no date applies."""
    return publication_due(year, kind, settings)


class Status(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    FILED = "filed"  # filed, no date applies
    MISSING = "missing"  # not filed and the date has passed
    PENDING = "pending"  # not filed, the date has not come
    NOT_FILED = "not_filed"  # not filed, no date applies

    @property
    def label(self) -> str:
        return str(_STATUS_LABELS[self])

    @property
    def is_filed(self) -> bool:
        return self in (Status.ON_TIME, Status.LATE, Status.FILED)


_STATUS_LABELS = {
    Status.ON_TIME: _("已报送（按时）"),
    Status.LATE: _("已报送（逾期）"),
    Status.FILED: _("已报送"),
    Status.MISSING: _("未报送（已逾期）"),
    Status.PENDING: _("未报送（未到期）"),
    Status.NOT_FILED: _("未报送"),
}


def filing_status(
    due: datetime.date | None, published_on: datetime.date | None, filed: bool, today: datetime.date
) -> Status:
    """``published_on`` is the report's publication date, or its filing date when it has none."""
    if filed:
        if due is None:
            return Status.FILED
        return Status.LATE if published_on is not None and published_on > due else Status.ON_TIME
    if due is None:
        return Status.NOT_FILED
    return Status.MISSING if today > due else Status.PENDING
