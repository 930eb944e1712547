"""Canonical JSON for a report, and its JSON Schema, generated from the format data.

Shape (``gongkai schema`` prints the full schema)::

    {"format": "2021", "organ": "青山区司法局", "year": 2023, "published_on": "2024-01-18",
     "sections": {"preamble": "…", "overview": "…", …},
     "tables": {"table3": {"new_received": {"natural_person": 3, …, "total": 5}, …}, …},
     "sources": {"table3.new_received.total": {"text": "5", "page": 3, "line": 12}}}

A missing cell is ``null``, never 0; a row the source does not have is left out. Numbers are exact:
decimals are read as ``Decimal``, and an amount that a binary float cannot carry is written as a
string of digits.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import jsonschema

from gongkai.errors import ReportInputError
from gongkai.report.formats import FORMATS, SECTIONS
from gongkai.report.model import Cell, Number, Report, Source
from gongkai.report.organs import OrganKind
from gongkai.report.spec import ColumnKind, FormatSpec, RowKind, TableSpec

SCHEMA_ID = "https://gongkai.example/schema/report-1.json"
EXTRA_SECTIONS = ("preamble", "closing")
_SOURCE_FIELDS = ("file", "page", "line", "table", "row", "column")


# ── Schema ─────────────────────────────────────────────────────────────────────────────────────


def _cell_schema(kind: ColumnKind) -> dict[str, Any]:
    if kind is ColumnKind.AMOUNT:
        return {
            "oneOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"},
                {"type": "null"},
            ]
        }
    return {"type": ["number", "null"]}


def _table_schema(table: TableSpec) -> dict[str, Any]:
    rows = [row for row in table.rows if row.kind is RowKind.DATA] + list(table.subtotal_rows())
    return {
        "type": "object",
        "description": table.title_zh,
        "additionalProperties": False,
        "properties": {
            row.key: {
                "type": "object",
                "description": row.label,
                "additionalProperties": False,
                "properties": {
                    column.key: {"description": column.label, **_cell_schema(column.kind)}
                    for column in row.columns
                },
            }
            for row in rows
        },
    }


def _format_tables_schema(spec: FormatSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            table.key: {"$ref": f"#/$defs/{table.key}_{spec.key}"} for table in spec.tables
        },
    }


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of canonical report JSON, for both formats."""
    defs: dict[str, Any] = {}
    conditions = []
    for spec in FORMATS.values():
        for table in spec.tables:
            defs[f"{table.key}_{spec.key}"] = _table_schema(table)
        defs[f"tables_{spec.key}"] = _format_tables_schema(spec)
        conditions.append(
            {
                "if": {"properties": {"format": {"const": spec.key}}},
                "then": {"properties": {"tables": {"$ref": f"#/$defs/tables_{spec.key}"}}},
            }
        )
    section_keys = [*EXTRA_SECTIONS[:1], *(s.key for s in SECTIONS), *EXTRA_SECTIONS[1:]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告 (gongkai canonical JSON)",
        "type": "object",
        "required": ["format", "organ", "year", "tables"],
        "additionalProperties": False,
        "properties": {
            "format": {
                "enum": list(FORMATS),
                "description": "2019: 国办公开办函〔2019〕60号; 2021: 〔2021〕30号",
            },
            "organ": {"type": "string", "minLength": 1},
            "year": {"type": "integer", "minimum": 2008, "maximum": 2100},
            "published_on": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "title": {"type": "string"},
            "source_url": {
                "type": "string",
                # no white space anywhere (a lookahead: '$' alone lets a final newline through)
                "pattern": r"^(?![\s\S]*\s)[hH][tT][tT][pP][sS]?://.+",
                "maxLength": 2048,
                "description": "原文链接（发布网页的地址）",
            },
            "organ_kind": {"enum": [kind.value for kind in OrganKind]},
            "sections": {
                "type": "object",
                "additionalProperties": False,
                "properties": {key: {"type": "string"} for key in section_keys},
            },
            "tables": {"type": "object"},
            "sources": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "text": {"type": "string"},
                        "file": {"type": "string"},
                        **{name: {"type": "integer"} for name in _SOURCE_FIELDS[1:]},
                    },
                },
            },
        },
        "allOf": conditions,
        "$defs": defs,
    }


