"""The API object: django-ninja generates the OpenAPI 3.1 document from the schemas and the
operations' signatures; this adds the library's JSON Schema of canonical report JSON to it."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import JSONRenderer

from gongkai.report.canonical import json_schema

REPORT_PREFIX = "Report_"
REPORT_MARKER = "x-gongkai-canonical-report"
REPORT_REF = {"$ref": "#/components/schemas/Report"}


class ChineseJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


def _rehomed(node: Any) -> Any:
    """The report schema's ``#/$defs/x`` references, pointed at ``#/components/schemas``."""
    if isinstance(node, dict):
        return {
            key: (
                "#/components/schemas/" + REPORT_PREFIX + value.removeprefix("#/$defs/")
                if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/")
                else _rehomed(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rehomed(item) for item in node]
    return node


def _marker_replaced(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get(REPORT_MARKER):
            return REPORT_REF
        return {key: _marker_replaced(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_marker_replaced(item) for item in node]
    return node


def report_components() -> dict[str, Any]:
    """``Report`` and its parts, as OpenAPI components."""
    schema = _rehomed(json_schema())
    schema.pop("$schema", None)
    schema.pop("$id", None)
    parts = {REPORT_PREFIX + key: value for key, value in schema.pop("$defs", {}).items()}
    return {"Report": schema, **parts}


class GongkaiAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = document["components"].setdefault("schemas", {})
        schemas.update(_marker_replaced(schemas))
        schemas.update(report_components())
        return document
