"""Intake: the public online form, staff entry for letters, visits, faxes and e-mail, and
routing inside a government (转办 → 签收 or 退回).

The date of receipt follows 条例第三十一条 through ``gongkai.law`` (``clock.received_on``); an
online application is confirmed by the receipt page the system shows at once, so its
confirmation date is the day it was submitted (指导案例26号: internal routing is no excuse).
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from gongkai.law import CalendarError, DeadlineInputError
from gongkai.web.applications import clock
from gongkai.web.applications.decisions import organ_settings
from gongkai.web.applications.errors import ApplicationError
from gongkai.web.applications.identity import IdentityError, IdentityKind, validate_identity
from gongkai.web.applications.models import (
    APPLICANT_KIND_CHOICES,
    CHANNEL_CHOICES,
    DELIVERY_CHOICES,
    PROVISION_CHOICES,
    Application,
    IntakeChannel,
    TimelineEntry,
)
from gongkai.web.applications.services import actor_name, step
from gongkai.web.applications.workflow import Status
from gongkai.web.audit.services import record_change, snapshot

QUERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read out over the phone
QUERY_LENGTH = 10
SIMILAR_MONTHS = 12


@dataclass(frozen=True, slots=True)
class ApplicationInput:
    """What an application says (条例第二十九条), validated at the boundary."""

    applicant_kind: str
    applicant_name: str
    identity_kind: str
    identity_number: str
    request_text: str
    provision_form: str
    delivery_method: str
    channel: str
    arrived_on: datetime.date
    confirmed_on: datetime.date | None = None
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    agent_name: str = ""
    agent_identity: str = ""
    agent_authorised: bool = False


def _choice(value: str, choices: Any, what: str, field: str) -> str:
    keys = [key for key, _ in choices]
    if value not in keys:
        raise ApplicationError(f"{what}“{value}”无效", field)
    return value


def validate(data: ApplicationInput) -> tuple[str, datetime.date]:
    """The identity number in normal form and the date of receipt; ``ApplicationError`` naming
    the field otherwise."""
    _choice(data.applicant_kind, APPLICANT_KIND_CHOICES, "申请人类型", "applicant_kind")
    _choice(data.provision_form, PROVISION_CHOICES, "提供形式", "provision_form")
    _choice(data.delivery_method, DELIVERY_CHOICES, "获取方式", "delivery_method")
    _choice(data.channel, CHANNEL_CHOICES, "申请方式", "channel")
    if not data.applicant_name.strip():
        raise ApplicationError("请填写申请人姓名或者名称（条例第二十九条）", "applicant_name")
    if not data.request_text.strip():
        raise ApplicationError(
            "请填写所需政府信息的名称、文号或者便于查询的特征性描述（条例第二十九条）",
            "request_text",
        )
    if not (data.phone.strip() or data.email.strip() or data.address.strip()):
        raise ApplicationError("请至少填写一种联系方式（条例第二十九条）", "phone")
    try:
        kind = IdentityKind(data.identity_kind)
        number = validate_identity(kind, data.identity_number)
    except ValueError as error:
        message = str(error) if isinstance(error, IdentityError) else "证件类型无效"
        raise ApplicationError(message, "identity_number") from None
    if data.agent_name.strip() and not data.agent_identity.strip():
        raise ApplicationError("委托代理人申请的，请填写代理人的身份证件号码", "agent_identity")
    today = clock.today()
    for day, what in ((data.arrived_on, "到达日期"), (data.confirmed_on, "确认日期")):
        if day is not None and day > today:
            raise ApplicationError(f"{what} {day} 晚于今天，收到申请的日期不能在未来", "arrived_on")
    try:
        received = clock.received_on(data.channel, data.arrived_on, data.confirmed_on)
    except (DeadlineInputError, CalendarError) as error:
        raise ApplicationError(str(error), "confirmed_on") from None
    return number, received


def _next_serial(organ: Any, year: int) -> int:
    # Called under the lock of the organ's settings row: two clerks never draw the same number.
    top = Application.objects.filter(organ=organ, year=year).aggregate(Max("serial"))
    return (top["serial__max"] or 0) + 1


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_ALPHABET) for _ in range(QUERY_LENGTH))


def create_application(
    actor: Any, organ: Any, data: ApplicationInput, *, is_demo: bool = False
) -> Application:
    """Register an application: staff entry (registered at once) or the public form (waits for a
    clerk to register it). Nothing is stored when the input is refused."""
    number_text, received = validate(data)
    online = data.channel == IntakeChannel.ONLINE and actor is None
    with transaction.atomic():
        config = organ_settings(organ)
        config = type(config).objects.select_for_update().get(pk=config.pk)
        serial = _next_serial(organ, received.year)
        case = Application(
            organ=organ,
            year=received.year,
            serial=serial,
            number=config.number_format.format(
                short=config.short_name, year=received.year, serial=serial
            ),
            query_code=new_query_code(),
            status=(Status.SUBMITTED if online else Status.REGISTERED).value,
            is_demo=is_demo,
            applicant_kind=data.applicant_kind,
            applicant_name=data.applicant_name.strip(),
            identity_kind=data.identity_kind,
            identity_number=number_text,
            agent_name=data.agent_name.strip(),
            agent_identity=data.agent_identity.strip(),
            agent_authorised=data.agent_authorised,
            address=data.address.strip(),
            postcode=data.postcode.strip(),
            phone=data.phone.strip(),
            email=data.email.strip(),
            request_text=data.request_text.strip(),
            provision_form=data.provision_form,
            delivery_method=data.delivery_method,
            channel=data.channel,
            arrived_on=data.arrived_on,
            confirmed_on=data.confirmed_on,
            received_on=received,
        )
        clock.refresh(case)
        case.save()
        TimelineEntry.objects.create(
            application=case,
            actor_name="申请人（网上提交）" if online else actor_name(actor),
            action="提交申请" if online else "登记",
            note=f"{IntakeChannel(data.channel).label}，收到申请之日 {received}",
            public_text="已收到您的申请" if online else "申请已登记",
        )
        record_change(
            actor,
            "application.create",
            case,
            None,
            snapshot(case, ("number", "status", "channel", "received_on", "applicant_kind")),
            organ=organ,
        )
    return case


def register(actor: Any, case: Application, *, expected_version: int | None = None) -> Application:
    """A clerk registers an online application (登记; 条例第四十五条)."""
    return step(
        actor,
        case,
        "register",
        lambda locked: None,
        expected_version=expected_version,
        public_text="申请已登记",
    )


def transfer(
    actor: Any, case: Application, *, to_organ: Any, note: str, expected_version: int | None = None
) -> Application:
    """转办: the government's portal received it; the department holding the information is
    asked to sign for it. The receipt date does not change (指导案例26号)."""
    if to_organ.pk == case.organ_id:
        raise ApplicationError("不能转办给本机关", "to_organ")

    def change(locked: Application) -> None:
        locked.transfer_to = to_organ

    return step(
        actor,
        case,
        "transfer",
        change,
        expected_version=expected_version,
        note=f"转办至{to_organ.name}：{note}",
        public_text="正在转交负责的部门办理",
    )


def accept_transfer(
    actor: Any, case: Application, *, expected_version: int | None = None
) -> Application:
    """签收: the case moves to the receiving organ, keeping its number and timeline."""

    def change(locked: Application) -> None:
        locked.organ = locked.transfer_to
        locked.transfer_to = None

    return step(
        actor,
        case,
        "accept_transfer",
        change,
        expected_version=expected_version,
        public_text="负责的部门已签收，正在办理",
    )


def return_transfer(
    actor: Any, case: Application, *, reason: str, expected_version: int | None = None
) -> Application:
    if not reason.strip():
        raise ApplicationError("退回须写明理由", "reason")

    def change(locked: Application) -> None:
        locked.transfer_to = None

    return step(
        actor, case, "return_transfer", change, expected_version=expected_version, note=reason
    )
