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

from gongkai.report.formats import expected_format
from gongkai.report.model import Report
from gongkai.web.accounts import permissions
from gongkai.web.appeals import selectors, services
from gongkai.web.appeals.compiling import compile_table4
from gongkai.web.appeals.forms import CaseForm
from gongkai.web.registers.views import chosen_year
from gongkai.web.reports.display import tables_for_display


def _organ_for_view(request: HttpRequest, organ_id: int) -> Any:
    organ = permissions.organ_or_404(request.user, organ_id)
    permissions.require(permissions.can_view_appeals(request.user, organ))
    return organ


def _organ_for_edit(request: HttpRequest, organ_id: int) -> Any:
    organ = _organ_for_view(request, organ_id)
    permissions.require(permissions.can_edit_appeals(request.user, organ))
    return organ


def _table4_preview(organ: Any, year: int) -> list[Any]:
    spec = expected_format(year)
    assert spec is not None
    report = Report(format=spec.key, organ=organ.name, year=year)
    for row, columns in compile_table4(organ, year).items():
        for column, value in columns.items():
            report.set("table4", row, column, value)
    return tables_for_display(report, [], only=("table4",))


def _page(request: HttpRequest, organ: Any, year: int, form: Any = None, status: int = 200) -> Any:
    return render(
        request,
        "appeals/index.html",
        {
            "organ": organ,
            "year": year,
            "cases": selectors.list_cases(organ, year),
            "table4": _table4_preview(organ, year),
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
    form = CaseForm(instance=case)
    if request.method == "POST":
        form = CaseForm(request.POST, instance=case)
        if form.is_valid():
            services.update_case(request.user, case, **form.cleaned_data)
            messages.success(request, _("已保存。"))
            return _back(organ, case.filed_on.year)
    return render(
        request,
        "appeals/case.html",
        {"organ": organ, "case": case, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def delete(request: HttpRequest, organ_id: int, case_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    case = _case_or_404(organ, case_id)
    if request.method == "POST":
        services.delete_case(request.user, case)
        messages.success(request, _("案件登记已删除。"))
        return _back(organ, case.filed_on.year)
    return render(request, "appeals/delete.html", {"organ": organ, "case": case})
