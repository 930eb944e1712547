"""Every state change of a report draft, each audited in the same transaction.

drafting —submit→ in_review (level 1 … n) —approve at n→ awaiting_signature —sign→ signed
—publish→ published —start_correction→ drafting. ``return_draft`` sends it back to drafting
from review or signature, with the comment. Saving is allowed only while drafting, and every save
runs every rule, the cross-year ones against last year's report on file.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import gongkai
from gongkai.report.canonical import dumps, loads
from gongkai.report.draft import (
    FIGURE_LABELS,
    Sentence,
    draft_sections,
    figure_changes,
    stated_figures,
)
from gongkai.report.findings import CellRef
from gongkai.report.formats import SECTIONS
from gongkai.report.model import Report
from gongkai.web.audit.services import record_change
from gongkai.web.reports import selectors as reports
from gongkai.web.reports.checking import count, findings_to_json, run_check
from gongkai.web.reports.editing import NARRATIVE_KEYS, file_compiled_report
from gongkai.web.workspace import selectors
from gongkai.web.workspace.compiling import compile_draft
from gongkai.web.workspace.models import Draft, State, Step
from gongkai.writers.annotate import describe_ref

MAX_SECTION_CHARS = 20_000


class DraftError(Exception):
    """A change refused, with a Chinese message; nothing was stored."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check(draft: Draft, report: Report) -> None:
    previous = reports.get_current(draft.organ, draft.year - 1)
    findings = run_check(report, reports.report_of(previous) if previous else None)
    counts = count(findings)
    draft.report_json = dumps(report)
    draft.findings = findings_to_json(findings)
    draft.error_count = counts[gongkai.Severity.ERROR]
    draft.warning_count = counts[gongkai.Severity.WARNING]


def _step(
    draft: Draft, actor: Any, action: str, comment: str = "", level: int | None = None
) -> None:
    Step.objects.create(draft=draft, actor=actor, action=action, comment=comment, level=level)
    record_change(
        actor,
        f"draft.{action}",
        draft,
        None,
        {"state": draft.state, "level": level, "comment": comment},
        organ=draft.organ,
    )


def _initial_sections(organ: Any, year: int, sentences: list[Sentence]) -> dict[str, str]:
    """The draft sentences from the records; a section they say nothing about (problems and
    improvements, say) keeps the text of the report on file for the year, if any."""
    filing = reports.get_current(organ, year)
    stored = (reports.report_of(filing).sections if filing is not None else None) or {}
    sections = {section.key: stored.get(section.key, "") for section in SECTIONS}
    for key in ("preamble", "closing"):
        if stored.get(key):
            sections[key] = stored[key]
    sections.update(draft_sections(sentences))
    return sections


def _sources(sentences: list[Sentence]) -> list[dict[str, Any]]:
    return [
        {
            "section": s.section,
            "text": s.text,
            "source": s.source,
            "figures": [[FIGURE_LABELS.get(k, k), v] for k, v in s.figures],
        }
        for s in sentences
    ]


def _keep_compile(draft: Draft, sentences: list[Sentence]) -> None:
    draft.sources = _sources(sentences)
    draft.figures = stated_figures(sentences)


def start_draft(actor: Any, organ: Any, year: int) -> Draft:
    """The year's draft: tables compiled from the records, and a narrative of sentences with
    the year's figures from the records, each noting its source. Returns the existing draft
    when there is one."""
    existing = selectors.get_draft(organ, year)
    if existing is not None:
        return existing
    report, sentences = compile_draft(organ, year)
    report.sections = _initial_sections(organ, year, sentences)
    with transaction.atomic():
        draft = Draft(organ=organ, year=year)
        _check(draft, report)
        _keep_compile(draft, sentences)
        draft.save()
        record_change(actor, "draft.start", draft, None, {"year": year}, organ=organ)
    return draft


def recompile(actor: Any, draft: Draft) -> list[str]:
    """Take the tables and the narrative's figures from the records again (the clerk's text
    stays); returns what changed since the last compile: the cells, each as
    '表三（一）予以公开·自然人：2 → 3', and the figures, each as '正文·行政复议：0 → 1'. The
    fresh sentences are shown beside the narrative for the clerk to take over."""
    _require_state(draft, State.DRAFTING)
    before = loads(draft.report_json)
    report, sentences = compile_draft(draft.organ, draft.year)
    report.sections = before.sections
    changes = _changes(before, report)
    changes += figure_changes(draft.figures or {}, stated_figures(sentences), FIGURE_LABELS)
    with transaction.atomic():
        _check(draft, report)
        _keep_compile(draft, sentences)
        draft.save()
        record_change(
            actor,
            "draft.recompile",
            draft,
            None,
            {"errors": draft.error_count, "changes": changes},
            organ=draft.organ,
        )
    return changes


def _changes(before: Report, after: Report) -> list[str]:
    keys = {(t, r, c) for t, r, c, _cell in before.iter_cells()}
    keys |= {(t, r, c) for t, r, c, _cell in after.iter_cells()}
    changed = []
    for table, row, column in sorted(keys):
        old, new = before.value(table, row, column), after.value(table, row, column)
        if old != new:
            place = describe_ref(after.format, CellRef(table, row, column))
            changed.append(f"{place}：{_shown(old)} → {_shown(new)}")
    return changed


