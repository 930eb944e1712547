"""Downloads of the supervision pages: the XLSX workbook and the charts' JSON data (the same
permission as the pages: a supervisor gets only the organs below it)."""

from __future__ import annotations

import base64

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from gongkai.report.figures import FIGURES
from gongkai.web.supervision.charts import (
    overview_chart_data,
    overview_charts,
    region_chart_data,
)
from gongkai.web.supervision.exports import overview_xlsx
from gongkai.web.supervision.history import region_history
from gongkai.web.supervision.selectors import supervision_overview
from gongkai.web.supervision.svgcharts import chart_svg
from gongkai.web.supervision.views.access import supervised_organ
from gongkai.web.supervision.views.params import mode_of
from gongkai.writers.pdfwriter import pdf_from_html
from gongkai.writers.settings import WriterSettings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def export(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = supervised_organ(request, organ_id, year)
    mode = mode_of(request)
    data = supervision_overview(organ, year, mode=mode)
    workbook = overview_xlsx(data, region_history(organ, mode))
    response = HttpResponse(workbook, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{organ.name}{year}年度报告报送情况.xlsx"
    )
    return response


@require_GET
@login_required
def overview_data(request: HttpRequest, organ_id: int, year: int) -> JsonResponse:
    organ = supervised_organ(request, organ_id, year)
    charts = overview_charts(organ, year, mode_of(request))
    return JsonResponse(charts, json_dumps_params={"ensure_ascii": False})


@require_GET
@login_required
def region_data(request: HttpRequest, organ_id: int) -> JsonResponse:
    organ = supervised_organ(request, organ_id)
    history = region_history(organ, mode_of(request))
    return JsonResponse(region_chart_data(history), json_dumps_params={"ensure_ascii": False})


@require_GET
@login_required
def export_pdf(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    """The page as a PDF, with the charts as SVG (matplotlib) and every organ's row."""
    organ = supervised_organ(request, organ_id, year)
    mode = mode_of(request)
    data = supervision_overview(organ, year, mode=mode)
    history = region_history(organ, mode)
    charts = [*overview_chart_data(data)["charts"], *region_chart_data(history)["charts"]]
    html = render_to_string(
        "supervision/overview_pdf.html",
        {
            "organ": organ,
            "year": year,
            "overview": data,
            "history": history,
            "figures": FIGURES,
            "now": timezone.localtime(),
            "svgs": [base64.b64encode(chart_svg(chart).encode()).decode() for chart in charts],
        },
    )
    response = HttpResponse(pdf_from_html(html, WriterSettings()), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{organ.name}{year}年度报告报送情况.pdf"
    )
    return response
