"""Demo applications (示例数据) for 青山区司法局: a year of cases in every state and many
outcomes, across all channels and applicant kinds — some overdue, some in 补正, one in
consultation, one extended, one with a fee — each marked ``is_demo`` and every letter printed
"示例数据". Built through the workflow's own services, so every case is one the site could have
produced; dates are chosen backwards from today so the deadlines are live."""

from __future__ import annotations

import datetime
import functools
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction

from gongkai.law import add_workdays
from gongkai.web.accounts.models import User
from gongkai.web.applications import clock, decisions, intake, services
from gongkai.web.applications.decisions import organ_settings
from gongkai.web.applications.identity import credit_code_check, resident_id_check
from gongkai.web.applications.models import Application
from gongkai.web.demo import applications_steps
from gongkai.web.organs.models import Organ

WARNINGS = frozenset({"AP01", "AP04", "AP18", "AP20"})  # confirmed in the demo, as a clerk would
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
COMPANIES = (
    ("commercial_enterprise", "青山示例商贸有限公司"),
    ("research_institution", "示例法治研究中心"),
    ("public_welfare_org", "青山示例公益服务社"),
    ("legal_service_org", "示例律师事务所"),
    ("other_org", "示例业主委员会"),
)
REQUESTS = (
    "2025年青山区法律援助经费使用情况",
    "青山区人民调解委员会及调解员名单",
    "2025年度青山区普法工作方案",
    "青山区社区矫正工作管理制度文件",
    "2025年青山区公证机构年度考核结果",
    "青山区司法局2025年部门预算说明",
    "对某律师事务所作出的行政处罚决定书",
    "青山区公共法律服务中心值班律师排班表",
    "青山区司法局政府信息公开指南",
    "2025年青山区行政复议案件统计数据",
    "青司发〔2025〕12号文件全文",
    "富强路司法所人民调解案件登记簿",
)
CLOSED_OUTCOMES = (
    "disclosed",
    "disclosed",
    "disclosed",
    "partial",
    "partial",
    "already-public",
    "already-public",
    "denied-third-party",
    "denied-process-info",
    "denied-internal-affairs",
    "not-exist",
    "not-exist",
    "not-this-organ",
    "needs-processing",
    "petition",
    "publication",
    "special-procedure",
    "still-unclear",
    "confirm-or-reissue",
    "disclosed",
    "repeat",
)
CHANNELS = ("online", "post", "letter", "in-person", "fax", "email")


