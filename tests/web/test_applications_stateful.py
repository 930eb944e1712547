"""A hypothesis state machine: any sequence of actions, allowed or not, on any number of cases
keeps every case in a valid state, never gives a deadline earlier than the 条例 allows, and the
compiled table 三 always passes A1–A3 and equals a slow reference count."""

from __future__ import annotations

import collections
import datetime
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from gongkai.law import add_workdays
from gongkai.web.applications import (
    clock,
    corrections,
    decisions,
    intake,
    reasons,
    referral,
    services,
)
from gongkai.web.applications.errors import ApplicationError, InvalidTransitionError
from gongkai.web.applications.models import Application, Letter
from gongkai.web.applications.selectors import compile_table_three
from gongkai.web.applications.workflow import ACTIONS, CLOSED_STATES, Status, allowed_actions
from web.applications_support import *  # noqa: F403
from web.applications_support import a_rules, application_input, reference

START = datetime.date(2025, 11, 3)
KINDS = ("natural_person", "commercial_enterprise", "legal_service_org")
OUTCOMES = ("disclosed", "partial", "not-exist", "denied-process-info", "petition", "other")
DONE: collections.Counter[str] = collections.Counter()
STEPPED = sorted(set(ACTIONS) - {"transfer", "accept_transfer", "return_transfer"})


def arguments(
    key: str, case: Application, today: datetime.date, who: dict[str, Any], outcome: str
) -> dict[str, Any]:
    later = today + datetime.timedelta(days=14)
    facts = {
        "withheld_parts": "第2页",
        "withheld_reason": "过程性信息",
        "search_record": "检索了收文簿",
        "secrecy_reviewed": True,
    }
    return {
        "request_correction": {
            "items": "1. 写明年份",
            "sent_on": today,
            "period_end": later,
            "confirm": frozenset({"AP04"}),
        },
        "receive_correction": {"received_on": today},
        "start_consultation": {"kind": "third-party", "party": "某公司", "started_on": today},
        "record_opinion": {"answered_on": today, "opinion": "不同意"},
        "extend": {
            "approver": who["head"],
            "approved_on": today,
            "days": 20,
            "reason": "需调取档案",
            "confirm": frozenset(),
        },
        "send_fee_notice": {"method": "by-volume", "pages": 100, "sent_on": today},
        "record_payment": {"paid_on": today},
        "draft_decision": {"outcome": outcome, "decision_text": "经审查答复如下", **facts},
        "approve": {"approve": True},
        "reject": {"approve": False, "note": "请补充理由"},
        "issue_decision": {"issued_on": today, "confirm": frozenset({"AP01", "AP18", "AP20"})},
        "record_delivery": {"delivered_on": today, "record": "EMS"},
        "withdraw": {"note": "书面撤回"},
        "answer_on_the_spot": {"outcome": "disclosed", "decision_text": "当场告知"},
        "request_reasons": {"grounds": "近一个月提出申请30件", "sent_on": today},
        "record_reasons": {
            "verdict": "unreasonable" if outcome in ("petition", "other") else "reasonable",
            "received_on": today,
            "reasons": "课题研究需要",
            "delayed_due": None if outcome != "disclosed" else today + datetime.timedelta(days=90),
        },
        "refer_elsewhere": {
            "organ_name": "青山区财政局",
            "contact": "0472-1234567",
            "reason": "该信息由财政部门制作",
            "dated": today,
            "confirm": frozenset({"AP01", "AP18", "AP20"}),
        },
        "correct_letter": {
            "reason": "更正笔误",
            "confirm": frozenset({"AP01", "AP04", "AP18", "AP20"}),
        },
    }.get(key, {})


def correct_latest(actor: Any, case: Application, **values: Any) -> Application:
    """Correct the case's latest issued letter that has not been corrected yet."""
    issued = list(case.letters.filter(issued_at__isnull=False))
    corrected = {letter.replaces_id for letter in issued}
    open_letters = [letter for letter in issued if letter.pk not in corrected]
    if not open_letters:
        raise ApplicationError("没有可更正的已签发文书")
    original = open_letters[-1]
    corrections.correct_letter(
        actor,
        original,
        title=original.title,
        body=corrections.editable_body(original),
        **values,
    )
    return Application.objects.get(pk=case.pk)


FUNCTIONS = {
    "register": intake.register,
    "request_correction": services.request_correction,
    "receive_correction": services.receive_correction,
    "close_no_correction": services.close_without_correction,
    "start_processing": services.start_processing,
    "start_consultation": services.start_consultation,
    "record_opinion": services.record_opinion,
    "extend": services.extend,
    "send_fee_notice": decisions.send_fee_notice,
    "record_payment": decisions.record_payment,
    "close_fee_unpaid": decisions.close_fee_unpaid,
    "draft_decision": decisions.draft_decision,
    "submit_for_review": decisions.submit_for_review,
    "approve": decisions.review,
    "reject": decisions.review,
    "issue_decision": decisions.issue_decision,
    "record_delivery": decisions.record_delivery,
    "close": decisions.close,
    "withdraw": decisions.withdraw,
    "answer_on_the_spot": decisions.answer_on_the_spot,
    "request_reasons": reasons.request_reasons,
    "record_reasons": reasons.record_reasons,
    "refer_elsewhere": referral.refer_elsewhere,
    "correct_letter": correct_latest,
}