# ── Reading ────────────────────────────────────────────────────────────────────────────────────


def loads(text: str | bytes, *, source_file: str | None = None) -> Report:
    """A ``Report`` from canonical JSON text; ``ReportInputError`` says what is wrong and where."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        reason = _JSON_ERRORS.get(error.msg, error.msg)
        raise ReportInputError(
            f"不是有效的 JSON：第{error.lineno}行第{error.colno}列，{reason}",
            where=source_file,
            code="json_syntax",
        ) from None
    except UnicodeDecodeError:
        raise ReportInputError(
            "文件不是 UTF-8 编码的文本", where=source_file, code="encoding"
        ) from None
    except RecursionError:
        raise ReportInputError("JSON 嵌套层数过深", where=source_file, code="json_syntax") from None
    except ValueError as error:  # an integer of thousands of digits, NaN or Infinity
        raise ReportInputError(
            f"JSON 中有无法接受的数值（{str(error)[:80]}）", where=source_file, code="json_syntax"
        ) from None
    return from_dict(data, source_file=source_file)


_JSON_ERRORS = {
    "Expecting value": "此处应为一个值",
    "Expecting property name enclosed in double quotes": "键名应使用双引号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Extra data": "JSON 结束后还有多余内容",
    "Unterminated string starting at": "字符串没有结束引号",
    "Invalid control character at": "字符串中有控制字符",
}


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} 不是有效的 JSON 数值")


@cache
def _validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(json_schema())


def from_dict(data: Any, *, source_file: str | None = None) -> Report:
    """A ``Report`` from parsed canonical JSON, validated against the schema first."""
    errors = list(_validator().iter_errors(data))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        path = "/".join(str(part) for part in error.absolute_path) or "（顶层）"
        raise ReportInputError(
            f"不符合年报 JSON 格式：位置 {path}：{_explain(error)}"
            + (f"（另有{len(errors) - 1}处问题）" if len(errors) > 1 else ""),
            where=source_file,
            code="schema",
        )
    published_on = None
    if "published_on" in data:
        try:
            published_on = date.fromisoformat(data["published_on"])
        except ValueError:
            raise ReportInputError(
                f"发布日期“{data['published_on']}”不是有效日期", where=source_file, code="schema"
            ) from None
    spec = FORMATS[data["format"]]
    sources = data.get("sources", {})
    report = Report(
        format=spec.key,
        organ=data["organ"],
        year=data["year"],
        sections=dict(data["sections"]) if "sections" in data else None,
        published_on=published_on,
        title=data.get("title"),
        organ_kind=OrganKind(data["organ_kind"]) if "organ_kind" in data else None,
        source_file=source_file,
        source_url=data.get("source_url"),
    )
    for table_key, rows in data["tables"].items():
        table = spec.table(table_key)
        report.tables[table_key] = {}
        for row_key, columns in rows.items():
            row = table.row(row_key)
            report.tables[table_key][row_key] = {
                key: _cell(
                    value,
                    row.column(key).kind,
                    sources.get(f"{table_key}.{row_key}.{key}"),
                    f"{table_key}/{row_key}/{key}",
                    source_file,
                )
                for key, value in columns.items()
            }
    return report


_TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "object": "对象（{…}）",
    "array": "数组（[…]）",
    "null": "null",
    "boolean": "true/false",
}


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:40] + "…"


def _explain(error: jsonschema.ValidationError) -> str:
    """A Chinese sentence for a schema violation."""
    rule = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    if rule == "additionalProperties":
        allowed = schema.get("properties", {})
        return "有不认识的键：" + "、".join(key for key in instance if key not in allowed)
    if rule == "required":
        return "缺少必需的键：" + "、".join(key for key in expected if key not in instance)
    if rule == "type":
        names = [expected] if isinstance(expected, str) else expected
        return f"应为{'或'.join(_TYPE_NAMES[name] for name in names)}，实际为 {_shown(instance)}"
    if rule == "oneOf":
        return f"应为数字、数字字符串或 null，实际为 {_shown(instance)}"
    if rule == "enum":
        options = "、".join(str(option) for option in expected)
        return f"应为 {options} 之一，实际为 {_shown(instance)}"
    if rule == "minimum":
        return f"不能小于 {expected}，实际为 {_shown(instance)}"
    if rule == "maximum":
        return f"不能大于 {expected}，实际为 {_shown(instance)}"
    if rule == "minLength":
        return "不能为空"
    if rule == "pattern":
        return f"格式不对：{_shown(instance)}（日期应写成 YYYY-MM-DD，金额应为数字）"
    return error.message


# Counts and amounts beyond these are not a report's numbers; refusing them also keeps a tiny
# file from asking for a number with a billion digits.
_LARGEST = Decimal("1e15")
_FINEST_EXPONENT = -12


def _number(value: Any, kind: ColumnKind) -> Number | None:
    """A cell's number from JSON; ``ValueError`` for numbers no report prints."""
    if value is None:
        return None
    number: Number = Decimal(value) if isinstance(value, str) else value
    if abs(Decimal(number)) >= _LARGEST:
        raise ValueError(f"数值 {_shown(value)} 过大")
    if isinstance(number, Decimal):
        exponent = number.as_tuple().exponent
        if not isinstance(exponent, int) or exponent < _FINEST_EXPONENT:
            raise ValueError(f"数值 {_shown(value)} 小数位过多")
        if kind is not ColumnKind.AMOUNT and number == number.to_integral_value():
            return int(number)
    return number


