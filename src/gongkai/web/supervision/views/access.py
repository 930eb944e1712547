"""Who reaches which supervision page: 404 for an organ the account may not see at all, 403 for
one it sees but does not supervise (accounts.permissions)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone

from gongkai.web.accounts import permissions
from gongkai.web.organs.models import Organ
from gongkai.web.reports.models import AnnualReport

FIRST_YEAR = 2008  # the 2007 条例 took effect on 2008-05-01


def supervised_organ(request: HttpRequest, organ_id: int, year: int | None = None) -> Organ:
    if year is not None and not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404("年度不在可查询范围内")
    organ = Organ.objects.filter(pk=organ_id).first()
    if organ is None:
        raise Http404("没有找到该机关")
    if permissions.can_supervise(request.user, organ):
        return organ
    if permissions.can_view_organ(request.user, organ):
        permissions.require(False)
    raise Http404("没有找到该机关")


def supervised_report(request: HttpRequest, report_id: int) -> AnnualReport:
    report = permissions.report_or_404(request.user, report_id)
    permissions.require(permissions.can_act_as_supervisor(request.user, report.organ))
    return report
