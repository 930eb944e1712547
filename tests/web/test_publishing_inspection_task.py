"""The weekly inspection readiness job (国办秘函〔2019〕19号) on the task backend: each run is
stored per organ, the page shows the last run's date and findings, and the next run falls on
the configured weekday."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from gongkai.web.audit.models import AuditEntry
from gongkai.web.publishing import selectors, services, tasks
from gongkai.web.publishing.models import InspectionRun
from web.publishing_support import *  # noqa: F403  (fixtures)
from web.publishing_support import draft, publish

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_the_task_stores_each_organs_findings(bureau, column, other_bureau):
    services.create_node(None, bureau, name="通知公告")
    assert selectors.last_inspection(bureau) is None
    checked = tasks.weekly_inspection.enqueue().return_value
    assert checked == 1  # the organ without a 目录 or channels is not checked
    run = selectors.last_inspection(bureau)
    assert run is not None
    found = {(p["indicator"], p["subject"]) for p in run.problems}
    assert ("空白栏目", "通知公告") in found
    assert ("栏目不更新", column.name) in found
    assert selectors.last_inspection(other_bureau) is None
    assert AuditEntry.objects.filter(action="inspection.check").count() == 1


def test_a_run_with_nothing_found_is_stored_too(bureau, submitter, unit, column, reviewers):
    publish(draft(submitter, unit, column), reviewers)
    tasks.weekly_inspection.enqueue()
    run = InspectionRun.objects.get(organ=bureau)
    assert run.problems == []
    assert not AuditEntry.objects.filter(action="inspection.check").exists()


def test_the_page_shows_the_last_run(client_as, clerk, bureau, column):
    page = client_as(clerk).get(reverse("publishing:inspection", args=[bureau.pk]))
    assert "每周自动检查尚未运行" in page.content.decode()
    when = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=SHANGHAI)
    tasks.run_inspection(when)
    assert len(selectors.last_inspection(bureau).problems) == 2  # idle and empty
    page = client_as(clerk).get(reverse("publishing:inspection", args=[bureau.pk]))
    text = page.content.decode()
    assert "每周自动检查最近一次运行于 2026-11-30 08:00，发现 2 个问题" in text


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 12, 2, 14, 0), datetime.datetime(2026, 12, 7, 8, 0)),  # Wed
        (datetime.datetime(2026, 12, 7, 7, 59), datetime.datetime(2026, 12, 7, 8, 0)),  # Mon
        (datetime.datetime(2026, 12, 7, 8, 0), datetime.datetime(2026, 12, 14, 8, 0)),
        (datetime.datetime(2026, 12, 6, 23, 0), datetime.datetime(2026, 12, 7, 8, 0)),  # Sun
    ],
)
def test_the_next_run_is_the_configured_weekday(settings, now, expected):
    settings.GONGKAI_INSPECTION_WEEKDAY = 1
    settings.GONGKAI_REMINDER_HOUR = 8
    following = tasks.next_inspection(now.replace(tzinfo=SHANGHAI))
    assert following.replace(tzinfo=None) == expected


def test_another_weekday_can_be_configured(settings):
    settings.GONGKAI_INSPECTION_WEEKDAY = 5
    now = datetime.datetime(2026, 12, 2, 14, 0, tzinfo=SHANGHAI)
    assert tasks.next_inspection(now).date() == datetime.date(2026, 12, 4)
