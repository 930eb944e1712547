"""The Atom feed of a 目录 column and the portal's sitemap, built with Django's feed generator
(which escapes every title and summary)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.web.organs.models import Organ
from gongkai.web.publishing.models import CatalogueNode, Item

FEED_SIZE = 50


def atom_for(request: HttpRequest, node: CatalogueNode, items: list[Item]) -> bytes:
    link = request.build_absolute_uri(reverse("portal:node", args=[node.organ_id, node.pk]))
    return atom(request, node.organ, node.name, link, items)


def atom(request: HttpRequest, organ: Organ, name: str, link: str, items: list[Item]) -> bytes:
    """An Atom document of ``items`` (newest first) for the column or category ``name``."""
    feed = Atom1Feed(
        title=f"{organ.name}·{name}",
        link=link,
        description=f"{organ.name}政府信息公开·{name}",
        language="zh-hans",
        feed_url=request.build_absolute_uri(),
        feed_guid=link,
    )
    for item in items:
        url = request.build_absolute_uri(reverse("portal:item", args=[organ.pk, item.pk]))
        feed.add_item(
            title=item.title,
            link=url,
            description=item.summary or item.body[:200],
            unique_id=f"{url}#{item.index_number}",
            pubdate=item.published_at,
            updateddate=item.published_at,
            author_name=organ.name,
        )
    return feed.writeString("utf-8").encode("utf-8")
