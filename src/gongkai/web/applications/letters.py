"""Letters of a case: composed from templates (``letters/<kind>.txt``, overridable by an
administrator), checked before issue (``prechecks``), rendered to PDF (WeasyPrint, as the
report writers do) and DOCX (python-docx), and frozen once issued — bytes and SHA-256 kept.

A template is plain text with Django template variables: the first line is the title, the second
the salutation, and blank lines separate paragraphs. The organ's name, the 文号 and the date are
added by the layout, not the template.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.template import Context, Template
from django.utils import timezone

from gongkai.law import Outcome, legal_basis
from gongkai.law.outcomes import rule_for
from gongkai.web.applications.errors import ApplicationError, PreIssueError
from gongkai.web.applications.models import (
    Application,
    DeliveryMethod,
    IntakeChannel,
    Letter,
    LetterKind,
    LetterTemplate,
    OrganSettings,
)
from gongkai.writers.settings import SERIF

LETTERS_DIR = Path(__file__).resolve().parent / "letters"
# Series codes in the 文号 (WORKBENCH §A3: one series per document type).
CODES = {
    LetterKind.RECEIPT: "信收",
    LetterKind.CORRECTION: "补告",
    LetterKind.EXTENSION: "延告",
    LetterKind.CONSULTATION: "征询",
    LetterKind.FEE: "费告",
    LetterKind.ANSWER: "公复",
    LetterKind.TERMINATION: "终告",
    LetterKind.TRANSFER: "转告",
    LetterKind.REASONS: "理告",
}
# WORKBENCH §A2.4 [INFERENCE, counsel to confirm]: refusals under 第十四–十六条 go to 复议 first
# (行政复议法第二十三条第一款（四）); everything else: 复议 or 诉讼.
REVIEW_FIRST = frozenset(o for o in Outcome if o.value.startswith("denied-")) | {Outcome.PARTIAL}
PROCEDURAL = frozenset(
    {
        LetterKind.RECEIPT,
        LetterKind.CORRECTION,
        LetterKind.EXTENSION,
        LetterKind.CONSULTATION,
        LetterKind.FEE,
        LetterKind.REASONS,
    }
)
# Letters that decide the application and so carry the remedy clause (WORKBENCH §A2.4); the
# 第三十六条（五）告知书 is one (告知无法提供 is actionable, 法释〔2025〕8号第一条).
DECIDING = frozenset({LetterKind.ANSWER, LetterKind.TERMINATION, LetterKind.TRANSFER})
UNDRAFTED = "（签发时编号）"


@cache
def outcome_paragraphs() -> dict[str, str]:
    with (LETTERS_DIR / "outcomes.toml").open("rb") as handle:
        return {key: str(value) for key, value in tomllib.load(handle).items()}


def shipped_template(kind: str) -> str:
    return (LETTERS_DIR / f"{kind}.txt").read_text(encoding="utf-8")


def template_text(kind: str) -> str:
    override = LetterTemplate.objects.filter(kind=kind).first()
    return override.body if override else shipped_template(kind)


def day_zh(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（日期）"


def remedy_clause(config: OrganSettings, outcome: Outcome | None, online: bool) -> str:
    """行政复议法第二十条、第二十三条, 行政诉讼法第四十六条 (WORKBENCH §A2.4)."""
    body = config.reconsideration_body or "（行政复议机关）"
    court = config.court or "人民法院"
    if outcome in REVIEW_FIRST:
        text = (
            f"如对本答复中不予公开的决定不服，可以自收到本答复之日起六十日内向{body}申请行政复议；"
            f"对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向{court}提起行政诉讼。"
        )
        if outcome is Outcome.PARTIAL:
            text += (
                f"对本答复的其他内容不服的，可以自收到本答复之日起六十日内向{body}申请行政复议，"
                f"或者在六个月内依法向{court}提起行政诉讼。"
            )
    else:
        text = (
            f"如对本答复不服，可以自收到本答复之日起六十日内向{body}申请行政复议，"
            f"或者在六个月内依法向{court}提起行政诉讼。"
        )
    if online:
        # 行政复议法第二十二条第二款: served online ⇒ an online channel for the 复议申请.
        text += "您也可以通过互联网渠道提出行政复议申请。"
    return text


def context_for(case: Application, kind: str, dated: datetime.date) -> dict[str, Any]:
    from gongkai.web.applications import clock
    from gongkai.web.applications.decisions import organ_settings

    config = organ_settings(case.organ)
    outcome = case.outcome_enum
    facts = {
        "withheld_parts": case.withheld_parts,
        "withheld_reason": case.withheld_reason,
        "search_record": case.search_record,
        "responsible_organ": case.responsible_organ,
        "decision_text": case.decision_text,
        "correction_sent_on": day_zh(case.correction_sent_on),
        "reasons_finding": "您说明的理由不合理"
        if case.reasons_verdict != "none"
        else "您未在期限内说明理由",
    }
    fee = case.fees.last() if case.pk else None
    consultation = case.consultations.last() if case.pk else None
    online = case.delivery_method in (DeliveryMethod.ONLINE, DeliveryMethod.EMAIL)
    answered = kind in DECIDING
    return {
        "organ": case.organ.name,
        "applicant": case.applicant_name,
        "received": day_zh(case.received_on),
        "channel": IntakeChannel(case.channel).label,
        "request": case.request_text,
        "case_number": case.number,
        "query_code": case.query_code,
        "items": case.correction_items,
        "period_end": day_zh(case.correction_period_end),
        "contact": config.contact or case.organ.name,
        "reason": case.extension_reason,
        "extension_days": case.extension_days or "",
        "new_due": day_zh(case.reply_due),
        "party": consultation.party if consultation else "",
        "fee_method": "按件计收" if fee and fee.method == "per-item" else "按量计收",
        "fee_explanation": fee.explanation if fee else "",
        "fee_amount": fee.amount if fee else "",
        "decision_text": case.decision_text if outcome is not Outcome.OTHER else "",
        "outcome_text": outcome_paragraphs().get(outcome.value, "").format(**facts)
        if outcome
        else "",
        # An outcome with no article (（五）5, （六）3) states facts and reasons instead.
        "legal_basis": legal_basis(outcome) if outcome and rule_for(outcome).articles else "",
        "remedy": remedy_clause(config, outcome, online) if answered else "",
        "responsible_organ": case.responsible_organ,
        "responsible_contact": case.responsible_contact,
        "referral_basis": legal_basis(Outcome.NOT_THIS_ORGAN),
        "reasons_grounds": case.reasons_grounds,
        "reasons_period_end": day_zh(case.reasons_period_end),
        "dated": day_zh(dated),
        "today": day_zh(clock.today()),
    }


def compose(template: str, context: dict[str, Any]) -> tuple[str, list[str]]:
    """The title and paragraphs of a letter (empty paragraphs dropped)."""
    rendered = Template(template).render(Context(context, autoescape=False))
    lines = rendered.strip().splitlines()
    if not lines:
        raise ApplicationError("文书模板为空", "body")
    title = lines[0].strip()
    paragraphs: list[str] = []
    body = lines[1:]
    if body and body[0].strip().endswith("："):
        # The salutation (称谓, WORKBENCH §A1.2) stands on its own line, not indented.
        paragraphs.append(body.pop(0).strip())
    for block in "\n".join(body).split("\n\n"):
        text = " ".join(part.strip() for part in block.splitlines() if part.strip())
        if text:
            paragraphs.append(text)
    return title, paragraphs


def draft(case: Application, kind: str, dated: datetime.date) -> Letter:
    """A letter not yet issued (unsaved)."""
    title, paragraphs = compose(template_text(kind), context_for(case, kind, dated))
    return Letter(
        application=case,
        kind=kind,
        number=UNDRAFTED,
        title=title,
        paragraphs=paragraphs,
        dated=dated,
    )


# ── Rendering ────────────────────────────────────────────────────────────────────────────────

_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
body {{ font-family: "{SERIF}"; font-size: 16pt; line-height: 28pt; }}
h1 {{ font-family: "{SERIF}"; font-weight: bold; font-size: 22pt; text-align: center;
      line-height: 34pt; margin: 0 0 14pt; }}
p.number {{ text-align: center; margin: 0 0 14pt; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.salutation {{ text-indent: 0; }}
p.sign {{ text-align: right; text-indent: 0; margin-top: 28pt; }}
p.demo {{ color: #a00; text-indent: 0; font-size: 10.5pt; }}
"""


