"""The workflow of an application: each step a service, invalid steps refused in Chinese,
stale pages refused, every step in the timeline and the audit log."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from gongkai.web.applications import decisions, intake, services
from gongkai.web.applications.errors import (
    ApplicationError,
    ConflictError,
    InvalidTransitionError,
    PreIssueError,
)
from gongkai.web.applications.models import Application, Letter
from gongkai.web.audit.models import AuditEntry
from web.applications_support import *  # noqa: F403
from web.applications_support import TODAY, application_input, decided, set_today


def test_staff_entry_registers_a_case_with_a_number_and_a_query_code(case: Any) -> None:
    assert case.number == "青司公开〔2025〕第1号"
    assert case.status == "registered"
    assert len(case.query_code) == 10
    # 条例第三十三条第二款: 20 working days from 2025-06-16 (端午 is 5-31..6-2, before it).
    assert case.reply_due == datetime.date(2025, 7, 14)
    assert AuditEntry.objects.filter(action="application.create").count() == 1


def test_the_full_path_to_an_issued_partial_answer(case: Any, clerk: Any, reviewer: Any) -> None:
    case = decided(
        clerk,
        reviewer,
        case,
        "partial",
        withheld_parts="其中涉及受援人姓名的部分",
        withheld_reason="涉及个人隐私，公开会对第三方合法权益造成损害（条例第十五条）",
    )
    assert case.status == "approved"
    case = decisions.issue_decision(clerk, case, issued_on=TODAY)
    assert case.status == "issued"
    letter = case.letters.get(kind="answer")
    assert letter.is_issued
    assert letter.pdf_sha256
    assert bytes(letter.pdf).startswith(b"%PDF")
    assert letter.number == "青司公复〔2025〕1号"
    with pytest.raises(PreIssueError, match="AP19"):
        decisions.issue_decision(clerk, case, issued_on=TODAY)


def test_a_decision_on_a_closed_case_is_refused(case: Any, clerk: Any) -> None:
    case = decisions.withdraw(clerk, case, note="申请人书面撤回")
    with pytest.raises(InvalidTransitionError, match="已撤回"):
        decisions.draft_decision(clerk, case, outcome="disclosed", decision_text="可以公开")
    assert Application.objects.get(pk=case.pk).outcome == "other"


def test_a_stale_page_is_refused_and_stores_nothing(case: Any, clerk: Any) -> None:
    stale = case.version
    services.start_processing(clerk, case, expected_version=stale)
    with pytest.raises(ConflictError, match="已被他人修改"):
        decisions.draft_decision(
            clerk, case, outcome="disclosed", decision_text="可以公开", expected_version=stale
        )
    assert Application.objects.get(pk=case.pk).outcome == ""


def test_correction_restarts_the_clock(case: Any, clerk: Any, monkeypatch: Any) -> None:
    # 条例第三十条: the reply period runs from the day the corrected application arrives.
    case = services.request_correction(
        clerk,
        case,
        items="1. 请写明所需信息的年份",
        sent_on=TODAY,
        period_end=datetime.date(2025, 7, 7),
    )
    assert case.status == "awaiting-correction"
    assert case.reply_due is None
    set_today(monkeypatch, datetime.date(2025, 6, 20))
    case = services.receive_correction(clerk, case, received_on=datetime.date(2025, 6, 20))
    assert case.status == "in-progress"
    assert case.reply_due == datetime.date(2025, 7, 18)
    with pytest.raises(InvalidTransitionError):
        services.request_correction(
            clerk,
            case,
            items="再补一项",
            sent_on=datetime.date(2025, 6, 20),
            period_end=datetime.date(2025, 7, 7),
        )


def test_an_invalid_identity_number_stores_nothing(
    clerk: Any, bureau: Any, configured: Any, today: Any
) -> None:
    with pytest.raises(ApplicationError, match="校验码不符"):
        intake.create_application(
            clerk, bureau, application_input(identity_number="110105194912310021")
        )
    assert not Application.objects.exists()


def test_an_empty_request_stores_nothing(
    clerk: Any, bureau: Any, configured: Any, today: Any
) -> None:
    with pytest.raises(ApplicationError, match="特征性描述"):
        intake.create_application(clerk, bureau, application_input(request_text="  "))
    assert not Application.objects.exists()


def test_a_receipt_date_in_the_future_stores_nothing(
    clerk: Any, bureau: Any, configured: Any, today: Any
) -> None:
    with pytest.raises(ApplicationError, match="不能在未来"):
        intake.create_application(
            clerk, bureau, application_input(arrived_on=TODAY + datetime.timedelta(days=1))
        )
    assert not Application.objects.exists()


def test_an_unconfirmed_letter_needs_a_confirmation_date(
    clerk: Any, bureau: Any, configured: Any, today: Any
) -> None:
    # 条例第三十一条第（二）项: an ordinary letter counts from the day it is confirmed.
    with pytest.raises(ApplicationError, match="确认日期"):
        intake.create_application(clerk, bureau, application_input(channel="letter"))
    case = intake.create_application(
        clerk, bureau, application_input(channel="letter", confirmed_on=TODAY)
    )
    assert case.received_on == TODAY


def test_issued_letters_are_immutable(case: Any, clerk: Any, reviewer: Any) -> None:
    case = decided(clerk, reviewer, case)
    case = decisions.issue_decision(clerk, case, issued_on=TODAY)
    letter = Letter.objects.get(application=case, kind="answer")
    letter.title = "改过的标题"
    from gongkai.web.applications.models import LetterIsImmutableError

    with pytest.raises(LetterIsImmutableError):
        letter.save()


def test_no_correction_in_time_closes_the_case_with_a_termination_letter(
    case: Any, clerk: Any, monkeypatch: Any
) -> None:
    # 条例第三十条: 无正当理由逾期不补正的，视为放弃申请 (表三（六）1).
    case = services.request_correction(
        clerk, case, items="1. 请写明年份", sent_on=TODAY, period_end=datetime.date(2025, 7, 7)
    )
    with pytest.raises(ApplicationError, match="尚未届满"):
        services.close_without_correction(clerk, case)
    set_today(monkeypatch, datetime.date(2025, 7, 8))
    case = services.close_without_correction(clerk, case)
    assert case.status == "closed"
    assert case.outcome == "no-correction"
    letter = case.letters.get(kind="termination")
    text = "".join(letter.paragraphs)
    assert "视为放弃申请" in text
    assert "第三十条" in text
    assert "青山区人民政府申请行政复议" in text
