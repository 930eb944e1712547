"""Background work of the supervisor's side: e-mails for returns and reminders (django.tasks; the
database backend of django-tasks-db in production, run immediately in tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone

from gongkai.web.accounts.models import Membership, Role


def clerk_addresses(organ_id: int) -> list[str]:
    """The e-mail addresses of the organ's clerks (公开办工作人员), who file its reports."""
    addresses = (
        Membership.objects.filter(organ_id=organ_id, role=Role.CLERK, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(addresses))


@task()
def email_reminder(reminder_id: int) -> int:
    """Mail a reminder to the organ's clerks and log where it went. Returns the mails sent."""
    from gongkai.web.supervision.models import Reminder

    reminder = Reminder.objects.select_related("organ").get(pk=reminder_id)
    recipients = clerk_addresses(reminder.organ_id)
    if recipients:
        send_mail(
            f"【催报】{reminder.year}年度政府信息公开工作年度报告",
            reminder.message,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    reminder.recipients = recipients
    reminder.emailed_at = timezone.now() if recipients else None
    reminder.save(update_fields=["recipients", "emailed_at"])
    return len(recipients)


@task()
def email_return(return_id: int) -> int:
    """Mail the return's comment to the organ's clerks."""
    from gongkai.web.supervision.models import ReportReturn

    item = ReportReturn.objects.select_related("report__organ").get(pk=return_id)
    report = item.report
    recipients = clerk_addresses(report.organ_id)
    if recipients:
        send_mail(
            f"【退回】{report.organ.name} {report.year}年度政府信息公开工作年度报告",
            f"上级政务公开办退回了贵单位的 {report.year} 年度报告（第{report.version}版），"
            f"意见如下：\n\n{item.comment}\n\n请更正后重新报送。",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    return len(recipients)


@task()
def run_bulk_import(batch_id: int) -> int:
    """Read, match and file the files of a bulk import. Returns the files processed."""
    from gongkai.web.supervision.bulk import run_import

    return run_import(batch_id, settings.GONGKAI_BULK_JOBS).done