def _cell(
    value: Any, kind: ColumnKind, source: dict[str, Any] | None, path: str, file: str | None
) -> Cell:
    try:
        number = _number(value, kind)
    except ValueError as error:
        raise ReportInputError(
            f"不符合年报 JSON 格式：位置 {path}：{error}", where=file, code="schema"
        ) from None
    if source is None:
        return Cell(number)
    where = Source(**{name: source[name] for name in _SOURCE_FIELDS if name in source})
    return Cell(number, source.get("text"), where if where != Source() else None)


# ── Writing ────────────────────────────────────────────────────────────────────────────────────


def _json_number(value: Number | None) -> int | float | str | None:
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value() and value.as_tuple().exponent == 0:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value)


def to_dict(report: Report) -> dict[str, Any]:
    """The canonical JSON structure of a report, rows and sections in the format's order."""
    spec = report.spec
    data: dict[str, Any] = {"format": spec.key, "organ": report.organ, "year": report.year}
    if report.published_on is not None:
        data["published_on"] = report.published_on.isoformat()
    if report.title is not None:
        data["title"] = report.title
    if report.source_url is not None:
        data["source_url"] = report.source_url
    if report.organ_kind is not None:
        data["organ_kind"] = report.organ_kind.value
    if report.sections is not None:
        data["sections"] = dict(report.sections)
    tables: dict[str, Any] = {}
    sources: dict[str, Any] = {}
    for table in spec.tables:
        rows = report.tables.get(table.key)
        if rows is None:
            continue
        tables[table.key] = {}
        for row in table.rows:
            if row.key not in rows:
                continue
            cells = rows[row.key]
            tables[table.key][row.key] = {
                column.key: _json_number(cells[column.key].value)
                for column in row.columns
                if column.key in cells
            }
            for key, cell in cells.items():
                described = _describe_source(cell)
                if described:
                    sources[f"{table.key}.{row.key}.{key}"] = described
    data["tables"] = tables
    if sources:
        data["sources"] = sources
    return data


def _describe_source(cell: Cell) -> dict[str, Any]:
    described: dict[str, Any] = {}
    if cell.raw is not None:
        described["text"] = cell.raw
    if cell.source is not None:
        for name in _SOURCE_FIELDS:
            value = getattr(cell.source, name)
            if value is not None:
                described[name] = value
    return described


def dumps(report: Report, *, indent: int | None = 1) -> str:
    """Canonical JSON text of a report (UTF-8, Chinese as is)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)
