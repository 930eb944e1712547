"""Pages of an organ's reports: the archive, upload, hand entry, the checked report, downloads."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.errors import ReportInputError
from gongkai.web.accounts import permissions
from gongkai.web.reports import display, downloads, editing, selectors, services
from gongkai.web.reports.forms import (
    EntryHeadForm,
    UploadForm,
    format_for,
    report_from_entry,
    years,
)
from gongkai.web.reports.models import Reading, ReadingState
from gongkai.web.reports.reading import progress_of_staging
from gongkai.web.reports.uploads import UploadRejectedError


@require_GET
@login_required
def archive(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = permissions.organ_or_404(request.user, organ_id)
    return render(
        request,
        "reports/archive.html",
        {
            "organ": organ,
            "reports": selectors.list_archive(organ),
            "can_file": permissions.can_file_report(request.user, organ),
            "workspace_year": years()[1],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def upload(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = permissions.organ_or_404(request.user, organ_id)
    permissions.require(permissions.can_file_report(request.user, organ))
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)  # parses the upload (size-limited)
        rejected = getattr(request, "upload_rejected", None)
        if rejected is not None:
            return upload_refused(request, rejected)
        elif form.is_valid():
            try:
                started, thread = services.start_reading(
                    request.user,
                    organ,
                    form.cleaned_data["file"],
                    published_on=form.cleaned_data["published_on"],
                    year=form.cleaned_data["year"],
                )
            except UploadRejectedError as error:
                form.add_error("file", error.message)
                status = 400
            else:
                # a report reads in about a second: wait for it rather than show 正在读取…
                thread.join(timeout=settings.GONGKAI_READ_WAIT_SECONDS)
                started = services.collect(started)
                if started.state != ReadingState.FAILED:
                    return _after_reading(request, started)
                form.add_error("file", started.message)
                status = 400
        else:
            status = 400
    return render(request, "reports/upload.html", {"organ": organ, "form": form}, status=status)


def _after_reading(request: HttpRequest, started: Reading) -> HttpResponse:
    if started.state == ReadingState.FILED and started.filing is not None:
        if started.message:
            messages.info(request, started.message)
        else:
            messages.success(request, _("报告已读取并检查，结果如下。"))
        return redirect("reports:detail", report_id=started.filing.pk)
    return redirect("reports:reading", reading_id=started.pk)


@require_http_methods(["GET", "POST"])
@login_required
def reading(request: HttpRequest, reading_id: int) -> HttpResponse:
    """An upload being read: 正在读取… (the page refreshes itself), the reason it could not be
    read, or the question whether to file a report that names another organ or year."""
    started = permissions.reading_or_404(request.user, reading_id)
    permissions.require(permissions.can_file_report(request.user, started.organ))
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            started = services.confirm_reading(started)
        else:
            started = services.cancel_reading(started)
    else:
        started = services.collect(started)
    if started.state == ReadingState.FILED:
        return _after_reading(request, started)
    if request.method == "POST":
        return redirect("reports:reading", reading_id=started.pk)
    progress = None
    if started.state == ReadingState.READING:
        progress = progress_of_staging(started.staging)
    return render(
        request,
        "reports/reading.html",
        {"reading": started, "organ": started.organ, "progress": progress},
        status=400 if started.state == ReadingState.FAILED else 200,
    )


def upload_refused(request: HttpRequest, rejected: UploadRejectedError) -> HttpResponse:
    """An upload stopped while it streamed in (too large): nothing of it was kept."""
    return render(
        request,
        "core/message.html",
        {"title": _("上传未完成"), "message": rejected.message},
        status=413 if rejected.code == "too_large" else 400,
    )


@require_http_methods(["GET", "POST"])
@login_required
def enter(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = permissions.organ_or_404(request.user, organ_id)
    permissions.require(permissions.can_file_report(request.user, organ))
    source = request.POST if request.method == "POST" else request.GET
    head = EntryHeadForm(source or {"year": years()[1]})
    year = head.cleaned_data["year"] if head.is_valid() else years()[1]
    spec = format_for(year)
    current = selectors.get_current(organ, year)
    stored = selectors.report_of(current) if current is not None else None
    if request.method == "POST":
        values = {k: v for k, v in request.POST.items() if k.startswith(("table", "section."))}
    else:
        # Start from the current version, narrative included, so that saving keeps its text.
        values = editing.initial_values(stored) if stored is not None else {}
        if stored is not None and stored.published_on and "published_on" not in request.GET:
            head = EntryHeadForm({"year": year, "published_on": stored.published_on})
    tables = display.tables_for_entry(spec, values)
    errors: list[str] = []
    if request.method == "POST" and head.is_valid():
        labels = {cell.input_name: cell.label for t in tables for r in t.rows for cell in r}
        report, errors = report_from_entry(
            spec,
            organ.name,
            year,
            head.cleaned_data["published_on"],
            values,
            labels,
            editing.sections_from(request.POST),
        )
        report.title = stored.title if stored is not None else None
        if not errors:
            try:
                filing = services.file_entered_report(request.user, organ, report)
            except UploadRejectedError as error:
                errors = [error.message]
            except services.DuplicateFilingError as duplicate:
                messages.info(request, duplicate.message)
                return redirect("reports:detail", report_id=duplicate.filing.pk)
            else:
                messages.success(request, _("报告已保存并检查，结果如下。"))
                return redirect("reports:detail", report_id=filing.pk)
    return render(
        request,
        "reports/enter.html",
        {
            "organ": organ,
            "head": head,
            "spec": spec,
            "tables": tables,
            "narrative": editing.narrative_fields(values),
            "errors": errors,
            "replaces": current,
        },
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request: HttpRequest, report_id: int) -> HttpResponse:
    """Withdraw a wrong current version, after confirmation and with a reason."""
    filing = permissions.report_or_404(request.user, report_id)
    permissions.require(permissions.can_file_report(request.user, filing.organ))
    error = ""
    if not filing.is_current:
        error = _("只能撤回现行版本")
    elif request.method == "POST":
        try:
            restored = editing.withdraw_report(request.user, filing, request.POST.get("reason", ""))
        except editing.WithdrawError as refused:
            error = refused.message
        else:
            if restored is None:
                messages.success(request, _("已撤回。本年度没有其他现行版本。"))
                return redirect("reports:archive", organ_id=filing.organ_id)
            messages.success(
                request, _("已撤回。第 %(v)d 版恢复为现行版本。") % {"v": restored.version}
            )
            return redirect("reports:detail", report_id=restored.pk)
    return render(
        request,
        "reports/withdraw.html",
        {"filing": filing, "organ": filing.organ, "error": error},
        status=400 if error else 200,
    )


@require_GET
@login_required
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    filing = permissions.report_or_404(request.user, report_id)
    try:
        body = display.report_body(filing)
    except ReportInputError as error:
        return _unloadable(request, filing, error)
    return render(
        request,
        "reports/detail.html",
        {
            "filing": filing,
            "organ": filing.organ,
            "body": body,
            "history": selectors.list_versions(filing.organ, filing.year),
            "previous": selectors.checked_against(filing),
            "formats": downloads.FORMATS.values(),
            "can_file": permissions.can_file_report(request.user, filing.organ),
            "source_url": display.source_url(filing),
        },
    )


def _unloadable(request: HttpRequest, filing: Any, error: ReportInputError) -> HttpResponse:
    """A stored report that no longer loads (stored before its numbers were checked at entry):
    an error for this report only, never a 500 for every page that lists it."""
    return render(
        request,
        "core/message.html",
        {
            "title": _("报告数据无法读取"),
            "message": _("%(report)s 的存储数据无法读取（%(reason)s）。请重新报送该报告。")
            % {"report": filing, "reason": error.message},
        },
        status=500,
    )


def _attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _unavailable(request: HttpRequest, message: str) -> HttpResponse:
    return render(
        request, "core/message.html", {"title": _("无法下载"), "message": message}, status=503
    )


@require_GET
@login_required
def download(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    filing = permissions.report_or_404(request.user, report_id)
    target = downloads.FORMATS.get(fmt)
    if target is None:
        raise Http404("没有这种下载格式")
    try:
        data = downloads.render(selectors.report_of(filing), fmt)
    except ReportInputError as error:
        return _unloadable(request, filing, error)
    except downloads.DownloadUnavailableError as error:
        return _unavailable(request, error.message)
    name = f"{filing.organ.name}{filing.year}年度报告.{fmt}"
    return _attachment(data, name, target.content_type)


@require_GET
@login_required
def annotated(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    filing = permissions.report_or_404(request.user, report_id)
    if fmt not in ("pdf", "html"):
        raise Http404("没有这种下载格式")
    try:
        data = downloads.render_annotated(
            selectors.report_of(filing), selectors.findings_of(filing), fmt
        )
    except ReportInputError as error:
        return _unloadable(request, filing, error)
    except downloads.DownloadUnavailableError as error:
        return _unavailable(request, error.message)
    name = f"{filing.organ.name}{filing.year}年度报告（批注版）.{fmt}"
    return _attachment(data, name, downloads.FORMATS[fmt].content_type)


@require_GET
@login_required
def original(request: HttpRequest, report_id: int) -> HttpResponse:
    filing = permissions.report_or_404(request.user, report_id)
    if not filing.original:
        raise Http404("此报告为表格录入，没有原始文件")
    return FileResponse(
        filing.original.open("rb"), as_attachment=True, filename=filing.original_name
    )
