"""Corrected letters: an issued letter never changes; its correction is a new, checked, numbered
letter that names the old one, which stays downloadable and is shown as 已更正."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from gongkai.web.applications import corrections, decisions
from gongkai.web.applications.errors import (
    ApplicationError,
    InvalidTransitionError,
    NotAllowedError,
    PreIssueError,
)
from gongkai.web.applications.models import Application, Letter
from gongkai.web.audit.models import AuditEntry
from web.applications_support import *  # noqa: F403
from web.applications_support import TODAY, decided, letter_text


@pytest.fixture
def answered(case: Any, clerk: Any, reviewer: Any) -> Letter:
    case = decided(clerk, reviewer, case)
    case = decisions.issue_decision(clerk, case, issued_on=TODAY)
    return case.letters.get(kind="answer")


def corrected_body(letter: Letter) -> str:
    return corrections.editable_body(letter).replace("经审查", "经本机关审查")


def test_a_correction_is_a_new_letter_and_the_old_one_is_kept(answered: Letter, clerk: Any) -> None:
    before = (answered.pdf_sha256, bytes(answered.pdf))
    fresh = corrections.correct_letter(
        clerk,
        answered,
        reason="原答复书申请内容摘要有误",
        title=answered.title,
        body=corrected_body(answered),
    )
    assert fresh.pk != answered.pk
    assert fresh.replaces_id == answered.pk
    assert fresh.number == "青司公复〔2025〕2号"
    assert fresh.correction_reason == "原答复书申请内容摘要有误"
    old = Letter.objects.get(pk=answered.pk)
    assert (old.pdf_sha256, bytes(old.pdf)) == before  # never changed
    assert hashlib.sha256(bytes(fresh.pdf)).hexdigest() == fresh.pdf_sha256
    text = letter_text(bytes(fresh.pdf))
    assert "经本机关审查" in text
    assert f"更正本机关2025年6月16日作出的《{old.title}》（{old.number}）" in text
    assert "原答复书申请内容摘要有误" in text
    assert corrections.correction_of(old) == fresh
    assert AuditEntry.objects.filter(action="application.correct_letter").count() == 1
    assert AuditEntry.objects.filter(action="letter.issue").count() == 2
    case = Application.objects.get(pk=answered.application_id)
    assert case.timeline.last().public_text.startswith("已更正《")


def test_a_correction_needs_a_reason_and_stores_nothing_without(
    answered: Letter, clerk: Any
) -> None:
    with pytest.raises(ApplicationError, match="请写明更正理由"):
        corrections.correct_letter(clerk, answered, reason=" ", title=answered.title, body="正文")
    assert Letter.objects.count() == 1


def test_the_pre_issue_checks_run_again_on_the_corrected_text(answered: Letter, clerk: Any) -> None:
    body = "\n\n".join(p for p in answered.paragraphs if "行政复议" not in p)
    with pytest.raises(PreIssueError, match="AP08"):
        corrections.correct_letter(
            clerk, answered, reason="删去多余内容", title=answered.title, body=body
        )
    assert Letter.objects.count() == 1
    assert Application.objects.get(pk=answered.application_id).version == (
        answered.application.version
    )


def test_a_letter_is_corrected_once_and_drafts_are_not_corrected(
    answered: Letter, clerk: Any
) -> None:
    body = corrected_body(answered)
    fresh = corrections.correct_letter(
        clerk, answered, reason="笔误", title=answered.title, body=body
    )
    with pytest.raises(InvalidTransitionError, match=r"已于 .* 更正为"):
        corrections.correct_letter(clerk, answered, reason="再改", title=answered.title, body=body)
    # The correction itself may be corrected in turn (its own notice is replaced, not doubled).
    again = corrections.correct_letter(
        clerk, fresh, reason="再次更正", title=fresh.title, body=corrections.editable_body(fresh)
    )
    assert sum("原文书同时作废" in p for p in again.paragraphs) == 1


def test_only_the_organs_clerk_or_head_corrects(answered: Letter, reviewer: Any) -> None:
    with pytest.raises(NotAllowedError):
        corrections.correct_letter(
            reviewer, answered, reason="x", title=answered.title, body="正文"
        )


def test_a_late_answer_is_not_made_late_by_its_correction(
    answered: Letter, clerk: Any, monkeypatch: Any
) -> None:
    import datetime

    from web.applications_support import set_today

    set_today(monkeypatch, datetime.date(2025, 9, 1))  # long after the reply deadline
    fresh = corrections.correct_letter(
        clerk, answered, reason="笔误", title=answered.title, body=corrected_body(answered)
    )
    assert "AP01" not in fresh.confirmed_warnings  # judged by the answer's own date


# ── The screen ───────────────────────────────────────────────────────────────────────────────


def test_the_correction_screen_issues_the_new_letter(
    answered: Letter, clerk: Any, client_as: Any
) -> None:
    client = client_as(clerk)
    case = Application.objects.get(pk=answered.application_id)
    page = client.get(f"/applications/{case.pk}/")
    assert f"/applications/letters/{answered.pk}/correct/" in page.content.decode()
    form = client.get(f"/applications/letters/{answered.pk}/correct/")
    assert form.status_code == 200
    assert "经审查" in form.content.decode()
    refused = client.post(
        f"/applications/letters/{answered.pk}/correct/",
        {"version": case.version, "reason": "", "title": answered.title, "body": "x"},
    )
    assert refused.status_code == 400
    assert "这个字段是必填项" in refused.content.decode() or "必填" in refused.content.decode()
    done = client.post(
        f"/applications/letters/{answered.pk}/correct/",
        {
            "version": case.version,
            "reason": "摘要有误",
            "title": answered.title,
            "body": corrected_body(answered),
        },
    )
    assert done.status_code == 302
    fresh = Letter.objects.get(replaces=answered)
    page = client.get(f"/applications/{case.pk}/").content.decode()
    assert "已更正" in page
    assert f'href="#letter-{fresh.pk}"' in page
    for letter in (answered, fresh):
        pdf = client.get(f"/applications/letters/{letter.pk}.pdf")
        assert pdf.content.startswith(b"%PDF")
        assert bytes(pdf.content) == bytes(Letter.objects.get(pk=letter.pk).pdf)
    status = client_as(None).post(
        "/apply/status/", {"query_code": case.query_code, "identity_tail": "002X"}
    )
    text = status.content.decode()
    assert "已更正" in text
    assert fresh.number in text
    assert "摘要有误" in text


def test_the_correction_screen_is_refused_to_a_reviewer(
    answered: Letter, reviewer: Any, client_as: Any
) -> None:
    assert (
        client_as(reviewer).get(f"/applications/letters/{answered.pk}/correct/").status_code == 403
    )
