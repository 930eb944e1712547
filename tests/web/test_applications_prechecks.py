"""Each pre-issue check (WORKBENCH §A6) has a failing and a passing case."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from gongkai.web.applications import letters
from gongkai.web.applications.models import Application, Letter
from gongkai.web.applications.prechecks import CHECKS, run_checks
from gongkai.web.organs.services import create_unit
from web.applications_support import *  # noqa: F403
from web.applications_support import TODAY

D = datetime.date
Setup = Callable[[Application, Any], None]


def _set(**fields: Any) -> Setup:
    def apply(case: Application, context: Any) -> None:
        for name, value in fields.items():
            setattr(case, name, value)

    return apply


def _letter(case: Application, kind: str, dated: datetime.date = TODAY) -> Letter:
    return letters.draft(case, kind, dated)


def _fee(amount: int) -> Setup:
    def apply(case: Application, context: Any) -> None:
        case.fees.create(method="per-item", units=1, amount=amount, explanation="", sent_on=TODAY)

    return apply


def _answered_before(case: Application, context: Any) -> None:
    Application.objects.filter(pk=case.pk).update()  # keeps the row
    other = Application.objects.get(pk=case.pk)
    other.pk = None
    other.serial = 99
    other.query_code = "ZZZZZZZZZZ"
    other.decided_on = D(2025, 1, 6)
    other.outcome = "disclosed"
    other.is_open = False
    other.status = "closed"
    other.save()


def _extension_approved(case: Application, context: Any) -> None:
    case.extension_days = 20
    case.extension_approved_on = TODAY
    case.extension_approved_by = context["head"]


def _unit_name(case: Application, context: Any) -> None:
    create_unit(None, organ=case.organ, name="法治宣传股", kind="section")


DISCLOSE = {
    "outcome": "disclosed",
    "decision_text": "可以公开",
    "secrecy_reviewed": True,
    "review_level_done": 1,
}
REASONS_ASKED = {
    "reasons_requested_on": TODAY,
    "reasons_period_end": D(2025, 7, 7),
    "reasons_grounds": "您自2025年5月以来已提出申请37件",
}
EXCESSIVE_AFTER_REASONS = {
    **REASONS_ASKED,
    "outcome": "excessive",
    "decision_text": "x",
    "review_level_done": 1,
    "reasons_verdict": "unreasonable",
}
REFERRED = {
    "outcome": "not-this-organ",
    "decision_text": "该信息由财政部门制作",
    "responsible_organ": "青山区财政局",
    "responsible_contact": "青山区富强路2号，0472-1234567",
}
# id, letter kind, setup that fails the check, setup that passes it, letter text edit (fail)
CASES: list[tuple[str, str, Setup, Setup, Callable[[Letter], None] | None]] = [
    ("AP01", "answer", _set(**DISCLOSE, reply_due=D(2025, 6, 1)), _set(**DISCLOSE), None),
    ("AP02", "extension", _set(extension_days=20), _extension_approved, None),
    ("AP03", "extension", _extension_approved, _extension_approved, "late"),
    (
        "AP04",
        "correction",
        _set(correction_items="1. 年份"),
        _set(correction_items="1. 年份"),
        "late",
    ),
    ("AP05", "correction", _set(correction_items=""), _set(correction_items="1. 年份"), None),
    (
        "AP06",
        "answer",
        _set(outcome="not-exist", decision_text="无", review_level_done=1),
        _set(
            outcome="not-exist",
            decision_text="无",
            review_level_done=1,
            search_record="检索了收文登记簿和档案目录",
        ),
        None,
    ),
    (
        "AP07",
        "answer",
        _set(outcome="denied-third-party", decision_text="不公开", review_level_done=1),
        _set(
            outcome="denied-third-party",
            decision_text="不公开",
            review_level_done=1,
            withheld_parts="全部",
            withheld_reason="涉及商业秘密",
        ),
        None,
    ),
    ("AP08", "answer", _set(**DISCLOSE), _set(**DISCLOSE), "no-remedy"),
    (
        "AP09",
        "answer",
        _set(
            outcome="denied-third-party",
            decision_text="x",
            review_level_done=1,
            withheld_parts="全部",
            withheld_reason="商业秘密",
        ),
        _set(
            outcome="denied-third-party",
            decision_text="x",
            review_level_done=1,
            withheld_parts="全部",
            withheld_reason="商业秘密",
        ),
        "no-review-first",
    ),
    ("AP10", "answer", _set(**DISCLOSE), _set(**DISCLOSE), "old-article"),
    ("AP11", "answer", _unit_name, _set(**DISCLOSE), "unit"),
    ("AP12", "fee", _fee(0), _fee(100), None),
    (
        "AP13",
        "answer",
        _set(outcome="not-this-organ", decision_text="x", review_level_done=1),
        _set(
            outcome="not-this-organ",
            decision_text="x",
            review_level_done=1,
            responsible_organ="青山区财政局 0472-1",
        ),
        None,
    ),
    (
        "AP14",
        "answer",
        _set(outcome="repeat", decision_text="x", review_level_done=1),
        lambda c, x: (
            _answered_before(c, x),
            _set(outcome="repeat", decision_text="x", review_level_done=1)(c, x),
        ),
        None,
    ),
    (
        "AP15",
        "answer",
        _set(outcome="disclosed", decision_text="x", review_level_done=1),
        _set(**DISCLOSE),
        None,
    ),
    (
        "AP16",
        "answer",
        _set(outcome="disclosed", decision_text="x", secrecy_reviewed=True),
        _set(**DISCLOSE),
        None,
    ),
    ("AP17", "answer", _set(**DISCLOSE), _set(**DISCLOSE), "no-basis"),
    ("AP18", "answer", _set(**DISCLOSE, delivery_method="email"), _set(**DISCLOSE), "no-online"),
    (
        "AP20",
        "answer",
        _set(**DISCLOSE, agent_name="王律师"),
        _set(**DISCLOSE, agent_name="王律师", agent_authorised=True),
        None,
    ),
    (
        "AP21",
        "answer",
        _set(outcome="excessive", decision_text="x", review_level_done=1),
        _set(**EXCESSIVE_AFTER_REASONS),
        None,
    ),
    ("AP22", "reasons", _set(**REASONS_ASKED), _set(**REASONS_ASKED), "no-period"),
    ("AP23", "transfer", _set(**{**REFERRED, "responsible_organ": ""}), _set(**REFERRED), None),
    (
        "AP24",
        "transfer",
        lambda c, x: _set(**{**REFERRED, "responsible_organ": c.organ.name})(c, x),
        _set(**REFERRED),
        None,
    ),
    ("AP25", "transfer", _set(**{**REFERRED, "responsible_contact": ""}), _set(**REFERRED), None),
]


def _edit(letter: Letter, how: str | None, case: Application) -> None:
    text = list(letter.paragraphs)
    if how == "late":
        letter.dated = D(2025, 8, 29)
    elif how == "no-remedy":
        letter.paragraphs = [p for p in text if "行政复议" not in p]
    elif how == "no-review-first":
        letter.paragraphs = [p.replace("行政复议决定", "复议结果") for p in text]
    elif how == "old-article":
        letter.paragraphs = [*text, "根据《中华人民共和国政府信息公开条例》第二十一条的规定"]
    elif how == "unit":
        letter.paragraphs = [*text, "法治宣传股"]
    elif how == "no-basis":
        letter.paragraphs = [p for p in text if "根据" not in p]
    elif how == "no-period":
        letter.paragraphs = [p for p in text if "前向本机关" not in p]
    elif how == "no-online":
        letter.paragraphs = [p.replace("互联网", "网络") for p in text]


def test_every_check_is_covered() -> None:
    assert {check.check_id for check in CHECKS} == {row[0] for row in CASES}


@pytest.mark.parametrize(("check_id", "kind", "failing", "passing", "edit"), CASES)
def test_each_check_fails_and_passes(
    case: Application,
    head_of_office: Any,
    check_id: str,
    kind: str,
    failing: Setup,
    passing: Setup,
    edit: str | None,
) -> None:
    context = {"head": head_of_office}
    bad = Application.objects.get(pk=case.pk)
    failing(bad, context)
    if edit == "late" and kind == "extension":
        bad.reply_due = D(2025, 7, 14)
    letter = _letter(bad, kind)
    _edit(letter, edit, bad)
    assert check_id in {f.check_id for f in run_checks(bad, letter)}
    good = Application.objects.get(pk=case.pk)
    passing(good, context)
    assert check_id not in {f.check_id for f in run_checks(good, _letter(good, kind))}
