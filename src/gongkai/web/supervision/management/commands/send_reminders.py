"""Send the scheduled 催报 (run daily from cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.web.supervision.services import send_due_reminders


class Command(BaseCommand):
    help = "向临近或已过条例第四十九条期限仍未报送上年度年报的机关发送催报（站内及邮件）。"

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        for reminder in sent:
            self.stdout.write(f"已催报：{reminder.organ.name} {reminder.year} 年度")
        self.stdout.write(f"共发送 {len(sent)} 条催报。")
