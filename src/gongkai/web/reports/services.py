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
import threading
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
from gongkai.readers.bounded import answer_report
from gongkai.report.canonical import dumps, from_dict, to_dict
from gongkai.report.formats import expected_format
from gongkai.report.model import Report
from gongkai.web.audit.services import record_change
from gongkai.web.organs.models import Organ
from gongkai.web.reports import reading, selectors
from gongkai.web.reports.checking import count, findings_to_json, run_check
from gongkai.web.reports.models import AnnualReport, Entry, Reading, ReadingState
from gongkai.web.reports.uploads import UploadRejectedError, screen

FIRST_YEAR = 2008  # the 2007 条例 took effect on 2008-05-01


class DuplicateFilingError(Exception):
    """The same file (or the same entered report) is already the current version: filing it again
    (the browser's back button and submit) adds no version. ``filing`` is that version."""

    def __init__(self, filing: AnnualReport) -> None:
        self.filing = filing
        self.message = (
            f"与现行的第 {filing.version} 版内容完全相同（{filing.filed_at:%Y-%m-%d %H:%M} 报送），"
            "未新建版本。"
        )
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class StagedFile:
    """An uploaded file copied to the staging area under its original name, with its hash."""

    path: Path
    name: str
    size: int
    sha256: str


# A file name is kept in the staging folder, in the stored file's path (``original_path``, at most
# 300 characters) and on the file system (255 bytes a name): long names are shortened by bytes.
MAX_NAME_BYTES = 150


def stored_name(name: str) -> str:
    """A safe file name of at most ``MAX_NAME_BYTES`` UTF-8 bytes, its extension kept."""
    name = get_valid_filename(Path(name).name) or "report"
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    suffix = Path(name).suffix
    if len(suffix.encode()) > 16:
        suffix = ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    budget = MAX_NAME_BYTES - len(suffix.encode())
    return stem.encode()[:budget].decode(errors="ignore") + suffix


def stage_upload(uploaded: Any) -> StagedFile:
    """Copy an upload (already on disk, size-limited) into a private staging folder, hashing it on
    the way. The caller must ``discard`` it whatever happens next."""
    name = stored_name(uploaded.name or "")
    staging = Path(settings.MEDIA_ROOT) / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=uuid.uuid4().hex[:8], dir=staging))
    path = folder / name
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("wb") as target:
            for chunk in uploaded.chunks():
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return StagedFile(path, name, size, digest.hexdigest())


def discard(staged: StagedFile) -> None:
    shutil.rmtree(staged.path.parent, ignore_errors=True)


def _unreadable(name: str, error: ReportInputError) -> UploadRejectedError:
    return UploadRejectedError(f"无法读取“{name}”：{error.message}。文件未保存。", error.code)


def validate_year(report: Report) -> None:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= report.year <= this_year:
        raise UploadRejectedError(
            f"报告年度 {report.year} 不在 {FIRST_YEAR}–{this_year} 年之间，文件未保存。", "year"
        )


# The longest organ name stored (the note that quotes it is a varchar(500) on PostgreSQL); the
# longest real names are about 40 characters.
MAX_ORGAN_CHARS = 200


def validate_report(report: Report) -> None:
    """Refuse, before anything is saved, a report the site could not show again: a year outside
    the 条例's, an organ name longer than any, a publication date before the year has ended or
    after today, a number the canonical JSON refuses (a stored report must load again)."""
    validate_year(report)
    if len(report.organ) > MAX_ORGAN_CHARS:
        raise UploadRejectedError(
            f"机关名称过长（{len(report.organ)} 个字，上限 {MAX_ORGAN_CHARS} 个字），未保存。",
            "organ_name",
        )
    published = report.published_on
    if published is not None:
        # 条例第四十九条: the report on year Y is published in Y+1, after the year has ended
        if published <= datetime.date(report.year, 12, 31):
            raise UploadRejectedError(
                f"公开日期 {published.isoformat()} 不在报告年度（{report.year} 年）结束之后："
                f"年度报告应在 {report.year + 1} 年公开，未保存。",
                "published_on",
            )
        if published > timezone.localdate():
            raise UploadRejectedError(
                f"公开日期 {published.isoformat()} 晚于今天，未保存。", "published_on"
            )
    try:
        from_dict(to_dict(report))
    except ReportInputError as error:
        raise UploadRejectedError(f"{error.message}，未保存。", error.code) from None


def file_uploaded_report(
    actor: Any,
    organ: Organ,
    uploaded: Any,
    *,
    published_on: datetime.date | None = None,
) -> AnnualReport:
    """Read (in a bounded child process, waiting for it), check and file an uploaded report for
    ``organ``. Raises ``UploadRejectedError`` (nothing stored) when the file is refused or cannot
    be read. The upload page uses ``start_reading`` instead, which does not wait."""
    staged = stage_upload(uploaded)
    try:
        screen(staged.path, staged.name)
        try:
            answer = reading.read_waiting(staged.path, selectors.list_witnesses(organ, None))
            report = answer_report(answer, staged.name)
        except ReportInputError as error:
            raise _unreadable(staged.name, error) from None
        validate_year(report)
        return _file(actor, organ, report, Entry.UPLOAD, staged, published_on)
    finally:
        discard(staged)


# ── Reading outside the request ───────────────────────────────────────────────────────────────


