"""Every state change of an item: drafting, attachments, submission and the review levels, the
checks before the last approval, publication. Each writes its review step and audit entry in the
same transaction (审核留痕: every step is kept and shown on the item).

条例第十七条 asks for a review mechanism before publication; local 三级审核 rules (WORKBENCH B
§4.2) give 1–3 levels, configured per organ. Before the last approval the reviewer confirms the
保密审查, and the 错敏词 and personal-data checks must be clean or overridden with a reason.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import asdict
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from gongkai.law.workdays import count_workdays
from gongkai.web.audit.services import record_change, snapshot
from gongkai.web.organs.models import Organ, Unit
from gongkai.web.publishing import searchindex
from gongkai.web.publishing.attachments import extract_text, screen_attachment
from gongkai.web.publishing.models import (
    Attachment,
    CatalogueNode,
    Disclosure,
    Item,
    PublishingSettings,
    ReviewStep,
    State,
    StepAction,
)
from gongkai.web.publishing.presets import index_rules
from gongkai.web.publishing.scanning import Finding, fingerprint
from gongkai.web.publishing.selectors import current_findings, get_settings

ITEM_FIELDS = (
    "title",
    "item_type",
    "disclosure",
    "withheld_reason",
    "node",
    "document_number",
    "written_on",
    "formed_on",
    "validity",
    "state",
    "current_level",
    "index_number",
    "withdrawal_reason",
)
EDITABLE = (
    "title",
    "body",
    "summary",
    "item_type",
    "disclosure",
    "withheld_reason",
    "node",
    "document_number",
    "written_on",
    "formed_on",
    "validity",
)


class PublishingError(Exception):
    """A step that may not be taken now; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _name(actor: Any) -> str:
    if actor is None:
        return "系统"
    return str(getattr(actor, "full_name", "") or actor.get_username())


def _step(item: Item, actor: Any, action: Any, comment: str = "", **extra: Any) -> ReviewStep:
    return ReviewStep.objects.create(
        item=item,
        action=action,
        level=item.current_level,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_name(actor),
        comment=comment,
        **extra,
    )


def _check_disclosure(data: dict[str, Any]) -> None:
    # 国办发〔2016〕80号: 依申请公开 and 不予公开 are decided at drafting, with reasons.
    if (
        data.get("disclosure") != Disclosure.PROACTIVE
        and not str(data.get("withheld_reason", "")).strip()
    ):
        raise PublishingError("公开属性为依申请公开或不予公开时，须填写理由。")


def _check_node(organ: Organ, node: CatalogueNode) -> None:
    if node.organ_id != organ.pk:
        raise PublishingError("所选目录栏目不属于本机关。")


def create_item(actor: Any, unit: Unit, data: dict[str, Any]) -> Item:
    """A new draft of ``unit``; ``data`` holds the editable fields (cleaned by the form)."""
    _check_disclosure(data)
    _check_node(unit.organ, data["node"])
    with transaction.atomic():
        item = Item(organ=unit.organ, unit=unit, author=actor)
        for name in EDITABLE:
            if name in data:
                setattr(item, name, data[name])
        item.save()
        record_change(
            actor, "item.create", item, None, snapshot(item, ITEM_FIELDS), organ=item.organ
        )
    return item


def update_item(actor: Any, item: Item, data: dict[str, Any]) -> Item:
    if item.state not in (State.DRAFT, State.RETURNED):
        raise PublishingError("只有草稿或退回修改的信息可以编辑。")
    _check_disclosure(data)
    _check_node(item.organ, data["node"])
    with transaction.atomic():
        before = snapshot(item, ITEM_FIELDS)
        for name in EDITABLE:
            if name in data:
                setattr(item, name, data[name])
        item.save()
        record_change(
            actor, "item.update", item, before, snapshot(item, ITEM_FIELDS), organ=item.organ
        )
    return item


def add_attachment(actor: Any, item: Item, name: str, data: bytes) -> Attachment:
    """Screen, store and read an attachment; ``UploadRejectedError`` stores nothing."""
    if item.state not in (State.DRAFT, State.RETURNED):
        raise PublishingError("只有草稿或退回修改的信息可以添加附件。")
    kind = screen_attachment(data, name)
    text, note = extract_text(data, kind)
    safe_name = get_valid_filename(name) or f"attachment.{kind}"
    with transaction.atomic():
        attachment = Attachment(
            item=item,
            original_name=name[:200],
            kind=kind,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            text=text,
            text_note=note,
        )
        attachment.file.save(safe_name, ContentFile(data), save=False)
        try:
            attachment.save()
            record_change(
                actor,
                "item.attach",
                item,
                None,
                {"attachment": attachment.original_name, "sha256": attachment.sha256},
                organ=item.organ,
            )
        except BaseException:
            attachment.file.storage.delete(attachment.file.name)
            raise
    return attachment


