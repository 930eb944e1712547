"""Which backup archives to keep: the newest of each of the last ``daily`` days that have one, and
the oldest of each of the last ``monthly`` months; older archives are deleted."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

NAME = re.compile(r"^gongkai-(\d{8}-\d{6})\.tar\.gz$")
STAMP = "%Y%m%d-%H%M%S"


def archive_name(moment: datetime) -> str:
    return f"gongkai-{moment.strftime(STAMP)}.tar.gz"


def _dated(folder: Path) -> list[tuple[datetime, Path]]:
    found = []
    for path in folder.iterdir():
        match = NAME.match(path.name)
        if match:
            found.append((datetime.strptime(match.group(1), STAMP), path))
    return sorted(found)


def to_keep(folder: Path, daily: int, monthly: int) -> set[Path]:
    dated = _dated(folder)
    newest_per_day: dict[str, Path] = {}
    oldest_per_month: dict[str, Path] = {}
    for moment, path in dated:
        newest_per_day[moment.strftime("%Y%m%d")] = path
        oldest_per_month.setdefault(moment.strftime("%Y%m"), path)
    days = sorted(newest_per_day)[-daily:] if daily > 0 else []
    months = sorted(oldest_per_month)[-monthly:] if monthly > 0 else []
    return {newest_per_day[day] for day in days} | {oldest_per_month[m] for m in months}


def prune(folder: Path, daily: int, monthly: int) -> list[Path]:
    """Delete the archives of ``folder`` that the policy does not keep; the deleted ones."""
    keep = to_keep(folder, daily, monthly)
    deleted = [path for _, path in _dated(folder) if path not in keep]
    for path in deleted:
        path.unlink()
    return deleted
