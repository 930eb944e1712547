"""The OpenAPI 3.1 description of the JSON API (served at ``/api/v1/openapi.json``)."""

from __future__ import annotations

from typing import Any

import gongkai
from gongkai.report.canonical import json_schema

_ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
}
_ORGAN = {
    "type": "object",
    "required": ["id", "name", "kind", "parent"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": [kind.value for kind in gongkai.OrganKind]},
        "parent": {"type": ["integer", "null"]},
    },
}
_COUNTS = {
    "type": "object",
    "properties": {k: {"type": "integer"} for k in ("error", "warning", "info")},
}
_REPORT_SUMMARY = {
    "type": "object",
    "required": ["id", "organ", "year", "version", "is_current", "counts", "url"],
    "properties": {
        "id": {"type": "integer"},
        "organ": {"$ref": "#/components/schemas/Organ"},
        "year": {"type": "integer"},
        "version": {"type": "integer"},
        "is_current": {"type": "boolean"},
        "entry": {"type": "string", "enum": ["upload", "form"]},
        "published_on": {"type": ["string", "null"], "format": "date"},
        "filed_at": {"type": "string", "format": "date-time"},
        "original_name": {"type": ["string", "null"]},
        "original_sha256": {"type": ["string", "null"]},
        "counts": {"$ref": "#/components/schemas/Counts"},
        "url": {"type": "string", "format": "uri"},
        "findings_url": {"type": "string", "format": "uri"},
    },
}
_FINDING = {
    "type": "object",
    "required": ["rule", "severity", "message_zh", "message_en", "cells", "values"],
    "properties": {
        "rule": {"type": "string", "description": "规则编号（DOMAIN §3），如 A1、P1"},
        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
        "message_zh": {"type": "string"},
        "message_en": {"type": "string"},
        "cells": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "table": {"type": "string"},
                    "row": {"type": ["string", "null"]},
                    "column": {"type": ["string", "null"]},
                },
            },
        },
        "values": {"type": "object"},
    },
}


def _ok(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS = {
    "401": _ok({"$ref": "#/components/schemas/Error"}, "缺少或无效的令牌"),
    "405": _ok({"$ref": "#/components/schemas/Error"}, "只读接口，仅支持 GET"),
}
_NOT_FOUND = {"404": _ok({"$ref": "#/components/schemas/Error"}, "不存在或无权查看")}
_REPORT_ID = {"name": "report_id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _results(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"results": {"type": "array", "items": {"$ref": ref}}},
    }


def _rehomed(node: Any) -> Any:
    """The report schema's ``#/$defs/x`` references, pointed at ``components/schemas``."""
    if isinstance(node, dict):
        return {
            key: (
                "#/components/schemas/Report_" + value.removeprefix("#/$defs/")
                if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/")
                else _rehomed(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rehomed(item) for item in node]
    return node


def openapi_schema() -> dict[str, Any]:
    report_schema = _rehomed(json_schema())
    report_schema.pop("$schema", None)
    report_schema.pop("$id", None)
    report_defs = {f"Report_{key}": value for key, value in report_schema.pop("$defs", {}).items()}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "gongkai API",
            "version": "1",
            "description": (
                "政府信息公开工作年度报告及检查结果的只读接口。令牌在“我的账号”页面创建。"
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}],
        "paths": {
            "/organs/": {
                "get": {
                    "summary": "可查看的机关",
                    "operationId": "listOrgans",
                    "responses": {
                        "200": _ok(_results("#/components/schemas/Organ"), "机关列表"),
                        **_ERRORS,
                    },
                }
            },
            "/reports/": {
                "get": {
                    "summary": "可查看的年度报告（默认只含现行版本）",
                    "operationId": "listReports",
                    "parameters": [
                        {"name": "organ", "in": "query", "schema": {"type": "integer"}},
                        {"name": "year", "in": "query", "schema": {"type": "integer"}},
                        {
                            "name": "all",
                            "in": "query",
                            "description": "1：包括被替换的历史版本",
                            "schema": {"type": "string", "enum": ["1"]},
                        },
                    ],
                    "responses": {
                        "200": _ok(_results("#/components/schemas/ReportSummary"), "报告列表"),
                        "400": _ok({"$ref": "#/components/schemas/Error"}, "参数错误"),
                        **_ERRORS,
                    },
                }
            },
            "/reports/{report_id}/": {
                "get": {
                    "summary": "一份报告，含规范 JSON 数据",
                    "operationId": "getReport",
                    "parameters": [_REPORT_ID],
                    "responses": {
                        "200": _ok(
                            {
                                "allOf": [
                                    {"$ref": "#/components/schemas/ReportSummary"},
                                    {
                                        "type": "object",
                                        "properties": {
                                            "report": {"$ref": "#/components/schemas/Report"}
                                        },
                                    },
                                ]
                            },
                            "报告",
                        ),
                        **_ERRORS,
                        **_NOT_FOUND,
                    },
                }
            },
            "/reports/{report_id}/findings/": {
                "get": {
                    "summary": "报告的检查结果",
                    "operationId": "getFindings",
                    "parameters": [_REPORT_ID],
                    "responses": {
                        "200": _ok(
                            {
                                "type": "object",
                                "properties": {
                                    "report": {"type": "integer"},
                                    "findings": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/Finding"},
                                    },
                                },
                            },
                            "检查结果",
                        ),
                        **_ERRORS,
                        **_NOT_FOUND,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "Token <令牌>",
                }
            },
            "schemas": {
                "Error": _ERROR,
                "Organ": _ORGAN,
                "Counts": _COUNTS,
                "ReportSummary": _REPORT_SUMMARY,
                "Finding": _FINDING,
                "Report": report_schema,
                **report_defs,
            },
        },
    }
