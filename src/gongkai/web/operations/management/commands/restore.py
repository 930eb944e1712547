"""``python -m gongkai.web restore ARCHIVE``: an installation from a backup archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.web.operations.archive import BackupError
from gongkai.web.operations.backup import restore_backup


class Command(BaseCommand):
    help = (
        "从备份归档恢复数据库与上传文件：先核对清单中每个文件的 SHA-256，只恢复到空安装。"
        "例：python -m gongkai.web restore /srv/backups/gongkai/gongkai-20270301-023000.tar.gz"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="备份归档")
        parser.add_argument(
            "--force", action="store_true", help="本安装已有数据时仍然恢复（替换全部数据与文件）"
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="--force 时不再询问确认"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["force"] and options["interactive"]:
            answer = input("恢复将替换本安装的全部数据与上传文件。输入 yes 继续：")
            if answer.strip().lower() != "yes":
                raise CommandError("已取消，未做任何改动")
        try:
            manifest = restore_backup(options["archive"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"已恢复：{options['archive']}（{manifest['created_at']} 的备份，"
            f"{len(manifest['files'])} 个文件均已核对）。如代码比备份新，请再运行 migrate。"
        )
