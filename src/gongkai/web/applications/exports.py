"""The 办理台账 register as XLSX (WORKBENCH §A4.3 columns). Every value is written as a typed
cell: text stays text — a value starting with ``=``, ``+``, ``-`` or ``@`` is never a formula —
and identity and phone numbers are masked (个人信息保护法第五十一条)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from gongkai.law.outcomes import rule_for
from gongkai.web.applications.models import (
    APPLICANT_KIND_CHOICES,
    CHANNEL_CHOICES,
    PROVISION_CHOICES,
    Application,
)
from gongkai.web.applications.workflow import Status

COLUMNS = (
    "申请编号",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "收到申请日期",
    "申请方式",
    "申请内容",
    "状态",
    "补正告知日期",
    "补正事项",
    "收到补正日期",
    "延期批准日期",
    "延长工作日",
    "征求意见",
    "收费",
    "答复期限",
    "答复日期",
    "办理结果",
    "提供形式",
    "送达日期",
    "示例数据",
)


def _row(case: Application) -> list[Any]:
    consultations = "；".join(
        f"{c.party} {c.started_on}–{c.answered_on or '未复'}" for c in case.consultations.all()
    )
    fees = "；".join(
        f"{f.amount}元 {f.sent_on} {'已缴' if f.paid_on else '未缴'}" for f in case.fees.all()
    )
    return [
        case.number,
        dict(APPLICANT_KIND_CHOICES)[case.applicant_kind],
        case.applicant_name,
        case.masked_identity,
        case.masked_phone,
        case.received_on,
        str(dict(CHANNEL_CHOICES)[case.channel]),
        case.request_text,
        Status(case.status).label,
        case.correction_sent_on,
        case.correction_items,
        case.correction_received_on,
        case.extension_approved_on,
        case.extension_days,
        consultations,
        fees,
        case.reply_due,
        case.decided_on,
        rule_for(case.outcome_enum).name if case.outcome_enum else "",
        str(dict(PROVISION_CHOICES)[case.provision_form]),
        case.delivered_on,
        "示例数据" if case.is_demo else "",
    ]


def register_xlsx(cases: Iterable[Application], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "办理台账"
    sheet.append([title])
    sheet.append(list(COLUMNS))
    for case in cases:
        sheet.append([None] * len(COLUMNS))
        row = sheet.max_row
        for column, value in enumerate(_row(case), start=1):
            cell = sheet.cell(row=row, column=column)
            cell.value = value
            if isinstance(value, str):
                # openpyxl takes a str starting with "=" for a formula: it stays text here.
                cell.data_type = TYPE_STRING
            elif value is not None and hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
