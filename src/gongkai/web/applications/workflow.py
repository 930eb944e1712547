"""The states of an application and which step may follow which (条例第三十条–第四十五条).

Data, not code: each action names the states it may start from and the state it leads to. The
services (``services.py``) look the action up here, so an invalid transition is refused in one
place with one Chinese message.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Status(StrEnum):
    SUBMITTED = "submitted"  # online form received, not yet registered
    TRANSFERRING = "transferring"  # 转办: waiting for the receiving organ to sign for it
    REGISTERED = "registered"
    AWAITING_CORRECTION = "awaiting-correction"
    AWAITING_REASONS = "awaiting-reasons"  # 第三十五条: asked to state reasons
    IN_PROGRESS = "in-progress"
    CONSULTING = "consulting"
    AWAITING_FEE = "awaiting-fee"
    DRAFTED = "drafted"
    IN_REVIEW = "in-review"
    APPROVED = "approved"
    ISSUED = "issued"
    DELIVERED = "delivered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def public_label(self) -> str:
        """What the applicant's status page says."""
        return str(PUBLIC_LABELS.get(self, STATUS_LABELS[self]))


STATUS_LABELS = {
    Status.SUBMITTED: _("待登记"),
    Status.TRANSFERRING: _("转办待签收"),
    Status.REGISTERED: _("已登记"),
    Status.AWAITING_CORRECTION: _("待补正"),
    Status.AWAITING_REASONS: _("待说明理由"),
    Status.IN_PROGRESS: _("办理中"),
    Status.CONSULTING: _("征求意见中"),
    Status.AWAITING_FEE: _("待缴费"),
    Status.DRAFTED: _("答复已拟稿"),
    Status.IN_REVIEW: _("审核中"),
    Status.APPROVED: _("已审核待签发"),
    Status.ISSUED: _("已答复"),
    Status.DELIVERED: _("已送达"),
    Status.CLOSED: _("已办结"),
    Status.WITHDRAWN: _("已撤回"),
}
PUBLIC_LABELS = {
    Status.SUBMITTED: _("已提交，等待登记"),
    Status.TRANSFERRING: _("已登记，正在转交负责的部门"),
    Status.DRAFTED: _("办理中"),
    Status.IN_REVIEW: _("办理中"),
    Status.APPROVED: _("办理中"),
}
STATUS_CHOICES = [(status.value, STATUS_LABELS[status]) for status in Status]
CLOSED_STATES = frozenset({Status.CLOSED, Status.WITHDRAWN})
# States in which the organ's own clock runs toward the reply deadline.
OPEN_STATES = frozenset(Status) - CLOSED_STATES
# Once the answer has gone out the reply deadline has been met or missed for good.
ANSWERED_STATES = frozenset({Status.ISSUED, Status.DELIVERED, Status.CLOSED, Status.WITHDRAWN})
WAITING = {
    "correction": Status.AWAITING_CORRECTION,
    "fee": Status.AWAITING_FEE,
    "consultation": Status.CONSULTING,
    "reasons": Status.AWAITING_REASONS,
}


@dataclass(frozen=True, slots=True)
class Action:
    key: str
    label: str
    sources: frozenset[Status]
    target: Status | None  # None: the state does not change


def _action(key: str, label: str, sources: tuple[Status, ...], target: Status | None) -> Action:
    return Action(key, label, frozenset(sources), target)


_WORKING = (Status.REGISTERED, Status.IN_PROGRESS)
ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        _action("register", "登记", (Status.SUBMITTED,), Status.REGISTERED),
        _action("transfer", "转办", (Status.SUBMITTED, Status.REGISTERED), Status.TRANSFERRING),
        _action("accept_transfer", "签收", (Status.TRANSFERRING,), Status.REGISTERED),
        _action("return_transfer", "退回", (Status.TRANSFERRING,), Status.REGISTERED),
        _action(
            "request_correction", "发出补正告知", (Status.REGISTERED,), Status.AWAITING_CORRECTION
        ),
        _action(
            "receive_correction", "收到补正", (Status.AWAITING_CORRECTION,), Status.IN_PROGRESS
        ),
        _action(
            "close_no_correction",
            "逾期未补正，终止办理",
            (Status.AWAITING_CORRECTION,),
            Status.CLOSED,
        ),
        _action("start_processing", "开始办理", (Status.REGISTERED,), Status.IN_PROGRESS),
        _action(
            "start_consultation", "征求意见", (*_WORKING, Status.CONSULTING), Status.CONSULTING
        ),
        _action("record_opinion", "收到意见", (Status.CONSULTING,), None),
        _action(
            "extend",
            "延期答复",
            (Status.IN_PROGRESS, Status.CONSULTING, Status.AWAITING_FEE, Status.DRAFTED),
            None,
        ),
        _action("send_fee_notice", "发出收费通知", _WORKING, Status.AWAITING_FEE),
        _action("record_payment", "登记缴费", (Status.AWAITING_FEE,), Status.IN_PROGRESS),
        _action("close_fee_unpaid", "逾期未缴费，终止办理", (Status.AWAITING_FEE,), Status.CLOSED),
        _action("draft_decision", "拟定答复", (*_WORKING, Status.DRAFTED), Status.DRAFTED),
        _action("submit_for_review", "提交审核", (Status.DRAFTED,), Status.IN_REVIEW),
        _action("approve", "审核通过", (Status.IN_REVIEW,), None),
        _action("reject", "退回修改", (Status.IN_REVIEW,), Status.DRAFTED),
        _action("issue_decision", "签发答复", (Status.APPROVED,), Status.ISSUED),
        _action("record_delivery", "登记送达", (Status.ISSUED,), Status.DELIVERED),
        _action("close", "办结归档", (Status.DELIVERED,), Status.CLOSED),
        _action("answer_on_the_spot", "当场答复", (Status.REGISTERED,), Status.CLOSED),
        # 第三十五条: ask for reasons; the reply (or its absence) brings the case back to work.
        _action("request_reasons", "要求说明理由", _WORKING, Status.AWAITING_REASONS),
        # The state follows the verdict: back in progress, or a drafted 不予处理 answer.
        _action("record_reasons", "登记说明理由结果", (Status.AWAITING_REASONS,), None),
        # 第三十六条（五）: not this organ's to disclose — the 告知书 names the responsible organ.
        _action("refer_elsewhere", "告知非本机关负责公开", _WORKING, Status.ISSUED),
        # An issued letter is never changed: its correction is a new letter (any state).
        _action("correct_letter", "更正文书", tuple(Status), None),
        _action(
            "withdraw",
            "申请人撤回",
            tuple(OPEN_STATES - {Status.ISSUED, Status.DELIVERED}),
            Status.WITHDRAWN,
        ),
    )
}


def allowed_actions(status: Status) -> tuple[Action, ...]:
    return tuple(action for action in ACTIONS.values() if status in action.sources)
