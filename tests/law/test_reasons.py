"""条例第三十五条 in ``gongkai.law``: the period for reasons, and the reply clock while waiting
(a setting, since the 条例 does not say)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.law import (
    ApplicationEvents,
    Channel,
    DeadlineInputError,
    DeadlineSettings,
    ReasonsRequest,
    Receipt,
    compute_deadlines,
    reasons_period_end,
    reasons_steps,
)

RECEIVED = date(2025, 6, 16)
PAUSING = DeadlineSettings(reasons_pause_reply_clock=True)


def events(sent: date, replied: date | None = None, **extra: object) -> ApplicationEvents:
    request = ReasonsRequest(sent, reasons_period_end(sent, 15), replied)
    return ApplicationEvents(Receipt(RECEIVED, Channel.IN_PERSON), reasons=request, **extra)  # type: ignore[arg-type]


def test_article_35_period_counts_working_days_after_the_notice() -> None:
    # 2025-06-17 (Tue) + 15 working days, the day of the notice not counted.
    assert reasons_period_end(date(2025, 6, 17), 15) == date(2025, 7, 8)
    with pytest.raises(ValueError, match="至少为1个工作日"):
        reasons_period_end(date(2025, 6, 17), 0)


def test_article_35_by_default_the_reply_clock_runs_while_waiting() -> None:
    plain = compute_deadlines(ApplicationEvents(Receipt(RECEIVED, Channel.IN_PERSON)))
    asked = compute_deadlines(events(date(2025, 6, 17)))
    assert asked.reply.due == plain.reply.due == date(2025, 7, 14)


def test_article_35_setting_leaves_the_waiting_days_out() -> None:
    # Asked 6-17, answered 6-20: the working days 6-18..6-20 are not counted.
    answered = compute_deadlines(events(date(2025, 6, 17), date(2025, 6, 20)), settings=PAUSING)
    assert answered.reply.due == date(2025, 7, 17)
    # No answer: the whole period (6-18..7-08) is left out.
    silent = compute_deadlines(events(date(2025, 6, 17)), settings=PAUSING)
    assert silent.reply.due == date(2025, 8, 4)  # 7-14 plus the 15 working days left out
    assert any("说明理由期间不计入答复期限" in str(step) for step in silent.steps())


def test_article_35_the_organs_later_deadline_wins() -> None:
    result = compute_deadlines(events(date(2025, 6, 17), delayed_reply_deadline=date(2025, 9, 1)))
    assert result.reply.due == date(2025, 9, 1)
    assert result.reply.article == "第三十五条"


def test_article_35_reasons_cannot_be_asked_before_receipt() -> None:
    with pytest.raises(DeadlineInputError, match="要求说明理由"):
        compute_deadlines(events(date(2025, 6, 10)))


def test_article_35_steps_say_whether_the_clock_stops() -> None:
    request = ReasonsRequest(date(2025, 6, 17), date(2025, 7, 8))
    running = " ".join(str(s) for s in reasons_steps(request, pauses_clock=False))
    assert "照常计算" in running
    assert "第三十五条" in running
    stopped = " ".join(str(s) for s in reasons_steps(request, pauses_clock=True))
    assert "不计入答复期限" in stopped
