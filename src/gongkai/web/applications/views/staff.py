"""Staff pages: the clerk's dashboard, the case list, staff entry, the case page and its steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web.accounts import permissions
from gongkai.web.applications import clock, intake, selectors
from gongkai.web.applications.errors import ApplicationError, PreIssueError
from gongkai.web.applications.forms import StaffEntryForm
from gongkai.web.applications.models import Application
from gongkai.web.applications.views.display import case_context
from gongkai.web.applications.views.steps import STEPS
from gongkai.web.applications.workflow import STATUS_CHOICES
from gongkai.web.organs.models import Organ


def _organ_ids(request: HttpRequest) -> list[int]:
    ids = sorted(permissions.application_organ_ids(request.user))
    if not ids:
        permissions.require(False)
    return ids


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    ids = _organ_ids(request)
    board = selectors.dashboard(ids)
    handling = Organ.objects.filter(pk__in=permissions.filing_organ_ids(request.user))
    reminders = selectors.list_reminders(request.user)
    return render(
        request,
        "applications/dashboard.html",
        {"board": board, "handling": handling, "reminders": reminders},
    )


@require_GET
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    ids = _organ_ids(request)
    status = request.GET.get("status", "")
    if status not in dict(STATUS_CHOICES):
        status = ""
    after_text = request.GET.get("after", "")
    after = int(after_text) if after_text.isdigit() else None
    page = selectors.list_cases(
        ids, status=status, after=after, query=request.GET.get("q", "")[:50]
    )
    return render(
        request,
        "applications/list.html",
        {"page": page, "status": status, "statuses": STATUS_CHOICES, "q": request.GET.get("q", "")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def new_case(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = permissions.organ_or_404(request.user, organ_id)
    permissions.require(permissions.can_handle_applications(request.user, organ))
    form = StaffEntryForm(request.POST or None, initial={"arrived_on": clock.today()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case = intake.create_application(request.user, organ, form.to_input())
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, f"已登记：{case.number}")
                return redirect("applications:case", case.pk)
        status = 400
    return render(request, "applications/new.html", {"form": form, "organ": organ}, status=status)


@require_GET
@login_required
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case = permissions.application_or_404(request.user, case_id)
    return render(request, "applications/case.html", case_context(request, case))


@require_POST
@login_required
def act(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    case = permissions.application_or_404(request.user, case_id)
    view = STEPS.get(action)
    if view is None:
        return render(request, "core/message.html", {"message": "没有这个办理步骤"}, status=404)
    permissions.require(permissions.can_take_step(request.user, case, view.who))
    form = view.form(request.POST, auto_id=f"{action}-%s")
    if not form.is_valid():
        return _refused(request, case, action, form, None, "请检查填写的内容")
    data: dict[str, Any] = form.cleaned_data
    try:
        view.handler(
            request.user, case, data, data["version"], frozenset(data.get("confirm") or ())
        )
    except PreIssueError as error:
        return _refused(request, case, action, form, error, error.message)
    except ApplicationError as error:
        if error.field in form.fields:
            form.add_error(error.field, error.message)
        return _refused(request, case, action, form, None, error.message)
    messages.success(request, "已保存")
    return redirect("applications:case", case.pk)


def _refused(
    request: HttpRequest,
    case: Application,
    action: str,
    form: Any,
    checks: PreIssueError | None,
    message: str,
) -> HttpResponse:
    case.refresh_from_db()
    context = case_context(request, case, open_action=action, open_form=form)
    context["refusal"] = message
    context["checks"] = checks
    return render(request, "applications/case.html", context, status=409 if checks else 400)
