"""Pages of an organ's 复议/诉讼 case register and table 四 as it compiles for a year."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web.accounts import permissions
from gongkai.web.appeals import selectors, services
from gongkai.web.appeals.compiling import compile_table4
from gongkai.web.appeals.forms import CaseForm
from gongkai.web.core import records
from gongkai.web.registers.views import chosen_year


def _organ_for_view(request: HttpRequest, organ_id: int) -> Any:
    return records.organ_allowed(request, organ_id, permissions.can_view_appeals)


def _organ_for_edit(request: HttpRequest, organ_id: int) -> Any:
    return records.organ_allowed(
        request, organ_id, permissions.can_view_appeals, permissions.can_edit_appeals
    )


def _page(request: HttpRequest, organ: Any, year: int, form: Any = None, status: int = 200) -> Any:
    return render(
        request,
        "appeals/index.html",
        {
            "organ": organ,
            "year": year,
            "cases": selectors.list_cases(organ, year),
            "table4": records.compiled_table(organ, year, "table4", compile_table4(organ, year)),
            "form": form or CaseForm(),
            "can_edit": permissions.can_edit_appeals(request.user, organ),
        },
        status=status,
    )


def _back(organ: Any, year: int) -> HttpResponse:
    return redirect(reverse("appeals:index", args=[organ.pk]) + f"?year={year}")


@require_GET
@login_required
def index(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ_for_view(request, organ_id)
    return _page(request, organ, chosen_year(request))


@require_POST
@login_required
def add(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    form = CaseForm(request.POST)
    if not form.is_valid():
        return _page(request, organ, chosen_year(request), form, 400)
    case = services.register_case(request.user, organ, **form.cleaned_data)
    messages.success(request, _("案件已登记。"))
    return _back(organ, case.filed_on.year)


def _case_or_404(organ: Any, case_id: int) -> Any:
    case = selectors.get_case(organ, case_id)
    if case is None:
        raise Http404(_("没有找到该案件"))
    return case


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, organ_id: int, case_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    case = _case_or_404(organ, case_id)
    return records.edit_record(
        request,
        case,
        CaseForm,
        save=lambda data: services.update_case(request.user, case, **data),
        page=("appeals/case.html", {"organ": organ, "case": case}),
        done=lambda: _back(organ, case.filed_on.year),
        saved_message=_("已保存。"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def delete(request: HttpRequest, organ_id: int, case_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    case = _case_or_404(organ, case_id)
    return records.delete_record(
        request,
        delete=lambda: services.delete_case(request.user, case),
        page=("appeals/delete.html", {"organ": organ, "case": case}),
        done=lambda: _back(organ, case.filed_on.year),
        deleted_message=_("案件登记已删除。"),
    )
