"""The public pages: the online application form of an organ, its receipt (page and PDF 登记回执
with the query code), and the status page (query code + last 4 characters of the identity number).

Anonymous. A rate limit per IP address answers a flood with HTTP 429; a honeypot field catches
simple robots; the form is validated like staff entry and stores nothing when refused.
"""

from __future__ import annotations

import hmac
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.web.applications import clock, intake, letters
from gongkai.web.applications.errors import ApplicationError
from gongkai.web.applications.forms import PublicApplicationForm, StatusForm
from gongkai.web.applications.models import Application, Letter
from gongkai.web.applications.views.display import letters_with_corrections
from gongkai.web.applications.workflow import Status
from gongkai.web.organs.models import Organ

SESSION_KEY = "applications_submitted"


def over_limit(request: HttpRequest, bucket: str) -> bool:
    """Count this request against its IP address's hourly allowance."""
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"rate:{bucket}:{address}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, 3600)
    return cache.incr(key) > settings.GONGKAI_PUBLIC_FORM_PER_HOUR


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "applications/public_message.html",
        {
            "title": "提交过于频繁",
            "message": (
                "同一网络地址在一小时内提交次数过多，请稍后再试。"
                "如有急需，请通过信函、当面等方式提交申请。"
            ),
        },
        status=429,
    )


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = get_object_or_404(Organ, pk=organ_id)
    form = PublicApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if over_limit(request, "apply"):
            return _too_many(request)
        if request.POST.get("website"):
            # A robot filled the honeypot: nothing is stored, nothing is revealed.
            return render(
                request,
                "applications/public_message.html",
                {"title": "无法提交", "message": "提交未成功，请刷新页面后重新填写。"},
                status=400,
            )
        if form.is_valid():
            try:
                case = intake.create_application(None, organ, form.to_input(clock.today()))
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                request.session[SESSION_KEY] = [
                    *request.session.get(SESSION_KEY, [])[-9:],
                    case.query_code,
                ]
                return redirect("applications:public_receipt", organ.pk, case.query_code)
        status = 400
    return render(
        request, "applications/public_apply.html", {"form": form, "organ": organ}, status=status
    )


def _own_case(request: HttpRequest, organ_id: int, code: str) -> Application:
    """Only the browser that submitted it sees the receipt (the code is the key to the case)."""
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404("没有找到该回执")
    return get_object_or_404(Application, organ_id=organ_id, query_code=code)


@require_GET
def receipt(request: HttpRequest, organ_id: int, code: str) -> HttpResponse:
    case = _own_case(request, organ_id, code)
    return render(request, "applications/public_receipt.html", {"case": case, "organ": case.organ})


@require_GET
def receipt_pdf(request: HttpRequest, organ_id: int, code: str) -> HttpResponse:
    case = _own_case(request, organ_id, code)
    letter: Letter = letters.draft(case, "receipt", case.received_on)
    letter.number = case.number
    content = letters.render_pdf(letter, case)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="receipt.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    case = None
    code = 200
    if request.method == "POST":
        if over_limit(request, "status"):
            return _too_many(request)
        if form.is_valid():
            case = _find(form.cleaned_data["query_code"], form.cleaned_data["identity_tail"])
            if case is None:
                form.add_error(None, "查询码或证件号码后4位不正确，请核对后重新输入")
                code = 404
        else:
            code = 400
    context: dict[str, Any] = {"form": form, "case": case}
    if case is not None:
        context["label"] = Status(case.status).public_label
        context["steps"] = [e for e in case.timeline.all() if e.public_text]
        context["letters"] = [
            letter for letter in letters_with_corrections(case) if letter.is_issued
        ]
    return render(request, "applications/public_status.html", context, status=code)


def _find(query_code: str, tail: str) -> Application | None:
    case = Application.objects.filter(query_code=query_code.strip().upper()).first()
    if case is None:
        return None
    if not hmac.compare_digest(case.identity_number[-4:].upper(), tail.strip().upper()):
        return None
    return case
