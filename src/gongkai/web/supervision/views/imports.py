"""Bulk import pages: upload a zip, watch its progress, read the results, confirm unsure
matches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web.accounts import permissions
from gongkai.web.organs.models import Organ
from gongkai.web.organs.selectors import list_subordinates
from gongkai.web.reports.views import upload_refused
from gongkai.web.supervision import bulk
from gongkai.web.supervision.archive import ArchiveRejectedError
from gongkai.web.supervision.models import ImportBatch, ImportItem
from gongkai.web.supervision.views.access import supervised_organ


def _batch(request: HttpRequest, batch_id: int) -> ImportBatch:
    batch = ImportBatch.objects.select_related("root").filter(pk=batch_id).first()
    if batch is None or not permissions.can_bulk_import(request.user, batch.root):
        raise Http404("没有找到该批量导入")
    return batch


@require_http_methods(["GET", "POST"])
@login_required
def start(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = supervised_organ(request, organ_id)
    permissions.require(permissions.can_bulk_import(request.user, organ))
    error = ""
    status = 200
    if request.method == "POST":
        archive = request.FILES.get("archive")  # parses the upload (size-limited)
        rejected = getattr(request, "upload_rejected", None)
        if rejected is not None:
            return upload_refused(request, rejected)
        if archive is None:
            error, status = "请选择要上传的 zip 压缩包。", 400
        else:
            try:
                batch = bulk.start_zip_import(request.user, organ, archive)
            except ArchiveRejectedError as refused:
                error, status = refused.message, 400
            else:
                return redirect("supervision:import_batch", batch_id=batch.pk)
    batches = ImportBatch.objects.filter(root=organ)[:20]
    return render(
        request,
        "supervision/import.html",
        {"organ": organ, "batches": batches, "error": error},
        status=status,
    )


@require_GET
@login_required
def batch_page(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _batch(request, batch_id)
    return render(
        request,
        "supervision/import_batch.html",
        {
            "batch": batch,
            "items": batch.items.select_related("organ", "report"),
            "counts": bulk.count_outcomes(batch),
            "organs": list_subordinates(batch.root),
        },
    )


@require_GET
@login_required
def progress(request: HttpRequest, batch_id: int) -> JsonResponse:
    batch = _batch(request, batch_id)
    return JsonResponse(
        {
            "state": batch.state,
            "done": batch.done,
            "total": batch.total,
            "counts": bulk.count_outcomes(batch),
        }
    )


@require_POST
@login_required
def confirm(request: HttpRequest, item_id: int) -> HttpResponse:
    item = ImportItem.objects.select_related("batch__root").filter(pk=item_id).first()
    if item is None or not permissions.can_bulk_import(request.user, item.batch.root):
        raise Http404("没有找到该文件")
    organ_id = request.POST.get("organ", "")
    organ = Organ.objects.filter(pk=int(organ_id)).first() if organ_id.isdigit() else None
    if organ is None:
        messages.error(request, "请选择机关。")
    else:
        try:
            bulk.confirm_item(request.user, item, organ)
        except ArchiveRejectedError as error:
            messages.error(request, error.message)
        else:
            if item.outcome == ImportItem.Outcome.FILED:
                messages.success(request, f"已将“{item.name}”报送为 {organ.name} 的报告。")
            else:
                messages.error(request, item.reason)
    return redirect("supervision:import_batch", batch_id=item.batch_id)
