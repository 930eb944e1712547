"""Bulk import of subordinate reports: a zip (from the site) or a folder (from the command line).

Each file is read (in parallel processes, each within a time limit), matched to an organ below
the importing supervisor's by the name printed in it (``matching``), checked and filed as that
organ's report for the year printed in it. Unsure matches wait for a person to confirm them;
unreadable and unmatched files are listed with the reason. A zip is screened before anything is
extracted (``archive``); a refused zip stores nothing.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.report.canonical import loads
from gongkai.report.model import Report
from gongkai.web.audit.services import record_change
from gongkai.web.organs.models import Organ
from gongkai.web.organs.selectors import list_descendant_ids
from gongkai.web.reports.services import file_imported_report
from gongkai.web.reports.uploads import UploadRejectedError
from gongkai.web.supervision.archive import (
    ArchiveRejectedError,
    Limits,
    ReadOutcome,
    extract_zip,
    list_folder,
    read_all,
)
from gongkai.web.supervision.matching import OrganMatcher
from gongkai.web.supervision.models import ImportBatch, ImportItem
from gongkai.web.supervision.region import region_q

Outcome = ImportItem.Outcome


def limits() -> Limits:
    return Limits(
        max_files=settings.GONGKAI_BULK_MAX_FILES,
        max_unpacked_bytes=settings.GONGKAI_BULK_MAX_UNPACKED_MB * 1024 * 1024,
        timeout_seconds=settings.GONGKAI_BULK_FILE_TIMEOUT,
    )


def _staging() -> Path:
    root = Path(settings.MEDIA_ROOT) / "staging"
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"bulk-{uuid.uuid4().hex[:8]}-", dir=root))


def start_zip_import(actor: Any, root: Organ, uploaded: Any) -> ImportBatch:
    """Screen and extract an uploaded zip, record the batch and queue its reading. Raises
    ``ArchiveRejectedError`` (nothing kept) when the zip is refused."""
    folder = _staging()
    try:
        archive = folder / "upload.zip"
        with archive.open("wb") as sink:
            for chunk in uploaded.chunks():
                sink.write(chunk)
        files = extract_zip(archive, folder, limits())
        archive.unlink()
        if not files:
            raise ArchiveRejectedError(
                "压缩包中没有年报文件（PDF、Word、Excel、HTML、文本）。", "empty"
            )
        batch = _create(actor, root, uploaded.name, folder, files)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    from gongkai.web.supervision import tasks

    transaction.on_commit(lambda: tasks.run_bulk_import.enqueue(batch.pk))
    return batch


def start_folder_import(actor: Any, root: Organ, folder: Path) -> ImportBatch:
    """Record a batch of the report files under ``folder`` (read in place, nothing copied)."""
    files = [(path.relative_to(folder).as_posix(), path) for path in list_folder(folder)]
    if not files:
        raise ArchiveRejectedError(f"目录 {folder} 中没有年报文件。", "empty")
    return _create(actor, root, str(folder), None, files)


def _create(
    actor: Any, root: Organ, source: str, folder: Path | None, files: list[tuple[str, Path]]
) -> ImportBatch:
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            root=root,
            source=source[:255],
            created_by=actor,
            total=len(files),
            folder=str(folder) if folder else "",
        )
        ImportItem.objects.bulk_create(
            ImportItem(batch=batch, name=name[:500], path=str(path)) for name, path in files
        )
        record_change(actor, "report.bulk_import", batch, None, {"files": len(files)}, organ=root)
    return batch


def run_import(batch_id: int, jobs: int = 1) -> ImportBatch:
    """Read, match and file every file of the batch (the background task's work)."""
    batch = ImportBatch.objects.select_related("root", "created_by").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.RUNNING)
    items = list(batch.items.order_by("pk"))
    organs = OrganMatcher(
        dict(Organ.objects.filter(region_q(batch.root_id)).values_list("name", "id"))
    )
    step = max(1, len(items) // 50)

    def progress(count: int) -> None:
        if count % step == 0 or count == len(items):
            ImportBatch.objects.filter(pk=batch.pk).update(done=count)

    try:
        paths = [Path(item.path) for item in items]
        outcomes = read_all(paths, jobs, settings.GONGKAI_BULK_FILE_TIMEOUT, progress)
        for item, outcome in zip(items, outcomes, strict=True):
            _settle(batch, item, outcome, organs)
    except Exception as error:
        ImportBatch.objects.filter(pk=batch.pk).update(
            state=ImportBatch.State.FAILED, message=f"导入中断：{type(error).__name__}"[:500]
        )
        raise
    finally:
        if batch.folder:
            shutil.rmtree(batch.folder, ignore_errors=True)
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=ImportBatch.State.DONE, done=len(items), finished_at=timezone.now()
    )
    batch.refresh_from_db()
    return batch


def _settle(
    batch: ImportBatch, item: ImportItem, outcome: ReadOutcome, organs: OrganMatcher
) -> None:
    if outcome.report_json is None:
        item.outcome = Outcome.UNREADABLE
        item.reason = (outcome.error or "")[:500]
        item.save(update_fields=["outcome", "reason"])
        return
    report = loads(outcome.report_json)
    item.organ_name = report.organ[:200]
    item.year = report.year
    item.report_json = outcome.report_json
    match = organs.match(report.organ, Path(item.name).stem)
    item.organ_id = match.organ_id
    item.score = round(match.score, 3)
    if match.is_sure:
        _file(batch.created_by, item, report)
    else:
        item.outcome = Outcome.UNSURE if match.organ_id else Outcome.UNMATCHED
        item.reason = "请确认匹配的机关" if match.organ_id else "报告中的机关名称不在下级机关中"
        item.save()


def _file(actor: Any, item: ImportItem, report: Report | None = None) -> None:
    report = report or loads(item.report_json)
    organ = Organ.objects.get(pk=item.organ_id)
    try:
        filing = file_imported_report(actor, organ, report, f"批量导入：{item.name}"[:500])
    except UploadRejectedError as error:
        item.outcome = Outcome.REJECTED
        item.reason = error.message[:500]
    else:
        item.outcome = Outcome.FILED
        item.report = filing
        item.reason = ""
        item.report_json = ""
    item.save()


def confirm_item(actor: Any, item: ImportItem, organ: Organ) -> ImportItem:
    """File an unsure or unmatched file as ``organ``'s report (the person has checked it)."""
    if item.outcome not in (Outcome.UNSURE, Outcome.UNMATCHED) or not item.report_json:
        raise ArchiveRejectedError("该文件已处理，不能再次确认。", "settled")
    if organ.pk not in list_descendant_ids({item.batch.root_id}):
        raise ArchiveRejectedError("只能匹配到本机关及下级机关。", "outside")
    item.organ = organ
    _file(actor, item)
    return item


def count_outcomes(batch: ImportBatch) -> dict[str, int]:
    counts = dict.fromkeys(Outcome.values, 0)
    for outcome in batch.items.values_list("outcome", flat=True):
        counts[outcome] += 1
    return counts