def remove_attachment(actor: Any, attachment: Attachment) -> None:
    item = attachment.item
    if item.state not in (State.DRAFT, State.RETURNED):
        raise PublishingError("只有草稿或退回修改的信息可以删除附件。")
    with transaction.atomic():
        record_change(
            actor,
            "item.detach",
            item,
            {"attachment": attachment.original_name},
            None,
            organ=item.organ,
        )
        name = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.storage.delete(name))


def submit_item(actor: Any, item: Item) -> Item:
    """报送: the draft goes to review level 1."""
    if item.state not in (State.DRAFT, State.RETURNED):
        raise PublishingError("该信息已报送或已处理，不能再次报送。")
    with transaction.atomic():
        before = snapshot(item, ITEM_FIELDS)
        item.state = State.IN_REVIEW
        item.current_level = 1
        item.submitted_at = timezone.now()
        item.save(update_fields=["state", "current_level", "submitted_at", "updated_at"])
        _step(item, actor, StepAction.SUBMIT)
        record_change(
            actor, "item.submit", item, before, snapshot(item, ITEM_FIELDS), organ=item.organ
        )
    return item


def _require_review(item: Item) -> None:
    if item.state != State.IN_REVIEW:
        raise PublishingError("该信息不在审核中。")


def return_item(actor: Any, item: Item, comment: str) -> Item:
    """退回修改: back to the submitter with the reviewer's comments."""
    _require_review(item)
    if not comment.strip():
        raise PublishingError("退回修改时须填写意见，说明需要修改什么。")
    return _close_review(actor, item, State.RETURNED, StepAction.RETURN, comment, "item.return")


def reject_item(actor: Any, item: Item, comment: str) -> Item:
    """不予发布: the item stops here; the reason is kept."""
    _require_review(item)
    if not comment.strip():
        raise PublishingError("不予发布时须填写理由。")
    return _close_review(actor, item, State.REJECTED, StepAction.REJECT, comment, "item.reject")


def _close_review(
    actor: Any, item: Item, state: Any, action: Any, comment: str, audit: str
) -> Item:
    with transaction.atomic():
        before = snapshot(item, ITEM_FIELDS)
        _step(item, actor, action, comment)
        item.state = state
        item.current_level = 0
        item.save(update_fields=["state", "current_level", "updated_at"])
        record_change(actor, audit, item, before, snapshot(item, ITEM_FIELDS), organ=item.organ)
    return item


def override_findings(actor: Any, item: Item, reason: str) -> ReviewStep:
    """The last-level reviewer confirms that the current findings are not a problem (e.g. a
    published hotline that looks like a mobile number), with a reason that is logged."""
    _require_review(item)
    if item.current_level != get_settings(item.organ).review_levels:
        raise PublishingError("只有终审人可以确认检查结果。")
    if not reason.strip():
        raise PublishingError("确认检查结果无误时须说明理由。")
    findings = current_findings(item)
    if not findings:
        raise PublishingError("当前没有需要确认的检查结果。")
    with transaction.atomic():
        step = _step(
            item,
            actor,
            StepAction.OVERRIDE,
            reason,
            findings=[asdict(f) for f in findings],
            fingerprint=fingerprint(findings),
        )
        record_change(actor, "item.override", item, None, {"reason": reason}, organ=item.organ)
    return step


def is_overridden(item: Item, findings: list[Finding]) -> bool:
    mark = fingerprint(findings)
    return item.steps.filter(action=StepAction.OVERRIDE, fingerprint=mark).exists()


def approve_item(
    actor: Any, item: Item, comment: str = "", *, secrecy_confirmed: bool = False
) -> Item:
    """审核通过 at the item's current level; at the last level, after the checks, publication."""
    _require_review(item)
    levels = get_settings(item.organ).review_levels
    if item.current_level < levels:
        with transaction.atomic():
            before = snapshot(item, ITEM_FIELDS)
            _step(item, actor, StepAction.APPROVE, comment)
            item.current_level += 1
            item.save(update_fields=["current_level", "updated_at"])
            record_change(
                actor, "item.approve", item, before, snapshot(item, ITEM_FIELDS), organ=item.organ
            )
        return item
    # 条例第十七条, 保守国家秘密法: the 保密审查 is confirmed by name before publication.
    if not secrecy_confirmed:
        raise PublishingError("终审前须确认已完成保密审查（涉密信息不上网，上网信息不涉密）。")
    findings = current_findings(item)
    if findings and not is_overridden(item, findings):
        with transaction.atomic():
            _step(
                item,
                actor,
                StepAction.SCAN,
                findings=[asdict(f) for f in findings],
                fingerprint=fingerprint(findings),
            )
        raise PublishingError(
            f"检查发现 {len(findings)} 处错敏词或个人信息，发布已暂停：请退回修改，"
            "或确认无误并说明理由。"
        )
    return _finish(actor, item, comment)


