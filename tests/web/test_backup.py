"""Backup and restore: the database and the uploaded files in one archive with SHA-256
checksums; restored into an empty installation they give the same pages and the same files (on
SQLite here, on PostgreSQL under scripts/with-postgres); a corrupt or altered archive is refused
whole, with a message naming what is wrong, and changes nothing."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import tarfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from gongkai.web.accounts.models import User
from gongkai.web.accounts.services import create_api_token
from gongkai.web.audit.chain import DROP_TRIGGERS, TRIGGERS
from gongkai.web.operations.archive import MANIFEST, BackupError
from gongkai.web.operations.backup import is_empty_installation, make_backup, restore_backup
from gongkai.web.operations.retention import archive_name, to_keep
from gongkai.web.reports.models import AnnualReport
from web.fixtures import database_state

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def own_media_folder(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    return Path(settings.MEDIA_ROOT)


def _without_tokens(page: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.decode())


def _snapshot(username: str, report_id: int, token: str, media: Path) -> dict[str, Any]:
    """What a person and a program see of the installation, and the files on disk."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    filing = AnnualReport.objects.get(pk=report_id)
    pages = {
        url: _without_tokens(client.get(url).content)
        for url in (
            reverse("reports:detail", args=[report_id]),
            reverse("reports:archive", args=[filing.organ_id]),
        )
    }
    api = Client().get(
        reverse("api:report", args=[report_id]), headers={"Authorization": f"Token {token}"}
    )
    original = client.get(reverse("reports:original", args=[report_id]))
    files = {
        path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }
    return {
        "pages": pages,
        "api": api.json(),
        "original": b"".join(original.streaming_content)
        if original.streaming
        else original.content,
        "files": files,
    }


def _empty_the_installation(media: Path) -> None:
    """A new installation, as near as one test database allows: every table emptied. The audit
    log refuses DELETE (its triggers), so they are lifted for the flush and put back, as a new
    database would have them."""
    with connection.cursor() as cursor:
        for statement in DROP_TRIGGERS.get(connection.vendor, []):
            cursor.execute(statement)
    call_command("flush", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        for statement in TRIGGERS.get(connection.vendor, []):
            cursor.execute(statement)
    shutil.rmtree(media, ignore_errors=True)
    cache.clear()


def test_a_restore_into_an_empty_installation_gives_the_same_pages_and_files(
    clerk: Any, seed_filing: Any, tmp_path: Path, own_media_folder: Path
) -> None:
    token = create_api_token(clerk, "备份测试")[1]
    before = _snapshot("clerk", seed_filing.pk, token, own_media_folder)
    assert before["files"], "the seed upload keeps its original file"
    assert "青山区司法局" in next(iter(before["pages"].values()))

    call_command("backup", output_dir=tmp_path / "backups", verbosity=0)
    [archive] = (tmp_path / "backups").glob("gongkai-*.tar.gz")
    _empty_the_installation(own_media_folder)
    assert is_empty_installation()
    assert not AnnualReport.objects.exists()

    call_command("restore", str(archive), verbosity=0)
    assert _snapshot("clerk", seed_filing.pk, token, own_media_folder) == before


def test_the_archive_lists_every_file_with_its_checksum(
    seed_filing: Any, tmp_path: Path, own_media_folder: Path
) -> None:
    archive = make_backup(tmp_path)
    with tarfile.open(archive) as opened:
        names = opened.getnames()
        manifest = json.loads(opened.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        for item in manifest["files"]:
            data = opened.extractfile(item["path"]).read()  # type: ignore[union-attr]
            assert hashlib.sha256(data).hexdigest() == item["sha256"]
    assert names[0] == MANIFEST
    listed = {item["path"] for item in manifest["files"]}
    assert listed == set(names[1:])
    assert manifest["database"]["dump"] in listed
    assert any(name.startswith("files/reports/") for name in listed)
    assert "reports.0001_initial" in manifest["migrations"]


def _rewritten(archive: Path, change: Any) -> Path:
    """A copy of ``archive`` whose members pass through ``change(name, data) -> data | None``
    (``None`` leaves the member out)."""
    target = archive.with_name("altered-" + archive.name)
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for info in source.getmembers():
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            changed = change(info.name, data)
            if changed is None:
                continue
            info.size = len(changed)
            copy.addfile(info, io.BytesIO(changed))
    return target


def _refused(archive: Path, message: str) -> None:
    before = database_state()
    with pytest.raises(BackupError, match=message):
        restore_backup(archive, force=True)
    assert database_state() == before


def test_an_altered_file_refuses_the_whole_archive(seed_filing: Any, tmp_path: Path) -> None:
    archive = make_backup(tmp_path)

    def alter(name: str, data: bytes) -> bytes:
        return data + b"x" if name.startswith("files/") else data

    _refused(_rewritten(archive, alter), "文件校验不符（已损坏或被改动）：files/reports/")


def test_a_missing_or_extra_file_refuses_the_archive(seed_filing: Any, tmp_path: Path) -> None:
    archive = make_backup(tmp_path)
    _refused(
        _rewritten(archive, lambda name, data: None if name.startswith("files/") else data),
        "归档缺少清单列出的文件",
    )

    def with_extra(name: str, path: str) -> Path:
        target = tmp_path / name
        with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
            for info in source.getmembers():
                copy.addfile(info, source.extractfile(info))
            info = tarfile.TarInfo(path)
            info.size = 4
            copy.addfile(info, io.BytesIO(b"evil"))
        return target

    _refused(with_extra("extra.tar.gz", "files/unlisted.txt"), "归档中有清单未列出的内容")
    target = with_extra("escape.tar.gz", "files/../../evil.txt")
    _refused(target, "归档中的文件名不安全")


def test_a_truncated_or_foreign_archive_is_refused(tmp_path: Path, seed_filing: Any) -> None:
    archive = make_backup(tmp_path)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    _refused(truncated, "无法读取备份归档")
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as opened:
        info = tarfile.TarInfo("readme.txt")
        opened.addfile(info, io.BytesIO(b""))
    _refused(foreign, "不是 gongkai 备份")


def test_a_restore_over_existing_data_needs_force(seed_filing: Any, tmp_path: Path) -> None:
    archive = make_backup(tmp_path)
    with pytest.raises(CommandError, match="本安装已有数据"):
        call_command("restore", str(archive), verbosity=0)


def test_retention_keeps_the_newest_of_recent_days_and_the_first_of_recent_months(
    tmp_path: Path,
) -> None:
    moments = [
        datetime(2027, 1, 5, 2, 30),
        datetime(2027, 2, 1, 2, 30),
        datetime(2027, 2, 20, 2, 30),
        datetime(2027, 3, 1, 2, 30),
        datetime(2027, 3, 2, 2, 30),
        datetime(2027, 3, 2, 14, 0),
        datetime(2027, 3, 3, 2, 30),
    ]
    for moment in moments:
        (tmp_path / archive_name(moment)).write_bytes(b"")
    (tmp_path / "notes.txt").write_text("kept: not an archive")
    kept = {path.name for path in to_keep(tmp_path, daily=2, monthly=2)}
    assert kept == {
        "gongkai-20270303-023000.tar.gz",  # the last two days, newest of each
        "gongkai-20270302-140000.tar.gz",
        "gongkai-20270301-023000.tar.gz",  # the first of the last two months
        "gongkai-20270201-023000.tar.gz",
    }
