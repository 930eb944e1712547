"""Put the weekly inspection readiness check on the task queue (it reschedules itself)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.web.publishing.tasks import next_inspection, weekly_inspection


class Command(BaseCommand):
    help = (
        "安排每周检查指标自查任务（由 db_worker 执行）。"
        "例：python -m gongkai.web schedule_inspection"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--now", action="store_true", help="立即运行一次，而不是等到下一周期")

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks_db.models import DBTaskResult

        pending = DBTaskResult.objects.filter(
            task_path__endswith="weekly_inspection", status="READY"
        )
        if pending.exists() and not options["now"]:
            self.stdout.write("每周检查指标自查任务已在队列中")
            return
        when = timezone.localtime() if options["now"] else next_inspection(timezone.now())
        weekly_inspection.using(run_after=when).enqueue()
        self.stdout.write(f"每周检查指标自查任务将于 {when:%Y-%m-%d %H:%M} 运行")
