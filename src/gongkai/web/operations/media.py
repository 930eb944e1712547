"""The uploaded files (MEDIA_ROOT) as archive members under ``files/``."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

PREFIX = "files/"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def list_media() -> dict[str, Path]:
    """Every uploaded file: archive name -> path on disk, in a stable order."""
    root = media_root()
    if not root.is_dir():
        return {}
    return {
        PREFIX + path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def has_media() -> bool:
    return bool(list_media())


def put_media(extracted: Path) -> None:
    """The files extracted under ``extracted/files`` moved into MEDIA_ROOT."""
    source = extracted / PREFIX.rstrip("/")
    root = media_root()
    root.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), target)
