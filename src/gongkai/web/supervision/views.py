"""The supervisor's page: every subordinate organ's filing status for a year, and totals."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from gongkai.web.accounts import permissions
from gongkai.web.organs.models import Organ
from gongkai.web.organs.selectors import list_descendant_ids
from gongkai.web.reports.display import tables_for_display
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.exports import overview_xlsx
from gongkai.web.supervision.selectors import TOTAL_TABLES, supervision_overview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def default_year() -> int:
    return timezone.localdate().year - 1  # reports are filed in the year after


def _supervised_organ(request: HttpRequest, organ_id: int, year: int) -> Organ:
    if not 2008 <= year <= timezone.localdate().year + 1:
        raise Http404("年度不在可查询范围内")
    organ = Organ.objects.filter(pk=organ_id).first()
    if organ is None:
        raise Http404("没有找到该机关")
    if permissions.can_supervise(request.user, organ):
        return organ
    if permissions.can_view_organ(request.user, organ):
        permissions.require(False)
    raise Http404("没有找到该机关")


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    roots = sorted(permissions.supervised_organ_ids(request.user))
    if not roots and permissions.is_administrator(request.user):
        roots = list(Organ.objects.filter(parent__isnull=True).values_list("id", flat=True))
    permissions.require(bool(roots))
    organ = Organ.objects.get(pk=roots[0])
    return redirect("supervision:overview", organ_id=organ.pk, year=latest_year(organ))


def latest_year(organ: Organ) -> int:
    """The latest year any organ under ``organ`` filed for, else last year."""
    filed = AnnualReport.objects.filter(
        organ_id__in=list_descendant_ids({organ.pk}), is_current=True
    ).aggregate(Max("year"))["year__max"]
    return int(filed) if filed else default_year()


@require_GET
@login_required
def overview(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = _supervised_organ(request, organ_id, year)
    data = supervision_overview(organ, year)
    this_year = timezone.localdate().year
    return render(
        request,
        "supervision/overview.html",
        {
            "organ": organ,
            "year": year,
            "overview": data,
            "years": list(range(this_year, 2018, -1)),
            "totals": tables_for_display(data.totals, [], TOTAL_TABLES) if data.totals else [],
        },
    )


@require_GET
@login_required
def export(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = _supervised_organ(request, organ_id, year)
    data = supervision_overview(organ, year)
    response = HttpResponse(overview_xlsx(data), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{organ.name}{year}年度报告报送情况.xlsx"
    )
    return response
