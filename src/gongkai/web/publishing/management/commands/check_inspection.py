"""The inspection readiness check (国办秘函〔2019〕19号) run now: it prints each organ's problems
and stores the run as the weekly job does (``schedule_inspection`` puts that job on the task
queue, where ``db_worker`` runs it every week)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.web.publishing.tasks import run_inspection


class Command(BaseCommand):
    help = "检查各机关门户栏目和新媒体账号的检查指标（每周运行一次）"

    def handle(self, *args: Any, **options: Any) -> None:
        for line in run_inspection():
            self.stdout.write(line)