def _finish(actor: Any, item: Item, comment: str) -> Item:
    with transaction.atomic():
        settings = PublishingSettings.objects.select_for_update().get(
            pk=get_settings(item.organ).pk
        )
        before = snapshot(item, ITEM_FIELDS)
        _step(item, actor, StepAction.SECRECY, "已确认保密审查")
        _step(item, actor, StepAction.APPROVE, comment)
        now = timezone.now()
        item.current_level = 0
        if item.disclosure == Disclosure.PROACTIVE:
            item.state = State.PUBLISHED
            item.published_at = now
            item.index_number = issue_index_number(settings, item, now)
            item.publication_workdays = workdays_to_publish(item.formed_on, timezone.localdate(now))
            item.search_text = searchindex.text_of(item)
            _step(item, actor, StepAction.PUBLISH, item.index_number)
        else:
            item.state = State.FILED
            _step(item, actor, StepAction.FILE)
        item.save()
        if item.state == State.PUBLISHED:
            searchindex.add(item)
        record_change(
            actor, "item.publish", item, before, snapshot(item, ITEM_FIELDS), organ=item.organ
        )
    return item


def withdraw_item(actor: Any, item: Item, reason: str) -> Item:
    """撤回: take a published item off the portal, with the reason on record. The item, its
    steps and its adoptions stay (the quarter's ranking is history: what was submitted and taken
    up still counts, and the 通报 marks the item as withdrawn); the portal answers 410 for it."""
    if item.state != State.PUBLISHED:
        raise PublishingError("只有已发布的信息可以撤回。")
    if not reason.strip():
        raise PublishingError("撤回时须填写理由。")
    with transaction.atomic():
        before = snapshot(item, ITEM_FIELDS)
        searchindex.remove(item)
        _step(item, actor, StepAction.WITHDRAW, reason.strip())
        item.state = State.WITHDRAWN
        item.withdrawn_at = timezone.now()
        item.withdrawal_reason = reason.strip()
        item.save(update_fields=["state", "withdrawn_at", "withdrawal_reason", "updated_at"])
        record_change(
            actor, "item.withdraw", item, before, snapshot(item, ITEM_FIELDS), organ=item.organ
        )
    return item


def workdays_to_publish(formed_on: datetime.date, published_on: datetime.date) -> int:
    """条例第二十六条: working days from 形成/变更 to publication (estimated for a year whose
    calendar is not yet published)."""
    if published_on <= formed_on:
        return 0
    return count_workdays(formed_on, published_on, allow_estimate=True)


def issue_index_number(settings: PublishingSettings, item: Item, now: datetime.datetime) -> str:
    """The next 索引号 under the organ's rule; the caller holds the settings row locked."""
    rule = index_rules()[settings.index_rule]
    local = timezone.localtime(now)
    same_period = Item.objects.filter(organ=item.organ, published_at__year=local.year).exclude(
        index_number=""
    )
    if rule.period == "month":
        same_period = same_period.filter(published_at__month=local.month)
    serial = same_period.count() + 1
    category = item.node.code or item.node.category.replace("-", "") or "000"
    while True:
        number = rule.pattern.format(
            prefix=settings.index_prefix,
            year=local.year,
            month=local.month,
            serial=serial,
            category=category,
        )
        if not Item.objects.filter(organ=item.organ, index_number=number).exists():
            return number
        serial += 1


def update_settings(actor: Any, organ: Organ, data: dict[str, Any]) -> PublishingSettings:
    fields = (
        "review_levels",
        "index_rule",
        "index_prefix",
        "scoring_preset",
        "extra_words",
        "guide",
        "rules_text",
    )
    with transaction.atomic():
        settings = get_settings(organ)
        before = snapshot(settings, fields)
        for name in fields:
            if name in data:
                setattr(settings, name, data[name])
        settings.save()
        record_change(
            actor, "publishing.settings", settings, before, snapshot(settings, fields), organ=organ
        )
    return settings


def create_node(actor: Any, organ: Organ, **fields: Any) -> CatalogueNode:
    with transaction.atomic():
        node = CatalogueNode.objects.create(organ=organ, **fields)
        record_change(actor, "catalogue.create", node, None, {"name": node.name}, organ=organ)
    return node
