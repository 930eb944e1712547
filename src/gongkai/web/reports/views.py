"""Pages of an organ's reports: the archive, upload, hand entry, the checked report, downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.web.accounts import permissions
from gongkai.web.reports import display, downloads, selectors, services
from gongkai.web.reports.forms import (
    EntryHeadForm,
    UploadForm,
    format_for,
    report_from_entry,
    years,
)
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
                filing = services.file_uploaded_report(
                    request.user,
                    organ,
                    form.cleaned_data["file"],
                    published_on=form.cleaned_data["published_on"],
                )
            except UploadRejectedError as error:
                form.add_error("file", error.message)
                status = 400
            else:
                messages.success(request, _("报告已读取并检查，结果如下。"))
                return redirect("reports:detail", report_id=filing.pk)
        else:
            status = 400
    return render(request, "reports/upload.html", {"organ": organ, "form": form}, status=status)


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
    values = {key: value for key, value in request.POST.items() if key.startswith("table")}
    tables = display.tables_for_entry(spec, values)
    errors: list[str] = []
    if request.method == "POST" and head.is_valid():
        labels = {cell.input_name: cell.label for t in tables for r in t.rows for cell in r}
        report, errors = report_from_entry(
            spec, organ.name, year, head.cleaned_data["published_on"], values, labels
        )
        if not errors:
            try:
                filing = services.file_entered_report(request.user, organ, report)
            except UploadRejectedError as error:
                errors = [error.message]
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
            "errors": errors,
            "replaces": selectors.get_current(organ, year),
        },
        status=400 if errors else 200,
    )


@require_GET
@login_required
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    filing = permissions.report_or_404(request.user, report_id)
    return render(
        request,
        "reports/detail.html",
        {
            "filing": filing,
            "organ": filing.organ,
            "body": display.report_body(filing),
            "history": selectors.list_history(filing.organ, filing.year),
            "formats": downloads.FORMATS.values(),
            "can_file": permissions.can_file_report(request.user, filing.organ),
        },
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
