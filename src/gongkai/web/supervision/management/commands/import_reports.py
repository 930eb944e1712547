"""Import a folder of subordinate reports (the command-line side of bulk import)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.web.accounts import permissions
from gongkai.web.accounts.models import User
from gongkai.web.organs.models import Organ
from gongkai.web.supervision import bulk
from gongkai.web.supervision.archive import ArchiveRejectedError


class Command(BaseCommand):
    help = (
        "把目录中的下级机关年报逐个读取、按报告中的机关名称匹配、检查并报送；"
        "匹配不确定的留待在网站上确认。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="年报文件所在目录")
        parser.add_argument("--organ", required=True, help="上级机关名称（导入其下级机关的报告）")
        parser.add_argument("--user", required=True, help="以哪个账号导入（须为该机关的监督人员）")
        parser.add_argument("-j", "--jobs", type=int, default=settings.GONGKAI_BULK_JOBS)

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"目录不存在：{folder}")
        organ = Organ.objects.filter(name=options["organ"]).first()
        if organ is None:
            raise CommandError(f"没有名为“{options['organ']}”的机关")
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None or not permissions.can_bulk_import(user, organ):
            raise CommandError(f"账号“{options['user']}”不能为 {organ.name} 批量导入")
        try:
            batch = bulk.start_folder_import(user, organ, folder.resolve())
        except ArchiveRejectedError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"共 {batch.total} 个文件，开始读取（{options['jobs']} 个进程）…")
        batch = bulk.run_import(batch.pk, max(1, options["jobs"]))
        counts = bulk.count_outcomes(batch)
        self.stdout.write(
            f"完成：已报送 {counts['filed']}，待确认 {counts['unsure']}，"
            f"未匹配 {counts['unmatched']}，无法读取 {counts['unreadable']}，"
            f"未报送 {counts['rejected']}。"
        )
        for item in batch.items.exclude(outcome="filed"):
            self.stdout.write(f"  {item.get_outcome_display()}：{item.name} {item.reason}")
