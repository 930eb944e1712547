"""Every step of an application, one function each (条例第三十条–第四十五条).

Views, commands, tasks and tests call these functions and nothing else changes a case. Each step:
locks the case row (``select_for_update``; on SQLite the IMMEDIATE transaction serialises
writers), refuses it when the page was stale (``expected_version``), checks the transition against
``workflow.ACTIONS``, changes the case, recomputes its deadlines through ``gongkai.law``, adds a
timeline entry and writes the audit log — all in one transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from gongkai.law import Outcome
from gongkai.web.applications import clock
from gongkai.web.applications.errors import (
    ApplicationError,
    ConflictError,
    InvalidTransitionError,
    NotAllowedError,
)
from gongkai.web.applications.models import Application, TimelineEntry
from gongkai.web.applications.workflow import ACTIONS, CLOSED_STATES, Status
from gongkai.web.audit.services import record_change

AUDITED = (
    "status",
    "outcome",
    "correction_sent_on",
    "correction_received_on",
    "extension_days",
    "decided_on",
    "delivered_on",
    "reply_due",
    "review_level_done",
)


def actor_name(actor: Any) -> str:
    if actor is None or getattr(actor, "pk", None) is None:
        return "系统"
    return str(actor)


def lock(case: Application, expected_version: int | None) -> Application:
    """The case's row, locked for this transaction; ``ConflictError`` when it changed since
    the person's page showed ``expected_version``."""
    locked = Application.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(
            "该申请已被他人修改（可能有人同时在办理），请刷新页面后重试，您的操作未保存"
        )
    return locked


def check_transition(case: Application, action_key: str) -> None:
    action = ACTIONS[action_key]
    if case.state not in action.sources:
        if case.state in CLOSED_STATES:
            raise InvalidTransitionError(
                f"申请 {case.number} 已{case.state.label}，不能再“{action.label}”"
            )
        raise InvalidTransitionError(
            f"申请 {case.number} 当前状态为“{case.state.label}”，不能“{action.label}”"
        )


