"""A report as one row of a data set: every cell named by its canonical key, beside the organ,
the year, the format, the source file and the reader's and checker's findings.

This is what a researcher would otherwise type by hand from hundreds of reports. The columns are
the same for every row whatever the format (the union of both formats' cells, 2021 first), so
reports of 2019–2020 and 2021 on sit in one table; a cell the report's format does not have, or
that the report leaves blank, is empty — never 0.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from gongkai.report.figures import FIGURES, key_figures
from gongkai.report.findings import Finding, Severity
from gongkai.report.formats import FORMAT_2019, FORMAT_2021, TABLE_KEYS
from gongkai.report.labels import cell_label
from gongkai.report.model import Report

META_COLUMNS = (
    "file",
    "organ",
    "year",
    "format",
    "organ_kind",
    "published_on",
    "errors",
    "warnings",
    "infos",
    "rules",
    "unreadable",
)
META_LABELS = {
    "file": "源文件",
    "organ": "机关",
    "year": "年度",
    "format": "格式",
    "organ_kind": "机关类型",
    "published_on": "公开日期",
    "errors": "错误数",
    "warnings": "警告数",
    "infos": "提示数",
    "rules": "违反的规则",
    "unreadable": "无法读取的原因",
    "findings": "检查结果（JSON）",
}


def _cell_columns() -> list[tuple[str, str]]:
    """(column name, Chinese label) of every cell of both formats, 2021 first, no duplicates."""
    seen: dict[str, str] = {}
    for spec in (FORMAT_2021, FORMAT_2019):
        for table_key in TABLE_KEYS:
            for row, column in spec.table(table_key).cells():
                name = f"{table_key}.{row.key}.{column.key}"
                if name not in seen:
                    seen[name] = cell_label(spec.key, table_key, row.key, column.key)
    return list(seen.items())


CELL_COLUMNS = _cell_columns()
FIGURE_COLUMNS = [(f"figure.{spec.key}", f"主要指标：{spec.label}") for spec in FIGURES]
COLUMNS = (
    *META_COLUMNS,
    *(name for name, _ in FIGURE_COLUMNS),
    *(name for name, _ in CELL_COLUMNS),
    "findings",
)
LABELS = {**META_LABELS, **dict(FIGURE_COLUMNS), **dict(CELL_COLUMNS)}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def report_row(report: Report, findings: Sequence[Finding], file: str) -> dict[str, Any]:
    """The data-set row of one report (values are str, int, float or None)."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(
        {
            "file": file,
            "organ": report.organ,
            "year": report.year,
            "format": report.format,
            "organ_kind": report.organ_kind.value if report.organ_kind else None,
            "published_on": report.published_on.isoformat() if report.published_on else None,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "rules": " ".join(sorted({finding.rule for finding in findings})),
            "findings": json.dumps([f.as_dict() for f in findings], ensure_ascii=False),
        }
    )
    figures = key_figures(report)
    for spec in FIGURES:
        row[f"figure.{spec.key}"] = _plain(figures.get(spec.key))
    for table_key, row_key, column_key, cell in report.iter_cells():
        name = f"{table_key}.{row_key}.{column_key}"
        if name in row:
            row[name] = _plain(cell.value)
    return row


def unreadable_row(file: str, reason: str) -> dict[str, Any]:
    """The row of a file that could not be read: its name and why."""
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update({"file": file, "unreadable": reason})
    return row
