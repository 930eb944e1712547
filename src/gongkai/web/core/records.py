"""The shape the pages of an organ's own records share (registers' documents, 复议/诉讼 cases):
the organ checked against the page's permission predicates, the year's table compiled from the
records for display, and the edit and delete pages of one record. Each app keeps its forms,
services, messages and templates; only the HTTP round trip is here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.report.formats import expected_format
from gongkai.report.model import Report
from gongkai.web.accounts import permissions
from gongkai.web.reports.display import tables_for_display


def organ_allowed(request: HttpRequest, organ_id: int, *predicates: Callable[..., bool]) -> Any:
    """The organ ``organ_id`` if the user may see it (else 404) and every predicate allows (else
    403): e.g. ``can_view_appeals`` for a page, and ``can_edit_appeals`` as well for a change."""
    organ = permissions.organ_or_404(request.user, organ_id)
    for allowed in predicates:
        permissions.require(allowed(request.user, organ))
    return organ


def compiled_table(
    organ: Any, year: int, table: str, cells: Mapping[str, Mapping[str, Any]]
) -> Any:
    """``table`` of the year's report format filled with ``cells`` (row → column → value, as the
    apps' ``compiling`` modules return them), as the report page displays it."""
    spec = expected_format(year)
    assert spec is not None  # the pages only offer years that have a format
    report = Report(format=spec.key, organ=organ.name, year=year)
    for row, columns in cells.items():
        for column, value in columns.items():
            report.set(table, row, column, value)
    return tables_for_display(report, [], only=(table,))


def edit_record(
    request: HttpRequest,
    record: Any,
    form_class: Any,
    save: Callable[[Any], object],
    page: tuple[str, dict[str, Any]],
    done: Callable[[], HttpResponse],
    saved_message: str,
) -> HttpResponse:
    """The edit page of ``record``: on a valid POST, ``save(cleaned_data)`` (the app's service),
    a message and ``done()``; otherwise the page (template and context) with the form, 400 when
    the form has errors."""
    form = form_class(instance=record)
    if request.method == "POST":
        form = form_class(request.POST, instance=record)
        if form.is_valid():
            save(form.cleaned_data)
            messages.success(request, saved_message)
            return done()
    template, context = page
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def delete_record(
    request: HttpRequest,
    delete: Callable[[], object],
    page: tuple[str, dict[str, Any]],
    done: Callable[[], HttpResponse],
    deleted_message: str,
) -> HttpResponse:
    """The confirmation page of a deletion (GET), and the deletion itself (POST): ``delete()``
    (the app's service, which writes the audit log), a message and ``done()``."""
    if request.method == "POST":
        delete()
        messages.success(request, deleted_message)
        return done()
    template, context = page
    return render(request, template, context)
