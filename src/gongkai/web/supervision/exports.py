"""The supervision page as an XLSX workbook: the status sheet and the totals of tables 三 and 四."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.report.labels import TABLE_NAMES, cell_label
from gongkai.web.supervision.selectors import TOTAL_TABLES, Overview
from gongkai.writers.xlsxwriter import append_row

STATUS_HEADERS = (
    "机关",
    "机关类型",
    "公开期限",
    "状态",
    "公开日期",
    "错误",
    "警告",
    "提示",
    "报送时间",
)


def overview_xlsx(overview: Overview) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "报送情况"
    append_row(
        sheet, [f"{overview.organ.name} {overview.year}年度政府信息公开工作年度报告报送情况"]
    )
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, list(STATUS_HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in overview.rows:
        report = row.report
        append_row(
            sheet,
            [
                row.organ.name,
                row.organ.get_kind_display(),
                row.due.isoformat() if row.due else "无法定期限",
                row.status.label,
                row.date_used.isoformat() if row.date_used else "",
                report.error_count if report else None,
                report.warning_count if report else None,
                report.info_count if report else None,
                report.filed_at.strftime("%Y-%m-%d %H:%M") if report else "",
            ],
        )
    sheet.column_dimensions["A"].width = 30
    totals = overview.totals
    if totals is not None:
        for table_key in TOTAL_TABLES:
            table_sheet = workbook.create_sheet(f"{TABLE_NAMES[table_key]}合计")
            append_row(table_sheet, [f"{TABLE_NAMES[table_key]}合计（{overview.counted}份报告）"])
            append_row(table_sheet, ["项目", "合计"])
            for spec_row, column in totals.spec.table(table_key).cells():
                value = totals.value(table_key, spec_row.key, column.key)
                append_row(
                    sheet, [cell_label(totals.format, table_key, spec_row.key, column.key), value]
                )
            table_sheet.column_dimensions["A"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
