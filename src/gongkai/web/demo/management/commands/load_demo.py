"""``python -m gongkai.web load_demo``: create the demo organs, accounts and reports (once)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand

from gongkai.web.demo import data


class Command(BaseCommand):
    help = "导入演示数据（青山区人民政府及其部门、各角色演示账号、种子报告），并打印演示账号"

    def handle(self, *args: Any, **options: Any) -> None:
        log: list[str] = []
        data.load(log)
        for line in log:
            self.stdout.write(line)
        port = os.environ.get("PORT", "8000")
        self.stdout.write("")
        self.stdout.write(data.logins_text(f"http://127.0.0.1:{port}"))
