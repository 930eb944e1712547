"""条例第二十六条: information in the 主动公开 scope is published within 20 working days of being
formed or changed. Published items carry the working days they took (fixed at publication);
items still on their way are warned from the 15th working day (WORKBENCH B §0)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.law.workdays import count_workdays
from gongkai.web.organs.models import Organ
from gongkai.web.publishing.models import Disclosure, Item, State

LIMIT_WORKDAYS = 20  # 条例第二十六条
WARN_FROM_WORKDAYS = 15


def late_items(organ: Organ, year: int | None = None) -> QuerySet[Item]:
    """Published items that took more than 20 working days."""
    items = Item.objects.filter(
        organ=organ, state=State.PUBLISHED, publication_workdays__gt=LIMIT_WORKDAYS
    ).select_related("unit", "node")
    if year is not None:
        items = items.filter(published_at__year=year)
    return items


@dataclass(frozen=True, slots=True)
class Pending:
    item: Item
    workdays: int

    @property
    def is_overdue(self) -> bool:
        return self.workdays > LIMIT_WORKDAYS


def due_soon(organ: Organ, today: datetime.date | None = None) -> list[Pending]:
    """Proactive items not yet published that have reached the 15th working day."""
    today = today or timezone.localdate()
    waiting = Item.objects.filter(
        organ=organ,
        disclosure=Disclosure.PROACTIVE,
        state__in=[State.DRAFT, State.IN_REVIEW, State.RETURNED],
    ).select_related("unit")
    pending = []
    for item in waiting:
        days = (
            count_workdays(item.formed_on, today, allow_estimate=True)
            if today > item.formed_on
            else 0
        )
        if days >= WARN_FROM_WORKDAYS:
            pending.append(Pending(item, days))
    return sorted(pending, key=lambda p: -p.workdays)
