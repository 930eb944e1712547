"""Deadlines of one application (条例 第三十条–第三十五条; 国办函〔2020〕109号), on fixed dates.

Hand counts in the comments: "+1" is the first working day after the starting day.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law import (
    ApplicationEvents,
    CalendarYearNotConfirmedError,
    Channel,
    Consultation,
    ConsultationKind,
    Correction,
    DeadlineInputError,
    DeadlineSettings,
    DeadlineStatus,
    Extension,
    FeeNotice,
    Receipt,
    add_workdays,
    compute_deadlines,
    count_workdays,
    is_workday,
)

FRIDAY = date(2026, 1, 30)
THIRD_PARTY = ConsultationKind.THIRD_PARTY


def events(received: date | Receipt = FRIDAY, **changes: object) -> ApplicationEvents:
    receipt = received if isinstance(received, Receipt) else Receipt(received)
    return ApplicationEvents(receipt, **changes)  # type: ignore[arg-type]


def test_reply_is_due_20_working_days_after_receipt_across_spring_festival() -> None:
    """第三十三条第二款: received Fri 2026-01-30 → due Thu 2026-03-05."""
    result = compute_deadlines(events())
    assert result.received == FRIDAY
    assert result.reply.due == date(2026, 3, 5)
    assert result.reply.status is DeadlineStatus.OPEN
    assert result.reply.article == "第三十三条第二款"


def test_the_steps_show_the_spring_festival_and_the_make_up_saturday() -> None:
    """第三十三条第二款, written out as a clerk checks it by hand."""
    text = compute_deadlines(events(Receipt(FRIDAY, Channel.ONLINE, FRIDAY))).explain()
    lines = text.splitlines()
    assert lines[0].startswith("收到申请 2026-01-30（周五）：互联网")
    for expected in (
        "第1个工作日 2026-02-02（周一）",
        "春节假期 2026-02-15 至 2026-02-23 不计",
        "调休上班 2026-02-28（周六）计入（第16个工作日）",
        "第20个工作日 2026-03-05（周四）",
        "答复期限 2026-03-05（周四）（第三十三条第二款）",
    ):
        assert expected in lines, expected
    assert lines.index("春节假期 2026-02-15 至 2026-02-23 不计") < lines.index(
        "调休上班 2026-02-28（周六）计入（第16个工作日）"
    )


def test_an_online_application_counts_from_the_day_both_sides_confirmed_it() -> None:
    """第三十一条第（三）项: submitted Fri 01-30, confirmed Mon 02-02 → clock from 02-02."""
    result = compute_deadlines(events(Receipt(FRIDAY, Channel.ONLINE, date(2026, 2, 2))))
    assert result.received == date(2026, 2, 2)
    assert result.reply.due == date(2026, 3, 6)


def test_an_online_application_without_a_confirmation_date_is_refused() -> None:
    """第三十一条第（三）项 needs the date both sides confirmed."""
    with pytest.raises(DeadlineInputError, match="确认日期"):
        compute_deadlines(events(Receipt(FRIDAY, Channel.FAX)))


def test_an_ordinary_letter_confirmed_late_is_noted() -> None:
    """第三十一条第（二）项: an ordinary letter must be confirmed the day it arrives."""
    result = compute_deadlines(events(Receipt(FRIDAY, Channel.LETTER, date(2026, 2, 3))))
    assert result.received == date(2026, 2, 3)
    assert any("收到当日" in note for note in result.notes)


def test_a_signed_for_letter_counts_from_the_day_of_signature() -> None:
    """第三十一条第（二）项: received on the day the organ signs for it."""
    result = compute_deadlines(events(Receipt(date(2026, 9, 28), Channel.POST)))
    # 09-29, 09-30 (2); 10-01…07 off; 10-08, 09 (4); Sat 10-10 worked (5); … 10-30 (20).
    assert result.reply.due == date(2026, 10, 30)


def test_an_answer_on_the_spot_is_due_the_same_day() -> None:
    """第三十三条第一款: 能够当场答复的，应当当场予以答复."""
    result = compute_deadlines(events(on_the_spot=True, replied=FRIDAY))
    assert result.reply.due == FRIDAY
    assert result.reply.status is DeadlineStatus.MET
    assert "当场答复" in result.explain()
    late = compute_deadlines(events(on_the_spot=True, replied=date(2026, 2, 2)))
    assert late.reply.status is DeadlineStatus.LATE


def test_an_answer_on_the_spot_cannot_also_have_an_extension() -> None:
    """第三十三条第一款 and 第二款 exclude each other."""
    with pytest.raises(DeadlineInputError):
        compute_deadlines(events(on_the_spot=True, extension=Extension()))


def test_the_correction_notice_is_due_7_working_days_after_receipt_across_spring_festival() -> None:
    """第三十条: received Wed 2026-02-11 → 02-12, 13, Sat 14 (3), holiday, 02-24…27 (7)."""
    result = compute_deadlines(events(date(2026, 2, 11)))
    assert result.correction_notice.due == date(2026, 2, 27)
    assert result.correction_notice.status is DeadlineStatus.NOT_APPLICABLE


def test_a_correction_notice_sent_on_the_eighth_working_day_is_late() -> None:
    """第三十条: 7 working days; 2026-03-02 is the 8th after 02-11."""
    correction = Correction(date(2026, 3, 2), received=date(2026, 3, 4))
    result = compute_deadlines(events(date(2026, 2, 11), correction=correction))
    assert result.correction_notice.status is DeadlineStatus.LATE


def test_the_reply_period_restarts_when_the_correction_arrives() -> None:
    """第三十条: 答复期限自行政机关收到补正的申请之日起计算 — Mon 2026-09-28 → 2026-10-30."""
    correction = Correction(date(2026, 9, 22), received=date(2026, 9, 28))
    result = compute_deadlines(events(date(2026, 9, 18), correction=correction))
    assert result.correction_notice.status is DeadlineStatus.MET
    assert result.reply.due == date(2026, 10, 30)
    assert "收到补正 2026-09-28（周一）" in result.explain()


def test_while_the_correction_is_awaited_the_reply_clock_is_suspended() -> None:
    """第三十条: the period has not begun; after the correction period the case is abandoned."""
    correction = Correction(date(2026, 3, 2), period_end=date(2026, 3, 16))
    result = compute_deadlines(events(correction=correction), as_of=date(2026, 3, 20))
    assert result.reply.due is None
    assert result.reply.status is DeadlineStatus.SUSPENDED
    assert any("视为放弃申请" in note and "（六）" in note for note in result.notes)


def test_third_party_consultation_time_is_left_out_of_the_reply_period() -> None:
    """第三十三条第三款: consulted 02-10 → answered 02-27 leaves out 8 working days
    (02-11, 12, 13, Sat 14, 24, 25, 26, 27), so 03-05 becomes 03-17."""
    consultation = Consultation(THIRD_PARTY, date(2026, 2, 10), date(2026, 2, 27))
    result = compute_deadlines(events(consultations=(consultation,)))
    assert result.reply.due == date(2026, 3, 17)
    (own,) = result.consultations
    # 第三十二条: the third party has 15 working days: 02-11 … 03-09.
    assert own.due == date(2026, 3, 9)
    assert own.status is DeadlineStatus.MET
    assert "其间 8 个工作日不计（第三十三条第三款）" in result.explain()


def test_an_unanswered_third_party_pauses_the_clock_at_most_15_working_days() -> None:
    """第三十二条: silence after 15 working days lets the organ decide; the deadline is provisional
    until then."""
    consultation = Consultation(THIRD_PARTY, date(2026, 2, 10))
    result = compute_deadlines(events(consultations=(consultation,)), as_of=date(2026, 2, 12))
    assert result.reply.provisional
    # 7 counted before 02-10; paused to 03-09; then 03-10 … 13 working days → 03-26.
    assert result.reply.due == date(2026, 3, 26)
    assert result.consultations[0].status is DeadlineStatus.OPEN


def test_a_late_answer_from_a_co_maker_does_not_stretch_the_pause_beyond_15_working_days() -> None:
    """第三十四条: 15 working days; an answer after that does not add more excluded time."""
    late = Consultation(ConsultationKind.CO_MAKER, date(2026, 2, 10), date(2026, 3, 20))
    capped = Consultation(ConsultationKind.CO_MAKER, date(2026, 2, 10), date(2026, 3, 9))
    result = compute_deadlines(events(consultations=(late,)))
    assert result.reply.due == compute_deadlines(events(consultations=(capped,))).reply.due
    assert result.consultations[0].status is DeadlineStatus.LATE


def test_an_unanswered_consultation_of_another_organ_suspends_the_reply_deadline() -> None:
    """第三十三条第三款: no limit is set for other organs, so no deadline can be given yet."""
    consultation = Consultation(ConsultationKind.OTHER_ORGAN, date(2026, 2, 10))
    result = compute_deadlines(events(consultations=(consultation,)))
    assert result.reply.status is DeadlineStatus.SUSPENDED


def test_overlapping_consultations_leave_each_day_out_only_once() -> None:
    """第三十三条第三款: a day spent on two consultations is one day not counted."""
    one = Consultation(THIRD_PARTY, date(2026, 2, 10), date(2026, 2, 27))
    two = Consultation(ConsultationKind.CO_MAKER, date(2026, 2, 12), date(2026, 2, 25))
    result = compute_deadlines(events(consultations=(one, two)))
    assert result.reply.due == date(2026, 3, 17)


def test_a_consultation_started_after_the_deadline_does_not_extend_it() -> None:
    """第三十三条第三款 excludes consulting time within the period, not after it."""
    late = Consultation(THIRD_PARTY, date(2026, 3, 10), date(2026, 3, 20))
    result = compute_deadlines(events(consultations=(late,)))
    assert result.reply.due == date(2026, 3, 5)
    assert any("不能扣除" in note for note in result.notes)


def test_an_extension_adds_20_working_days() -> None:
    """第三十三条第二款: 延长的期限最长不得超过20个工作日 — 03-05 + 20 → 2026-04-02."""
    result = compute_deadlines(events(extension=Extension(date(2026, 3, 2))))
    assert result.reply.due == date(2026, 4, 2)
    assert "第20个工作日 2026-03-05（周四）：原定答复期限（延长前）" in result.explain()
    assert result.notes == ()


def test_an_extension_approved_after_the_original_deadline_is_noted() -> None:
    """第三十三条第二款: the extension must be agreed while the period runs."""
    result = compute_deadlines(events(extension=Extension(date(2026, 3, 6), days=10)))
    assert result.reply.due == add_workdays(date(2026, 3, 5), 10)
    assert any("晚于原答复期限" in note for note in result.notes)


def test_an_extension_of_more_than_20_working_days_is_refused() -> None:
    """第三十三条第二款."""
    with pytest.raises(DeadlineInputError, match="最长不得超过20个工作日"):
        compute_deadlines(events(extension=Extension(days=21)))


def test_the_organ_may_set_a_later_deadline_for_excessive_requests() -> None:
    """第三十五条: a reasonable later deadline, set and notified by the organ."""
    result = compute_deadlines(events(delayed_reply_deadline=date(2026, 5, 29)))
    assert result.reply.due == date(2026, 5, 29)
    assert result.reply.article == "第三十五条"


def test_a_reply_after_the_deadline_is_late_and_none_at_all_is_overdue() -> None:
    """第三十三条第二款."""
    assert compute_deadlines(events(replied=date(2026, 3, 5))).reply.status is DeadlineStatus.MET
    assert compute_deadlines(events(replied=date(2026, 3, 6))).reply.status is DeadlineStatus.LATE
    overdue = compute_deadlines(events(), as_of=date(2026, 3, 6))
    assert overdue.reply.status is DeadlineStatus.OVERDUE


def test_the_fee_is_due_20_working_days_after_the_notice_is_received_across_national_day() -> None:
    """109号: 自收到收费通知的次日起20个工作日 — received Mon 2026-09-28 → 2026-10-30."""
    fee = FeeNotice(date(2026, 9, 25), received=date(2026, 9, 28), paid=date(2026, 10, 30))
    result = compute_deadlines(events(date(2026, 9, 14), fee=fee))
    assert result.fee_payment is not None
    assert result.fee_payment.due == date(2026, 10, 30)
    assert result.fee_payment.status is DeadlineStatus.MET


def test_an_unpaid_fee_after_the_period_abandons_the_application() -> None:
    """109号: 逾期未缴纳的视为放弃申请 — table 三 row （六）2."""
    fee = FeeNotice(date(2026, 9, 25))
    result = compute_deadlines(events(date(2026, 9, 14), fee=fee), as_of=date(2026, 11, 2))
    assert result.fee_payment is not None
    assert result.fee_payment.status is DeadlineStatus.OVERDUE
    assert any("（六）其他处理”第2项" in note for note in result.notes)


def test_the_fee_pause_of_the_reply_clock_is_a_setting_off_by_default() -> None:
    """DOMAIN §4.5 [M]: whether the clock stops between fee notice and payment is unconfirmed."""
    fee = FeeNotice(date(2026, 2, 10), paid=date(2026, 2, 27))
    plain = compute_deadlines(events(fee=fee))
    paused = compute_deadlines(
        events(fee=fee), settings=DeadlineSettings(fee_pauses_reply_clock=True)
    )
    assert plain.reply.due == date(2026, 3, 5)
    assert paused.reply.due == date(2026, 3, 17)  # the same 8 working days as a consultation


def test_a_fee_notice_before_the_measure_took_effect_is_refused() -> None:
    """109号 effective 2021-01-01 [M], a setting of FeeSettings."""
    with pytest.raises(DeadlineInputError, match="施行"):
        compute_deadlines(events(date(2020, 12, 1), fee=FeeNotice(date(2020, 12, 10))))


def test_a_deadline_reaching_into_2027_before_2027_is_confirmed_is_a_clear_error() -> None:
    """第三十三条 on 2026-12-20: the 20th working day falls in January 2027."""
    with pytest.raises(CalendarYearNotConfirmedError) as raised:
        compute_deadlines(events(date(2026, 12, 20)))
    assert "2027" in raised.value.message


def test_a_deadline_in_2027_is_an_explicitly_flagged_estimate_when_asked_for() -> None:
    """第三十三条, estimated: the result and its first step say it is not a legal deadline."""
    settings = DeadlineSettings(allow_estimate=True)
    result = compute_deadlines(events(date(2026, 12, 20)), settings=settings)
    assert result.estimated
    assert result.estimated_years == (2027,)
    assert result.reply.due == date(2027, 1, 18)
    assert "估算" in result.steps()[0].text


def test_a_confirmed_year_is_never_flagged_as_an_estimate() -> None:
    result = compute_deadlines(events(), settings=DeadlineSettings(allow_estimate=True))
    assert not result.estimated


def test_applications_before_the_2019_regulation_are_refused() -> None:
    """第五十六条: the 2019 条例 applies from 2019-05-15."""
    with pytest.raises(DeadlineInputError, match="2019年5月15日"):
        compute_deadlines(events(date(2019, 5, 14)))


def test_a_correction_received_before_the_notice_was_sent_is_refused() -> None:
    with pytest.raises(DeadlineInputError, match="早于"):
        compute_deadlines(events(correction=Correction(date(2026, 2, 3), date(2026, 2, 2))))


@given(st.dates(min_value=date(2019, 5, 15), max_value=date(2026, 11, 20)))
def test_a_plain_reply_deadline_is_always_the_twentieth_working_day(received: date) -> None:
    """第三十三条第二款 on any day, weekends and holidays included."""
    result = compute_deadlines(events(received))
    assert result.reply.due is not None
    assert is_workday(result.reply.due)
    assert count_workdays(received, result.reply.due) == 20
    assert count_workdays(received, result.correction_notice.due or received) == 7


def test_no_module_of_the_law_package_passes_600_lines() -> None:
    # STYLE.md: modules under ~600 lines; issue 10 item 10 split deadlines.py by concern.
    from pathlib import Path

    import gongkai.law

    folder = Path(gongkai.law.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    assert max(sizes.values()) <= 600, sizes
