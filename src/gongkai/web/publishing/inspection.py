"""Inspection readiness (国办秘函〔2019〕19号, WORKBENCH B §2): the indicators a program can
decide, found before the quarterly inspection finds them.

- a 动态 column with no new item for 2 weeks (栏目不更新; the homepage rule is the same 2 weeks);
- an empty column (≥5 blank columns fail a site);
- a broken internal link in a published item (a link to an item or column of the portal that is
  not published or does not exist);
- a new-media account with no post in the 2 weeks before the check (内容不更新, 单项否决).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils import timezone

from gongkai.web.organs.models import Organ
from gongkai.web.publishing.models import CatalogueNode, Channel, ChannelKind, Item, State

IDLE_DAYS = 14  # 国办秘函〔2019〕19号: 动态/要闻 columns and new-media accounts, 2 weeks
BLANK_COLUMNS_FAIL = 5
_INTERNAL = re.compile(r"/open/(\d+)/(item|column)/(\d+)/")


@dataclass(frozen=True, slots=True)
class Problem:
    indicator: str
    subject: str
    detail: str
    is_veto: bool = False  # 单项否决 on its own


def idle_columns(organ: Organ, today: datetime.date) -> list[Problem]:
    problems = []
    nodes = CatalogueNode.objects.filter(organ=organ, is_dynamic=True).annotate(
        last=Max("items__published_at", filter=Q(items__state=State.PUBLISHED))
    )
    for node in nodes:
        last = timezone.localdate(node.last) if node.last else None
        if last is None or (today - last).days > IDLE_DAYS:
            since = f"最近一次更新于 {last:%Y-%m-%d}" if last else "从未更新"
            problems.append(
                Problem("栏目不更新", node.name, f"动态类栏目超过 2 周未更新（{since}）")
            )
    return problems


def empty_columns(organ: Organ) -> list[Problem]:
    nodes = CatalogueNode.objects.filter(organ=organ, children__isnull=True).annotate(
        published=Count("items", filter=Q(items__state=State.PUBLISHED))
    )
    blank = [node for node in nodes if node.published == 0]
    veto = len(blank) >= BLANK_COLUMNS_FAIL
    return [Problem("空白栏目", node.name, "栏目中没有已发布的信息", veto) for node in blank]


def broken_links(organ: Organ) -> list[Problem]:
    published = set(
        Item.objects.filter(organ=organ, state=State.PUBLISHED).values_list("pk", flat=True)
    )
    columns = set(CatalogueNode.objects.filter(organ=organ).values_list("pk", flat=True))
    problems = []
    for item in Item.objects.filter(organ=organ, state=State.PUBLISHED, body__contains="/open/"):
        for organ_id, kind, target in _INTERNAL.findall(item.body):
            if int(organ_id) != organ.pk:
                continue
            known = published if kind == "item" else columns
            if int(target) not in known:
                problems.append(
                    Problem(
                        "链接不可用",
                        item.title,
                        f"正文中的链接 /open/{organ_id}/{kind}/{target}/ 无法打开",
                    )
                )
    return problems


def idle_accounts(organ: Organ, today: datetime.date) -> list[Problem]:
    problems = []
    channels = (
        Channel.objects.filter(organ=organ)
        .exclude(kind=ChannelKind.PORTAL)
        .annotate(last=Max("publications__published_on"))
    )
    for channel in channels:
        if channel.last is None or (today - channel.last).days > IDLE_DAYS:
            since = f"最近一次发布于 {channel.last:%Y-%m-%d}" if channel.last else "从未发布"
            problems.append(
                Problem("内容不更新", str(channel), f"检查前 2 周内无更新（{since}）", True)
            )
    return problems


def check(organ: Organ, today: datetime.date | None = None) -> list[Problem]:
    """Every problem found, vetoes first."""
    today = today or timezone.localdate()
    problems = (
        idle_columns(organ, today)
        + empty_columns(organ)
        + broken_links(organ)
        + idle_accounts(organ, today)
    )
    return sorted(problems, key=lambda p: not p.is_veto)
