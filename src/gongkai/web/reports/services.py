"""Filing an annual report: from an uploaded file or from the hand-entry form.

Either way the report is checked (against the organ's previous year when that is on file) and
stored in one transaction with its audit entry; a report filed again for the same year becomes
the current version and the one it replaces stays in the history. A file that cannot be read
leaves nothing behind: no row, no stored file.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename

import gongkai
from gongkai import ReportInputError
from gongkai.report.canonical import dumps
from gongkai.report.formats import expected_format
from gongkai.report.model import Report
from gongkai.web.audit.services import record_change
from gongkai.web.organs.models import Organ
from gongkai.web.reports import selectors
from gongkai.web.reports.checking import count, findings_to_json, run_check
from gongkai.web.reports.models import AnnualReport, Entry
from gongkai.web.reports.uploads import UploadRejectedError, screen

FIRST_YEAR = 2008  # the 2007 条例 took effect on 2008-05-01


@dataclass(frozen=True, slots=True)
class StagedFile:
    """An uploaded file copied to the staging area under its original name, with its hash."""

    path: Path
    name: str
    size: int
    sha256: str


def stage_upload(uploaded: Any) -> StagedFile:
    """Copy an upload (already on disk, size-limited) into a private staging folder, hashing it on
    the way. The caller must ``discard`` it whatever happens next."""
    name = get_valid_filename(Path(uploaded.name).name) or "report"
    staging = Path(settings.MEDIA_ROOT) / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=uuid.uuid4().hex[:8], dir=staging))
    path = folder / name
    digest = hashlib.sha256()
    size = 0
    with path.open("wb") as target:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return StagedFile(path, name, size, digest.hexdigest())


def discard(staged: StagedFile) -> None:
    shutil.rmtree(staged.path.parent, ignore_errors=True)


def read_staged(staged: StagedFile) -> Report:
    """The report in a staged file, after the screen; ``UploadRejectedError`` otherwise."""
    screen(staged.path, staged.name)
    try:
        report = gongkai.read(staged.path)
    except ReportInputError as error:
        where = (
            f"（位置：{error.where}）" if error.where and error.where != str(staged.path) else ""
        )
        raise UploadRejectedError(
            f"无法读取“{staged.name}”：{error.message}{where}。文件未保存。", error.code
        ) from None
    except Exception:
        # A reader's bug must not show a traceback or leave a half-stored report.
        raise UploadRejectedError(
            f"无法读取“{staged.name}”：文件格式无法识别或已损坏。文件未保存。", "unreadable"
        ) from None
    return report


def validate_year(report: Report) -> None:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= report.year <= this_year:
        raise UploadRejectedError(
            f"报告年度 {report.year} 不在 {FIRST_YEAR}–{this_year} 年之间，文件未保存。", "year"
        )


def file_uploaded_report(
    actor: Any,
    organ: Organ,
    uploaded: Any,
    *,
    published_on: datetime.date | None = None,
) -> AnnualReport:
    """Read, check and file an uploaded report for ``organ``. Raises ``UploadRejectedError``
    (nothing stored) when the file is refused or cannot be read."""
    staged = stage_upload(uploaded)
    try:
        report = read_staged(staged)
        validate_year(report)
        return _file(actor, organ, report, Entry.UPLOAD, staged, published_on)
    finally:
        discard(staged)


def file_entered_report(actor: Any, organ: Organ, report: Report) -> AnnualReport:
    """File a report entered in the form (its tables, year and publication date)."""
    validate_year(report)
    return _file(actor, organ, report, Entry.FORM, None, report.published_on)


def file_imported_report(actor: Any, organ: Organ, report: Report, note: str) -> AnnualReport:
    """File a report taken from elsewhere (a data set, an earlier system), saying where from."""
    validate_year(report)
    return _file(actor, organ, report, Entry.IMPORT, None, report.published_on, note)


def _file(
    actor: Any,
    organ: Organ,
    report: Report,
    entry: str,
    staged: StagedFile | None,
    published_on: datetime.date | None,
    note: str = "",
) -> AnnualReport:
    # The organ's kind on record decides its deadline (P1–P4), whatever the file says.
    report.organ_kind = organ.organ_kind
    if published_on is not None:
        report.published_on = published_on
    if not note and report.organ and report.organ != organ.name:
        note = f"报告中的机关名称为“{report.organ}”"
    if expected_format(report.year) is not None and not report.organ:
        report.organ = organ.name
    previous = selectors.get_current(organ, report.year - 1)
    findings = run_check(report, selectors.report_of(previous) if previous else None)
    counts = count(findings)
    stored: list[str] = []
    try:
        with transaction.atomic():
            replaced = list(
                AnnualReport.objects.select_for_update().filter(
                    organ=organ, year=report.year, is_current=True
                )
            )
            version = (
                AnnualReport.objects.filter(organ=organ, year=report.year).aggregate(
                    Max("version")
                )["version__max"]
                or 0
            ) + 1
            now = timezone.now()
            for old in replaced:
                old.is_current = False
                old.replaced_at = now
                old.save(update_fields=["is_current", "replaced_at"])
                record_change(
                    actor,
                    "report.replace",
                    old,
                    {"is_current": True},
                    {"is_current": False, "replaced_at": now.isoformat()},
                    organ=organ,
                )
            filing = AnnualReport(
                organ=organ,
                year=report.year,
                version=version,
                entry=entry,
                report_json=dumps(report),
                findings=findings_to_json(findings),
                previous=previous,
                error_count=counts[gongkai.Severity.ERROR],
                warning_count=counts[gongkai.Severity.WARNING],
                info_count=counts[gongkai.Severity.INFO],
                published_on=report.published_on,
                filed_by=actor,
                note=note,
            )
            if staged is not None:
                filing.original_name = staged.name
                filing.original_size = staged.size
                filing.original_sha256 = staged.sha256
                with staged.path.open("rb") as source:
                    filing.original.save(staged.name, File(source), save=False)
                stored.append(filing.original.name)
            filing.save()
            record_change(actor, "report.file", filing, None, _summary(filing), organ=organ)
    except BaseException:
        for name in stored:
            filing.original.storage.delete(name)
        raise
    return filing


def _summary(filing: AnnualReport) -> dict[str, Any]:
    return {
        "year": filing.year,
        "version": filing.version,
        "entry": filing.entry,
        "original_name": filing.original_name,
        "original_sha256": filing.original_sha256,
        "published_on": filing.published_on.isoformat() if filing.published_on else None,
        "errors": filing.error_count,
        "warnings": filing.warning_count,
    }
