"""``python -m gongkai.web cleanup_files``: remove staging folders, stored originals and temporary
upload files that no row refers to (left by a process killed during an upload). Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.web.reports.cleanup import cleanup_files


class Command(BaseCommand):
    help = "删除无记录引用的暂存目录、原始文件和上传临时文件。建议每日运行"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="只列出，不删除")

    def handle(self, *args: Any, **options: Any) -> None:
        removed = cleanup_files(dry_run=options["dry_run"])
        verb = "将删除" if options["dry_run"] else "已删除"
        for label, items in (
            ("暂存目录", removed.staging),
            ("原始文件", removed.originals),
            ("临时文件", removed.temporary),
        ):
            self.stdout.write(f"{verb}{label} {len(items)} 个")
            for item in items:
                self.stdout.write(f"  {item}")
