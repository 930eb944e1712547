"""The statutory deadlines of one application, from its events (条例 第三十条–第三十五条, 109号).

``compute_deadlines(events)`` gives:

* the **reply deadline** (答复期限): 20 working days from receipt (第三十三条第二款), restarted
  by a correction (第三十条), extended by at most 20 working days (第三十三条第二款), with the
  time spent consulting a third party or other organs left out (第三十三条第三款), or the same
  day when the organ can answer on the spot (第三十三条第一款), or the reasonable later deadline an
  organ sets under 第三十五条;
* the **补正 notice deadline**: 7 working days from receipt (第三十条);
* each **consultation's** own deadline: 15 working days from the consultee's receipt (第三十二条,
  第三十四条);
* the **fee payment deadline**: 20 working days from the day after the fee notice is received
  (109号);

whether each was met, and — on demand, ``result.steps()`` — the calculation written out.

Every count uses the convention of ``gongkai.law.workdays``: the starting day is not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from gongkai.law.counting import Marker, Pause, count_steps, day_zh
from gongkai.law.errors import DeadlineInputError
from gongkai.law.events import (
    _NEEDS_CONFIRMATION,
    CORRECTION_NOTICE_DAYS,
    FEE_PAYMENT_DAYS,
    MAX_EXTENSION_DAYS,
    REGULATION_IN_FORCE,
    REPLY_DAYS,
    ApplicationEvents,
    Channel,
    Consultation,
    ConsultationKind,
    Correction,
    Deadline,
    DeadlineSettings,
    DeadlineStatus,
    Extension,
    FeeNotice,
    Receipt,
    Step,
)
from gongkai.law.fees import FEE_MEASURE
from gongkai.law.reasons import reasons_pause
from gongkai.law.workdays import WorkdayCalendar, default_calendar

__all__ = [
    "REGULATION_IN_FORCE",
    "ApplicationEvents",
    "Channel",
    "Consultation",
    "ConsultationKind",
    "Correction",
    "Deadline",
    "DeadlineResult",
    "DeadlineSettings",
    "DeadlineStatus",
    "Extension",
    "FeeNotice",
    "Receipt",
    "Step",
    "compute_deadlines",
]


DEFAULT_SETTINGS = DeadlineSettings()


@dataclass(frozen=True, slots=True)
class DeadlineResult:
    """The deadlines of one application. ``steps()`` writes the calculation out."""

    events: ApplicationEvents
    received: date
    reply: Deadline
    correction_notice: Deadline
    consultations: tuple[Deadline, ...]
    fee_payment: Deadline | None
    notes: tuple[str, ...]
    estimated_years: tuple[int, ...]
    settings: DeadlineSettings = field(repr=False, compare=False)
    calendar: WorkdayCalendar = field(repr=False, compare=False)
    as_of: date | None = None

    @property
    def estimated(self) -> bool:
        """True when a year of the calculation is only an estimate: not a legal deadline."""
        return bool(self.estimated_years)

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        fee = () if self.fee_payment is None else (self.fee_payment,)
        return (self.reply, self.correction_notice, *self.consultations, *fee)

    def steps(self) -> tuple[Step, ...]:
        """The calculation as lines a clerk can check by hand."""
        run = _Run(self.events, self.as_of, self.settings, self.calendar, trace=True)
        run.compute()
        return tuple(run.steps)

    def explain(self) -> str:
        return "\n".join(str(step) for step in self.steps())


def compute_deadlines(
    events: ApplicationEvents,
    *,
    as_of: date | None = None,
    settings: DeadlineSettings = DEFAULT_SETTINGS,
    calendar: WorkdayCalendar | None = None,
) -> DeadlineResult:
    """Every deadline of an application and whether it was met.

    ``as_of`` (normally today) tells an open deadline from an overdue one; without it a deadline
    whose act has not happened is ``OPEN``. Raises ``DeadlineInputError`` for impossible events
    and a ``CalendarError`` when a year involved is missing, or only estimated and
    ``settings.allow_estimate`` is off.
    """
    run = _Run(events, as_of, settings, calendar or default_calendar(), trace=False)
    return run.compute()


def _status(due: date | None, done: date | None, as_of: date | None) -> DeadlineStatus:
    if due is None:
        return DeadlineStatus.SUSPENDED
    if done is not None:
        return DeadlineStatus.MET if done <= due else DeadlineStatus.LATE
    if as_of is not None and as_of > due:
        return DeadlineStatus.OVERDUE
    return DeadlineStatus.OPEN


class _Run:
    """One computation. With ``trace`` it also records the steps; without, it is the fast path."""

    def __init__(
        self,
        events: ApplicationEvents,
        as_of: date | None,
        settings: DeadlineSettings,
        calendar: WorkdayCalendar,
        *,
        trace: bool,
    ) -> None:
        self.events = events
        self.as_of = as_of
        self.settings = settings
        self.calendar = calendar
        self.trace = trace
        self.steps: list[Step] = []
        self.notes: list[str] = []
        self.latest = events.receipt.arrived
        self.open_ended = False  # a consultation with no time limit is still unanswered
        self.provisional = False  # a consultation is unanswered but not yet due

    def step(self, part: str, text: str, article: str = "") -> None:
        if self.trace:
            self.steps.append(Step(part, text, article))

    def add(self, day: date, count: int) -> date:
        result = self.calendar.nth_after(day, count)
        if result > self.latest:
            self.latest = result
        return result

    def count_lines(
        self,
        part: str,
        start: date,
        end: date,
        pauses: Iterable[Pause] = (),
        markers: Iterable[Marker] = (),
    ) -> None:
        if self.trace:
            for text, article in count_steps(
                self.calendar, start, end, pauses=tuple(pauses), markers=tuple(markers)
            ):
                self.step(part, text, article)

    # ── The computation ──────────────────────────────────────────────────────────────────────

    def compute(self) -> DeadlineResult:
        events = self.events
        received = self.receipt()
        correction_notice = self.correction_notice(received)
        consultations: tuple[Deadline, ...] = ()
        fee: Deadline | None = None
        if events.on_the_spot:
            reply = self.on_the_spot(received)
        else:
            consultations, pauses = self.consultations(received)
            reply, fee = self.reply_and_fee(received, pauses)
        for day in (
            events.replied,
            events.correction.received if events.correction else None,
            events.fee.paid if events.fee else None,
        ):
            if day is not None and day > self.latest:
                self.latest = day
        estimated = self.calendar.require(
            events.receipt.arrived, self.latest, allow_estimate=self.settings.allow_estimate
        )
        if estimated and self.trace:
            years = "、".join(str(year) for year in estimated)
            self.steps.insert(
                0,
                Step(
                    "估算",
                    f"注意：{years} 年的节假日安排尚未确认，以下日期是估算，不是法定期限",
                ),
            )
        return DeadlineResult(
            events,
            received,
            reply,
            correction_notice,
            consultations,
            fee,
            tuple(self.notes),
            estimated,
            self.settings,
            self.calendar,
            self.as_of,
        )

    def receipt(self) -> date:
        """第三十一条: the date of receipt by channel."""
        receipt = self.events.receipt
        channel = receipt.channel
        received = receipt.arrived
        if channel in _NEEDS_CONFIRMATION:
            if receipt.confirmed is None:
                raise DeadlineInputError(
                    f"{channel.label}提交的申请需要填写确认日期：{channel.rule}（{channel.article}）"
                )
            if receipt.confirmed < receipt.arrived:
                raise DeadlineInputError(
                    f"确认日期 {receipt.confirmed} 早于申请到达日期 {receipt.arrived}"
                )
            received = receipt.confirmed
            if channel is Channel.LETTER and received != receipt.arrived:
                self.notes.append(
                    f"平常信函应于收到当日（{receipt.arrived}）与申请人确认，本件迟至 {received} "
                    "才确认（第三十一条第（二）项）"
                )
        elif receipt.confirmed is not None:
            self.notes.append(f"{channel.label}的申请{channel.rule}，确认日期不影响计算")
        if received < REGULATION_IN_FORCE:
            raise DeadlineInputError(
                f"收到申请之日 {received} 早于2019年5月15日，适用修订前的条例，本程序不计算其期限"
            )
        if self.trace:
            self.step(
                "收到申请",
                f"收到申请 {day_zh(received)}：{channel.label}，{channel.rule}",
                channel.article,
            )
        self.check_order()
        return received

    def check_order(self) -> None:
        events = self.events
        if (
            events.correction is None
            and not events.consultations
            and events.fee is None
            and events.extension is None
            and events.delayed_reply_deadline is None
            and events.reasons is None
        ):
            if events.replied is not None and events.replied < events.receipt.arrived:
                raise DeadlineInputError(
                    f"答复（{events.replied}）早于收到申请（{events.receipt.arrived}）"
                )
            return
        start = events.receipt.confirmed or events.receipt.arrived
        pairs: list[tuple[str, date | None, str, date | None]] = [
            ("收到申请", start, "答复", events.replied),
        ]
        if events.correction:
            c = events.correction
            pairs += [
                ("收到申请", start, "发出补正告知", c.notice_sent),
                ("发出补正告知", c.notice_sent, "收到补正", c.received),
                ("发出补正告知", c.notice_sent, "补正期限", c.period_end),
            ]
        for item in events.consultations:
            pairs += [
                ("收到申请", start, item.kind.label, item.started),
                (item.kind.label, item.started, "对方收到征求意见书", item.delivered),
                (item.kind.label, item.started, "收到意见", item.answered),
            ]
        if events.fee:
            f = events.fee
            pairs += [
                ("收到申请", start, "发出收费通知", f.sent),
                ("发出收费通知", f.sent, "申请人收到收费通知", f.received),
                ("发出收费通知", f.sent, "缴费", f.paid),
            ]
        if events.reasons:
            pairs.append(("收到申请", start, "要求说明理由", events.reasons.sent))
        if events.delayed_reply_deadline:
            pairs.append(("收到申请", start, "延迟答复期限", events.delayed_reply_deadline))
        for before_name, before, after_name, after in pairs:
            if before is not None and after is not None and after < before:
                raise DeadlineInputError(f"{after_name}（{after}）早于{before_name}（{before}）")
        if events.extension is not None and not 1 <= events.extension.days <= MAX_EXTENSION_DAYS:
            raise DeadlineInputError(
                "延长的期限最长不得超过20个工作日（第三十三条第二款），"
                f"实际为 {events.extension.days}"
            )

    def correction_notice(self, received: date) -> Deadline:
        """第三十条: one notice asking for correction, within 7 working days of receipt."""
        due = self.add(received, CORRECTION_NOTICE_DAYS)
        correction = self.events.correction
        done = correction.notice_sent if correction else None
        status = _status(due, done, self.as_of) if correction else DeadlineStatus.NOT_APPLICABLE
        if self.trace:
            part = "补正告知期限"
            self.step(
                part,
                f"申请内容不明确的，应自收到申请之日起7个工作日内一次性告知补正：{due.isoformat()}",
                "第三十条",
            )
            self.count_lines(part, received, due)
            if correction:
                self.step(
                    part, f"补正告知于 {correction.notice_sent.isoformat()} 发出：{status.label}"
                )
        return Deadline("correction_notice", "补正告知期限", due, done, status, "第三十条")

    def on_the_spot(self, received: date) -> Deadline:
        """第三十三条第一款: an answer that can be given on the spot must be."""
        events = self.events
        if events.correction or events.consultations or events.extension or events.fee:
            raise DeadlineInputError("当场答复的申请不应再有补正、征求意见、延期或收费")
        if self.trace:
            self.step(
                "答复期限",
                f"能够当场答复的，应当当场答复：答复期限 {day_zh(received)}",
                "第三十三条第一款",
            )
        status = _status(received, events.replied, self.as_of)
        return Deadline(
            "reply", "答复期限（当场答复）", received, events.replied, status, "第三十三条第一款"
        )

    def consultations(self, received: date) -> tuple[tuple[Deadline, ...], list[Pause]]:
        """第三十二条, 第三十四条: the consultee's 15 working days; 第三十三条第三款: the time
        consulting is left out of the reply period."""
        deadlines: list[Deadline] = []
        pauses: list[Pause] = []
        for number, item in enumerate(self.events.consultations, start=1):
            kind = item.kind
            due = None
            if kind.limit is not None:
                due = self.add(item.delivered or item.started, kind.limit)
            status = _status(due, item.answered, self.as_of)
            if due is None:
                status = DeadlineStatus.MET if item.answered else DeadlineStatus.OPEN
            provisional = item.answered is None and status is DeadlineStatus.OPEN
            self.provisional = self.provisional or provisional
            label = f"{kind.label}（第{number}次）"
            deadlines.append(
                Deadline(
                    f"consultation_{number}",
                    label,
                    due,
                    item.answered,
                    status,
                    kind.article or "第三十三条第三款",
                    provisional,
                )
            )
            end = self.consultation_end(item, due, label)
            if end is None:
                self.open_ended = True
            else:
                pauses.append(Pause(item.started, end, label, "第三十三条第三款"))
            if self.trace and due is not None:
                self.step(
                    label,
                    f"对方应自收到征求意见书之日起15个工作日内提出意见：{due.isoformat()}；"
                    + (
                        f"{item.answered.isoformat()} 收到意见：{status.label}"
                        if item.answered
                        else f"尚未收到意见：{status.label}"
                    ),
                    kind.article,
                )
        return tuple(deadlines), pauses

    def consultation_end(self, item: Consultation, due: date | None, label: str) -> date | None:
        """Where the excluded time ends: the answer, capped at the consultee's own deadline
        [I: time beyond the statutory period is not 所需时间]; an open-ended one has none."""
        if item.answered is not None:
            if due is not None and item.answered > due:
                self.notes.append(
                    f"{label}的意见逾期才收到，超过15个工作日的部分不从答复期限中扣除"
                )
                return due
            return item.answered
        if due is None:
            self.notes.append(f"{label}尚未答复，且条例未规定其答复期限：答复期限暂停计算")
            return None
        if item.kind is ConsultationKind.CO_MAKER:
            self.notes.append(f"{label}：逾期未提出意见的，视为同意公开（第三十四条）")
        else:
            self.notes.append(
                f"{label}：逾期未提出意见的，由行政机关依照条例决定是否公开（第三十二条）"
            )
        return due

    def reply_and_fee(
        self, received: date, pauses: list[Pause]
    ) -> tuple[Deadline, Deadline | None]:
        """第三十三条第二款 and 第三款, 第三十条, 第三十五条; the fee under 109号."""
        events = self.events
        part = "答复期限"
        article = "第三十三条第二款"
        start, start_label = received, "收到申请之日"
        correction = events.correction
        if correction is not None:
            if correction.received is None:
                return self.awaiting_correction(correction), self.fee(None)
            start, start_label = correction.received, "收到补正之日"
            if self.trace:
                self.step(
                    part,
                    f"收到补正 {day_zh(start)}：答复期限自行政机关收到补正的申请之日起计算",
                    "第三十条",
                )
        if self.open_ended:
            status = DeadlineStatus.SUSPENDED
            if self.trace:
                self.step(part, "征求其他机关意见尚未答复，答复期限暂停计算", "第三十三条第三款")
            return Deadline("reply", "答复期限", None, events.replied, status, article), self.fee(
                None
            )
        pauses = pauses + self.fee_pause() + reasons_pause(events, self.settings)
        merged = self.merge(pauses, start)
        extension = events.extension
        limit = REPLY_DAYS + (extension.days if extension else 0)
        due, used = self.due(start, limit, merged)
        if extension is not None and extension.approved:
            original, _ = self.due(start, REPLY_DAYS, merged)
        if extension is not None and extension.approved and extension.approved > original:
            self.notes.append(
                f"延期于 {extension.approved} 批准，晚于原答复期限 {original}：延长答复期限应在"
                "原期限内经政府信息公开工作机构负责人同意并告知申请人"
            )
        if self.trace:
            extra = ""
            if extension:
                extra = (
                    f"；经政府信息公开工作机构负责人同意并告知申请人，延长 {extension.days} 个"
                    f"工作日，共 {limit} 个工作日"
                )
            self.step(
                part,
                f"自{start_label}起 {REPLY_DAYS} 个工作日内答复{extra}；起算当日不计，自次日起算",
                article,
            )
            markers = [Marker(REPLY_DAYS, "原定答复期限（延长前）")] if extension else []
            self.count_lines(part, start, due, used, markers)
        if events.delayed_reply_deadline is not None:
            due = events.delayed_reply_deadline
            article = "第三十五条"
            self.step(
                part,
                f"申请数量、频次明显超过合理范围，机关确定并告知的延迟答复期限 {day_zh(due)}",
                article,
            )
        provisional = self.provisional
        status = _status(due, events.replied, self.as_of)
        if self.trace:
            tail = "（暂定：尚有征求意见未答复，按其期限届满计）" if provisional else ""
            self.step(part, f"答复期限 {day_zh(due)}{tail}", article)
            if events.replied:
                self.step(part, f"{events.replied.isoformat()} 答复：{status.label}")
        reply = Deadline("reply", "答复期限", due, events.replied, status, article, provisional)
        return reply, self.fee(due)

    def awaiting_correction(self, correction: Correction) -> Deadline:
        """第三十条: until the corrected application arrives the reply period has not begun."""
        part = "答复期限"
        if self.trace:
            self.step(
                part, "已告知补正，尚未收到补正：答复期限自收到补正之日起计算，现暂停", "第三十条"
            )
        if correction.period_end and self.as_of and self.as_of > correction.period_end:
            self.notes.append(
                f"补正期限 {correction.period_end} 已过仍未补正：申请人无正当理由逾期不补正的，"
                "视为放弃申请，行政机关不再处理（第三十条；年报表三“（六）其他处理”第1项）"
            )
        status = DeadlineStatus.SUSPENDED
        return Deadline("reply", "答复期限", None, self.events.replied, status, "第三十条")

    def fee_pause(self) -> list[Pause]:
        """Only when the setting says so [M]: the reply clock stops from the fee notice to
        payment (or to the end of the payment period)."""
        fee = self.events.fee
        if fee is None or not self.settings.fee_pauses_reply_clock:
            return []
        notified = fee.received or fee.sent
        pay_due = self.add(notified, FEE_PAYMENT_DAYS)
        end = min(fee.paid, pay_due) if fee.paid else pay_due
        return [Pause(notified, end, "收费通知至缴费", "设置：收费期间不计入答复期限")]

    def merge(self, pauses: Iterable[Pause], start: date) -> list[Pause]:
        """Pauses within the count, overlapping ones joined (a day is left out only once)."""
        merged: list[Pause] = []
        for pause in sorted(pauses, key=lambda p: (p.first, p.last)):
            first = max(pause.first, start)
            if pause.last <= first:
                continue
            if merged and first <= merged[-1].last:
                last = merged[-1]
                merged[-1] = Pause(
                    last.first,
                    max(last.last, pause.last),
                    f"{last.reason}、{pause.reason}",
                    last.article,
                )
            else:
                merged.append(Pause(first, pause.last, pause.reason, pause.article))
        return merged

    def due(self, start: date, limit: int, pauses: list[Pause]) -> tuple[date, list[Pause]]:
        """The ``limit``-th counted working day after ``start``, skipping the pauses that began
        before the deadline was reached. O(1) per pause: positions in the working-day index."""
        due = self.add(start, limit)
        used: list[Pause] = []
        for pause in pauses:
            if pause.first >= due:
                self.notes.append(
                    f"{pause.reason}开始于 {pause.first}，已在期限（{due}）届满之后，不能扣除"
                )
                break
            due = self.add(due, self.calendar.span_count(pause.first, pause.last))
            used.append(pause)
        return due, used

    def fee(self, reply_due: date | None) -> Deadline | None:
        """109号: pay within 20 working days of the day after the notice is received; the notice
        goes out within the processing period."""
        fee = self.events.fee
        if fee is None:
            return None
        effective = self.settings.fees.effective_from
        if fee.sent < effective:
            raise DeadlineInputError(
                f"收费通知日期 {fee.sent} 早于信息处理费办法施行之日 {effective}"
                "（设置 effective_from）"
            )
        notified = fee.received or fee.sent
        due = self.add(notified, FEE_PAYMENT_DAYS)
        status = _status(due, fee.paid, self.as_of)
        if status is DeadlineStatus.OVERDUE or status is DeadlineStatus.LATE:
            self.notes.append(
                "申请人逾期未按收费通知要求缴纳费用的，视为放弃申请，行政机关不再处理"
                f"（{FEE_MEASURE}；年报表三“（六）其他处理”第2项）"
            )
        if reply_due is not None and fee.sent > reply_due:
            self.notes.append(
                f"收费通知于 {fee.sent} 发出，晚于答复期限 {reply_due}：应在办理期限内发出"
            )
        if self.trace:
            part = "缴费期限"
            assumed = "" if fee.received else "（未填写申请人收到通知的日期，按发出当日计）"
            self.step(
                part,
                f"申请人收到收费通知 {day_zh(notified)}{assumed}："
                "应自收到通知次日起20个工作日内缴纳",
                FEE_MEASURE,
            )
            self.count_lines(part, notified, due)
            self.step(
                part,
                f"缴费期限 {day_zh(due)}"
                + (f"；{fee.paid} 缴费：{status.label}" if fee.paid else ""),
            )
        return Deadline("fee_payment", "缴费期限", due, fee.paid, status, FEE_MEASURE)
