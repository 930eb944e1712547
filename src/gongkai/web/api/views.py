"""The read-only JSON API: organs, reports and their findings.

What a token sees follows the same permission predicates as the pages
(``accounts/permissions.py``); a report the account may not see is answered 404, as on the pages.
Parameters are validated by their declared types before a view runs (a bad one is a 400 in JSON).
"""

# No ``from __future__ import annotations``: django-ninja reads the annotations at import.
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Query
from ninja.pagination import paginate

from gongkai.errors import ReportInputError
from gongkai.web.accounts import permissions
from gongkai.web.api import schemas
from gongkai.web.api.auth import TokenAuth
from gongkai.web.api.errors import error_response, install_handlers
from gongkai.web.api.openapi import ChineseJSONRenderer, GongkaiAPI
from gongkai.web.api.pagination import ResultsPagination
from gongkai.web.organs.models import Organ
from gongkai.web.reports import selectors
from gongkai.web.reports.models import AnnualReport

# Identifiers are 64-bit on every database; a larger number cannot name a row.
LARGEST_ID = 2**63 - 1
Identifier = Annotated[int, Path(ge=1, le=LARGEST_ID, description="报告编号")]
ERRORS: dict[int, Any] = {400: schemas.Error, 401: schemas.Error}

api = GongkaiAPI(
    title="gongkai API",
    version="1",
    description="政府信息公开工作年度报告及检查结果的只读接口。令牌在“我的账号”页面创建。",
    auth=TokenAuth(),
    renderer=ChineseJSONRenderer(),
    urls_namespace="api",
    docs_url=None,
)
install_handlers(api)


@api.get(
    "/organs/",
    response={200: list[schemas.Organ], **ERRORS},
    url_name="organs",
    operation_id="listOrgans",
    summary="可查看的机关",
)
@paginate(ResultsPagination)
def organs(request: HttpRequest) -> QuerySet[Organ]:
    visible = permissions.visible_organ_ids(request.auth)
    found = Organ.objects.order_by("name", "pk")
    return found if visible is None else found.filter(id__in=visible)


@api.get(
    "/reports/",
    response={200: list[schemas.ReportSummary], **ERRORS},
    url_name="reports",
    operation_id="listReports",
    summary="可查看的年度报告（默认只含现行版本）",
)
@paginate(ResultsPagination)
def reports(
    request: HttpRequest,
    organ: Annotated[int | None, Query(ge=1, le=LARGEST_ID, description="机关编号")] = None,
    year: Annotated[int | None, Query(ge=1, le=9999, description="年度")] = None,
    all: Annotated[bool, Query(description="包括被替换的历史版本")] = False,
) -> QuerySet[AnnualReport]:
    visible = permissions.visible_organ_ids(request.auth)
    found = AnnualReport.objects.select_related("organ").order_by(
        "organ__name", "-year", "-version", "pk"
    )
    if visible is not None:
        found = found.filter(organ_id__in=visible)
    if not all:
        found = found.filter(is_current=True)
    if organ is not None:
        found = found.filter(organ_id=organ)
    if year is not None:
        found = found.filter(year=year)
    return found


def _visible(request: HttpRequest, report_id: int) -> AnnualReport:
    filing = AnnualReport.objects.select_related("organ").filter(pk=report_id).first()
    if filing is None or not permissions.can_view_report(request.auth, filing):
        raise Http404
    return filing


@api.get(
    "/reports/{report_id}/",
    response={200: schemas.ReportDetail, 404: schemas.Error, 500: schemas.Error, **ERRORS},
    url_name="report",
    operation_id="getReport",
    summary="一份报告，含规范 JSON 数据",
)
def report(request: HttpRequest, report_id: Identifier) -> AnnualReport | HttpResponse:
    filing = _visible(request, report_id)
    try:
        selectors.report_of(filing)
    except ReportInputError as error:
        # Stored before its numbers were checked at entry: an error for this report only.
        message = f"{filing} 的存储数据无法读取（{error.message}）。请重新报送该报告。"
        return error_response(500, "unloadable_report", message)
    return filing


@api.get(
    "/reports/{report_id}/findings/",
    response={200: schemas.Findings, 404: schemas.Error, **ERRORS},
    url_name="findings",
    operation_id="getFindings",
    summary="报告的检查结果",
)
def findings(request: HttpRequest, report_id: Identifier) -> dict[str, Any]:
    filing = _visible(request, report_id)
    return {"report": filing.pk, "findings": filing.findings}
