"""Reads of the other apps' records that the compiled report's narrative states: the publishing
records (items by category, channels, adoptions, followers) and the fees paid on applications.
Each returns plain figures for :mod:`gongkai.report.draft`; a figure the organ keeps no records
for is left out, so its sentence is too."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum

from gongkai.web.applications.models import Application, FeeNotice, OpeningBalance
from gongkai.web.publishing.figures import annual_figures
from gongkai.web.publishing.models import Channel, ChannelKind
from gongkai.web.publishing.presets import categories


def keeps_cases(organ: Any) -> bool:
    """Whether the organ keeps its applications in gongkai (a case or an opening balance)."""
    return (
        Application.objects.filter(organ=organ).exists()
        or OpeningBalance.objects.filter(organ=organ).exists()
    )


def _channel_name(organ: Any, kind: Any) -> str:
    channel = Channel.objects.filter(organ=organ, kind=kind).order_by("pk").first()
    return channel.name if channel is not None else ""


def channel_figures(organ: Any, year: int) -> dict[str, Any]:
    """Items published by category, WeChat and Douyin figures, adoptions (条例第二十三条: the
    channels an organ uses to publish are part of its proactive disclosure)."""
    figures = annual_figures(organ, year)
    labels = categories()
    result: dict[str, Any] = {
        "items_published": figures.items_published,
        "items_by_category": {
            labels.get(key, key or "其他"): n
            for key, n in sorted(figures.items_by_category.items())
        },
        "budget_publications": [
            {"title": p.title, "published_on": p.published_on} for p in figures.budget_publications
        ],
    }
    wechat = _channel_name(organ, ChannelKind.WECHAT)
    if wechat:
        result |= {
            "wechat_name": wechat,
            "wechat_posts": figures.wechat_posts,
            "wechat_original": figures.wechat_original,
            "wechat_reposts": figures.wechat_reposts,
            "adoptions": figures.adoptions,
            "wechat_followers": figures.wechat_followers,
        }
    douyin = _channel_name(organ, ChannelKind.DOUYIN)
    if douyin:
        result |= {"douyin_name": douyin, "douyin_videos": figures.douyin_videos}
    return result


def fee_figures(organ: Any, year: int) -> dict[str, Any]:
    """信息处理费 paid in the year (国办函〔2020〕109号), in 元, and the cases they were paid on;
    nothing when the organ keeps no cases in gongkai."""
    if not keeps_cases(organ):
        return {}
    paid = FeeNotice.objects.filter(application__organ=organ, paid_on__year=year).aggregate(
        amount=Sum("amount"), cases=Count("application", distinct=True)
    )
    return {"fees": int(paid["amount"] or 0), "fee_cases": int(paid["cases"])}
