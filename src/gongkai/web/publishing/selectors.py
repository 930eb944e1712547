"""Reads of the publishing records. Everything the public sees goes through ``published_items``:
an item not yet approved is never in it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.web.organs.models import Organ, Unit
from gongkai.web.publishing.models import (
    CatalogueNode,
    InspectionRun,
    Item,
    PublishingSettings,
    State,
)
from gongkai.web.publishing.presets import default_words, parse_words
from gongkai.web.publishing.scanning import Finding, scan


def get_settings(organ: Organ) -> PublishingSettings:
    settings, _created = PublishingSettings.objects.get_or_create(organ=organ)
    return settings


def published_items(organ: Organ) -> QuerySet[Item]:
    return Item.objects.filter(organ=organ, state=State.PUBLISHED).select_related("node", "unit")


def list_unit_items(unit: Unit) -> QuerySet[Item]:
    return Item.objects.filter(unit=unit).select_related("node").order_by("-updated_at")


def list_organ_items(organ: Organ, state: Any = None) -> QuerySet[Item]:
    items = Item.objects.filter(organ=organ).select_related("node", "unit")
    if state:
        items = items.filter(state=state)
    return items.order_by("-updated_at")


def list_review_queue(organ: Organ, levels: set[int]) -> QuerySet[Item]:
    return list_organ_items(organ, State.IN_REVIEW).filter(current_level__in=levels)


def list_nodes(organ: Organ) -> list[CatalogueNode]:
    return list(CatalogueNode.objects.filter(organ=organ))


def catalogue_tree(organ: Organ) -> list[tuple[CatalogueNode, int]]:
    """The nodes in tree order with their depth (0 for a root)."""
    nodes = list_nodes(organ)
    children: dict[int | None, list[CatalogueNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[tuple[CatalogueNode, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            ordered.append((node, depth))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return ordered


def words_for(organ: Organ) -> list[Any]:
    return [*default_words(), *parse_words(get_settings(organ).extra_words)]


def current_findings(item: Item) -> list[Finding]:
    """错敏词 and personal data in the item as it is now: title, summary, body, attachments'
    names and text."""
    parts = [("标题", item.title), ("内容概述", item.summary), ("正文", item.body)]
    for attachment in item.attachments.all():
        parts.append((f"附件“{attachment.original_name}”的文件名", attachment.original_name))
        parts.append((f"附件“{attachment.original_name}”", attachment.text))
    return scan(parts, words_for(item.organ))


def last_inspection(organ: Organ) -> InspectionRun | None:
    """The organ's latest stored inspection check (the weekly job's or ``check_inspection``'s)."""
    return InspectionRun.objects.filter(organ=organ).first()
