"""Reminders (the daily job on django-tasks; ImmediateBackend in the tests), quiet hours, and the
applicant's e-mail for each issued letter."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import mail

from gongkai.web.applications import notify, tasks
from gongkai.web.applications.models import Notification
from web.applications_support import *  # noqa: F403
from web.applications_support import TODAY, decided, set_today

NOON = datetime.datetime(2025, 7, 14, 12, 0)
NIGHT = datetime.datetime(2025, 7, 14, 22, 0)


def test_a_case_due_soon_is_reminded_once_a_day(case: Any, clerk: Any, monkeypatch: Any) -> None:
    clerk.email = "clerk@example.com"
    clerk.save()
    set_today(monkeypatch, datetime.date(2025, 7, 10))  # reply due 2025-07-14: 2 working days
    assert tasks.run_reminders(NOON) == 1
    assert Notification.objects.get().application == case
    assert len(mail.outbox) == 1
    assert case.number in mail.outbox[0].body
    assert tasks.run_reminders(NOON) == 0  # not twice the same day
    assert len(mail.outbox) == 1


def test_nothing_is_reminded_long_before_the_deadline(case: Any, clerk: Any) -> None:
    assert tasks.run_reminders(NOON) == 0


def test_quiet_hours_hold_the_email_back(case: Any, clerk: Any, monkeypatch: Any) -> None:
    clerk.email = "clerk@example.com"
    clerk.save()
    set_today(monkeypatch, datetime.date(2025, 7, 15))  # overdue
    assert tasks.run_reminders(NIGHT) == 1
    assert mail.outbox == []


def test_quiet_hours_wrap_around_midnight(settings: Any) -> None:
    settings.GONGKAI_QUIET_HOURS = "20-8"
    assert notify.is_quiet(NIGHT)
    assert not notify.is_quiet(NOON)
    assert notify.quiet_until(NIGHT) == datetime.datetime(2025, 7, 15, 8, 0)


def test_the_daily_task_runs_through_the_task_backend(case: Any, monkeypatch: Any) -> None:
    set_today(monkeypatch, datetime.date(2025, 7, 15))
    result = tasks.send_daily_reminders.enqueue()
    assert result.return_value == 1


def test_the_applicant_is_emailed_each_issued_letter(
    case: Any, clerk: Any, reviewer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case.email = "zhangsan@example.com"
    case.save()
    case = decided(clerk, reviewer, case)
    from gongkai.web.applications import decisions

    with django_capture_on_commit_callbacks(execute=True):
        decisions.issue_decision(clerk, case, issued_on=TODAY, confirm=frozenset({"AP18"}))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhangsan@example.com"]
    assert message.attachments[0][2] == "application/pdf"


def test_the_reminders_are_shown_on_the_clerks_dashboard(
    case: Any, clerk: Any, client_as: Any, monkeypatch: Any
) -> None:
    set_today(monkeypatch, datetime.date(2025, 7, 15))
    tasks.run_reminders(NOON)
    page = client_as(clerk).get("/applications/").content.decode()
    assert "期限提醒" in page
    assert f"{case.number}（已登记）：期限 2025-07-14，已超期" in page