class DemoBuilder:
    def __init__(self, organ: Organ) -> None:
        self.organ = organ
        self.today = clock.today()
        self.rng = random.Random(2026)
        self.clerk = User.objects.get(username="clerk")
        self.reviewer = User.objects.get(username="reviewer")
        self.head = User.objects.get(username="head")
        self.people: list[str] = []

    def workdays_ago(self, count: int) -> datetime.date:
        day = self.today - datetime.timedelta(days=int(count * 7 / 5) + 1)
        while not _is_workday(day):
            day -= datetime.timedelta(days=1)
        return day

    def later(self, day: datetime.date, count: int) -> datetime.date:
        return min(add_workdays(day, count, allow_estimate=True), self.today)

    def person(self, index: int) -> tuple[str, str, str, str]:
        if index % 4 == 3:
            kind, name = COMPANIES[(index // 4) % len(COMPANIES)]
            first = f"91350100MA{index:07d}".replace("I", "J")[:17]
            return kind, f"{name}（示例）", "credit-code", first + credit_code_check(first)
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=(index * 997) % 15000)
        first = f"150104{birth:%Y%m%d}{index % 1000:03d}"
        name = f"{SURNAMES[index % len(SURNAMES)]}某（示例）"
        return "natural_person", name, "resident-id", first + resident_id_check(first)

    def new(
        self,
        index: int,
        received: datetime.date,
        channel: str = "",
        identity: tuple[str, str, str, str] | None = None,
    ) -> Application:
        kind, name, id_kind, number = identity or self.person(index)
        channel = channel or CHANNELS[index % len(CHANNELS)]
        confirmed = received if channel in ("online", "letter", "fax", "email") else None
        actor = None if channel == "online" else self.clerk
        data = intake.ApplicationInput(
            applicant_kind=kind,
            applicant_name=name,
            identity_kind=id_kind,
            identity_number=number,
            request_text=REQUESTS[index % len(REQUESTS)],
            provision_form=("paper", "electronic")[index % 2],
            delivery_method=("post", "email", "pickup")[index % 3],
            channel=channel,
            arrived_on=received,
            confirmed_on=confirmed,
            phone=f"1390472{index:04d}",
            email=f"demo{index}@example.com" if index % 3 == 1 else "",
            address=f"青山区示例路{index}号",
        )
        case = intake.create_application(actor, self.organ, data, is_demo=True)
        if case.state.value == "submitted":
            case = intake.register(self.clerk, case)
        return case

    def decide(self, case: Application, outcome: str, on: datetime.date) -> Application:
        facts: dict[str, Any] = {"secrecy_reviewed": True}
        if outcome == "partial" or outcome.startswith("denied-"):
            facts |= {
                "withheld_parts": "其中涉及第三方个人信息的部分",
                "withheld_reason": "公开会对第三方合法权益造成损害（条例第十五条）",
            }
        if outcome == "not-exist":
            facts["search_record"] = (
                "检索了本局2019年以来收发文登记簿、档案室目录和办公系统，关键词为申请所列名称"
            )
        if outcome == "not-this-organ":
            facts["responsible_organ"] = "青山区财政局，联系电话 0472-0000000（示例）"
        case = services.start_processing(self.clerk, case) if case.status == "registered" else case
        case = decisions.draft_decision(
            self.clerk, case, outcome=outcome, decision_text="经审查，现依法答复如下。", **facts
        )
        case = decisions.submit_for_review(self.clerk, case)
        case = decisions.review(self.reviewer, case, approve=True, note="同意")
        return decisions.issue_decision(self.clerk, case, issued_on=on, confirm=WARNINGS)

    def closed(self, index: int, outcome: str, received: datetime.date) -> Application:
        identity = None
        if outcome == "repeat":
            earlier = Application.objects.filter(organ=self.organ, outcome="disclosed").first()
            assert earlier is not None
            identity = (
                earlier.applicant_kind,
                earlier.applicant_name,
                earlier.identity_kind,
                earlier.identity_number,
            )
        case = self.new(index, received, identity=identity)
        case = self.decide(case, outcome, self.later(received, 8 + index % 10))
        case = decisions.record_delivery(
            self.clerk,
            case,
            delivered_on=self.later(case.decided_on, 1),
            record=("EMS 示例单号 1100" + str(index)) if index % 2 else "申请人当面签收",
        )
        return decisions.close(self.clerk, case)

    def build(self) -> int:
        steps: list[Callable[[], Any]] = []
        for number, outcome in enumerate(CLOSED_OUTCOMES):
            received = self.workdays_ago(240 - number * 10)
            steps.append(functools.partial(self.closed, number, outcome, received))
        base = len(CLOSED_OUTCOMES)
        steps += [
            lambda: self.issued(base + 0),
            lambda: self.delivered(base + 1),
            lambda: self.in_state(base + 2, "approved"),
            lambda: self.in_state(base + 3, "in-review"),
            lambda: self.in_state(base + 4, "drafted"),
            lambda: self.in_progress(base + 5, 12),
            lambda: self.in_progress(base + 6, 25),  # overdue
            lambda: self.in_progress(base + 7, 19),  # due soon
            lambda: self.in_progress(base + 8, 31),  # overdue
            lambda: self.registered(base + 9, 2),
            lambda: self.registered(base + 10, 0),
            lambda: self.submitted(base + 11),
            lambda: self.awaiting_correction(base + 12, 3),
            lambda: self.awaiting_correction(base + 13, 6),
            lambda: self.no_correction(base + 14),
            lambda: self.consulting(base + 15),
            lambda: self.extended(base + 16),
            lambda: self.fee_case(base + 17, paid=False),
            lambda: self.fee_case(base + 18, paid=True),
            lambda: self.fee_case(base + 21, paid=None),
            lambda: self.transferred(base + 22),
            lambda: self.withdrawn(base + 19),
            lambda: self.on_the_spot(base + 20),
        ]
        steps += applications_steps.steps(self, base + 23)
        for run in steps:
            run()
        return len(steps)

    def issued(self, index: int) -> Application:
        case = self.new(index, self.workdays_ago(15))
        return self.decide(case, "disclosed", self.workdays_ago(2))

    def delivered(self, index: int) -> Application:
        case = self.issued(index)
        return decisions.record_delivery(
            self.clerk, case, delivered_on=self.today, record="EMS 示例单号"
        )

    def in_state(self, index: int, state: str) -> Application:
        case = services.start_processing(self.clerk, self.new(index, self.workdays_ago(10)))
        case = decisions.draft_decision(
            self.clerk,
            case,
            outcome="disclosed",
            decision_text="经审查，该信息可以公开。",
            secrecy_reviewed=True,
        )
        if state in ("in-review", "approved"):
            case = decisions.submit_for_review(self.clerk, case)
        if state == "approved":
            case = decisions.review(self.reviewer, case, approve=True, note="同意")
        return case

    def in_progress(self, index: int, age: int) -> Application:
        return services.start_processing(self.clerk, self.new(index, self.workdays_ago(age)))

    def registered(self, index: int, age: int) -> Application:
        return self.new(index, self.workdays_ago(age), channel="in-person")

    def submitted(self, index: int) -> Application:
        kind, name, id_kind, number = self.person(index)
        data = intake.ApplicationInput(
            applicant_kind=kind,
            applicant_name=name,
            identity_kind=id_kind,
            identity_number=number,
            request_text="2026年青山区法律援助案件数量（网上申请，待登记）",
            provision_form="electronic",
            delivery_method="email",
            channel="online",
            arrived_on=self.today,
            confirmed_on=self.today,
            email="demo-online@example.com",
        )
        return intake.create_application(None, self.organ, data, is_demo=True)

    def awaiting_correction(self, index: int, age: int) -> Application:
        received = self.workdays_ago(age)
        case = self.new(index, received)
        return services.request_correction(
            self.clerk,
            case,
            items="1. 请写明所需信息的形成年份；2. 请提供身份证明复印件。",
            sent_on=self.later(received, 1),
            period_end=add_workdays(self.today, 10),
            confirm=WARNINGS,
        )

    def no_correction(self, index: int) -> Application:
        received = self.workdays_ago(40)
        case = self.new(index, received)
        case = services.request_correction(
            self.clerk,
            case,
            items="1. 请明确所需信息的名称或文号。",
            sent_on=self.later(received, 2),
            period_end=self.later(received, 17),
            confirm=WARNINGS,
        )
        return services.close_without_correction(self.clerk, case, confirm=WARNINGS)

    def consulting(self, index: int) -> Application:
        received = self.workdays_ago(9)
        case = services.start_processing(self.clerk, self.new(index, received))
        return services.start_consultation(
            self.clerk,
            case,
            kind="third-party",
            party="青山示例商贸有限公司（第三方）",
            started_on=self.later(received, 3),
        )

    def extended(self, index: int) -> Application:
        received = self.workdays_ago(18)
        case = services.start_processing(self.clerk, self.new(index, received))
        return services.extend(
            self.clerk,
            case,
            approver=self.head,
            approved_on=self.workdays_ago(1),
            days=20,
            reason="所需信息涉及多个司法所，需逐一调取核对",
            confirm=WARNINGS,
        )

    def fee_case(self, index: int, paid: bool | None) -> Application:
        """``paid``: True paid, False unpaid past the period, None still waiting. The unpaid one
        is the applicant's 11th application of the month (109号 按件); the others ask for 120
        pages (按量)."""
        received = self.workdays_ago({True: 14, False: 30, None: 4}[paid])
        identity = self.person(index)
        earlier = 10 if paid is False else 0
        for extra in range(earlier):
            case = self.decide(
                self.new(index + 100 + extra, received, identity=identity),
                "disclosed",
                self.later(received, 5),
            )
            case = decisions.record_delivery(
                self.clerk, case, delivered_on=case.decided_on, record="电子邮件送达"
            )
            decisions.close(self.clerk, case)
        case = services.start_processing(self.clerk, self.new(index, received, identity=identity))
        case = decisions.send_fee_notice(
            self.clerk,
            case,
            method="per-item" if earlier else "by-volume",
            pages=120,
            sent_on=self.later(received, 2),
            confirm=WARNINGS,
        )
        if paid:
            return decisions.record_payment(self.clerk, case, paid_on=self.later(received, 6))
        if paid is None:
            return case
        return decisions.close_fee_unpaid(self.clerk, case, confirm=WARNINGS)

    def transferred(self, index: int) -> Application:
        """转办: the district government's portal received it; the bureau has to sign for it."""
        district = self.organ.parent
        assert district is not None
        kind, name, id_kind, number = self.person(index)
        data = intake.ApplicationInput(
            applicant_kind=kind,
            applicant_name=name,
            identity_kind=id_kind,
            identity_number=number,
            request_text="青山区2025年法律援助受援人数统计",
            provision_form="electronic",
            delivery_method="email",
            channel="online",
            arrived_on=self.workdays_ago(1),
            confirmed_on=self.workdays_ago(1),
            email="demo-transfer@example.com",
        )
        case = intake.create_application(None, district, data, is_demo=True)
        return intake.transfer(None, case, to_organ=self.organ, note="该信息由区司法局掌握")

    def withdrawn(self, index: int) -> Application:
        return decisions.withdraw(
            self.clerk, self.new(index, self.workdays_ago(5)), note="申请人书面撤回申请"
        )

    def on_the_spot(self, index: int) -> Application:
        case = self.new(index, self.workdays_ago(3), channel="in-person")
        return decisions.answer_on_the_spot(
            self.clerk,
            case,
            outcome="already-public",
            decision_text="该信息已在本局网站主动公开，当场告知申请人获取途径。",
        )


def _is_workday(day: datetime.date) -> bool:
    from gongkai.law import is_workday

    return is_workday(day, allow_estimate=True)


def load_applications(organ: Organ, log: list[str]) -> None:
    """The demo cases of ``organ`` (once)."""
    config = organ_settings(organ)
    config.short_name = "青司"
    config.reconsideration_body = "青山区人民政府"
    config.court = "青山区人民法院"
    config.contact = "青山区司法局政务公开办，电话 0472-0000000（示例）"
    config.save()
    with transaction.atomic():  # one commit for the whole demo year
        count = DemoBuilder(organ).build()
    total = Application.objects.filter(organ=organ).count()
    log.append(f"依申请公开：已为{organ.name}生成 {total} 件示例申请（{count} 种情形，示例数据）。")
