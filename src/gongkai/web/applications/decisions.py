"""The second half of a case: fees (109号), the decision as one table 三 outcome, review at the
organ's levels, signing and issue, delivery, closing, withdrawal, and 当场答复.

Each function is one step through ``services.step`` (lock, transition, deadlines, timeline and
audit in one transaction).
"""

from __future__ import annotations

import datetime
from typing import Any

from gongkai.law import (
    FeeApplication,
    FeeInputError,
    FeeMethod,
    Outcome,
    monthly_ordinals,
    quote_by_volume,
    quote_per_item,
)
from gongkai.law.outcomes import rule_for
from gongkai.web.applications import clock
from gongkai.web.applications.errors import ApplicationError, NotAllowedError, PreIssueError
from gongkai.web.applications.models import Application, OrganSettings
from gongkai.web.applications.services import require_date, step
from gongkai.web.applications.workflow import Status

# The outcomes whose letter must name what was withheld, and why (条例第三十六条（三）、第三十七条).
DENIALS = frozenset(o for o in Outcome if o.value.startswith("denied-"))
NEEDS_REASON = DENIALS | {Outcome.PARTIAL}
# Outcomes reached by the organ's own answer (a letter after review), not by the applicant's
# silence or withdrawal.
SYSTEM_OUTCOMES = frozenset({Outcome.NO_CORRECTION, Outcome.FEE_UNPAID})


def organ_settings(organ: Any) -> OrganSettings:
    found, _ = OrganSettings.objects.get_or_create(
        organ=organ, defaults={"short_name": organ.name[:4]}
    )
    return found


# ── Fees (国办函〔2020〕109号) ──────────────────────────────────────────────────────────────────


def month_ordinal(case: Application) -> int:
    """k: this application's place among the same applicant's applications to this organ in
    its calendar month (109号第四条 "一个自然月内累计"; per organ, DOMAIN §4.9 [M])."""
    first = case.received_on.replace(day=1)
    same = Application.objects.filter(
        organ=case.organ,
        identity_number=case.identity_number,
        received_on__gte=first,
        received_on__lte=case.received_on,
    )
    # Same-day applications count in the order they were registered: without an ORDER BY,
    # PostgreSQL returns them in any order, and the sort by date keeps that order for ties.
    same = same.order_by("received_on", "pk").values_list("pk", "received_on")
    listed = [FeeApplication(pk, case.identity_number, case.organ_id, day) for pk, day in same]
    return monthly_ordinals(listed)[case.pk]