def _shown(value: Any) -> str:
    return "空" if value is None else str(value)


def _require_state(draft: Draft, *states: State) -> None:
    if draft.state not in states:
        raise DraftError(
            _("报告当前状态为“%(s)s”，不能进行此操作") % {"s": draft.get_state_display()}
        )


def save_sections(actor: Any, draft: Draft, texts: dict[str, str]) -> Draft:
    """Store the narrative (plain text; shown escaped, never as HTML) and run every rule."""
    _require_state(draft, State.DRAFTING)
    report = loads(draft.report_json)
    sections = dict(report.sections or {})
    for key, text in texts.items():
        if key not in NARRATIVE_KEYS:
            raise DraftError(_("未知的章节：%(k)s") % {"k": key})
        if len(text) > MAX_SECTION_CHARS:
            raise DraftError(_("一个章节不能超过 %(n)d 字") % {"n": MAX_SECTION_CHARS})
        sections[key] = text.replace("\r\n", "\n").strip()
    report.sections = sections
    with transaction.atomic():
        _check(draft, report)
        draft.save()
    return draft


def _levels(draft: Draft) -> int:
    return selectors.review_levels(draft.organ)


def submit(actor: Any, draft: Draft) -> Draft:
    _require_state(draft, State.DRAFTING)
    with transaction.atomic():
        if _levels(draft) == 0:
            draft.state, draft.review_level = State.AWAITING_SIGNATURE, 0
        else:
            draft.state, draft.review_level = State.IN_REVIEW, 1
        draft.save()
        _step(draft, actor, "submit")
    return draft


def approve(actor: Any, draft: Draft, comment: str = "") -> Draft:
    """The reviewer of the current level approves: on to the next level, or to the head."""
    _require_state(draft, State.IN_REVIEW)
    level = draft.review_level
    with transaction.atomic():
        if level >= _levels(draft):
            draft.state, draft.review_level = State.AWAITING_SIGNATURE, 0
        else:
            draft.review_level = level + 1
        draft.save()
        _step(draft, actor, "approve", comment, level)
    return draft


def return_draft(actor: Any, draft: Draft, comment: str) -> Draft:
    """Send the draft back to the clerk with the comment (required)."""
    _require_state(draft, State.IN_REVIEW, State.AWAITING_SIGNATURE, State.SIGNED)
    if not comment.strip():
        raise DraftError(_("退回时请填写意见"))
    level = draft.review_level or None
    with transaction.atomic():
        draft.state, draft.review_level = State.DRAFTING, 0
        draft.signed_by, draft.signed_at = None, None
        draft.save()
        _step(draft, actor, "return", comment.strip(), level)
    return draft


def sign(actor: Any, draft: Draft) -> Draft:
    """The head signs the reviewed report."""
    _require_state(draft, State.AWAITING_SIGNATURE)
    with transaction.atomic():
        draft.state = State.SIGNED
        draft.signed_by, draft.signed_at = actor, timezone.now()
        draft.save()
        _step(draft, actor, "sign")
    return draft


def publish(actor: Any, draft: Draft, *, override_reason: str = "", head: bool = False) -> Any:
    """Publish the signed report: a new current version in the archive, at the organ's fixed
    address. Refused while any error remains, unless the head overrides with a reason, which is
    logged and kept on the version for the supervisor to see."""
    _require_state(draft, State.SIGNED)
    override_reason = override_reason.strip()
    if draft.error_count and not (head and override_reason):
        raise DraftError(
            _("报告仍有 %(n)d 个错误，不能发布；机关负责人可填写理由后越过检查发布")
            % {"n": draft.error_count}
        )
    report = loads(draft.report_json)
    report.published_on = timezone.localdate()
    note = _("年报工作台编制，%(who)s签发") % {"who": draft.signed_by}
    if draft.correction_reason:
        note += _("；更正：%(r)s") % {"r": draft.correction_reason}
    if draft.error_count:
        note += _("；负责人越过 %(n)d 个错误发布，理由：%(r)s") % {
            "n": draft.error_count,
            "r": override_reason,
        }
    with transaction.atomic():
        filing = file_compiled_report(actor, draft.organ, report, note[:500])
        draft.state, draft.published = State.PUBLISHED, filing
        draft.correction_reason = ""
        draft.save()
        _step(draft, actor, "override" if draft.error_count else "publish", override_reason)
    return filing


def start_correction(actor: Any, draft: Draft, reason: str) -> Draft:
    """Open a published report for a correction; it is published again as a new version."""
    _require_state(draft, State.PUBLISHED)
    if not reason.strip():
        raise DraftError(_("请填写更正原因"))
    with transaction.atomic():
        draft.state = State.DRAFTING
        draft.correction_reason = reason.strip()[:500]
        draft.signed_by, draft.signed_at = None, None
        draft.save()
        _step(draft, actor, "correct", draft.correction_reason)
    return draft
