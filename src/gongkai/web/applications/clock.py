"""The statutory clock of a case: its events handed to ``gongkai.law.compute_deadlines``.

No date arithmetic lives here: this module only translates a case into ``ApplicationEvents`` and
the result back into what the pages show (status words, "due in N working days", the steps of the
calculation, a warning when a year of the working-day calendar is not confirmed).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from gongkai.law import (
    ApplicationEvents,
    CalendarError,
    Channel,
    Consultation,
    ConsultationKind,
    Correction,
    DeadlineInputError,
    DeadlineResult,
    DeadlineSettings,
    DeadlineStatus,
    Extension,
    FeeNotice,
    ReasonsRequest,
    Receipt,
    compute_deadlines,
    count_workdays,
    default_calendar,
)
from gongkai.web.applications.models import Application, IntakeChannel
from gongkai.web.applications.workflow import ANSWERED_STATES, Status

# 条例第三十一条: e-mail is a 数据电文 like the online form: received when both sides confirm.
LAW_CHANNEL = {
    IntakeChannel.ONLINE: Channel.ONLINE,
    IntakeChannel.EMAIL: Channel.ONLINE,
    IntakeChannel.POST: Channel.POST,
    IntakeChannel.LETTER: Channel.LETTER,
    IntakeChannel.IN_PERSON: Channel.IN_PERSON,
    IntakeChannel.FAX: Channel.FAX,
}


def today() -> datetime.date:
    """The organ's today (Asia/Shanghai). The one place the workbench reads the date."""
    return timezone.localdate()


def deadline_settings() -> DeadlineSettings:
    return DeadlineSettings(
        allow_estimate=True,
        fee_pauses_reply_clock=settings.GONGKAI_FEE_PAUSES_REPLY_CLOCK,
        reasons_pause_reply_clock=settings.GONGKAI_REASONS_PAUSE_REPLY_CLOCK,
    )


def reasons_of(case: Application) -> ReasonsRequest | None:
    """第三十五条: the request for reasons, as ``gongkai.law`` counts it."""
    if case.reasons_requested_on is None or case.reasons_period_end is None:
        return None
    return ReasonsRequest(
        case.reasons_requested_on, case.reasons_period_end, case.reasons_received_on
    )


def events_of(case: Application, replied: datetime.date | None = None) -> ApplicationEvents:
    """What happened to ``case``, as the dates ``gongkai.law`` counts from."""
    correction = None
    if case.correction_sent_on:
        correction = Correction(
            case.correction_sent_on, case.correction_received_on, case.correction_period_end
        )
    consultations = (
        tuple(
            Consultation(ConsultationKind(c.kind), c.started_on, c.answered_on, c.delivered_on)
            for c in case.consultations.all()
        )
        if case.pk
        else ()
    )
    fee = None
    fees = list(case.fees.all()) if case.pk else []
    if fees:
        last = fees[-1]
        fee = FeeNotice(last.sent_on, None, last.paid_on)
    extension = None
    if case.extension_days:
        extension = Extension(case.extension_approved_on, case.extension_days)
    answered = case.decided_on if case.state in ANSWERED_STATES else None
    return ApplicationEvents(
        receipt=Receipt(
            case.arrived_on, LAW_CHANNEL[IntakeChannel(case.channel)], case.confirmed_on
        ),
        on_the_spot=case.on_the_spot,
        correction=correction,
        consultations=consultations,
        extension=extension,
        fee=fee,
        reasons=reasons_of(case),
        delayed_reply_deadline=case.delayed_reply_due,
        replied=replied or answered,
    )


def compute(case: Application, as_of: datetime.date | None = None) -> DeadlineResult:
    return compute_deadlines(events_of(case), as_of=as_of or today(), settings=deadline_settings())


def received_on(
    channel: str, arrived: datetime.date, confirmed: datetime.date | None
) -> datetime.date:
    """条例第三十一条 through ``gongkai.law``: raises ``DeadlineInputError`` with the reason."""
    events = ApplicationEvents(Receipt(arrived, LAW_CHANNEL[IntakeChannel(channel)], confirmed))
    return compute_deadlines(events, settings=deadline_settings()).received


def refresh(case: Application) -> None:
    """Recompute the cached deadlines of ``case`` (not saved): ``reply_due`` and ``next_due``,
    the earliest deadline the organ still has to meet."""
    try:
        result = compute(case)
    except (DeadlineInputError, CalendarError):
        case.reply_due = case.next_due = None
        return
    case.reply_due = result.reply.due
    case.clock_estimated = result.estimated
    if not case.is_open:
        case.next_due = None
        return
    candidates: list[datetime.date] = []
    status = case.state
    # The 7-working-day 补正 window is shown on the case page; it is not a duty for every case,
    # so the dashboard counts the reply deadline (and the applicant's periods) only.
    if status is Status.AWAITING_CORRECTION and case.correction_period_end:
        candidates.append(case.correction_period_end)
    if status is Status.AWAITING_REASONS and case.reasons_period_end:
        candidates.append(case.reasons_period_end)
    if status is Status.AWAITING_FEE and result.fee_payment and result.fee_payment.due:
        candidates.append(result.fee_payment.due)
    if (
        result.reply.due
        and status not in ANSWERED_STATES
        and status is not Status.AWAITING_CORRECTION
    ):
        candidates.append(result.reply.due)
    case.next_due = min((day for day in candidates if day is not None), default=None)


@dataclass(frozen=True, slots=True)
class DueState:
    """A deadline as the pages show it."""

    key: str  # on-time, due-soon, due-today, overdue, done, suspended
    text: str


def due_state(
    due: datetime.date | None, done: datetime.date | None = None, as_of: datetime.date | None = None
) -> DueState:
    as_of = as_of or today()
    if due is None:
        return DueState("suspended", "暂停计算")
    if done is not None:
        return DueState("done", "按期办理" if done <= due else "逾期办理")
    if as_of > due:
        late = count_workdays(due, as_of, allow_estimate=True)
        return DueState("overdue", f"已超期 {late} 个工作日" if late else "已超期")
    if as_of == due:
        return DueState("due-today", "今日到期")
    left = count_workdays(as_of, due, allow_estimate=True)
    if left <= 3:
        return DueState("due-soon", f"还剩 {left} 个工作日")
    return DueState("on-time", f"还剩 {left} 个工作日")


def unconfirmed_years(*days: datetime.date | None) -> tuple[int, ...]:
    """The years among ``days`` whose holiday arrangement is not confirmed yet."""
    calendar = default_calendar()
    confirmed = set(calendar.confirmed_years())
    return tuple(sorted({d.year for d in days if d is not None and d.year not in confirmed}))


STATUS_LABEL = {status: status.label for status in DeadlineStatus}
