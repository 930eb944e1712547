"""示例数据 for 主动公开: 青山区司法局's 2023 records, made so that the figures computed from them
equal the seed report's (``corpus/raw/seed-qingshan-justice-2023.txt``, 总体情况（一）and（四）):

- the three publications it names (2023 预算 on 02-10, 2022 决算 on 09-27, 法治政府建设情况报告
  on 12-12) as published items;
- the WeChat account "青山司法": 1,092 posts, 301 written by the bureau and 791 reposted, and
  2,180 followers at year end;
- 214 adoptions by media of the bureau's pieces (spread over its units, levels and quarters);
- the Douyin account "包头青山司法": 39 videos;

plus items in every review state, reviewers at levels 2 and 3, and submissions in the first two
quarters so the ranking has two quarters. Everything is labelled 示例数据. The individual posts,
adoptions and their dates are invented; only the totals come from the report.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.web.accounts import services as accounts
from gongkai.web.accounts.models import Role, User
from gongkai.web.organs.models import Organ, Unit
from gongkai.web.publishing import services
from gongkai.web.publishing.channels import create_channel, record_followers
from gongkai.web.publishing.models import (
    Adoption,
    CatalogueNode,
    ChannelKind,
    Item,
    Publication,
    State,
)
from gongkai.web.publishing.selectors import get_settings

YEAR = 2023
LABEL = "示例数据"
WECHAT_ORIGINAL = 301
WECHAT_REPOSTS = 791
ADOPTIONS = 214
FOLLOWERS = 2180
DOUYIN_VIDEOS = 39
NAMED_PUBLICATIONS = (
    ("内蒙古自治区包头市青山区司法局 2023 年度预算公开报告", datetime.date(2023, 2, 10), "预算"),
    ("内蒙古自治区包头市青山区司法局 2022 年度决算公开报告", datetime.date(2023, 9, 27), "决算"),
    ("青山区 2023 年法治政府建设情况报告", datetime.date(2023, 12, 12), "法治"),
)
CATALOGUE = (
    # name, 第二十条 category, 动态类
    ("机构职能", "20-02", False),
    ("行政规范性文件", "20-01", False),
    ("财政预算决算", "20-07", False),
    ("工作动态", "20-15", True),
    ("通知公告", "20-15", False),
    ("法治政府建设", "20-15", False),
)
GUIDE = f"""（{LABEL}）

## 一、主动公开
本机关主动公开的政府信息，通过青山区人民政府门户网站“政府信息公开”专栏、“青山司法”微信公众号等渠道公开，
自信息形成或者变更之日起 20 个工作日内公开（《中华人民共和国政府信息公开条例》第二十六条）。

## 二、依申请公开
公民、法人或者其他组织可以通过本站“依申请公开”页面在线提交申请，也可以邮寄或当面提交。

## 三、联系方式
青山区司法局办公室，电话 0472-3616739。
"""
RULES = f"（{LABEL}）本机关实行信息发布三级审核制：股室负责人初审，公开办复审，分管领导终审。"
LEVELS = (1, 2, 3)
OUTLETS = (
    ("青山区融媒体中心", "district"),
    ("包头日报", "city"),
    ("内蒙古法制报", "province"),
    ("法治日报", "national"),
)


def load(bureau: Organ, log: list[str]) -> None:
    """Create the bureau's publishing demo (once; the caller checks it is not loaded yet)."""
    with transaction.atomic():
        services.update_settings(
            None,
            bureau,
            {
                "review_levels": 3,
                "index_rule": "code-year-serial",
                "index_prefix": "DEMO00001",
                "guide": GUIDE,
                "rules_text": RULES,
            },
        )
        nodes = {
            name: services.create_node(
                None, bureau, name=name, category=category, is_dynamic=dynamic, position=index
            )
            for index, (name, category, dynamic) in enumerate(CATALOGUE)
        }
        reviewers = _reviewers(bureau)
        units = {unit.name: unit for unit in bureau.units.all()}
        submitter = User.objects.get(username="submitter")
        _named_publications(bureau, nodes, units["办公室"], reviewers)
        _items_in_every_state(submitter, units["法治宣传股"], nodes["工作动态"], reviewers)
        _quarter_submissions(bureau, units, nodes["工作动态"], submitter)
        _channels(bureau)
        _adoptions(bureau, list(units.values()))
    log.append(
        f"已导入主动公开{LABEL}：微信 {WECHAT_ORIGINAL + WECHAT_REPOSTS} 篇"
        f"（原创 {WECHAT_ORIGINAL}、转发 {WECHAT_REPOSTS}），媒体采用 {ADOPTIONS} 次，"
        f"关注 {FOLLOWERS} 人，抖音 {DOUYIN_VIDEOS} 个；公开门户：/open/{bureau.pk}/"
    )


