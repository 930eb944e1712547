"""The home page (what the account can reach) and the error pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.web.accounts import permissions
from gongkai.web.organs.models import Organ
from gongkai.web.reports.selectors import list_current_for
from gongkai.web.supervision.views import default_year


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = permissions.visible_organ_ids(user)
    organs = Organ.objects.order_by("name")
    if visible is not None:
        organs = organs.filter(id__in=visible)
    filing = permissions.filing_organ_ids(user)
    supervised = Organ.objects.filter(id__in=permissions.supervised_organ_ids(user))
    recent = list_current_for(visible).order_by("-filed_at")[:10]
    return render(
        request,
        "core/home.html",
        {
            "filing_organs": Organ.objects.filter(id__in=filing),
            "supervised": supervised,
            "organs": organs[:200],
            "recent": recent,
            "year": default_year(),
            "roles": user.memberships.select_related("organ", "unit"),
        },
    )


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "core/message.html", {"title": title, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 400, "请求有误", "请求无法处理，请返回重试。")


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 403, "没有权限", "您没有进行此操作的权限。如有需要，请联系系统管理员。")


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 404, "页面不存在", "没有找到您要访问的页面，或您无权查看。")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "系统错误", "系统出现错误，已记录。请稍后再试或联系系统管理员。")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    rejected = getattr(request, "upload_rejected", None)
    if rejected is not None:
        # An upload announced as too large is refused before its form (and so its CSRF token)
        # is read: say why, rather than that the page expired.
        from gongkai.web.reports.views import upload_refused

        return upload_refused(request, rejected)
    return _error(request, 403, "页面已过期", "表单已过期或来源无法验证，请刷新页面后重新提交。")