def start_reading(
    actor: Any,
    organ: Organ,
    uploaded: Any,
    *,
    published_on: datetime.date | None = None,
    year: int | None = None,
) -> tuple[Reading, threading.Thread]:
    """Stage and screen an upload, then start reading it in a bounded child process. Raises
    ``UploadRejectedError`` (nothing kept) when the screen refuses it; the returned thread ends
    when the answer is in, and ``collect`` turns the answer into a filing."""
    staged = stage_upload(uploaded)
    try:
        screen(staged.path, staged.name)
        started = Reading.objects.create(
            organ=organ,
            started_by=actor,
            staging=str(staged.path.parent.relative_to(settings.MEDIA_ROOT)),
            original_name=staged.name,
            original_size=staged.size,
            original_sha256=staged.sha256,
            published_on=published_on,
            year=year,
        )
    except BaseException:
        discard(staged)
        raise
    return started, reading.launch(staged.path, selectors.list_witnesses(organ, year))


def _staged(started: Reading) -> StagedFile:
    folder = Path(settings.MEDIA_ROOT) / started.staging
    return StagedFile(
        folder / started.original_name,
        started.original_name,
        started.original_size,
        started.original_sha256,
    )


def collect(started: Reading) -> Reading:
    """Take the answer of a reading, if it is in: file the report (or ask the clerk to confirm a
    file naming another organ or year), or record why it could not be read."""
    with transaction.atomic():
        started = Reading.objects.select_for_update().get(pk=started.pk)
        if started.state != ReadingState.READING:
            return started
        staged = _staged(started)
        answer = reading.answer_of(staged.path.parent)
        if answer is None:
            if reading.overdue(staged.path.parent, started.started_at.timestamp()):
                return _fail(started, "读取中断（服务器重启或读取进程异常退出），请重新上传。")
            return started
        try:
            report = answer_report(answer, started.original_name)
            if started.published_on is not None:
                report.published_on = started.published_on
            validate_report(report)
        except ReportInputError as error:
            return _fail(started, _unreadable(started.original_name, error).message)
        except UploadRejectedError as error:
            return _fail(started, error.message)
        mismatch = _mismatch(started, report)
        if mismatch:
            started.state = ReadingState.CONFIRM
            started.message = mismatch
            started.save(update_fields=["state", "message"])
            return started
        return _file_reading(started, report)


def confirm_reading(started: Reading) -> Reading:
    """File a read report the clerk confirmed although it names another organ or year."""
    with transaction.atomic():
        started = Reading.objects.select_for_update().get(pk=started.pk)
        if started.state != ReadingState.CONFIRM:
            return started
        answer = reading.answer_of(_staged(started).path.parent)
        if answer is None:
            return _fail(started, "上传的文件已被清理，请重新上传。")
        return _file_reading(started, answer_report(answer, started.original_name))


def cancel_reading(started: Reading) -> Reading:
    """The clerk declined to file a report that names another organ or year: nothing is kept."""
    with transaction.atomic():
        started = Reading.objects.select_for_update().get(pk=started.pk)
        if started.state in (ReadingState.CONFIRM, ReadingState.READING):
            return _fail(started, "已取消，文件未保存。")
        return started


def _fail(started: Reading, message: str) -> Reading:
    """The upload is not filed: why goes on the reading and to the audit log (files built to
    exhaust the reader show up there), and the staged file is removed."""
    started.state = ReadingState.FAILED
    started.message = message
    started.save(update_fields=["state", "message"])
    record_change(
        started.started_by,
        "report.upload_refused",
        started,
        None,
        {
            "original_name": started.original_name,
            "original_sha256": started.original_sha256,
            "message": message,
        },
        organ=started.organ,
    )
    discard(_staged(started))
    return started


def _mismatch(started: Reading, report: Report) -> str:
    """Why the clerk must confirm a report: it names another organ, or another year than the one
    chosen (another district's report once replaced a bureau's current version unnoticed)."""
    reasons = []
    named = "".join(report.organ.split())
    if named and named != "".join(started.organ.name.split()):
        reasons.append(f"文件中的机关名称为“{report.organ}”，不是“{started.organ.name}”")
    if started.year is not None and report.year != started.year:
        reasons.append(f"文件中的报告年度为 {report.year} 年，不是所选的 {started.year} 年")
    return "；".join(reasons)


def _file_reading(started: Reading, report: Report) -> Reading:
    staged = _staged(started)
    try:
        filing = _file(
            started.started_by, started.organ, report, Entry.UPLOAD, staged, started.published_on
        )
    except UploadRejectedError as error:
        return _fail(started, error.message)
    except DuplicateFilingError as duplicate:
        started.message = duplicate.message
        filing = duplicate.filing
    started.state = ReadingState.FILED
    started.filing = filing
    started.save(update_fields=["state", "message", "filing"])
    discard(staged)
    return started


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
    validate_report(report)
    if not note and report.organ and report.organ != organ.name:
        note = f"报告中的机关名称为“{report.organ}”"
    if expected_format(report.year) is not None and not report.organ:
        report.organ = organ.name
    previous = selectors.get_current(organ, report.year - 1)
    findings = run_check(report, selectors.report_of(previous) if previous else None)
    counts = count(findings)
    report_json = dumps(report)
    stored: list[str] = []
    try:
        with transaction.atomic():
            # One filing at a time per organ: the version number and the one current report per
            # year are decided under this lock (20 concurrent filings once gave 15 errors).
            Organ.objects.select_for_update().filter(pk=organ.pk).first()
            _refuse_duplicate(organ, report.year, report_json, staged)
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
                report_json=report_json,
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


def _refuse_duplicate(organ: Organ, year: int, report_json: str, staged: StagedFile | None) -> None:
    current = selectors.get_current(organ, year)
    if current is None:
        return
    if staged is not None and current.original_sha256 == staged.sha256:
        raise DuplicateFilingError(current)
    if staged is None and not current.original_sha256 and current.report_json == report_json:
        raise DuplicateFilingError(current)


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
