"""``python -m gongkai.web backup``: the database and the uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.web.operations.archive import BackupError
from gongkai.web.operations.backup import make_backup
from gongkai.web.operations.retention import prune


class Command(BaseCommand):
    help = (
        "备份数据库与上传文件到一个归档（含 SHA-256 清单）。"
        "例：python -m gongkai.web backup --output-dir /srv/backups/gongkai --keep-daily 14"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output-dir", type=Path, default=Path("backups"), help="归档目录")
        parser.add_argument(
            "--keep-daily", type=int, default=0, help="保留最近几天每天最新的一份（0：不删除）"
        )
        parser.add_argument(
            "--keep-monthly", type=int, default=0, help="另保留最近几个月每月最早的一份"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            archive = make_backup(options["output_dir"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"已备份：{archive}（{archive.stat().st_size:,} 字节）")
        if options["keep_daily"] or options["keep_monthly"]:
            for path in prune(
                options["output_dir"], options["keep_daily"], options["keep_monthly"]
            ):
                self.stdout.write(f"按保留策略删除：{path.name}")
