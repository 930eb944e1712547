"""Background tasks on django-tasks-db (``python -m gongkai.web db_worker``): the daily reminder
job and the applicant's e-mail for each issued letter."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.tasks import default_task_backend, task
from django.utils import timezone

from gongkai.web.accounts.models import Role, User
from gongkai.web.applications import clock, notify
from gongkai.web.applications.models import Application, Letter, Notification
from gongkai.web.applications.selectors import dashboard


def reminder_text(case: Application, today: datetime.date) -> str:
    state = clock.due_state(case.next_due, None, today)
    return f"{case.number}（{case.get_status_display()}）：期限 {case.next_due}，{state.text}"


def collect_reminders(today: datetime.date) -> dict[int, list[Application]]:
    """Per clerk: the open cases due within 3 working days or overdue."""
    per_user: dict[int, list[Application]] = defaultdict(list)
    clerks = User.objects.filter(memberships__role=Role.CLERK, is_active=True).values_list(
        "pk", "memberships__organ_id"
    )
    by_organ: dict[int, list[int]] = defaultdict(list)
    for user_id, organ_id in clerks:
        by_organ[organ_id].append(user_id)
    for organ_id, users in by_organ.items():
        board = dashboard([organ_id], limit=200)
        for case in (*board.overdue, *board.due_today, *board.due_soon):
            for user_id in users:
                per_user[user_id].append(case)
    return per_user


def run_reminders(now: datetime.datetime) -> int:
    """Notifications in the site (one per person, case and day) and, outside quiet hours, one
    e-mail digest per person. Returns the number of new notifications."""
    today = clock.today()
    created = 0
    for user_id, cases in collect_reminders(today).items():
        fresh = []
        for case in cases:
            try:
                with transaction.atomic():
                    Notification.objects.create(
                        user_id=user_id,
                        application=case,
                        text=reminder_text(case, today),
                        day=today,
                    )
            except IntegrityError:
                continue  # already reminded today
            fresh.append(case)
            created += 1
        user = User.objects.get(pk=user_id)
        if fresh and user.email and not notify.is_quiet(now):
            body = "\n".join(reminder_text(case, today) for case in fresh)
            send_mail(f"依申请公开期限提醒（{today}）", body, None, [user.email])
    return created


def next_run(now: datetime.datetime) -> datetime.datetime:
    moment = (now + datetime.timedelta(days=1)).replace(
        hour=settings.GONGKAI_REMINDER_HOUR, minute=0, second=0, microsecond=0
    )
    return notify.quiet_until(moment)


@task
def send_daily_reminders() -> int:
    """The daily job: remind, then schedule tomorrow's run (where the backend can defer)."""
    now = timezone.localtime()
    count = run_reminders(now)
    if default_task_backend.supports_defer:
        send_daily_reminders.using(run_after=next_run(now)).enqueue()
    return count


@task
def notify_applicant(letter_id: int) -> bool:
    """E-mail the applicant that a letter was issued, with the PDF (where they gave an e-mail)."""
    letter = Letter.objects.select_related("application__organ").get(pk=letter_id)
    case = letter.application
    if not case.email or not letter.is_issued:
        return False
    message = EmailMessage(
        f"{case.organ.name}：{letter.title}（{case.number}）",
        f"{case.applicant_name}：\n\n{case.organ.name}已就您的政府信息公开申请（{case.number}）"
        f"发出《{letter.title}》{letter.number}，见附件。\n您也可以凭查询码在网站查询办理进度。",
        to=[case.email],
    )
    message.attach(f"{letter.title}.pdf", bytes(letter.pdf), "application/pdf")
    message.send()
    return True
