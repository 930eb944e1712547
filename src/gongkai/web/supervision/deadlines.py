"""Filing status of an organ for a year, against the 第四十九条 dates by organ kind (DOMAIN P1–P4).

The dates come from the checker's own ``CheckSettings`` and its deadline arithmetic
(``gongkai.report.rules.timeliness``), so the supervision page and the P rules never disagree.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from gongkai import CheckSettings, OrganKind
from gongkai.report.rules.timeliness import _deadline as statutory_deadline

_DEPARTMENTS = {OrganKind.DEPARTMENT, OrganKind.STATE_COUNCIL_DEPARTMENT}
_GOVERNMENTS = {
    OrganKind.PROVINCIAL_GOVERNMENT,
    OrganKind.CITY_GOVERNMENT,
    OrganKind.COUNTY_GOVERNMENT,
}
_TOWNSHIPS = {OrganKind.TOWNSHIP, OrganKind.SUBDISTRICT}


def due_date(year: int, kind: OrganKind, settings: CheckSettings) -> datetime.date | None:
    """The last day to publish the report for ``year``; ``None`` when no date applies."""
    if year <= 2018:  # P3: 2007 条例 old 第三十一条
        return statutory_deadline(year, settings.pre2019_deadline)
    if kind in _DEPARTMENTS:  # P1: 条例第四十九条第一款
        return statutory_deadline(year, settings.department_deadline)
    if kind in _GOVERNMENTS:  # P2: 条例第四十九条第二款
        return statutory_deadline(year, settings.government_deadline)
    if kind in _TOWNSHIPS and settings.township_deadline is not None:  # P4: local rule
        return statutory_deadline(year, settings.township_deadline)
    return None


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