def _audit_state(case: Application) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in AUDITED:
        value = getattr(case, name)
        values[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return values


def step(
    actor: Any,
    case: Application,
    action_key: str,
    change: Any,
    *,
    expected_version: int | None = None,
    note: str = "",
    public_text: str = "",
) -> Application:
    """Run one workflow step: ``change(locked_case)`` sets the fields (and may raise
    ``ApplicationError``); the rest — lock, transition check, deadlines, timeline, audit — is
    the same for every step. Returns the saved case."""
    with transaction.atomic():
        locked = lock(case, expected_version)
        check_transition(locked, action_key)
        before = _audit_state(locked)
        change(locked)
        target = ACTIONS[action_key].target
        if target is not None:
            locked.status = target.value
        locked.is_open = locked.state not in CLOSED_STATES
        clock.refresh(locked)
        locked.version += 1
        locked.save()
        TimelineEntry.objects.create(
            application=locked,
            actor_name=actor_name(actor),
            action=ACTIONS[action_key].label,
            note=note,
            public_text=public_text,
        )
        record_change(
            actor,
            f"application.{action_key}",
            locked,
            before,
            _audit_state(locked),
            organ=locked.organ,
        )
    return locked


def require_date(
    day: datetime.date | None, what: str, *, not_before: datetime.date | None = None
) -> datetime.date:
    """A date a step records: given, not in the future, not before ``not_before``."""
    if day is None:
        raise ApplicationError(f"请填写{what}", "date")
    if day > clock.today():
        raise ApplicationError(f"{what} {day} 晚于今天，不能登记未来的日期", "date")
    if not_before is not None and day < not_before:
        raise ApplicationError(f"{what} {day} 早于 {not_before}，请核对", "date")
    return day


# ── 补正 (第三十条) ────────────────────────────────────────────────────────────────────────────


def request_correction(
    actor: Any,
    case: Application,
    *,
    items: str,
    sent_on: datetime.date,
    period_end: datetime.date,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Application:
    """第三十条: one notice listing every item to correct, with a reasonable period. The 补正
    notice letter is issued in the same transaction (its pre-issue checks apply)."""
    from gongkai.web.applications import letters

    if not items.strip():
        raise ApplicationError(
            "补正告知必须逐项写明需要补正的事项（第三十条：一次性告知）", "items"
        )

    def change(locked: Application) -> None:
        if locked.correction_sent_on is not None:
            raise InvalidTransitionError("补正告知只能发出一次（第三十条：一次性告知）")
        require_date(sent_on, "补正告知日期", not_before=locked.received_on)
        if period_end <= sent_on:
            raise ApplicationError("补正期限应晚于补正告知日期", "period_end")
        locked.correction_sent_on = sent_on
        locked.correction_items = items.strip()
        locked.correction_period_end = period_end
        letters.issue_new(actor, locked, "correction", sent_on, confirm)

    return step(
        actor,
        case,
        "request_correction",
        change,
        expected_version=expected_version,
        note=items.strip(),
        public_text=f"已发出补正告知，请在 {period_end} 前补正",
    )


def receive_correction(
    actor: Any,
    case: Application,
    *,
    received_on: datetime.date,
    expected_version: int | None = None,
) -> Application:
    """第三十条: the reply period runs again from the day the corrected application arrives."""

    def change(locked: Application) -> None:
        require_date(received_on, "收到补正日期", not_before=locked.correction_sent_on)
        locked.correction_received_on = received_on

    return step(
        actor,
        case,
        "receive_correction",
        change,
        expected_version=expected_version,
        public_text="已收到补正材料，正在办理",
    )


def close_without_correction(
    actor: Any,
    case: Application,
    *,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Application:
    """第三十条: no correction within the period ⇒ deemed abandoned (表三（六）1); the applicant
    is told by a 终止办理告知书."""
    from gongkai.web.applications import letters

    def change(locked: Application) -> None:
        end = locked.correction_period_end
        if end is None or clock.today() <= end:
            raise ApplicationError(f"补正期限 {end} 尚未届满，不能按逾期未补正终止办理")
        locked.outcome = Outcome.NO_CORRECTION.value
        locked.decided_on = clock.today()
        letters.issue_new(actor, locked, "termination", clock.today(), confirm)

    return step(
        actor,
        case,
        "close_no_correction",
        change,
        expected_version=expected_version,
        public_text="逾期未补正，视为放弃申请，不再处理",
    )


# ── Processing, consultation, extension ──────────────────────────────────────────────────────


def start_processing(
    actor: Any, case: Application, *, expected_version: int | None = None
) -> Application:
    return step(
        actor,
        case,
        "start_processing",
        lambda locked: None,
        expected_version=expected_version,
        public_text="正在办理",
    )


def start_consultation(
    actor: Any,
    case: Application,
    *,
    kind: str,
    party: str,
    started_on: datetime.date,
    expected_version: int | None = None,
) -> Application:
    """第三十二条 / 第三十四条: a written consultation; its time is left out of the reply period
    (第三十三条第三款)."""
    from gongkai.law import ConsultationKind

    try:
        ConsultationKind(kind)
    except ValueError:
        raise ApplicationError(f"征求意见类型“{kind}”无效", "kind") from None
    if not party.strip():
        raise ApplicationError("请填写征求意见的对象", "party")

    def change(locked: Application) -> None:
        require_date(started_on, "发出征求意见书日期", not_before=locked.received_on)
        locked.consultations.create(kind=kind, party=party.strip(), started_on=started_on)

    return step(
        actor,
        case,
        "start_consultation",
        change,
        expected_version=expected_version,
        note=party,
        public_text="正在征求有关方面意见（所需时间不计入答复期限）",
    )


def record_opinion(
    actor: Any,
    case: Application,
    *,
    answered_on: datetime.date,
    opinion: str,
    expected_version: int | None = None,
) -> Application:
    """The oldest unanswered consultation gets its answer; with none left the case is back in
    progress."""

    def change(locked: Application) -> None:
        pending = locked.consultations.filter(answered_on__isnull=True).first()
        if pending is None:
            raise InvalidTransitionError("没有待回复的征求意见")
        require_date(answered_on, "收到意见日期", not_before=pending.started_on)
        pending.answered_on = answered_on
        pending.opinion = opinion.strip()
        pending.save()
        if not locked.consultations.filter(answered_on__isnull=True).exists():
            locked.status = Status.IN_PROGRESS.value

    return step(
        actor, case, "record_opinion", change, expected_version=expected_version, note=opinion
    )


def extend(
    actor: Any,
    case: Application,
    *,
    approver: Any,
    approved_on: datetime.date,
    days: int,
    reason: str,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Application:
    """第三十三条第二款: approved by the head of the 政府信息公开工作机构 before the reply deadline,
    at most 20 working days, and the applicant told (the 延期答复告知书 goes out here)."""
    from gongkai.web.accounts.permissions import can_approve_extension
    from gongkai.web.applications import letters

    if not can_approve_extension(approver, case.organ):
        raise NotAllowedError("延期须经政府信息公开工作机构负责人同意（第三十三条第二款）")
    if not 1 <= days <= 20:
        raise ApplicationError("延长的期限最长不得超过20个工作日（第三十三条第二款）", "days")
    if not reason.strip():
        raise ApplicationError("请写明延期理由", "reason")

    def change(locked: Application) -> None:
        if locked.extension_days:
            raise InvalidTransitionError("答复期限只能延长一次（第三十三条第二款）")
        require_date(approved_on, "延期批准日期", not_before=locked.received_on)
        if locked.reply_due is not None and approved_on > locked.reply_due:
            raise ApplicationError(
                f"原答复期限 {locked.reply_due} 已过，不能再延期"
                "（第三十三条第二款：延期应在期限内批准）",
                "approved_on",
            )
        locked.extension_days = days
        locked.extension_approved_on = approved_on
        locked.extension_approved_by = approver
        locked.extension_reason = reason.strip()
        clock.refresh(locked)
        letters.issue_new(actor, locked, "extension", approved_on, confirm)

    return step(
        actor,
        case,
        "extend",
        change,
        expected_version=expected_version,
        note=reason,
        public_text=f"经批准延期答复，延长 {days} 个工作日",
    )
