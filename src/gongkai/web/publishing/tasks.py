"""Background jobs of the publishing app: the weekly inspection readiness check (国办秘函〔2019〕
19号), run by django-tasks-db's ``db_worker`` (``scripts/serve`` starts it with the site) and
rescheduled by itself each week, as the applications' daily reminders are."""

from __future__ import annotations

import datetime
from dataclasses import asdict

from django.conf import settings
from django.db import transaction
from django.tasks import default_task_backend, task
from django.utils import timezone

from gongkai.web.audit.services import record_change
from gongkai.web.organs.models import Organ
from gongkai.web.publishing import inspection
from gongkai.web.publishing.models import CatalogueNode, Channel, InspectionRun


def run_inspection(now: datetime.datetime | None = None) -> list[str]:
    """Check every organ that has a 目录 or channels and store each organ's findings (also when
    there are none: the page shows when the check last ran); one audit entry per organ with
    problems. Returns the lines of a plain-text report."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    lines = []
    organ_ids = set(CatalogueNode.objects.values_list("organ_id", flat=True)) | set(
        Channel.objects.values_list("organ_id", flat=True)
    )
    for organ in Organ.objects.filter(pk__in=organ_ids).order_by("pk"):
        problems = inspection.check(organ, today)
        lines.append(f"{organ.name}：{len(problems)} 个问题")
        lines += [f"  [{p.indicator}] {p.subject}：{p.detail}" for p in problems]
        with transaction.atomic():
            InspectionRun.objects.create(
                organ=organ, ran_at=now, problems=[asdict(p) for p in problems]
            )
            if problems:
                record_change(
                    None,
                    "inspection.check",
                    organ,
                    None,
                    {"problems": [f"{p.indicator}：{p.subject}" for p in problems]},
                )
    return lines


def next_inspection(now: datetime.datetime) -> datetime.datetime:
    """The next run: the configured weekday (1 = Monday) at the reminder hour, local time,
    strictly after ``now``."""
    local = timezone.localtime(now)
    moment = local.replace(hour=settings.GONGKAI_REMINDER_HOUR, minute=0, second=0, microsecond=0)
    days = (settings.GONGKAI_INSPECTION_WEEKDAY - 1 - local.weekday()) % 7
    moment += datetime.timedelta(days=days)
    if moment <= local:
        moment += datetime.timedelta(days=7)
    return moment


@task
def weekly_inspection() -> int:
    """The weekly job: check every organ, then schedule next week's run (where the backend can
    defer). Returns the number of organs checked."""
    now = timezone.localtime()
    lines = run_inspection(now)
    if default_task_backend.supports_defer:
        weekly_inspection.using(run_after=next_inspection(now)).enqueue()
    return sum(1 for line in lines if not line.startswith(" "))