def _reviewers(bureau: Organ) -> dict[int, User]:
    found = {1: User.objects.get(username="reviewer")}
    for level in (2, 3):
        user = accounts.create_account(
            None,
            username=f"reviewer{level}",
            password="gongkai-demo-2024",
            full_name=f"司法局{level}级审核人",
            validate=False,
        )
        accounts.grant_role(None, user, Role.REVIEWER, organ=bureau, review_level=level)
        found[level] = user
    return found


def _draft(author: User, unit: Unit, node: CatalogueNode, title: str, **extra: Any) -> Item:
    data: dict[str, Any] = {
        "title": title,
        "summary": "",
        "body": f"（{LABEL}）{title}。",
        "item_type": "dynamic",
        "node": node,
        "disclosure": "proactive",
        "withheld_reason": "",
        "document_number": "",
        "written_on": None,
        "formed_on": timezone.localdate(),
        "validity": "valid",
    }
    data.update(extra)
    return services.create_item(author, unit, data)


def _approve_all(item: Item, reviewers: dict[int, User]) -> Item:
    services.submit_item(item.author, item)
    for level in LEVELS:
        services.approve_item(reviewers[level], item, secrecy_confirmed=level == LEVELS[-1])
    item.refresh_from_db()
    return item


def _backdate(item: Item, day: datetime.date) -> None:
    """Move a demo item's publication to the day the report names (with a 索引号 of that year)."""
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Item.objects.filter(pk=item.pk).update(
        published_at=when,
        submitted_at=when,
        index_number="",
        formed_on=day,
        written_on=day,
        publication_workdays=0,
    )
    item.refresh_from_db()
    settings = get_settings(item.organ)
    Item.objects.filter(pk=item.pk).update(
        index_number=services.issue_index_number(settings, item, when)
    )


def _named_publications(
    bureau: Organ, nodes: dict[str, CatalogueNode], office: Unit, reviewers: dict[int, User]
) -> None:
    clerk = User.objects.get(username="clerk")
    accounts.grant_role(None, clerk, Role.UNIT_SUBMITTER, unit=office)
    for title, day, kind in NAMED_PUBLICATIONS:
        node = nodes["法治政府建设"] if kind == "法治" else nodes["财政预算决算"]
        item = _draft(clerk, office, node, title, item_type="notice", formed_on=day)
        _backdate(_approve_all(item, reviewers), day)


