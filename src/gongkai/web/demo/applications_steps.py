"""Demo cases of the later workflow steps (示例数据): one waiting for reasons and one refused
after them (条例第三十五条), one told where to apply (第三十六条（五）), and one whose answer was
corrected by a new letter. Built by ``applications.DemoBuilder`` through the same services."""

from __future__ import annotations

from typing import Any

from gongkai.web.applications import corrections, decisions, reasons, referral, services
from gongkai.web.applications.models import Application

CONFIRMED = frozenset({"AP01", "AP04", "AP18", "AP20", "AP25"})
GROUNDS = "您自本年度以来已向本局提出政府信息公开申请26件，其中近一个月提出17件（示例）"


def awaiting_reasons(builder: Any, index: int) -> Application:
    case = services.start_processing(builder.clerk, builder.new(index, builder.workdays_ago(4)))
    return reasons.request_reasons(
        builder.clerk, case, grounds=GROUNDS, sent_on=builder.workdays_ago(2), confirm=CONFIRMED
    )


def refused_after_reasons(builder: Any, index: int) -> Application:
    case = services.start_processing(builder.clerk, builder.new(index, builder.workdays_ago(30)))
    case = reasons.request_reasons(
        builder.clerk, case, grounds=GROUNDS, sent_on=builder.workdays_ago(28), confirm=CONFIRMED
    )
    case = reasons.record_reasons(
        builder.clerk,
        case,
        verdict="unreasonable",
        received_on=builder.workdays_ago(20),
        reasons="想了解情况（示例）",
    )
    case = decisions.submit_for_review(builder.clerk, case)
    case = decisions.review(builder.reviewer, case, approve=True, note="同意")
    return decisions.issue_decision(
        builder.clerk, case, issued_on=builder.workdays_ago(15), confirm=CONFIRMED
    )


def referred(builder: Any, index: int) -> Application:
    case = services.start_processing(builder.clerk, builder.new(index, builder.workdays_ago(12)))
    case = referral.refer_elsewhere(
        builder.clerk,
        case,
        organ_name="青山区财政局（示例）",
        contact="青山区示例路2号，电话 0472-0000001（示例）",
        reason="所申请的区级部门预算执行信息由财政部门制作并保存（条例第十条）",
        dated=builder.workdays_ago(5),
        confirm=CONFIRMED,
    )
    return decisions.record_delivery(
        builder.clerk, case, delivered_on=builder.workdays_ago(4), record="EMS 示例单号 2200"
    )


def corrected(builder: Any, index: int) -> Application:
    case = builder.issued(index)
    answer = case.letters.get(kind="answer")
    corrections.correct_letter(
        builder.clerk,
        answer,
        reason="原答复书未写明提供信息的时间（示例）",
        title=answer.title,
        body=corrections.editable_body(answer).replace(
            "经审查，现依法答复如下。", "经审查，现依法答复如下，所附信息于签发之日一并邮寄。"
        ),
        confirm=CONFIRMED,
    )
    return Application.objects.get(pk=case.pk)


def steps(builder: Any, base: int) -> list[Any]:
    """The demo's calls for these cases, after ``base`` indexes of the others."""
    return [
        lambda: awaiting_reasons(builder, base),
        lambda: refused_after_reasons(builder, base + 1),
        lambda: referred(builder, base + 2),
        lambda: corrected(builder, base + 3),
    ]
