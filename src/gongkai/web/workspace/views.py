"""The report workspace of an organ and year, and the published report's public address.
Views only translate HTTP: every change is a ``services`` function, every decision a ``can_…``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.report.canonical import loads
from gongkai.web.accounts import permissions
from gongkai.web.reports import downloads
from gongkai.web.reports import selectors as reports
from gongkai.web.reports.checking import findings_from_json
from gongkai.web.reports.display import numbered_findings, tables_for_display
from gongkai.web.reports.editing import initial_values, narrative_fields, narrative_of
from gongkai.web.workspace import records, selectors, services
from gongkai.web.workspace.models import Draft


def _draft_or_404(request: HttpRequest, organ_id: int, year: int) -> tuple[Any, Draft | None]:
    organ = permissions.organ_or_404(request.user, organ_id)
    permissions.require(permissions.can_view_draft(request.user, organ))
    return organ, selectors.get_draft(organ, year)


def _existing(request: HttpRequest, organ_id: int, year: int) -> Draft:
    _organ, draft = _draft_or_404(request, organ_id, year)
    if draft is None:
        raise Http404(_("尚未开始编制该年度报告"))
    return draft


@require_GET
@login_required
def index(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ, draft = _draft_or_404(request, organ_id, year)
    context: dict[str, Any] = {"organ": organ, "year": year, "draft": draft}
    user = request.user
    context["can_edit"] = permissions.can_edit_draft(user, organ)
    context["keeps_cases"] = records.keeps_cases(organ)
    if draft is not None:
        report = loads(draft.report_json)
        findings = findings_from_json(draft.findings)
        context.update(
            report=report,
            tables=tables_for_display(report, findings),
            findings=numbered_findings(report, findings),
            fields=narrative_fields(initial_values(report)),
            narrative=narrative_of(report),
            steps=selectors.list_steps(draft),
            levels=selectors.review_levels(organ),
            can_review=permissions.can_review_draft(user, draft),
            can_sign=permissions.can_sign_draft(user, organ),
            can_publish=permissions.can_publish_draft(user, organ),
            can_override=permissions.can_override_checks(user, organ),
        )
    return render(request, "workspace/index.html", context)


def _act(
    request: HttpRequest,
    draft: Draft,
    allowed: bool,
    action: Callable[[], Any],
    done: str,
) -> HttpResponse:
    permissions.require(allowed)
    try:
        action()
    except services.DraftError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("workspace:index", organ_id=draft.organ_id, year=draft.year)


@require_POST
@login_required
def start(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ, _draft = _draft_or_404(request, organ_id, year)
    permissions.require(permissions.can_edit_draft(request.user, organ))
    try:
        services.start_draft(request.user, organ, year)
    except ValueError as error:
        messages.error(request, str(error))
    return redirect("workspace:index", organ_id=organ.pk, year=year)


@require_POST
@login_required
def save(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    """Save the narrative (the form's submit, or the page's autosave asking for JSON)."""
    draft = _existing(request, organ_id, year)
    permissions.require(permissions.can_edit_draft(request.user, draft.organ))
    texts = {k[len("section.") :]: v for k, v in request.POST.items() if k.startswith("section.")}
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        services.save_sections(request.user, draft, texts)
    except services.DraftError as error:
        if wants_json:
            return JsonResponse({"ok": False, "message": error.message}, status=400)
        messages.error(request, error.message)
    else:
        if wants_json:
            return JsonResponse(
                {"ok": True, "errors": draft.error_count, "warnings": draft.warning_count}
            )
        messages.success(request, _("已保存并检查。"))
    return redirect("workspace:index", organ_id=draft.organ_id, year=draft.year)


@require_POST
@login_required
def recompile(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    """Compile the tables again and say what changed since the last compile."""
    draft = _existing(request, organ_id, year)
    permissions.require(permissions.can_edit_draft(request.user, draft.organ))
    try:
        changes = services.recompile(request.user, draft)
    except services.DraftError as error:
        messages.error(request, error.message)
    else:
        if changes:
            shown = "；".join(changes[:20]) + ("……" if len(changes) > 20 else "")
            messages.success(
                request,
                _("已按记录重新计算，%(n)d 处变化：%(c)s") % {"n": len(changes), "c": shown},
            )
        else:
            messages.success(request, _("已按记录重新计算，表格没有变化。"))
    return redirect("workspace:index", organ_id=draft.organ_id, year=draft.year)


@require_POST
@login_required
def submit(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    draft = _existing(request, organ_id, year)
    allowed = permissions.can_edit_draft(request.user, draft.organ)
    return _act(
        request, draft, allowed, lambda: services.submit(request.user, draft), _("已提交审核。")
    )


@require_POST
@login_required
def approve(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    draft = _existing(request, organ_id, year)
    allowed = permissions.can_review_draft(request.user, draft)
    comment = request.POST.get("comment", "")
    return _act(
        request,
        draft,
        allowed,
        lambda: services.approve(request.user, draft, comment),
        _("已审核通过。"),
    )


@require_POST
@login_required
def send_back(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    draft = _existing(request, organ_id, year)
    user = request.user
    allowed = permissions.can_review_draft(user, draft) or (
        draft.state in ("awaiting_signature", "signed")
        and permissions.can_sign_draft(user, draft.organ)
    )
    comment = request.POST.get("comment", "")
    return _act(
        request, draft, allowed, lambda: services.return_draft(user, draft, comment), _("已退回。")
    )


@require_POST
@login_required
def sign(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    draft = _existing(request, organ_id, year)
    allowed = permissions.can_sign_draft(request.user, draft.organ)
    return _act(request, draft, allowed, lambda: services.sign(request.user, draft), _("已签发。"))


@require_POST
@login_required
def publish(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    draft = _existing(request, organ_id, year)
    user = request.user
    allowed = permissions.can_publish_draft(user, draft.organ)
    head = permissions.can_override_checks(user, draft.organ)
    reason = request.POST.get("override_reason", "")
    return _act(
        request,
        draft,
        allowed,
        lambda: services.publish(user, draft, override_reason=reason, head=head),
        _("已发布。"),
    )


@require_POST
@login_required
def correct(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    draft = _existing(request, organ_id, year)
    allowed = permissions.can_edit_draft(request.user, draft.organ)
    reason = request.POST.get("reason", "")
    return _act(
        request,
        draft,
        allowed,
        lambda: services.start_correction(request.user, draft, reason),
        _("已开始更正；修改后需重新审核、签发并发布。"),
    )


# ── The public address of a published report ─────────────────────────────────────────────────


def _published_or_404(request: HttpRequest, organ_id: int, year: int) -> Any:
    from gongkai.web.organs.models import Organ

    organ = Organ.objects.filter(pk=organ_id).first()
    filing = reports.get_current(organ, year) if organ is not None else None
    if filing is None or not permissions.can_view_published(request.user, filing):
        raise Http404(_("没有找到已发布的报告"))
    return filing


@require_GET
def published(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    filing = _published_or_404(request, organ_id, year)
    report = reports.report_of(filing)
    history = [h for h in reports.list_history(filing.organ, year) if h.entry == "compiled"]
    texts = report.sections or {}
    tables = tables_for_display(report, [])
    sections = [
        (
            section.title,
            texts.get(section.key, ""),
            [t for t in tables if report.spec.table(t.key).section == section.key],
        )
        for section in report.spec.sections
    ]
    return render(
        request,
        "workspace/published.html",
        {
            "filing": filing,
            "organ": filing.organ,
            "report": report,
            "preamble": texts.get("preamble", ""),
            "sections": sections,
            "closing": texts.get("closing", ""),
            "history": history,
        },
    )


@require_GET
def published_file(request: HttpRequest, organ_id: int, year: int, fmt: str) -> HttpResponse:
    filing = _published_or_404(request, organ_id, year)
    if fmt not in ("pdf", "docx"):
        raise Http404(_("没有这种下载格式"))
    try:
        data = downloads.render(reports.report_of(filing), fmt)
    except downloads.DownloadUnavailableError as error:
        return render(
            request,
            "core/message.html",
            {"title": _("无法下载"), "message": error.message},
            status=503,
        )
    response = HttpResponse(data, content_type=downloads.FORMATS[fmt].content_type)
    name = f"{filing.organ.name}{year}年政府信息公开工作年度报告.{fmt}"
    response["Content-Disposition"] = content_disposition_header(False, name)
    return response
