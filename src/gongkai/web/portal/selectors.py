"""What the public portal reads. Only published items ever leave here (``published_items``);
an item in any other state is a 404 whatever its number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai.web.organs.models import Organ
from gongkai.web.publishing.models import Attachment, CatalogueNode, Item, State
from gongkai.web.publishing.presets import categories
from gongkai.web.publishing.selectors import published_items
from gongkai.web.reports.models import AnnualReport


def public_item(organ: Organ, item_id: int) -> Item | None:
    return published_items(organ).filter(pk=item_id).first()


def withdrawn_item(organ: Organ, item_id: int) -> Item | None:
    """A published item since withdrawn (撤回): the portal says so instead of "not found"; only
    what was public before (title, 索引号, dates) is shown."""
    return (
        Item.objects.filter(organ=organ, pk=item_id, state=State.WITHDRAWN)
        .only("id", "title", "index_number", "published_at", "withdrawn_at", "organ_id")
        .first()
    )


def public_attachment(organ: Organ, item_id: int, attachment_id: int) -> Attachment | None:
    return Attachment.objects.filter(
        pk=attachment_id, item_id=item_id, item__organ=organ, item__state=State.PUBLISHED
    ).first()


def nodes_with_counts(organ: Organ) -> list[tuple[CatalogueNode, int, int]]:
    """The 目录 in tree order: (node, depth, published items)."""
    nodes = CatalogueNode.objects.filter(organ=organ).annotate(
        published=Count("items", filter=Q(items__state=State.PUBLISHED))
    )
    children: dict[int | None, list[CatalogueNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[tuple[CatalogueNode, int, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            ordered.append((node, depth, node.published))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return ordered


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    number: str
    label: str
    nodes: list[tuple[CatalogueNode, int, int]]


def statutory_categories(organ: Organ) -> list[Category]:
    """法定主动公开内容: each 第二十条 item with the organ's columns filed under it."""
    tree = nodes_with_counts(organ)
    result = []
    for key, label in categories().items():
        nodes = [entry for entry in tree if entry[0].category == key]
        result.append(Category(key, key[3:].lstrip("0"), label, nodes))
    return result


def node_items(node: CatalogueNode) -> QuerySet[Item]:
    return (
        published_items(node.organ)
        .select_related(None)
        .filter(node=node)
        .order_by("-published_at", "-id")
    )


def latest(organ: Organ, count: int = 10) -> QuerySet[Item]:
    return (
        published_items(organ)
        .select_related(None)
        .only("id", "title", "published_at", "organ_id")
        .order_by("-published_at", "-id")[:count]
    )


def node_item_ids(node: CatalogueNode) -> QuerySet[Item]:
    """The ids of a column's published items, newest first (read from the index alone, so that a
    deep page costs little), to be paginated and then fetched with ``items_in_order``."""
    return node_items(node).values_list("pk", flat=True)


def items_in_order(ids: list[int]) -> list[Item]:
    found = Item.objects.filter(pk__in=ids).only(
        "id", "title", "published_at", "index_number", "document_number", "node_id", "organ_id"
    )
    by_id = {item.pk: item for item in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def annual_reports(organ: Organ) -> QuerySet[AnnualReport]:
    """The organ's filed annual reports (current versions), newest year first."""
    return AnnualReport.objects.filter(organ=organ, is_current=True).order_by("-year")
