"""Returns (退回) and reminders (催报): logged, audited, e-mailed to the organ's clerks, shown to
the organ; a corrected version resolves the return; only a supervisor above the organ may act."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

import gongkai
from gongkai.web.audit.models import AuditEntry
from gongkai.web.reports.services import file_imported_report
from gongkai.web.supervision import services
from gongkai.web.supervision.models import Reminder, ReportReturn
from web.fixtures import SEED_JSON

pytestmark = pytest.mark.django_db


def seed(year: int = 2023) -> Any:
    report = gongkai.read(SEED_JSON)
    report.year = year
    return report


@pytest.fixture
def mailed_clerk(clerk: Any) -> Any:
    clerk.email = "clerk@qingshan.example"
    clerk.save(update_fields=["email"])
    return clerk


def test_a_supervisor_returns_a_report_with_a_comment_and_the_clerk_is_mailed(
    supervisor: Any,
    mailed_clerk: Any,
    district: Any,
    bureau: Any,
    client_as: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    filing = file_imported_report(mailed_clerk, bureau, seed(), "测试")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(supervisor).post(
            reverse("supervision:return", args=[filing.pk]),
            {"comment": "表三第一项与总计不符，请核对。", "root": district.pk},
        )
    assert response.status_code == 302
    item = ReportReturn.objects.get(report=filing)
    assert item.comment == "表三第一项与总计不符，请核对。"
    assert item.resolved_at is None
    assert AuditEntry.objects.filter(action="report.return", target_id=str(item.pk)).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["clerk@qingshan.example"]
    assert "表三第一项与总计不符" in mail.outbox[0].body
    # The clerk sees it …
    inbox = client_as(mailed_clerk).get(reverse("supervision:inbox")).content.decode()
    assert "表三第一项与总计不符" in inbox
    assert "待更正后重新报送" in inbox
    # … and filing a corrected version resolves it.
    fixed = seed()
    fixed.title = "青山区司法局2023年政府信息公开工作年度报告（更正）"  # a changed version
    corrected = file_imported_report(mailed_clerk, bureau, fixed, "更正")
    item.refresh_from_db()
    assert item.resolved_by == corrected
    assert item.resolved_at is not None
    assert (
        "已重新报送" in client_as(mailed_clerk).get(reverse("supervision:inbox")).content.decode()
    )


def test_a_return_needs_a_comment_and_stores_nothing_without_one(
    supervisor: Any, district: Any, bureau: Any, admin: Any, client_as: Callable[..., Client]
) -> None:
    filing = file_imported_report(admin, bureau, seed(), "测试")
    response = client_as(supervisor).post(
        reverse("supervision:return", args=[filing.pk]), {"comment": "  "}, follow=True
    )
    assert "请填写退回意见" in response.content.decode()
    assert not ReportReturn.objects.exists()
    with pytest.raises(services.SupervisionError):
        services.return_report(supervisor, filing, "x" * (services.MAX_COMMENT + 1))


def test_a_report_cannot_be_returned_twice_while_open(
    supervisor: Any, bureau: Any, admin: Any
) -> None:
    filing = file_imported_report(admin, bureau, seed(), "测试")
    services.return_report(supervisor, filing, "请更正")
    with pytest.raises(services.SupervisionError, match="已退回"):
        services.return_report(supervisor, filing, "再次")


def test_only_a_supervisor_above_the_organ_may_return_or_remind(
    clerk: Any,
    outsider: Any,
    reviewer: Any,
    bureau: Any,
    admin: Any,
    client_as: Callable[..., Client],
) -> None:
    filing = file_imported_report(admin, bureau, seed(), "测试")
    url = reverse("supervision:return", args=[filing.pk])
    assert client_as(outsider).post(url, {"comment": "x"}).status_code == 404
    assert client_as(clerk).post(url, {"comment": "x"}).status_code == 403
    assert client_as(reviewer).post(url, {"comment": "x"}).status_code == 403
    remind = reverse("supervision:remind", args=[bureau.pk, 2023])
    assert client_as(outsider).post(remind).status_code == 404
    assert client_as(clerk).post(remind).status_code == 403
    assert client_as(clerk).get(url).status_code == 405
    assert not ReportReturn.objects.exists()
    assert not Reminder.objects.exists()


def test_a_reminder_is_logged_and_mailed_but_not_for_an_organ_that_filed(
    supervisor: Any,
    mailed_clerk: Any,
    district: Any,
    bureau: Any,
    other_bureau: Any,
    client_as: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_as(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("supervision:remind", args=[bureau.pk, 2023]), {"root": district.pk})
    reminder = Reminder.objects.get(organ=bureau)
    assert reminder.sent_by == supervisor
    assert reminder.recipients == ["clerk@qingshan.example"]
    assert reminder.emailed_at is not None
    assert "第四十九条" in mail.outbox[0].body
    page = client.get(reverse("supervision:organ", args=[district.pk, bureau.pk]))
    assert "clerk@qingshan.example" in page.content.decode()
    file_imported_report(mailed_clerk, bureau, seed(), "测试")
    response = client.post(reverse("supervision:remind", args=[bureau.pk, 2023]), follow=True)
    assert "无需催报" in response.content.decode()
    assert Reminder.objects.count() == 1


def test_scheduled_reminders_start_before_the_date_and_do_not_repeat_daily(
    district: Any, bureau: Any, other_bureau: Any, admin: Any
) -> None:
    file_imported_report(admin, other_bureau, seed(), "测试")
    # 条例第四十九条: departments by 1月31日, governments by 3月31日; 7 days' notice by default.
    assert services.send_due_reminders(datetime.date(2024, 1, 10)) == []
    sent = services.send_due_reminders(datetime.date(2024, 1, 25))
    assert [r.organ for r in sent] == [bureau]
    assert sent[0].sent_by is None
    assert services.send_due_reminders(datetime.date(2024, 1, 26)) == []
    later = services.send_due_reminders(datetime.date(2024, 3, 28))
    assert [r.organ for r in later] == [district]
