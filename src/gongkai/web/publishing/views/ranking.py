"""The quarterly ranking of units, its 通报 (DOCX, PDF, CSV), a unit's own page, and the
inspection readiness page."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from gongkai.web.accounts import permissions
from gongkai.web.organs.models import Unit
from gongkai.web.publishing import bulletin, inspection, ranking, selectors
from gongkai.web.publishing.spreadsheets import safe_cell
from gongkai.web.publishing.views.organ import organ_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _period(request: HttpRequest) -> tuple[int, int | None]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        quarter_text = request.GET.get("quarter", str((today.month - 1) // 3 + 1))
        quarter = int(quarter_text) if quarter_text else None
    except ValueError:
        raise Http404("年份或季度无效") from None
    if not 2008 <= year <= today.year + 1 or quarter not in (None, *ranking.QUARTERS):
        raise Http404("年份或季度无效")
    return year, quarter


@require_GET
@login_required
def ranking_page(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = organ_for(request, organ_id)
    permissions.require(permissions.can_view_publishing(request.user, organ))
    year, quarter = _period(request)
    return render(
        request,
        "publishing/ranking.html",
        {
            "organ": organ,
            "year": year,
            "quarter": quarter,
            "rows": ranking.rank_units(organ, year, quarter),
            "title": bulletin.title_of(organ, year, quarter),
            "quarters": ranking.QUARTERS,
        },
    )


@require_GET
@login_required
def ranking_file(request: HttpRequest, organ_id: int, fmt: str) -> HttpResponse:
    organ = organ_for(request, organ_id)
    permissions.require(permissions.can_view_publishing(request.user, organ))
    year, quarter = _period(request)
    rows = ranking.rank_units(organ, year, quarter)
    title = bulletin.title_of(organ, year, quarter)
    if fmt == "docx":
        data, content_type = bulletin.render_docx(organ, year, quarter, rows), DOCX
    elif fmt == "pdf":
        data, content_type = bulletin.render_pdf(organ, year, quarter, rows), "application/pdf"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(bulletin.HEADERS)
        for values in bulletin.table_rows(rows):
            writer.writerow([safe_cell(value) for value in values])
        data, content_type = buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    else:
        raise Http404("没有这种格式")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{title}.{fmt}")
    return response


@require_GET
@login_required
def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = Unit.objects.select_related("organ").filter(pk=unit_id).first()
    if unit is None or not permissions.can_view_unit_page(request.user, unit):
        raise Http404("没有找到该股室")
    year, quarter = _period(request)
    rows = ranking.rank_units(unit.organ, year, quarter)
    own = next((row for row in rows if row.unit.pk == unit.pk), None)
    return render(
        request,
        "publishing/unit.html",
        {
            "organ": unit.organ,
            "unit": unit,
            "year": year,
            "quarter": quarter,
            "row": own,
            "units": len(rows),
            "items": selectors.list_unit_items(unit)[:100],
        },
    )


@require_GET
@login_required
def inspection_page(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = organ_for(request, organ_id)
    permissions.require(permissions.can_view_publishing(request.user, organ))
    return render(
        request,
        "publishing/inspection.html",
        {
            "organ": organ,
            "problems": inspection.check(organ),
            "idle_days": inspection.IDLE_DAYS,
            "last_run": selectors.last_inspection(organ),
        },
    )
