"""The supervisor's actions: return a report with a comment (退回), remind an organ (催报)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from gongkai.web.accounts import permissions
from gongkai.web.organs.models import Organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision import services
from gongkai.web.supervision.views.access import supervised_organ, supervised_report


def _back(request: HttpRequest, organ: Organ) -> HttpResponse:
    root = request.POST.get("root", "")
    root_id = int(root) if root.isdigit() else organ.pk
    return redirect("supervision:organ", root_id=root_id, organ_id=organ.pk)


@require_POST
@login_required
def return_report(request: HttpRequest, report_id: int) -> HttpResponse:
    report = supervised_report(request, report_id)
    try:
        services.return_report(request.user, report, request.POST.get("comment", ""))
    except services.SupervisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已退回 {report}，并通知该机关。")
    return _back(request, report.organ)


@require_POST
@login_required
def remind(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = supervised_organ(request, organ_id, year)
    permissions.require(permissions.can_act_as_supervisor(request.user, organ))
    filed = AnnualReport.objects.filter(organ=organ, year=year, is_current=True).exists()
    message = request.POST.get("message", "") or services.default_reminder_text(organ, year, None)
    try:
        services.send_reminder(request.user, organ, year, message, already_filed=filed)
    except services.SupervisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已向 {organ.name} 发送 {year} 年度报告催报。")
    return _back(request, organ)
