"""Backing up and restoring a whole installation: the database and the uploaded files in one
archive with a manifest of SHA-256 checksums (``archive.py``).

A restore goes only into an empty installation (a database just migrated, no uploaded files),
unless forced: it replaces everything, so it must never overwrite a live site by mistake.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

import gongkai
from gongkai.web.operations import database, media
from gongkai.web.operations.archive import (
    FORMAT,
    FORMAT_VERSION,
    BackupError,
    Member,
    digest_file,
    extract_verified,
    write_archive,
)
from gongkai.web.operations.retention import archive_name


def _applied_migrations() -> list[str]:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.applied_migrations)


def make_backup(output_dir: Path, now: datetime | None = None) -> Path:
    """A new archive in ``output_dir``; its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    moment = timezone.localtime(now or timezone.now())
    target = output_dir / archive_name(moment)
    if target.exists():
        raise BackupError(f"备份文件已存在：{target}")
    with tempfile.TemporaryDirectory(prefix="gongkai-backup-", dir=output_dir) as scratch:
        dump_name = database.DUMP_NAMES[database.vendor()]
        dump_path = Path(scratch) / dump_name
        database.dump(dump_path)
        files = {dump_name: dump_path, **media.list_media()}
        members = [Member(name, *digest_file(path)) for name, path in files.items()]
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": moment.isoformat(),
            "created_epoch": int(time.time()),
            "gongkai_version": gongkai.__version__,
            "database": {"vendor": database.vendor(), "dump": dump_name},
            "migrations": _applied_migrations(),
            "files": [member.as_dict() for member in members],
        }
        write_archive(target, manifest, files)
    return target


def _site_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("gongkai.web.") or model._meta.label == "sessions.Session"
    ]


def is_empty_installation() -> bool:
    """No row in any of the site's tables and no uploaded file."""
    tables = set(connection.introspection.table_names())
    for model in _site_models():
        if model._meta.db_table in tables and model._default_manager.exists():
            return False
    return not media.has_media()


def _check_compatible(manifest: dict[str, Any]) -> None:
    vendor = manifest.get("database", {}).get("vendor")
    if vendor != database.vendor():
        raise BackupError(
            f"备份来自 {vendor} 数据库，本安装使用 {database.vendor()}：只能恢复到同类数据库"
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(connection).disk_migrations}
    newer = sorted(set(manifest.get("migrations", [])) - known)
    if newer:
        raise BackupError(
            f"备份来自较新的版本（gongkai {manifest.get('gongkai_version')}），"
            f"本安装缺少数据库迁移 {'、'.join(newer[:3])}：请先升级代码再恢复"
        )


def restore_backup(archive_path: Path, *, force: bool = False) -> dict[str, Any]:
    """The installation replaced by the archive's database and files; the archive's manifest.
    Everything is checked before anything is changed."""
    if not archive_path.is_file():
        raise BackupError(f"找不到备份文件：{archive_path}")
    scratch_parent = media.media_root().parent
    scratch_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gongkai-restore-", dir=scratch_parent) as scratch:
        folder = Path(scratch)
        manifest = extract_verified(archive_path, folder)
        _check_compatible(manifest)
        if not force and not is_empty_installation():
            raise BackupError(
                "本安装已有数据或上传文件：恢复会替换全部内容。请恢复到新建的空安装，"
                "或确认后加 --force"
            )
        database.load(folder / manifest["database"]["dump"])
        if force and media.media_root().is_dir():
            shutil.rmtree(media.media_root())
        media.put_media(folder)
    cache.clear()  # rendered pages of the replaced data
    return manifest
