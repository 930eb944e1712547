"""Put the daily reminder job on the task queue (it reschedules itself each day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.web.applications.tasks import next_run, send_daily_reminders


class Command(BaseCommand):
    help = "安排每日期限提醒任务（由 db_worker 执行）。例：python -m gongkai.web schedule_reminders"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--now", action="store_true", help="立即运行一次，而不是等到明天")

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks_db.models import DBTaskResult

        pending = DBTaskResult.objects.filter(
            task_path__endswith="send_daily_reminders", status="READY"
        )
        if pending.exists() and not options["now"]:
            self.stdout.write("每日提醒任务已在队列中")
            return
        when = timezone.localtime() if options["now"] else next_run(timezone.localtime())
        send_daily_reminders.using(run_after=when).enqueue()
        self.stdout.write(f"每日提醒任务将于 {when:%Y-%m-%d %H:%M} 运行")
