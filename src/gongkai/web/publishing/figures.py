"""The proactive-disclosure figures of one year, computed from the records, for the annual
report workspace to fill into the narrative (the seed report's 总体情况（一）and（四）: posts on
the WeChat account, written and reposted, adoptions by media, followers at year end, Douyin
videos, and the budget and final-accounts publications)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from gongkai.web.organs.models import Organ
from gongkai.web.publishing.models import (
    Adoption,
    ChannelKind,
    FollowerCount,
    Item,
    Publication,
    State,
)

BUDGET_CATEGORY = "20-07"  # 条例第二十条第（七）项: 财政预算、决算信息


@dataclass(frozen=True, slots=True)
class Publicised:
    title: str
    published_on: datetime.date


@dataclass(frozen=True, slots=True)
class AnnualFigures:
    year: int
    items_published: int
    items_by_category: dict[str, int]
    wechat_posts: int
    wechat_original: int
    wechat_reposts: int
    adoptions: int
    wechat_followers: int | None
    douyin_videos: int
    budget_publications: list[Publicised] = field(default_factory=list)


def annual_figures(organ: Organ, year: int) -> AnnualFigures:
    """The year's figures; ``wechat_followers`` is ``None`` when no count was recorded."""
    published = Item.objects.filter(organ=organ, state=State.PUBLISHED, published_at__year=year)
    by_category = dict(
        published.values_list("node__category")
        .annotate(n=Count("id"))
        .values_list("node__category", "n")
    )
    posts = Publication.objects.filter(channel__organ=organ, published_on__year=year)
    wechat = posts.filter(channel__kind=ChannelKind.WECHAT).aggregate(
        total=Count("id"), original=Count("id", filter=Q(is_original=True))
    )
    return AnnualFigures(
        year=year,
        items_published=published.count(),
        items_by_category={key or "": n for key, n in by_category.items()},
        wechat_posts=wechat["total"],
        wechat_original=wechat["original"],
        wechat_reposts=wechat["total"] - wechat["original"],
        adoptions=Adoption.objects.filter(organ=organ, adopted_on__year=year).count(),
        wechat_followers=_followers_at(organ, datetime.date(year, 12, 31)),
        douyin_videos=posts.filter(channel__kind=ChannelKind.DOUYIN).count(),
        budget_publications=[
            Publicised(item.title, timezone.localdate(item.published_at))
            for item in published.filter(node__category=BUDGET_CATEGORY).order_by("published_at")
        ],
    )


def _followers_at(organ: Organ, day: datetime.date) -> int | None:
    """The last count on or before ``day`` of each WeChat account, added up."""
    total = None
    for channel_id in (
        FollowerCount.objects.filter(channel__organ=organ, channel__kind=ChannelKind.WECHAT)
        .order_by()
        .values_list("channel_id", flat=True)
        .distinct()
    ):
        last = (
            FollowerCount.objects.filter(channel_id=channel_id, counted_on__lte=day)
            .order_by("-counted_on")
            .first()
        )
        if last is not None:
            total = (total or 0) + last.count
    return total