def _letter_lines(letter: Letter, case: Application) -> tuple[str, list[str], str, str]:
    paragraphs = list(letter.paragraphs)
    salutation = paragraphs.pop(0) if paragraphs and paragraphs[0].endswith("：") else ""
    return salutation, paragraphs, case.organ.name, day_zh(letter.dated)


def render_pdf(letter: Letter, case: Application) -> bytes:
    from gongkai.writers.pdfwriter import pdf_from_html
    from gongkai.writers.settings import WriterSettings

    salutation, paragraphs, organ, dated = _letter_lines(letter, case)
    parts = [
        "<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'>",
        f"<style>{_CSS}</style></head><body>",
    ]
    if case.is_demo:
        parts.append("<p class='demo'>示例数据 · 非真实文书</p>")
    parts.append(f"<h1>{html.escape(letter.title)}</h1>")
    parts.append(f"<p class='number'>{html.escape(letter.number)}</p>")
    if salutation:
        parts.append(f"<p class='salutation'>{html.escape(salutation)}</p>")
    parts += [f"<p>{html.escape(text)}</p>" for text in paragraphs]
    parts.append(f"<p class='sign'>{html.escape(organ)}<br>{dated}</p></body></html>")
    return pdf_from_html("".join(parts), WriterSettings())


def render_docx(letter: Letter, case: Application) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    salutation, paragraphs, organ, dated = _letter_lines(letter, case)
    word = Document()
    word.core_properties.title = letter.title
    style = word.styles["Normal"]
    style.font.name = SERIF
    style.font.size = Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), SERIF)

    def add(
        text: str, *, align: Any = None, indent: bool = True, bold: bool = False, size: int = 16
    ) -> None:
        paragraph = word.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)

    if case.is_demo:
        add("示例数据 · 非真实文书", indent=False, size=10)
    add(letter.title, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, bold=True, size=22)
    add(letter.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    if salutation:
        add(salutation, indent=False)
    for text in paragraphs:
        add(text)
    add(organ, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    add(dated, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render_preview(
    case: Application, kind: str, template: str | None = None
) -> tuple[str, list[str]]:
    from gongkai.web.applications import clock

    return compose(template or template_text(kind), context_for(case, kind, clock.today()))


# ── Issuing ──────────────────────────────────────────────────────────────────────────────────


def _letter_number(case: Application, kind: str, year: int) -> str:
    from gongkai.web.applications.decisions import organ_settings

    config = OrganSettings.objects.select_for_update().get(pk=organ_settings(case.organ).pk)
    serial = (
        Letter.objects.filter(
            application__organ=case.organ, kind=kind, issued_at__isnull=False, dated__year=year
        ).count()
        + 1
    )
    return config.letter_number_format.format(
        short=config.short_name, code=CODES[LetterKind(kind)], year=year, serial=serial
    )


def issue(actor: Any, letter: Letter, case: Application, confirm: frozenset[str]) -> Letter:
    """Run the pre-issue checks, number the letter, render and freeze it. Must be called inside
    the transaction of the step that sends it."""
    from gongkai.web.applications.prechecks import run_checks
    from gongkai.web.audit.services import record_change

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("letters.issue must run inside the step's transaction")
    if (
        letter.pk is not None
        and Letter.objects.filter(pk=letter.pk, issued_at__isnull=False).exists()
    ):
        raise PreIssueError([issued_twice(case)])
    findings = run_checks(case, letter)
    errors = [f for f in findings if f.severity == "error"]
    unconfirmed = [f for f in findings if f.severity == "warning" and f.check_id not in confirm]
    if errors or unconfirmed:
        raise PreIssueError(errors + unconfirmed)
    letter.number = _letter_number(case, letter.kind, letter.dated.year)
    letter.confirmed_warnings = sorted(f.check_id for f in findings)
    letter.pdf = render_pdf(letter, case)
    letter.docx = render_docx(letter, case)
    letter.pdf_sha256 = hashlib.sha256(letter.pdf).hexdigest()
    letter.docx_sha256 = hashlib.sha256(letter.docx).hexdigest()
    letter.issued_at = timezone.now()
    letter.issued_by = actor if getattr(actor, "pk", None) else None
    letter.application = case
    letter.save()
    if case.email:
        from gongkai.web.applications.tasks import notify_applicant

        transaction.on_commit(lambda: notify_applicant.enqueue(letter.pk))
    record_change(
        actor,
        "letter.issue",
        letter,
        None,
        {
            "number": letter.number,
            "kind": letter.kind,
            "pdf_sha256": letter.pdf_sha256,
            "confirmed_warnings": letter.confirmed_warnings,
        },
        organ=case.organ,
    )
    return letter


def issued_twice(case: Application) -> Any:
    from gongkai.web.applications.errors import CheckFinding

    return CheckFinding(
        "AP19", "error", "该文书已签发，不能再次签发；更正请另发新文书", case.number
    )


def issue_new(
    actor: Any, case: Application, kind: str, dated: datetime.date, confirm: frozenset[str]
) -> Letter:
    return issue(actor, draft(case, kind, dated), case, confirm)


def draft_answer(case: Application) -> Letter:
    """(Re)draft the answer letter of the decision: any unissued answer draft is replaced."""
    from gongkai.web.applications import clock

    kind = LetterKind.ANSWER
    case.letters.filter(kind=kind, issued_at__isnull=True).delete()
    letter = draft(case, kind, clock.today())
    letter.save()
    return letter


def issue_answer(
    actor: Any, case: Application, dated: datetime.date, confirm: frozenset[str]
) -> Letter:
    pending = case.letters.filter(kind=LetterKind.ANSWER, issued_at__isnull=True).last()
    if pending is None:
        if case.letters.filter(kind=LetterKind.ANSWER, issued_at__isnull=False).exists():
            raise PreIssueError([issued_twice(case)])
        raise ApplicationError("没有待签发的答复书，请先拟定答复")
    fresh = draft(case, LetterKind.ANSWER, dated)  # the text as of signing: dates, due dates
    pending.title, pending.paragraphs, pending.dated = fresh.title, fresh.paragraphs, dated
    return issue(actor, pending, case, confirm)


def save_template(actor: Any, kind: str, body: str) -> LetterTemplate:
    """An administrator's version of a template (checked by composing it first)."""
    from gongkai.web.audit.services import record_change

    Template(body)  # a syntax error is refused before anything is stored
    with transaction.atomic():
        template, _ = LetterTemplate.objects.get_or_create(kind=kind, defaults={"body": body})
        before = {"body": template.body}
        template.body = body
        template.save()
        record_change(actor, "letter_template.save", template, before, {"body": body})
    return template
