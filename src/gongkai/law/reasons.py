"""第三十五条: requests clearly beyond a reasonable number or frequency.

The organ may ask the applicant to state reasons. Reasons it finds unreasonable ⇒ it tells the
applicant it will not process the request (表三（五）4, ``Outcome.EXCESSIVE``); reasonable reasons
that cannot be answered within 第三十三条's limit ⇒ it may set a reasonable later deadline and
tell the applicant (``ApplicationEvents.delayed_reply_deadline``).

The 条例 fixes neither the period for the applicant's reply nor whether the reply clock stops
meanwhile (WORKBENCH §A1.3 D: UNCONFIRMED). Both are settings: ``reasons_period_end`` counts
the period the organ configures, and ``reasons_pause`` leaves the waiting time out of the reply
period only when ``DeadlineSettings.reasons_pause_reply_clock`` says so.
"""

from __future__ import annotations

from datetime import date

from gongkai.law.counting import Pause, day_zh
from gongkai.law.events import DeadlineSettings, ReasonsRequest, Step
from gongkai.law.workdays import add_workdays

__all__ = ["ARTICLE", "reasons_pause", "reasons_period_end", "reasons_steps"]

ARTICLE = "第三十五条"
# Not the 条例's: the organ's own setting, named as such in every step that relies on it.
SETTING = "设置：说明理由期间不计入答复期限"


def reasons_period_end(sent: date, days: int) -> date:
    """The day the applicant's reasons are due: ``days`` working days after the notice (the
    day of the notice not counted, as every count of ``gongkai.law.workdays``)."""
    if days < 1:
        raise ValueError("说明理由的期限至少为1个工作日")
    return add_workdays(sent, days, allow_estimate=True)


def reasons_pause(events: object, settings: DeadlineSettings) -> list[Pause]:
    """The days from the notice to the reply (or to the end of the period without one), left
    out of the reply period — only when the setting says so."""
    request: ReasonsRequest | None = getattr(events, "reasons", None)
    if request is None or not settings.reasons_pause_reply_clock:
        return []
    end = min(request.replied, request.period_end) if request.replied else request.period_end
    return [Pause(request.sent, end, "要求说明理由至收到理由", SETTING)]


def reasons_steps(request: ReasonsRequest, pauses_clock: bool) -> list[Step]:
    """The 第三十五条 part of the calculation, in words, for the case page."""
    part = "说明理由"
    steps = [
        Step(
            part,
            f"{day_zh(request.sent)} 要求申请人说明理由：申请数量、频次明显超过合理范围",
            ARTICLE,
        ),
        Step(part, f"说明理由的期限 {day_zh(request.period_end)}（机关设置的期限）"),
    ]
    if request.replied:
        steps.append(Step(part, f"{day_zh(request.replied)} 收到申请人说明的理由"))
    if pauses_clock:
        end = min(request.replied, request.period_end) if request.replied else request.period_end
        steps.append(
            Step(
                part,
                f"{day_zh(request.sent)} 次日至 {day_zh(end)} 不计入答复期限",
                SETTING,
            )
        )
    else:
        steps.append(
            Step(part, "等待说明理由期间答复期限照常计算（条例未规定暂停；可在设置中更改）")
        )
    return steps
