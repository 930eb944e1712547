"""The read-only JSON API: organs, reports and their findings, with token authentication.

``Authorization: Token <token>`` (or ``Bearer``); tokens are created on the account page. What a
token sees follows the same permission predicates as the pages. Every answer is JSON, errors too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from gongkai.report.canonical import to_dict
from gongkai.web.accounts import permissions
from gongkai.web.accounts.services import user_for_token
from gongkai.web.api.schema import openapi_schema
from gongkai.web.organs.models import Organ
from gongkai.web.reports import selectors
from gongkai.web.reports.models import AnnualReport

JSON_OPTIONS = {"ensure_ascii": False}
View = Callable[..., JsonResponse]


def error(status: int, code: str, message: str) -> JsonResponse:
    response = JsonResponse(
        {"error": code, "message": message}, status=status, json_dumps_params=JSON_OPTIONS
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Token realm="gongkai"'
    return response


def ok(data: Any) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params=JSON_OPTIONS)


def api_view(view: View) -> View:
    """GET only, authenticated by token; the token's account is ``request.api_user``."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        if request.method not in ("GET", "HEAD"):
            response = error(405, "method_not_allowed", "此接口只读，仅支持 GET")
            response["Allow"] = "GET, HEAD"
            return response
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        user = None
        if scheme.lower() in ("token", "bearer") and token.strip():
            user = user_for_token(token.strip())
        if user is None:
            return error(401, "unauthorized", "需要有效的 API 令牌（Authorization: Token …）")
        request.api_user = user
        return view(request, *args, **kwargs)

    return wrapped


def organ_json(organ: Organ) -> dict[str, Any]:
    return {"id": organ.pk, "name": organ.name, "kind": organ.kind, "parent": organ.parent_id}


def report_json(request: HttpRequest, filing: AnnualReport) -> dict[str, Any]:
    return {
        "id": filing.pk,
        "organ": organ_json(filing.organ),
        "year": filing.year,
        "version": filing.version,
        "is_current": filing.is_current,
        "entry": filing.entry,
        "published_on": filing.published_on.isoformat() if filing.published_on else None,
        "filed_at": filing.filed_at.isoformat(),
        "original_name": filing.original_name or None,
        "original_sha256": filing.original_sha256 or None,
        "counts": {
            "error": filing.error_count,
            "warning": filing.warning_count,
            "info": filing.info_count,
        },
        "url": request.build_absolute_uri(reverse("api:report", args=[filing.pk])),
        "findings_url": request.build_absolute_uri(reverse("api:findings", args=[filing.pk])),
    }


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    return int(value) if value.isdigit() else -1


@api_view
def organs(request: HttpRequest) -> JsonResponse:
    visible = permissions.visible_organ_ids(request.api_user)
    found = Organ.objects.order_by("name")
    if visible is not None:
        found = found.filter(id__in=visible)
    return ok({"results": [organ_json(organ) for organ in found]})


@api_view
def reports(request: HttpRequest) -> JsonResponse:
    visible = permissions.visible_organ_ids(request.api_user)
    organ, year = _int_param(request, "organ"), _int_param(request, "year")
    if organ == -1 or year == -1:
        return error(400, "bad_parameter", "organ 和 year 应为整数")
    found = AnnualReport.objects.select_related("organ").order_by(
        "organ__name", "-year", "-version"
    )
    if visible is not None:
        found = found.filter(organ_id__in=visible)
    if request.GET.get("all") != "1":
        found = found.filter(is_current=True)
    if organ is not None:
        found = found.filter(organ_id=organ)
    if year is not None:
        found = found.filter(year=year)
    return ok({"results": [report_json(request, filing) for filing in found]})


def _visible(request: HttpRequest, report_id: int) -> AnnualReport | None:
    filing = AnnualReport.objects.select_related("organ").filter(pk=report_id).first()
    if filing is None or not permissions.can_view_report(request.api_user, filing):
        return None
    return filing


@api_view
def report(request: HttpRequest, report_id: int) -> JsonResponse:
    filing = _visible(request, report_id)
    if filing is None:
        return error(404, "not_found", "没有找到该报告")
    return ok({**report_json(request, filing), "report": to_dict(selectors.report_of(filing))})


@api_view
def findings(request: HttpRequest, report_id: int) -> JsonResponse:
    filing = _visible(request, report_id)
    if filing is None:
        return error(404, "not_found", "没有找到该报告")
    return ok({"report": filing.pk, "findings": filing.findings})


@csrf_exempt
def schema(request: HttpRequest) -> JsonResponse:
    if request.method not in ("GET", "HEAD"):
        return error(405, "method_not_allowed", "此接口只读，仅支持 GET")
    return ok(openapi_schema())
