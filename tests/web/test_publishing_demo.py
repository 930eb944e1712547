"""The demo's publishing records give the seed report's figures (总体情况（一）and（四）)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai.web.organs.models import Organ
from gongkai.web.publishing import ranking
from gongkai.web.publishing.figures import annual_figures
from gongkai.web.publishing.models import Item, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_bureau() -> Organ:
    call_command("load_demo")
    return Organ.objects.get(name="青山区司法局")


def test_the_demo_figures_equal_the_seed_report(demo_bureau):
    figures = annual_figures(demo_bureau, 2023)
    # 2023年，通过“青山司法”微信公众号累计发布各类信息1092篇……其中，本单位撰写301篇，
    # 被县市省中央等各级媒体采用信息214次。转发各媒体和网站信息791篇，公众号关注人数2180人。
    # 通过“包头青山司法”抖音 APP 发布普法小视频39个
    assert figures.wechat_posts == 1092
    assert figures.wechat_original == 301
    assert figures.wechat_reposts == 791
    assert figures.adoptions == 214
    assert figures.wechat_followers == 2180
    assert figures.douyin_videos == 39
    assert [(p.title, p.published_on) for p in figures.budget_publications] == [
        ("内蒙古自治区包头市青山区司法局 2023 年度预算公开报告", datetime.date(2023, 2, 10)),
        ("内蒙古自治区包头市青山区司法局 2022 年度决算公开报告", datetime.date(2023, 9, 27)),
    ]


def test_the_demo_has_items_in_every_review_state_and_two_ranked_quarters(demo_bureau):
    states = set(Item.objects.filter(organ=demo_bureau).values_list("state", flat=True))
    assert states == {s.value for s in State}
    for quarter in (1, 2):
        rows = ranking.rank_units(demo_bureau, 2023, quarter)
        assert all(row.submitted > 0 for row in rows)
        assert sum(row.adopted for row in rows) > 0
    for item in Item.objects.filter(organ=demo_bureau, state=State.PUBLISHED):
        assert item.index_number


def test_the_demo_portal_shows_the_named_publications_labelled(demo_bureau):
    client = Client()
    page = client.get(reverse("portal:home", args=[demo_bureau.pk])).content.decode()
    assert "青山区 2023 年法治政府建设情况报告" in page
    guide = client.get(reverse("portal:guide", args=[demo_bureau.pk])).content.decode()
    assert "示例数据" in guide
