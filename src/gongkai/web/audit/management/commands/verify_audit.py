"""``python -m gongkai.web verify_audit``: walk the audit log's hash chain; exit status 1 when an
entry was changed, removed or inserted after it was written."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.web.audit import chain
from gongkai.web.audit.models import AuditEntry


class Command(BaseCommand):
    help = "校验审计日志的哈希链：任何记录被修改、删除或插入都会被发现"

    def handle(self, *args: Any, **options: Any) -> None:
        breaks, last, count = chain.verify(AuditEntry.objects.order_by("id").iterator())
        for found in breaks:
            self.stderr.write(f"第 {found.entry_id} 条：{found.reason}")
        if breaks:
            raise CommandError(f"审计日志校验未通过：{len(breaks)} 处问题（共 {count} 条记录）")
        self.stdout.write(f"审计日志校验通过：共 {count} 条记录，哈希链完整。")
        self.stdout.write(f"最后一条记录的哈希：{last}（请与另行保存的记录比对）")
