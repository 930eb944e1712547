"""Removing what a process killed during an upload leaves behind: staging folders no reading
refers to, stored originals no report refers to, and the upload handler's temporary files.

Meant to run daily (``python -m gongkai.web cleanup_files``). Only what is older than an hour is
touched, so that an upload in progress — staged but not yet recorded, or stored inside a
transaction not yet committed — is never taken for debris.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from gongkai.web.reports import services
from gongkai.web.reports.models import AnnualReport, Reading, ReadingState

MIN_AGE_SECONDS = 3600


@dataclass(slots=True)
class Removed:
    staging: list[str] = field(default_factory=list)
    originals: list[str] = field(default_factory=list)
    temporary: list[str] = field(default_factory=list)


def cleanup_files(*, dry_run: bool = False, min_age: float = MIN_AGE_SECONDS) -> Removed:
    removed = Removed()
    cutoff = time.time() - min_age
    # a reading whose thread was lost is declared interrupted (its staging folder goes with it)
    if not dry_run:
        for started in Reading.objects.filter(state=ReadingState.READING):
            services.collect(started)
    media = Path(settings.MEDIA_ROOT)
    waiting = set(
        Reading.objects.filter(state__in=[ReadingState.READING, ReadingState.CONFIRM]).values_list(
            "staging", flat=True
        )
    )
    staging = media / "staging"
    if staging.is_dir():
        for folder in staging.iterdir():
            relative = str(folder.relative_to(media))
            if relative not in waiting and folder.stat().st_mtime < cutoff:
                removed.staging.append(relative)
                if not dry_run:
                    shutil.rmtree(folder, ignore_errors=True)
    stored = set(AnnualReport.objects.exclude(original="").values_list("original", flat=True))
    originals = media / "reports"
    if originals.is_dir():
        for path in sorted(originals.rglob("*")):
            if path.is_file() and path.stat().st_mtime < cutoff:
                relative = path.relative_to(media).as_posix()
                if relative not in stored:
                    removed.originals.append(relative)
                    if not dry_run:
                        path.unlink(missing_ok=True)
        if not dry_run:
            _remove_empty_folders(originals)
    # Django's upload handler streams to tmpXXXX.upload.<ext> and deletes it after the request
    temporary = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())
    for path in temporary.glob("tmp*.upload*"):
        if path.is_file() and path.stat().st_mtime < cutoff:
            removed.temporary.append(str(path))
            if not dry_run:
                path.unlink(missing_ok=True)
    return removed


def _remove_empty_folders(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
