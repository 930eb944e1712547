"""Corrected letters. An issued letter never changes (its bytes and SHA-256 are kept); a mistake
in it is put right by a new letter that names the one it corrects (``Letter.replaces``) and why.
The old letter stays downloadable and is shown as 已更正 with a link to its correction.

The correction is a letter like any other: numbered in its own series, rendered to PDF and DOCX,
frozen, and issued only after the pre-issue checks pass on its new text.
"""

from __future__ import annotations

from typing import Any

from gongkai.web.applications import clock
from gongkai.web.applications.errors import (
    ApplicationError,
    InvalidTransitionError,
    NotAllowedError,
)
from gongkai.web.applications.letters import day_zh
from gongkai.web.applications.models import Application, Letter
from gongkai.web.applications.services import step


def correction_of(letter: Letter) -> Letter | None:
    """The letter that corrects ``letter``, if one was issued."""
    return Letter.objects.filter(replaces=letter, issued_at__isnull=False).first()


def corrections_by_original(case: Application) -> dict[int, Letter]:
    """For the case page: each corrected letter's id → its correction."""
    found = Letter.objects.filter(application=case, replaces__isnull=False, issued_at__isnull=False)
    return {letter.replaces_id: letter for letter in found if letter.replaces_id is not None}


def notice_paragraph(original: Letter, reason: str) -> str:
    return (
        f"本文书更正本机关{day_zh(original.dated)}作出的《{original.title}》（{original.number}），"
        f"原文书同时作废。更正理由：{reason}。"
    )


def split_body(body: str) -> list[str]:
    """The edited text of a letter: paragraphs separated by blank lines."""
    paragraphs = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        text = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if text:
            paragraphs.append(text)
    return paragraphs


def correct_letter(
    actor: Any,
    original: Letter,
    *,
    reason: str,
    title: str,
    body: str,
    expected_version: int | None = None,
    confirm: frozenset[str] = frozenset(),
) -> Letter:
    """Issue the corrected version of ``original`` (dated today); returns the new letter."""
    from gongkai.web.accounts.permissions import can_correct_letter
    from gongkai.web.applications import letters

    case = original.application
    if not can_correct_letter(actor, case):
        raise NotAllowedError("只有本机关的政府信息公开工作人员或负责人可以更正文书")
    if not reason.strip():
        raise ApplicationError("请写明更正理由", "reason")
    if not title.strip():
        raise ApplicationError("文书标题不能为空", "title")
    paragraphs = split_body(body)
    if not paragraphs:
        raise ApplicationError("文书正文不能为空", "body")
    issued: list[Letter] = []

    def change(locked: Application) -> None:
        held = Letter.objects.select_for_update().get(pk=original.pk, application=locked)
        if not held.is_issued:
            raise InvalidTransitionError("该文书尚未签发，不需要更正，可直接修改草稿")
        later = correction_of(held)
        if later is not None:
            raise InvalidTransitionError(
                f"该文书已于 {later.dated} 更正为 {later.number}，请更正最新的文书"
            )
        fresh = Letter(
            application=locked,
            kind=held.kind,
            number=letters.UNDRAFTED,
            title=title.strip(),
            paragraphs=[*paragraphs, notice_paragraph(held, reason.strip())],
            dated=clock.today(),
            replaces=held,
            correction_reason=reason.strip(),
        )
        issued.append(letters.issue(actor, fresh, locked, confirm))

    step(
        actor,
        case,
        "correct_letter",
        change,
        expected_version=expected_version,
        note=f"更正《{original.title}》{original.number}：{reason.strip()}",
        public_text=f"已更正《{original.title}》（原文号 {original.number}）",
    )
    return issued[0]


def editable_body(letter: Letter) -> str:
    """The letter's text as the correction screen offers it for editing."""
    paragraphs = list(letter.paragraphs)
    if letter.replaces_id is not None and paragraphs:
        paragraphs.pop()  # the previous correction's notice: the new one replaces it
    return "\n\n".join(paragraphs)
