"""条例第三十五条: an applicant whose requests are clearly beyond a reasonable number or frequency
is asked to state reasons; the reply (or its absence) decides what follows.

* reasons found unreasonable, or none given within the period ⇒ the answer is drafted as 不予处理
  (表三（五）4, ``Outcome.EXCESSIVE``) and goes through review and issue like every answer;
* reasons found reasonable ⇒ the case is back in progress; where the 第三十三条 limit cannot be
  met, the organ sets a reasonable later deadline (``delayed_reply_due``) and tells the applicant.

The period for the reply (``GONGKAI_REASONS_PERIOD_DAYS``) and whether the reply clock stops
meanwhile (``GONGKAI_REASONS_PAUSE_REPLY_CLOCK``) are settings: the 条例 fixes neither.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings

from gongkai.law import Outcome, reasons_period_end
from gongkai.law.counting import day_zh
from gongkai.web.applications import clock
from gongkai.web.applications.errors import ApplicationError, InvalidTransitionError
from gongkai.web.applications.models import Application, ReasonsVerdict
from gongkai.web.applications.services import require_date, step
from gongkai.web.applications.workflow import Status

# What the 不予处理 answer says of the reasons (the "excessive" paragraph of outcomes.toml).
FINDINGS = {
    ReasonsVerdict.UNREASONABLE: "您说明的理由不合理",
    ReasonsVerdict.NONE: "您未在期限内说明理由",
}


def request_reasons(
    actor: Any,
    case: Application,
    *,
    grounds: str,
    sent_on: datetime.date,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Application:
    """第三十五条: the 说明理由告知书 goes out in the same transaction (its checks apply)."""
    from gongkai.web.applications import letters

    if not grounds.strip():
        raise ApplicationError(
            "请写明申请数量、频次明显超过合理范围的事实（如近期提出申请的件数）", "grounds"
        )

    def change(locked: Application) -> None:
        if locked.reasons_requested_on is not None:
            raise InvalidTransitionError("本申请已要求过说明理由，不能再次要求")
        require_date(sent_on, "说明理由告知日期", not_before=locked.received_on)
        locked.reasons_requested_on = sent_on
        locked.reasons_grounds = grounds.strip()
        locked.reasons_period_end = reasons_period_end(
            sent_on, settings.GONGKAI_REASONS_PERIOD_DAYS
        )
        letters.issue_new(actor, locked, "reasons", sent_on, confirm)

    return step(
        actor,
        case,
        "request_reasons",
        change,
        expected_version=expected_version,
        note=grounds.strip(),
        public_text="本机关要求您说明申请理由（条例第三十五条），请在告知书载明的期限内答复",
    )


def record_reasons(
    actor: Any,
    case: Application,
    *,
    verdict: str,
    received_on: datetime.date | None = None,
    reasons: str = "",
    delayed_due: datetime.date | None = None,
    expected_version: int | None = None,
) -> Application:
    """The applicant's reasons and the organ's view of them, or their absence after the period."""
    from gongkai.web.applications import letters

    try:
        chosen = ReasonsVerdict(verdict)
    except ValueError:
        raise ApplicationError(f"对理由的认定“{verdict}”无效", "verdict") from None
    if chosen is not ReasonsVerdict.NONE and not reasons.strip():
        raise ApplicationError("请登记申请人说明的理由", "reasons")
    if delayed_due is not None and chosen is not ReasonsVerdict.REASONABLE:
        raise ApplicationError(
            "只有理由合理的，才能确定延迟答复的期限（条例第三十五条）", "delayed_due"
        )

    def change(locked: Application) -> None:
        end = locked.reasons_period_end
        if chosen is ReasonsVerdict.NONE:
            if end is None or clock.today() <= end:
                raise ApplicationError(
                    f"说明理由的期限 {end} 尚未届满，不能按逾期未说明理由处理", "verdict"
                )
        else:
            require_date(received_on, "收到理由日期", not_before=locked.reasons_requested_on)
            locked.reasons_received_on = received_on
            locked.reasons_text = reasons.strip()
        locked.reasons_verdict = chosen.value
        if delayed_due is not None:
            _set_delayed_due(locked, delayed_due)
        if chosen is ReasonsVerdict.REASONABLE:
            locked.status = Status.IN_PROGRESS.value
            return
        # 不予处理: drafted here, reviewed and issued as every answer.
        locked.outcome = Outcome.EXCESSIVE.value
        locked.decision_text = (
            f"本机关于{day_zh(locked.reasons_requested_on)}要求您说明理由，{FINDINGS[chosen]}。"
        )
        locked.review_level_done = 0
        locked.status = Status.DRAFTED.value
        letters.draft_answer(locked)

    public = {
        ReasonsVerdict.REASONABLE: "已收到您说明的理由，继续办理",
        ReasonsVerdict.UNREASONABLE: "已收到您说明的理由，正在拟定答复",
        ReasonsVerdict.NONE: "未在期限内收到理由，正在拟定答复",
    }[chosen]
    if delayed_due is not None:
        public += f"；答复期限延至 {delayed_due}（条例第三十五条）"
    return step(
        actor,
        case,
        "record_reasons",
        change,
        expected_version=expected_version,
        note=f"{chosen.label}：{reasons.strip()}" if reasons.strip() else chosen.label,
        public_text=public,
    )


def _set_delayed_due(locked: Application, due: datetime.date) -> None:
    """第三十五条: only when the 第三十三条 limit cannot be met — so later than that limit."""
    clock.refresh(locked)
    statutory = locked.reply_due
    if statutory is not None and due <= statutory:
        raise ApplicationError(
            f"延迟答复的期限 {due} 应晚于第三十三条规定的答复期限 {statutory}", "delayed_due"
        )
    locked.delayed_reply_due = due