class Workbench(RuleBasedStateMachine):
    who: ClassVar[dict[str, Any]] = {}
    organ: Any = None

    def __init__(self) -> None:
        super().__init__()
        Letter.objects.update(replaces=None)  # corrections protect what they correct
        Letter.objects.all().delete()
        Application.objects.all().delete()
        self.today = START
        clock.today = lambda: self.today  # restored by the test's monkeypatch
        self.ids: list[int] = []

    @rule(kind=st.sampled_from(KINDS), back=st.integers(0, 20), online=st.booleans())
    def receive(self, kind: str, back: int, online: bool) -> None:
        arrived = self.today - datetime.timedelta(days=back)
        data = application_input(
            applicant_kind=kind,
            arrived_on=arrived,
            identity_kind="resident-id" if kind == "natural_person" else "credit-code",
            identity_number="11010519491231002X"
            if kind == "natural_person"
            else "91350100M000100Y43",
            channel="online" if online else "in-person",
            confirmed_on=arrived if online else None,
        )
        case = intake.create_application(None if online else self.who["clerk"], self.organ, data)
        self.ids.append(case.pk)

    @rule(days=st.integers(1, 12))
    def time_passes(self, days: int) -> None:
        self.today += datetime.timedelta(days=days)

    @rule(index=st.integers(0, 50), key=st.sampled_from(STEPPED), outcome=st.sampled_from(OUTCOMES))
    def act(self, index: int, key: str, outcome: str) -> None:
        """Any action, mostly one the case's state does not allow."""
        if self.ids:
            self.attempt(self.ids[index % len(self.ids)], key, outcome)

    @rule(
        index=st.integers(0, 50),
        picks=st.lists(st.integers(0, 100), min_size=1, max_size=12),
        outcome=st.sampled_from(OUTCOMES),
    )
    def advance(self, index: int, picks: list[int], outcome: str) -> None:
        """A run of actions the case's state allows, so that cases reach every state."""
        if not self.ids:
            return
        case_id = self.ids[index % len(self.ids)]
        for pick in picks:
            state = Application.objects.get(pk=case_id).state
            options = [a.key for a in allowed_actions(state) if a.key in FUNCTIONS]
            if pick >= 10:  # withdrawal ends a case, a correction is always open: now and then
                options = [k for k in options if k not in ("withdraw", "correct_letter")] or options
            if not options:
                return
            self.attempt(case_id, options[pick % len(options)], outcome)

    def attempt(self, case_id: int, key: str, outcome: str) -> None:
        case = Application.objects.get(pk=case_id)
        actor = self.who["reviewer"] if key in ("approve", "reject") else self.who["clerk"]
        before = (case.version, case.status)
        allowed = case.state in ACTIONS[key].sources
        try:
            FUNCTIONS[key](actor, case, **arguments(key, case, self.today, self.who, outcome))
        except InvalidTransitionError:
            assert Application.objects.get(pk=case.pk).version == before[0]
            assert not allowed or key in (
                "request_correction",
                "extend",
                "record_opinion",
                "request_reasons",
                "correct_letter",
            )
            return
        except ApplicationError:
            after = Application.objects.get(pk=case.pk)
            assert (after.version, after.status) == before  # refused: nothing stored
            return
        assert allowed, f"{key} succeeded from {before[1]}"
        event(f"done: {key}")
        DONE[key] += 1

    @invariant()
    def every_case_is_valid(self) -> None:
        for case in Application.objects.filter(pk__in=self.ids):
            status = Status(case.status)
            assert case.is_open == (status not in CLOSED_STATES)
            if not case.is_open:
                assert case.outcome
                assert case.decided_on is not None
            if case.decided_on is not None:
                assert case.decided_on >= case.received_on

    @invariant()
    def no_deadline_is_earlier_than_the_statute(self) -> None:
        for case in Application.objects.filter(pk__in=self.ids, reply_due__isnull=False):
            if case.on_the_spot:
                assert case.reply_due == case.received_on  # 第三十三条第一款
                continue
            start = case.correction_received_on or case.received_on  # 第三十条
            days = 20 + (case.extension_days or 0)  # 第三十三条第二款
            assert case.reply_due >= add_workdays(start, days, allow_estimate=True)

    @invariant()
    def table_three_balances_and_matches_the_reference(self) -> None:
        for year in (2025, 2026):
            table = compile_table_three(self.organ, year)
            assert a_rules(table, year) == []
            for row, cells in reference(self.organ, year).items():
                assert table[row] == cells, (year, row)


@pytest.mark.django_db
def test_any_sequence_of_actions_keeps_the_workbench_consistent(
    bureau: Any,
    configured: Any,
    clerk: Any,
    reviewer: Any,
    head_of_office: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clock, "today", clock.today)  # restored after the machine has run
    Workbench.organ = bureau
    Workbench.who = {"clerk": clerk, "reviewer": reviewer, "head": head_of_office}
    run_state_machine_as_test(
        Workbench,
        settings=settings(
            max_examples=15,
            stateful_step_count=30,
            deadline=None,
            derandomize=True,  # the same sequences on every run
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
    # The machine must have taken real steps, not only refused ones.
    for key in (
        "issue_decision",
        "request_correction",
        "draft_decision",
        "record_delivery",
        "request_reasons",
        "record_reasons",
        "refer_elsewhere",
        "correct_letter",
    ):
        assert DONE[key], DONE
