"""条例第三十五条 (说明理由) and 第三十六条（五） (非本机关负责公开): each step a service with its
letter, its clock effect and its table 三 row; bad input refused with nothing stored."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from gongkai.law import Outcome, add_workdays, table_row
from gongkai.web.applications import decisions, reasons, referral, services
from gongkai.web.applications.errors import ApplicationError, InvalidTransitionError, PreIssueError
from gongkai.web.applications.models import Application, Letter
from gongkai.web.applications.selectors import compile_table_three
from gongkai.web.audit.models import AuditEntry
from web.applications_support import *  # noqa: F403
from web.applications_support import TODAY, letter_text, set_today

GROUNDS = "您自2025年5月以来已向本机关提出政府信息公开申请37件"


def asked(clerk: Any, case: Any) -> Any:
    case = services.start_processing(clerk, case)
    return reasons.request_reasons(clerk, case, grounds=GROUNDS, sent_on=TODAY)


def test_asking_for_reasons_sends_the_notice_with_its_period(case: Any, clerk: Any) -> None:
    case = asked(clerk, case)
    assert case.status == "awaiting-reasons"
    # GONGKAI_REASONS_PERIOD_DAYS (15 working days, not counting the day of the notice).
    assert case.reasons_period_end == add_workdays(TODAY, 15) == datetime.date(2025, 7, 7)
    letter = case.letters.get(kind="reasons")
    assert letter.is_issued
    assert letter.number == "青司理告〔2025〕1号"
    text = letter_text(bytes(letter.pdf))
    assert "说明理由告知书" in text
    assert "第三十五条" in text
    assert "2025年7月7日前" in text
    assert GROUNDS in text
    assert AuditEntry.objects.filter(action="application.request_reasons").count() == 1
    assert case.next_due == datetime.date(2025, 7, 7)  # the dashboard counts the period


def test_reasons_are_asked_for_once_and_need_the_facts(case: Any, clerk: Any) -> None:
    started = services.start_processing(clerk, case)
    with pytest.raises(ApplicationError, match="明显超过合理范围的事实"):
        reasons.request_reasons(clerk, started, grounds=" ", sent_on=TODAY)
    assert not Letter.objects.filter(kind="reasons").exists()
    case = reasons.request_reasons(clerk, started, grounds=GROUNDS, sent_on=TODAY)
    case = reasons.record_reasons(
        clerk, case, verdict="reasonable", received_on=TODAY, reasons="研究需要"
    )
    with pytest.raises(InvalidTransitionError, match="已要求过说明理由"):
        reasons.request_reasons(clerk, case, grounds=GROUNDS, sent_on=TODAY)


def test_unreasonable_reasons_lead_to_a_refusal_counted_in_row_five_four(
    case: Any, clerk: Any, reviewer: Any
) -> None:
    case = asked(clerk, case)
    case = reasons.record_reasons(
        clerk, case, verdict="unreasonable", received_on=TODAY, reasons="想看看"
    )
    assert case.status == "drafted"
    assert case.outcome == Outcome.EXCESSIVE.value
    case = decisions.submit_for_review(clerk, case)
    case = decisions.review(reviewer, case, approve=True)
    case = decisions.issue_decision(clerk, case, issued_on=TODAY)
    text = letter_text(bytes(case.letters.get(kind="answer").pdf))
    assert "您说明的理由不合理，本机关不予处理" in text
    assert "第三十五条" in text
    assert "行政复议" in text
    table = compile_table_three(case.organ, 2025)
    assert table[table_row(Outcome.EXCESSIVE).key]["total"] == 1  # 表三（五）4


def test_no_reasons_only_after_the_period_and_then_a_refusal(
    case: Any, clerk: Any, monkeypatch: Any
) -> None:
    case = asked(clerk, case)
    with pytest.raises(ApplicationError, match="尚未届满"):
        reasons.record_reasons(clerk, case, verdict="none")
    assert Application.objects.get(pk=case.pk).status == "awaiting-reasons"
    set_today(monkeypatch, datetime.date(2025, 7, 8))
    case = reasons.record_reasons(clerk, case, verdict="none")
    assert case.status == "drafted"
    draft = case.letters.get(kind="answer", issued_at__isnull=True)
    assert any("您未在期限内说明理由" in p for p in draft.paragraphs)


def test_reasonable_reasons_may_set_a_later_deadline_but_not_an_earlier_one(
    case: Any, clerk: Any
) -> None:
    case = asked(clerk, case)
    statutory = case.reply_due
    with pytest.raises(ApplicationError, match="应晚于第三十三条规定的答复期限"):
        reasons.record_reasons(
            clerk,
            case,
            verdict="reasonable",
            received_on=TODAY,
            reasons="课题研究需要逐年数据",
            delayed_due=statutory,
        )
    assert Application.objects.get(pk=case.pk).delayed_reply_due is None
    later = datetime.date(2025, 8, 29)
    case = reasons.record_reasons(
        clerk,
        case,
        verdict="reasonable",
        received_on=TODAY,
        reasons="课题研究需要逐年数据",
        delayed_due=later,
    )
    assert case.status == "in-progress"
    assert case.reply_due == later  # 第三十五条: the reasonable later deadline, notified


def test_a_verdict_needs_the_reasons_and_a_delay_needs_reasonable_ones(
    case: Any, clerk: Any
) -> None:
    case = asked(clerk, case)
    with pytest.raises(ApplicationError, match="请登记申请人说明的理由"):
        reasons.record_reasons(clerk, case, verdict="reasonable", received_on=TODAY)
    with pytest.raises(ApplicationError, match="只有理由合理的"):
        reasons.record_reasons(
            clerk,
            case,
            verdict="unreasonable",
            received_on=TODAY,
            reasons="x",
            delayed_due=datetime.date(2025, 9, 1),
        )
    assert Application.objects.get(pk=case.pk).version == case.version


def test_the_pause_while_waiting_for_reasons_is_a_setting(
    case: Any, clerk: Any, settings: Any, monkeypatch: Any
) -> None:
    case = asked(clerk, case)
    set_today(monkeypatch, datetime.date(2025, 6, 20))
    running = case.reply_due
    assert running == datetime.date(2025, 7, 14)  # default: the clock runs on
    settings.GONGKAI_REASONS_PAUSE_REPLY_CLOCK = True
    case = reasons.record_reasons(
        clerk, case, verdict="reasonable", received_on=datetime.date(2025, 6, 20), reasons="研究"
    )
    # 6-16 received; 6-16→6-20 asked and answered: the 4 working days 6-17..6-20 not counted.
    assert case.reply_due == add_workdays(running, 4)


# ── 第三十六条（五）: 非本机关负责公开 ──────────────────────────────────────────────────────────


def referred(clerk: Any, case: Any, **changes: Any) -> Any:
    values = {
        "organ_name": "青山区财政局",
        "contact": "青山区富强路2号，电话0472-1234567",
        "reason": "所申请的预算执行信息由财政部门制作并保存（条例第十条）",
        "dated": TODAY,
    }
    values.update(changes)
    return referral.refer_elsewhere(clerk, case, **values)


def test_the_referral_letter_names_the_other_organ_and_closes_the_decision(
    case: Any, clerk: Any
) -> None:
    case = referred(clerk, services.start_processing(clerk, case))
    assert case.status == "issued"
    assert case.outcome == Outcome.NOT_THIS_ORGAN.value
    assert case.decided_on == TODAY
    letter = case.letters.get(kind="transfer")
    text = letter_text(bytes(letter.pdf))
    assert "不属于本机关负责公开" in text
    assert "青山区财政局" in text
    assert "0472-1234567" in text
    assert "第三十六条第（五）项" in text
    assert "青山区人民政府申请行政复议" in text
    case = decisions.record_delivery(clerk, case, delivered_on=TODAY, record="EMS 1001")
    case = decisions.close(clerk, case)
    table = compile_table_three(case.organ, 2025)
    assert table[table_row(Outcome.NOT_THIS_ORGAN).key]["total"] == 1  # 表三（四）1


def test_a_referral_to_this_organ_is_blocked_and_stores_nothing(case: Any, clerk: Any) -> None:
    version = case.version
    with pytest.raises(PreIssueError, match="AP24"):
        referred(clerk, case, organ_name="青山区司法局")
    with pytest.raises(PreIssueError, match="AP23"):
        referred(clerk, case, organ_name="")
    stored = Application.objects.get(pk=case.pk)
    assert (stored.version, stored.outcome, stored.status) == (version, "", "registered")
    assert not Letter.objects.filter(kind="transfer").exists()


def test_a_referral_without_contact_needs_a_confirmed_warning(case: Any, clerk: Any) -> None:
    with pytest.raises(PreIssueError, match="AP25") as refused:
        referred(clerk, case, contact="")
    assert not refused.value.blocking
    case = referral.refer_elsewhere(
        clerk,
        case,
        organ_name="青山区财政局",
        contact="",
        reason="由财政部门制作",
        dated=TODAY,
        confirm=frozenset({"AP25"}),
    )
    assert case.letters.get(kind="transfer").confirmed_warnings == ["AP25"]


def test_a_referral_needs_its_reason(case: Any, clerk: Any) -> None:
    with pytest.raises(ApplicationError, match="说明理由"):
        referred(clerk, case, reason="  ")
    assert Application.objects.get(pk=case.pk).status == "registered"