def _items_in_every_state(
    submitter: User, unit: Unit, node: CatalogueNode, reviewers: dict[int, User]
) -> None:
    _draft(submitter, unit, node, "法治宣传股组织“宪法宣传周”活动（草稿）")
    waiting = _draft(submitter, unit, node, "青福司法所调解一起邻里纠纷（待二级审核）")
    services.submit_item(submitter, waiting)
    services.approve_item(reviewers[1], waiting, "内容属实")
    returned = _draft(
        submitter, unit, node, "普法志愿者培训班开班（退回修改）", body="联系人手机 13812345678"
    )
    services.submit_item(submitter, returned)
    services.return_item(reviewers[1], returned, "正文含个人手机号码，请删除后再报送")
    rejected = _draft(submitter, unit, node, "内部会议纪要（不予发布）")
    services.submit_item(submitter, rejected)
    services.reject_item(reviewers[1], rejected, "属于内部事务信息，不宜公开")
    _approve_all(_draft(submitter, unit, node, "青山区司法局开展民法典宣传月活动"), reviewers)
    withdrawn = _approve_all(
        _draft(submitter, unit, node, "关于调整法律援助值班时间的通知（已撤回）"), reviewers
    )
    services.withdraw_item(
        User.objects.get(username="clerk"), withdrawn, "值班时间有误，更正后重新发布"
    )


def _quarter_submissions(
    bureau: Organ, units: dict[str, Unit], node: CatalogueNode, author: User
) -> None:
    """Submitted pieces in the first two quarters, so each quarter's ranking has its counts."""
    rows = []
    for quarter, month in ((1, 2), (2, 5)):
        for index, unit in enumerate(units.values()):
            for number in range(3 + (index + quarter) % 6):
                when = timezone.make_aware(datetime.datetime(YEAR, month, 1 + number, 9))
                rows.append(
                    Item(
                        organ=bureau,
                        unit=unit,
                        author=author,
                        node=node,
                        item_type="dynamic",
                        title=f"（{LABEL}）{unit.name}{YEAR}年第{quarter}季度报送信息{number + 1}",
                        body=f"（{LABEL}）",
                        disclosure="proactive",
                        formed_on=when.date(),
                        state=State.FILED,
                        submitted_at=when,
                    )
                )
    Item.objects.bulk_create(rows)


def _spread(count: int, index: int) -> datetime.date:
    """The ``index``-th of ``count`` dates spread evenly over the year."""
    return datetime.date(YEAR, 1, 1) + datetime.timedelta(days=index * 364 // max(count - 1, 1))


def _channels(bureau: Organ) -> None:
    create_channel(
        None, bureau, ChannelKind.PORTAL, "青山区人民政府门户网站", "https://www.gsg.gov.cn/"
    )
    wechat = create_channel(None, bureau, ChannelKind.WECHAT, "青山司法", LABEL)
    douyin = create_channel(None, bureau, ChannelKind.DOUYIN, "包头青山司法", LABEL)
    total = WECHAT_ORIGINAL + WECHAT_REPOSTS
    posts = [
        Publication(
            channel=wechat,
            title=f"（{LABEL}）{'原创' if index < WECHAT_ORIGINAL else '转发'}推文 {index + 1}",
            published_on=_spread(total, index),
            is_original=index < WECHAT_ORIGINAL,
            reads=100 + index % 400,
        )
        for index in range(total)
    ]
    posts += [
        Publication(
            channel=douyin,
            title=f"（{LABEL}）普法小视频 {index + 1}",
            published_on=_spread(DOUYIN_VIDEOS, index),
        )
        for index in range(DOUYIN_VIDEOS)
    ]
    Publication.objects.bulk_create(posts)
    for month in range(1, 13):
        counted = datetime.date(YEAR, month, 28) if month < 12 else datetime.date(YEAR, 12, 31)
        record_followers(None, wechat, counted, FOLLOWERS - (12 - month) * 60)


def _adoptions(bureau: Organ, units: list[Unit]) -> None:
    types = ("dynamic", "dynamic", "dynamic", "research", "urgent")
    Adoption.objects.bulk_create(
        Adoption(
            organ=bureau,
            unit=units[index % len(units)],
            title=f"（{LABEL}）被采用信息 {index + 1}",
            item_type=types[index % len(types)],
            outlet=OUTLETS[index % 7 % len(OUTLETS)][0],
            level=OUTLETS[index % 7 % len(OUTLETS)][1],
            adopted_on=_spread(ADOPTIONS, index),
        )
        for index in range(ADOPTIONS)
    )
