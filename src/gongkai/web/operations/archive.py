"""The backup archive: one tar file holding the database dump, the uploaded files and
``manifest.json``, which lists every other member with its size and SHA-256.

An archive is accepted only whole: the manifest is read first, then every member is checked
against it while it is extracted — a missing, extra, altered or truncated member, or a name that
would land outside the extraction folder, refuses the whole archive before anything is restored.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

MANIFEST = "manifest.json"
FORMAT = "gongkai-backup"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup cannot be made, or an archive cannot be restored; the message says why."""


@dataclass(frozen=True, slots=True)
class Member:
    path: str  # inside the archive, POSIX
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


def digest_file(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of a file, read in chunks."""
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


def write_archive(target: Path, manifest: dict[str, Any], files: dict[str, Path]) -> None:
    """``target`` with the manifest first, then ``files`` (archive path -> file on disk).
    Written under a temporary name and renamed: a half-written archive never has the real name."""
    partial = target.with_name(target.name + ".partial")
    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    with tarfile.open(partial, "w:gz") as archive:
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(manifest.get("created_epoch", 0))
        archive.addfile(info, io.BytesIO(data))
        for name, path in files.items():
            archive.add(path, arcname=name, recursive=False)
    partial.replace(target)


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"归档中的文件名不安全：{name}")
    return str(path)


def read_manifest(archive_path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError("不是 gongkai 备份：归档中第一个文件不是 manifest.json")
            handle = archive.extractfile(first)
            assert handle is not None
            manifest = json.loads(handle.read().decode())
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"无法读取备份归档（文件已损坏或不完整）：{error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackupError("备份清单 manifest.json 已损坏") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("不是 gongkai 备份：清单格式不对")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"不支持的备份格式版本：{manifest.get('format_version')}")
    return manifest


def listed_members(manifest: dict[str, Any]) -> dict[str, Member]:
    try:
        members = [
            Member(_safe_name(m["path"]), int(m["size"]), str(m["sha256"]))
            for m in manifest["files"]
        ]
    except (KeyError, TypeError, ValueError):
        raise BackupError("备份清单 manifest.json 的文件列表不完整") from None
    return {member.path: member for member in members}


def _members(archive: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    while (info := archive.next()) is not None:
        yield info


def extract_verified(archive_path: Path, folder: Path) -> dict[str, Any]:
    """Every member into ``folder``, each checked against the manifest; the manifest."""
    manifest = read_manifest(archive_path)
    expected = listed_members(manifest)
    seen: set[str] = set()
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            for info in _members(archive):
                if info.name == MANIFEST:
                    continue
                name = _safe_name(info.name)
                member = expected.get(name)
                if member is None or not info.isfile():
                    raise BackupError(f"归档中有清单未列出的内容：{info.name}")
                _extract_one(archive, info, member, folder / name)
                seen.add(name)
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"无法读取备份归档（文件已损坏或不完整）：{error}") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"归档缺少清单列出的文件：{'、'.join(missing[:5])}")
    return manifest


def _extract_one(archive: tarfile.TarFile, info: tarfile.TarInfo, member: Member, to: Path) -> None:
    source = archive.extractfile(info)
    assert source is not None
    to.parent.mkdir(parents=True, exist_ok=True)
    sha, size = hashlib.sha256(), 0
    with to.open("wb") as target:
        while chunk := source.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
            target.write(chunk)
    if size != member.size or sha.hexdigest() != member.sha256:
        raise BackupError(f"文件校验不符（已损坏或被改动）：{member.path}")