def send_fee_notice(
    actor: Any,
    case: Application,
    *,
    method: str,
    pages: int = 0,
    sent_on: datetime.date,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Application:
    """第四十二条 and 109号: the fee notice, the amount computed by ``gongkai.law.fees``."""
    from gongkai.web.applications import letters

    try:
        fee_method = FeeMethod(method)
        quote = (
            quote_per_item(month_ordinal(case))
            if fee_method is FeeMethod.PER_ITEM
            else quote_by_volume(pages)
        )
    except ValueError as error:
        message = error.args[0] if isinstance(error, FeeInputError) else f"计收方式“{method}”无效"
        raise ApplicationError(message, "method") from None

    def change(locked: Application) -> None:
        require_date(sent_on, "收费通知日期", not_before=locked.received_on)
        locked.fees.create(
            method=fee_method.value,
            units=quote.quantity,
            amount=quote.amount,
            explanation=quote.explain(),
            sent_on=sent_on,
        )
        letters.issue_new(actor, locked, "fee", sent_on, confirm)

    return step(
        actor,
        case,
        "send_fee_notice",
        change,
        expected_version=expected_version,
        note=quote.explain(),
        public_text=f"已发出收费通知：{quote.amount} 元",
    )


def record_payment(
    actor: Any, case: Application, *, paid_on: datetime.date, expected_version: int | None = None
) -> Application:
    def change(locked: Application) -> None:
        fee = locked.fees.last()
        assert fee is not None  # AWAITING_FEE is reached only through a fee notice
        require_date(paid_on, "缴费日期", not_before=fee.sent_on)
        fee.paid_on = paid_on
        fee.save()

    return step(
        actor,
        case,
        "record_payment",
        change,
        expected_version=expected_version,
        public_text="已缴纳信息处理费，继续办理",
    )


def close_fee_unpaid(
    actor: Any,
    case: Application,
    *,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Application:
    """109号: not paid within 20 working days ⇒ deemed abandoned (表三（六）2); the applicant is
    told by a 终止办理告知书."""
    from gongkai.web.applications import letters

    def change(locked: Application) -> None:
        result = clock.compute(locked)
        due = result.fee_payment.due if result.fee_payment else None
        if due is None or clock.today() <= due:
            raise ApplicationError(f"缴费期限 {due} 尚未届满，不能按逾期未缴费终止办理")
        locked.outcome = Outcome.FEE_UNPAID.value
        locked.decided_on = clock.today()
        letters.issue_new(actor, locked, "termination", clock.today(), confirm)

    return step(
        actor,
        case,
        "close_fee_unpaid",
        change,
        expected_version=expected_version,
        public_text="逾期未缴纳信息处理费，视为放弃申请，不再处理",
    )


# ── The decision ─────────────────────────────────────────────────────────────────────────────


def draft_decision(
    actor: Any,
    case: Application,
    *,
    outcome: str,
    decision_text: str,
    withheld_parts: str = "",
    withheld_reason: str = "",
    search_record: str = "",
    responsible_organ: str = "",
    secrecy_reviewed: bool = False,
    expected_version: int | None = None,
) -> Application:
    """One table 三 outcome with its facts; 部分公开 and 不予公开 say what is withheld and why.
    The answer letter is drafted from it (``letters.draft_answer``)."""
    from gongkai.web.applications import letters

    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise ApplicationError(f"办理结果“{outcome}”无效", "outcome") from None
    if chosen in SYSTEM_OUTCOMES:
        raise ApplicationError(
            "逾期未补正、逾期未缴费由系统在期限届满后终止办理，不能直接选择", "outcome"
        )
    if not decision_text.strip():
        raise ApplicationError("请写明答复的事实和理由", "decision_text")
    if chosen in NEEDS_REASON and not (withheld_parts.strip() and withheld_reason.strip()):
        raise ApplicationError(
            "部分公开或不予公开的，须写明不予公开的内容及理由（条例第三十六条（三）、第三十七条）",
            "withheld_reason",
        )

    def change(locked: Application) -> None:
        locked.outcome = chosen.value
        locked.decision_text = decision_text.strip()
        locked.withheld_parts = withheld_parts.strip()
        locked.withheld_reason = withheld_reason.strip()
        locked.search_record = search_record.strip()
        locked.responsible_organ = responsible_organ.strip()
        locked.secrecy_reviewed = secrecy_reviewed
        locked.review_level_done = 0
        letters.draft_answer(locked)

    return step(
        actor,
        case,
        "draft_decision",
        change,
        expected_version=expected_version,
        note=f"拟定办理结果：{rule_for(chosen).name}",
    )


def submit_for_review(
    actor: Any, case: Application, *, expected_version: int | None = None
) -> Application:
    return step(
        actor, case, "submit_for_review", lambda locked: None, expected_version=expected_version
    )


def review(
    actor: Any,
    case: Application,
    *,
    approve: bool,
    note: str = "",
    expected_version: int | None = None,
) -> Application:
    """One level of review; the last configured level (1–3) approves the answer for signing."""
    from gongkai.web.accounts.permissions import can_review_application

    def change(locked: Application) -> None:
        level = locked.review_level_done + 1
        if not can_review_application(actor, locked.organ, level):
            raise NotAllowedError(f"您不是本机关第 {level} 级审核人")
        if not approve and not note.strip():
            raise ApplicationError("退回修改须写明意见", "note")
        locked.reviews.create(level=level, reviewer=actor, approved=approve, note=note.strip())
        if not approve:
            locked.review_level_done = 0
            locked.status = Status.DRAFTED.value
            return
        locked.review_level_done = level
        if level >= organ_settings(locked.organ).review_levels:
            locked.status = Status.APPROVED.value

    # "approve" keeps the state unless the last level is reached (set inside ``change``).
    return step(
        actor,
        case,
        "approve",
        change,
        expected_version=expected_version,
        note=("通过" if approve else "退回：") + note,
    )


def issue_decision(
    actor: Any,
    case: Application,
    *,
    issued_on: datetime.date,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Application:
    """Sign and issue the answer letter: pre-issue checks, then the bytes are fixed."""
    from gongkai.web.applications import letters

    if case.letters.filter(kind="answer", issued_at__isnull=False).exists():
        raise PreIssueError([letters.issued_twice(case)])

    def change(locked: Application) -> None:
        require_date(issued_on, "签发日期", not_before=locked.received_on)
        locked.decided_on = issued_on
        letters.issue_answer(actor, locked, issued_on, confirm)

    return step(
        actor,
        case,
        "issue_decision",
        change,
        expected_version=expected_version,
        public_text="已作出答复",
    )


def record_delivery(
    actor: Any,
    case: Application,
    *,
    delivered_on: datetime.date,
    record: str,
    expected_version: int | None = None,
) -> Application:
    """国办公开办函〔2016〕235号: 交邮之日 for post, 签收之日 for direct delivery
    (WORKBENCH §A4.2)."""
    if not record.strip():
        raise ApplicationError("请写明送达方式及凭证（如 EMS 单号、签收人）", "record")

    def change(locked: Application) -> None:
        require_date(delivered_on, "送达日期", not_before=locked.decided_on)
        locked.delivered_on = delivered_on
        locked.delivery_record = record.strip()

    return step(
        actor,
        case,
        "record_delivery",
        change,
        expected_version=expected_version,
        public_text="答复已送达",
    )


def close(actor: Any, case: Application, *, expected_version: int | None = None) -> Application:
    """条例第四十五条: 归档."""
    return step(
        actor,
        case,
        "close",
        lambda locked: None,
        expected_version=expected_version,
        public_text="已办结",
    )


def withdraw(
    actor: Any, case: Application, *, note: str, expected_version: int | None = None
) -> Application:
    """The applicant withdraws: counted in table 三 as （六）3 其他."""
    if not note.strip():
        raise ApplicationError("请写明撤回方式（如书面撤回申请书）", "note")

    def change(locked: Application) -> None:
        locked.outcome = Outcome.OTHER.value
        locked.decided_on = clock.today()

    return step(
        actor,
        case,
        "withdraw",
        change,
        expected_version=expected_version,
        note=note,
        public_text="申请人已撤回申请",
    )


def answer_on_the_spot(
    actor: Any,
    case: Application,
    *,
    outcome: str,
    decision_text: str,
    expected_version: int | None = None,
) -> Application:
    """第三十三条第一款: an answer that can be given on the spot is given on the spot."""
    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise ApplicationError(f"办理结果“{outcome}”无效", "outcome") from None
    if chosen in NEEDS_REASON or chosen in SYSTEM_OUTCOMES:
        raise ApplicationError("不予公开、部分公开须经审核并出具书面答复，不能当场答复", "outcome")
    if not decision_text.strip():
        raise ApplicationError("请写明当场答复的内容", "decision_text")

    def change(locked: Application) -> None:
        locked.on_the_spot = True
        locked.outcome = chosen.value
        locked.decision_text = decision_text.strip()
        locked.decided_on = locked.received_on

    return step(
        actor,
        case,
        "answer_on_the_spot",
        change,
        expected_version=expected_version,
        public_text="已当场答复",
    )


def suggest_proactive_disclosure(actor: Any, case: Application) -> Any:
    """第四十四条: several applicants asked for the same information and it was disclosed; a
    draft item for the publishing workflow, with no applicant's identity (DOMAIN §4.6)."""
    from django.db import transaction

    from gongkai.web.applications.models import DisclosureSuggestion
    from gongkai.web.applications.selectors import same_request_count
    from gongkai.web.audit.services import record_change, snapshot

    count = same_request_count(case)
    if count < 2:
        raise ApplicationError("只有多个申请人申请公开同一政府信息且已公开的，才建议转为主动公开")
    with transaction.atomic():
        item = DisclosureSuggestion.objects.create(
            organ=case.organ,
            title=case.request_text[:300],
            description=(
                f"已有 {count} 位申请人申请公开该信息并已依申请公开，建议依照条例第四十四条"
                "纳入主动公开范围。"
            ),
            request_count=count,
        )
        record_change(
            actor,
            "application.suggest_proactive",
            item,
            None,
            snapshot(item, ("title", "request_count")),
            organ=case.organ,
        )
    return item
