"""What the API answers, as pydantic schemas: they shape the responses and generate the OpenAPI
document, so the document cannot drift from what is served."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.urls import reverse
from ninja import Schema
from pydantic import Field, WithJsonSchema

from gongkai import OrganKind, Severity
from gongkai.report.canonical import to_dict
from gongkai.web.api.openapi import REPORT_MARKER
from gongkai.web.reports import selectors
from gongkai.web.reports.models import AnnualReport, Entry

# The canonical report JSON is described by the library's own JSON Schema: the API document
# carries it as the ``Report`` component, put in place of this marker (``openapi.py``; pydantic
# refuses a reference to a schema it did not generate).
CanonicalReport = Annotated[dict[str, Any], WithJsonSchema({REPORT_MARKER: True})]


class Error(Schema):
    error: str = Field(description="稳定的错误代码，如 unauthorized、bad_parameter、not_found")
    message: str = Field(description="中文说明")


class Organ(Schema):
    id: int
    name: str
    kind: OrganKind
    parent: int | None

    @staticmethod
    def resolve_parent(organ: Any) -> int | None:
        return organ.parent_id


class Counts(Schema):
    error: int
    warning: int
    info: int


def _absolute(context: Any, name: str, filing: AnnualReport) -> str:
    return context["request"].build_absolute_uri(reverse(name, args=[filing.pk]))


class ReportSummary(Schema):
    id: int
    organ: Organ
    year: int
    version: int
    is_current: bool
    entry: Entry
    published_on: date | None
    filed_at: datetime
    original_name: str | None
    original_sha256: str | None
    counts: Counts
    url: str = Field(description="本报告（含规范 JSON 数据）的地址")
    findings_url: str = Field(description="本报告检查结果的地址")

    @staticmethod
    def resolve_original_name(filing: AnnualReport) -> str | None:
        return filing.original_name or None

    @staticmethod
    def resolve_original_sha256(filing: AnnualReport) -> str | None:
        return filing.original_sha256 or None

    @staticmethod
    def resolve_counts(filing: AnnualReport) -> dict[str, int]:
        return {
            "error": filing.error_count,
            "warning": filing.warning_count,
            "info": filing.info_count,
        }

    @staticmethod
    def resolve_url(filing: AnnualReport, context: Any) -> str:
        return _absolute(context, "api:report", filing)

    @staticmethod
    def resolve_findings_url(filing: AnnualReport, context: Any) -> str:
        return _absolute(context, "api:findings", filing)


class ReportDetail(ReportSummary):
    report: CanonicalReport = Field(description="报告的规范 JSON 数据")

    @staticmethod
    def resolve_report(filing: AnnualReport) -> dict[str, Any]:
        return to_dict(selectors.report_of(filing))


class Cell(Schema):
    table: str
    row: str | None = None
    column: str | None = None


class Finding(Schema):
    rule: str = Field(description="规则编号（DOMAIN §3），如 A1、P1")
    severity: Severity
    message_zh: str
    message_en: str
    cells: list[Cell]
    values: dict[str, Any]


class Findings(Schema):
    report: int
    findings: list[Finding]
