"""What happened to an application, as the dates the statutory clock counts from, and the
shape of a computed deadline: the inputs and outputs of ``gongkai.law.deadlines``.

Split from ``deadlines.py`` (which keeps the computation) so that neither module passes ~600
lines; every name stays importable from ``gongkai.law`` and ``gongkai.law.deadlines``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gongkai.law.fees import FeeSettings

__all__ = [
    "CONSULTATION_DAYS",
    "CORRECTION_NOTICE_DAYS",
    "FEE_PAYMENT_DAYS",
    "MAX_EXTENSION_DAYS",
    "REGULATION_IN_FORCE",
    "REPLY_DAYS",
    "ApplicationEvents",
    "Channel",
    "Consultation",
    "ConsultationKind",
    "Correction",
    "Deadline",
    "DeadlineSettings",
    "DeadlineStatus",
    "Extension",
    "FeeNotice",
    "ReasonsRequest",
    "Receipt",
    "Step",
]

REGULATION_IN_FORCE = date(2019, 5, 15)  # 第五十六条: the 2019 条例 applies from this day
REPLY_DAYS = 20  # 第三十三条第二款
MAX_EXTENSION_DAYS = 20  # 第三十三条第二款: 延长的期限最长不得超过20个工作日
CORRECTION_NOTICE_DAYS = 7  # 第三十条
CONSULTATION_DAYS = 15  # 第三十二条 (third party), 第三十四条 (co-makers)
FEE_PAYMENT_DAYS = 20  # 109号: 自收到收费通知的次日起20个工作日内缴纳


class Channel(StrEnum):
    """How the application arrived; decides its date of receipt (第三十一条)."""

    IN_PERSON = "in-person"
    POST = "post"
    LETTER = "letter"
    ONLINE = "online"
    FAX = "fax"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self][0]

    @property
    def rule(self) -> str:
        return _CHANNEL_LABELS[self][1]

    @property
    def article(self) -> str:
        return _CHANNEL_LABELS[self][2]

    @property
    def needs_confirmation(self) -> bool:
        return self in _NEEDS_CONFIRMATION


_NEEDS_CONFIRMATION = frozenset({Channel.LETTER, Channel.ONLINE, Channel.FAX})
_CHANNEL_LABELS = {
    Channel.IN_PERSON: ("当面提交", "以提交之日为收到申请之日", "第三十一条第（一）项"),
    Channel.POST: ("邮寄（需签收）", "以行政机关签收之日为收到申请之日", "第三十一条第（二）项"),
    Channel.LETTER: (
        "平常信函（无需签收）",
        "应于收到当日与申请人确认，确认之日为收到申请之日",
        "第三十一条第（二）项",
    ),
    Channel.ONLINE: ("互联网", "以双方确认之日为收到申请之日", "第三十一条第（三）项"),
    Channel.FAX: ("传真", "以双方确认之日为收到申请之日", "第三十一条第（三）项"),
}


class ConsultationKind(StrEnum):
    THIRD_PARTY = "third-party"  # 第三十二条: 15 working days
    CO_MAKER = "co-maker"  # 第三十四条: 15 working days, silence = consent
    OTHER_ORGAN = "other-organ"  # 第三十三条第三款: no limit set for the organ consulted

    @property
    def label(self) -> str:
        return _CONSULTATION_LABELS[self][0]

    @property
    def article(self) -> str:
        return _CONSULTATION_LABELS[self][1]

    @property
    def limit(self) -> int | None:
        return None if self is ConsultationKind.OTHER_ORGAN else CONSULTATION_DAYS


_CONSULTATION_LABELS = {
    ConsultationKind.THIRD_PARTY: ("征求第三方意见", "第三十二条"),
    ConsultationKind.CO_MAKER: ("征求共同制作机关意见", "第三十四条"),
    ConsultationKind.OTHER_ORGAN: ("征求其他机关意见", ""),
}


@dataclass(frozen=True, slots=True)
class Receipt:
    """``arrived``: the day handed in, signed for, or that arrived; ``confirmed``: the day both
    sides confirmed it, for the channels that need one (平常信函, 互联网, 传真)."""

    arrived: date
    channel: Channel = Channel.IN_PERSON
    confirmed: date | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """A 补正 notice (第三十条): when it was sent, when the corrected application came in, and
    the correction period the notice gave."""

    notice_sent: date
    received: date | None = None
    period_end: date | None = None


@dataclass(frozen=True, slots=True)
class Consultation:
    """A consultation; ``delivered`` (when the consultee received the request) defaults to
    ``started``."""

    kind: ConsultationKind
    started: date
    answered: date | None = None
    delivered: date | None = None


@dataclass(frozen=True, slots=True)
class Extension:
    """An extension approved by the head of the 政府信息公开工作机构 (第三十三条第二款)."""

    approved: date | None = None
    days: int = MAX_EXTENSION_DAYS


@dataclass(frozen=True, slots=True)
class FeeNotice:
    """A fee notice (109号): sent, received by the applicant (defaults to sent), paid."""

    sent: date
    received: date | None = None
    paid: date | None = None


@dataclass(frozen=True, slots=True)
class ReasonsRequest:
    """第三十五条: the organ asked the applicant to state reasons for requests clearly beyond a
    reasonable number or frequency (``sent``), to reply by ``period_end`` (the 条例 fixes no
    period); ``replied`` is the day the reasons arrived, if they did."""

    sent: date
    period_end: date
    replied: date | None = None


@dataclass(frozen=True, slots=True)
class ApplicationEvents:
    """What happened to one application, as dates."""

    receipt: Receipt
    on_the_spot: bool = False
    correction: Correction | None = None
    consultations: tuple[Consultation, ...] = ()
    extension: Extension | None = None
    fee: FeeNotice | None = None
    delayed_reply_deadline: date | None = None  # 第三十五条: set by the organ and notified
    reasons: ReasonsRequest | None = None  # 第三十五条: reasons asked for
    replied: date | None = None


@dataclass(frozen=True, slots=True)
class DeadlineSettings:
    """``allow_estimate``: compute with a year whose arrangement is only estimated (results
    are then flagged). ``fee_pauses_reply_clock`` [M, DOMAIN §4.5]: whether the reply clock
    stops between the fee notice and payment; unconfirmed, so off by default — the earlier,
    safer deadline."""

    allow_estimate: bool = False
    fee_pauses_reply_clock: bool = False
    # Whether the reply clock stops while the applicant is asked for reasons (第三十五条): the
    # 条例 does not say; off by default — the earlier, safer deadline.
    reasons_pause_reply_clock: bool = False
    fees: FeeSettings = field(default_factory=FeeSettings)


class DeadlineStatus(StrEnum):
    MET = "met"
    LATE = "late"
    OVERDUE = "overdue"
    OPEN = "open"
    SUSPENDED = "suspended"
    NOT_APPLICABLE = "not-applicable"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    DeadlineStatus.MET: "按期",
    DeadlineStatus.LATE: "逾期办理",
    DeadlineStatus.OVERDUE: "已超期未办",
    DeadlineStatus.OPEN: "未到期",
    DeadlineStatus.SUSPENDED: "暂停计算",
    DeadlineStatus.NOT_APPLICABLE: "不适用",
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline: when it falls due, when the act was done, and whether that was in time."""

    key: str  # reply, correction_notice, fee_payment, consultation_1 …
    label: str
    due: date | None
    done: date | None
    status: DeadlineStatus
    article: str
    provisional: bool = False  # rests on a consultation not answered yet


@dataclass(frozen=True, slots=True)
class Step:
    """One line of a calculation; ``part`` names the deadline it belongs to."""

    part: str
    text: str
    article: str = ""

    def __str__(self) -> str:
        return f"{self.text}（{self.article}）" if self.article else self.text
