"""The supervision page as an XLSX workbook: the per-organ sheet, the totals, the year-over-year
sheet, and native Excel charts drawn from those sheets. Times are local (Asia/Shanghai)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.report.figures import FIGURES, KeyFigures
from gongkai.web.supervision.history import History
from gongkai.web.supervision.selectors import OrganRow, Overview
from gongkai.writers.xlsxwriter import append_row

STATUS_HEADERS = (
    "机关",
    "机关类型",
    "公开期限",
    "状态",
    "公开日期",
    "错误",
    "警告",
    "算术错误",
    "报送时间（北京时间）",
)
BOLD = Font(bold=True)


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _organ_cells(row: OrganRow) -> list[Any]:
    report = row.report
    filed_at = timezone.localtime(report.filed_at).strftime("%Y-%m-%d %H:%M") if report else ""
    figures = row.figures or KeyFigures({})
    return [
        row.organ.name,
        row.organ.get_kind_display(),
        row.due.isoformat() if row.due else "无法定期限",
        row.status.label,
        row.date_used.isoformat() if row.date_used else "",
        report.error_count if report else None,
        report.warning_count if report else None,
        row.arithmetic_errors if report else None,
        filed_at,
        *[_number(figures.get(spec.key)) for spec in FIGURES],
        _percent(figures.share("granted")),
        _percent(figures.share("denied")),
        _percent(figures.share("unable")),
        _percent(figures.corrected_share),
    ]


SHARE_HEADERS = ("予以公开占比%", "不予公开占比%", "无法提供占比%", "复议诉讼纠正占比%")


def overview_xlsx(overview: Overview, history: History | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "报送情况"
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    append_row(
        sheet,
        [
            f"{overview.organ.name} {overview.year}年度政府信息公开工作年度报告报送情况"
            f"（导出时间 {now} 北京时间；{overview.mode.label}）"
        ],
    )
    sheet["A1"].font = BOLD
    append_row(sheet, [*STATUS_HEADERS, *(spec.label for spec in FIGURES), *SHARE_HEADERS])
    for cell in sheet[2]:
        cell.font = BOLD
    for row in overview.rows:
        append_row(sheet, _organ_cells(row))
    sheet.column_dimensions["A"].width = 30
    _totals_sheet(workbook, overview)
    if history is not None:
        _history_sheet(workbook, history)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _totals_sheet(workbook: Workbook, overview: Overview) -> None:
    sheet = workbook.create_sheet("合计")
    append_row(sheet, [f"主要指标合计（{overview.counted}份报告；{overview.mode.label}）"])
    sheet["A1"].font = BOLD
    append_row(sheet, ["指标", "合计"])
    for spec in FIGURES:
        value = overview.totals.get(spec.key) if overview.totals else None
        append_row(sheet, [f"{spec.label}（{spec.unit}）", _number(value)])
    if overview.excluded:
        append_row(sheet, [])
        append_row(sheet, ["未计入合计（有算术错误）"])
        for row in overview.excluded:
            append_row(sheet, [row.organ.name])
    sheet.column_dimensions["A"].width = 30
    chart = BarChart()
    chart.title = "申请办理结果"
    # Rows 7–12 of the sheet: 予以公开 … 其他处理 (FIGURES order).
    chart.add_data(Reference(sheet, min_col=2, min_row=7, max_row=12), titles_from_data=False)
    chart.set_categories(Reference(sheet, min_col=1, min_row=7, max_row=12))
    chart.legend = None
    sheet.add_chart(chart, "D2")


def _history_sheet(workbook: Workbook, history: History) -> None:
    sheet = workbook.create_sheet("逐年变化")
    append_row(sheet, ["年度", "报告数", *(spec.label for spec in FIGURES), "异常"])
    for cell in sheet[1]:
        cell.font = BOLD
    for row in history.rows:
        figures = row.figures or KeyFigures({})
        append_row(
            sheet,
            [
                row.year,
                history.reports.get(row.year, 0),
                *[_number(figures.get(spec.key)) for spec in FIGURES],
                "；".join(anomaly.label for anomaly in row.anomalies),
            ],
        )
    if len(history.rows) > 1:
        chart = LineChart()
        chart.title = "本年新收申请与办理结果总计"
        last = len(history.rows) + 1
        # columns C (本年新收申请) and E (本年办理结果总计)
        for column in (3, 5):
            chart.add_data(
                Reference(sheet, min_col=column, min_row=1, max_row=last), titles_from_data=True
            )
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
        sheet.add_chart(chart, "B" + str(last + 3))
