"""Pages of an organ's registers: the documents, the monthly figures (typed or imported), the
2019 format's year items, and table 二 as it compiles for the chosen year. Views only translate
HTTP: changes go through ``services``, reads through ``selectors``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.report.formats import expected_format
from gongkai.web.accounts import permissions
from gongkai.web.core import records
from gongkai.web.registers import selectors, services
from gongkai.web.registers.compiling import compile_table2
from gongkai.web.registers.forms import (
    MONTH_INPUTS,
    DocumentForm,
    ImportForm,
    YearItemsForm,
    month_input,
    parse_month_grid,
)
from gongkai.web.registers.imports import ImportRefusedError, check_rows, read_sheet
from gongkai.web.registers.models import DECISION_FIELDS

FIRST_YEAR = 2019  # the first year with a national table 二


def chosen_year(request: HttpRequest) -> int:
    """The year asked for (``?year=``), by default last year: the report being prepared."""
    default = timezone.localdate().year - 1
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or default)
    except ValueError:
        return default
    return year if FIRST_YEAR <= year <= default + 1 else default


def _year_choices() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


def _fields_for(year: int) -> tuple[str, ...]:
    """The monthly inputs the year's format asks for (其他对外管理服务事项 only in 2019–2020)."""
    spec = expected_format(year)
    keep_other = spec is not None and spec.key == "2019"
    return tuple(n for n in MONTH_INPUTS if keep_other or n != "other_admin_services")


def _month_rows(organ: Any, year: int, shown: tuple[str, ...], data: Any = None) -> list[Any]:
    stored = selectors.list_months(organ, year)
    rows = []
    for month in range(1, 13):
        cells = []
        for name in shown:
            key = month_input(month, name)
            if data is not None:
                value = data.get(key, "")
            else:
                figure = stored.get(month)
                value = "" if figure is None else _shown(getattr(figure, name))
            cells.append((key, value))
        rows.append((month, cells))
    return rows


def _shown(value: Any) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


_LABELS = {name: label for name, _row, label in DECISION_FIELDS}
_LABELS["fees"] = gettext_lazy("收费（万元）")


def _page(request: HttpRequest, organ: Any, year: int, status: int = 200, **extra: Any) -> Any:
    shown = _fields_for(year)
    spec = expected_format(year)
    context = {
        "organ": organ,
        "year": year,
        "years": _year_choices(),
        "spec": spec,
        "documents": selectors.list_documents(organ),
        "month_headers": [_LABELS[name] for name in shown],
        "month_rows": _month_rows(organ, year, shown, extra.pop("grid_data", None)),
        "table2": records.compiled_table(organ, year, "table2", compile_table2(organ, year)),
        "uses_items": spec is not None and spec.key == "2019",
        "can_edit": permissions.can_edit_registers(request.user, organ),
        "document_form": extra.pop("document_form", None) or DocumentForm(),
        "import_form": extra.pop("import_form", None) or ImportForm(),
        "items_form": extra.pop("items_form", None)
        or YearItemsForm(instance=selectors.get_year_items(organ, year)),
        **extra,
    }
    return render(request, "registers/index.html", context, status=status)


def _organ_for_view(request: HttpRequest, organ_id: int) -> Any:
    return records.organ_allowed(request, organ_id, permissions.can_view_registers)


def _organ_for_edit(request: HttpRequest, organ_id: int) -> Any:
    return records.organ_allowed(
        request, organ_id, permissions.can_view_registers, permissions.can_edit_registers
    )


def _back(organ: Any, year: int, anchor: str = "") -> HttpResponse:
    url = reverse("registers:index", args=[organ.pk]) + f"?year={year}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


@require_GET
@login_required
def index(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ_for_view(request, organ_id)
    return _page(request, organ, chosen_year(request))


@require_POST
@login_required
def add_document(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    year = chosen_year(request)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        return _page(request, organ, year, 400, document_form=form)
    services.add_document(request.user, organ, **form.cleaned_data)
    messages.success(request, _("已登记“%(t)s”。") % {"t": form.cleaned_data["title"]})
    return _back(organ, year, "documents")


def _document_or_404(organ: Any, document_id: int) -> Any:
    document = selectors.get_document(organ, document_id)
    if document is None:
        raise Http404(_("没有找到该文件"))
    return document


@require_http_methods(["GET", "POST"])
@login_required
def edit_document(request: HttpRequest, organ_id: int, document_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    document = _document_or_404(organ, document_id)
    return records.edit_record(
        request,
        document,
        DocumentForm,
        save=lambda data: services.update_document(request.user, document, **data),
        page=("registers/document.html", {"organ": organ, "document": document}),
        done=lambda: _back(organ, chosen_year(request), "documents"),
        saved_message=_("已保存。"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def delete_document(request: HttpRequest, organ_id: int, document_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    document = _document_or_404(organ, document_id)
    return records.delete_record(
        request,
        delete=lambda: services.delete_document(request.user, document),
        page=("registers/delete.html", {"organ": organ, "document": document}),
        done=lambda: _back(organ, chosen_year(request), "documents"),
        deleted_message=_("已删除“%(t)s”。") % {"t": document.title},
    )


@require_POST
@login_required
def save_months(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    year = chosen_year(request)
    months, errors = parse_month_grid(request.POST, _fields_for(year))
    if errors:
        return _page(request, organ, year, 400, month_errors=errors, grid_data=request.POST)
    services.save_monthly_figures(request.user, organ, year, months)
    messages.success(request, _("%(y)d年各月数据已保存。") % {"y": year})
    return _back(organ, year, "months")


@require_POST
@login_required
def import_months(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    year = chosen_year(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, organ, year, 400, import_form=form)
    upload = form.cleaned_data["file"]
    try:
        rows = check_rows(read_sheet(upload, upload.size), form.mapping())
    except ImportRefusedError as refused:
        return _page(request, organ, year, 400, import_form=form, import_errors=refused.problems)
    stored = services.import_monthly_figures(request.user, organ, year, rows)
    messages.success(request, _("已导入 %(n)d 个月的数据。") % {"n": stored})
    return _back(organ, year, "months")


@require_POST
@login_required
def save_items(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ_for_edit(request, organ_id)
    year = chosen_year(request)
    form = YearItemsForm(request.POST)
    if not form.is_valid():
        return _page(request, organ, year, 400, items_form=form)
    try:
        services.save_year_items(request.user, organ, year, form.cleaned_data)
    except services.RegisterError as error:
        form.add_error(None, error.message)
        return _page(request, organ, year, 400, items_form=form)
    messages.success(request, _("已保存。"))
    return _back(organ, year, "items")
