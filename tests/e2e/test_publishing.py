"""In a real browser: a submitter drafts an item with an attachment holding an identity number;
publication is blocked with the finding; the item is fixed, approved at three levels, and then
appears on the portal, in search, in the Atom feed (parsed) and in the quarter's ranking; an
anonymous visitor reads it on a 375-px screen. Pages are checked with axe-core (WCAG 2 A/AA)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.accessibility import assert_accessible
from e2e.session import log_in
from web.publishing_support import *  # noqa: F403  (fixtures)
from web.publishing_support import IDENTITY, docx_bytes

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
SCREENSHOTS = os.environ.get("GONGKAI_SCREENSHOTS") == "1"
TITLE = "青山区司法局开展“宪法宣传周”普法活动"


def shoot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / f"web-{name}.png"), full_page=True)


def review(page: Page, base: str, item_id: int, username: str, action: str, **extra: Any) -> None:
    log_in(page, base, username)
    page.goto(f"{base}/publishing/item/{item_id}/")
    page.get_by_label(action, exact=True).check()
    if extra.get("comment"):
        page.get_by_label("意见", exact=True).fill(extra["comment"])
    if extra.get("secrecy"):
        page.get_by_label(re.compile("我已完成保密审查")).check()
    page.get_by_role("button", name="提交审核意见").click()


def test_an_item_goes_from_draft_to_the_portal(
    page: Page,
    browser: Browser,
    live_server: Any,
    submitter: Any,
    reviewers: Any,
    column: Any,
    bureau: Any,
    tmp_path: Path,
) -> None:
    from gongkai.web.publishing.models import Item

    base = live_server.url
    dirty = tmp_path / "获奖名单.docx"
    dirty.write_bytes(docx_bytes("获奖人员名单", f"张三 {IDENTITY}"))
    clean = tmp_path / "活动方案.docx"
    clean.write_bytes(docx_bytes("宪法宣传周活动方案：走进社区开展普法讲座"))

    # The submitter drafts the item and attaches the list with an identity number.
    log_in(page, base, "submitter")
    page.get_by_role("link", name="主动公开").click()
    page.get_by_role("link", name="新建信息").click()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("正文（Markdown）").fill("在各社区开展**宪法**宣传。")
    page.get_by_label("信息类型").select_option(label="动态信息")
    page.get_by_label("目录栏目").select_option(label="工作动态")
    page.get_by_label("公开属性").select_option(label="主动公开")
    page.get_by_label("形成或变更日期").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    item_id = Item.objects.get(title=TITLE).pk
    page.get_by_label(re.compile("附件（")).set_input_files(str(dirty))
    page.get_by_role("button", name="上传附件").click()
    expect(page.locator("ol.findings")).to_contain_text("身份证号码")
    shoot(page, "publishing-draft")
    page.get_by_role("button", name="报送审核").click()
    expect(page.locator(".pill").first).to_have_text("审核中")

    # Levels 1 and 2 approve; level 3 is stopped by the finding and returns the item.
    review(page, base, item_id, "reviewer", "通过")
    review(page, base, item_id, "reviewer2", "通过")
    review(page, base, item_id, "reviewer3", "通过", secrecy=True)
    expect(page.locator(".messages")).to_contain_text("发布已暂停")
    expect(page.locator("table.steps")).to_contain_text("身份证号码")
    shoot(page, "publishing-blocked")
    review(page, base, item_id, "reviewer3", "退回修改", comment="附件含身份证号码，请删除")

    # The submitter sees why, replaces the attachment and submits again.
    log_in(page, base, "submitter")
    page.goto(f"{base}/publishing/item/{item_id}/")
    expect(page.locator(".errors")).to_contain_text("附件含身份证号码，请删除")
    page.get_by_role("link", name="删除").click()
    page.get_by_role("button", name="确定").click()
    page.get_by_label(re.compile("附件（")).set_input_files(str(clean))
    page.get_by_role("button", name="上传附件").click()
    expect(page.locator("p.ok")).to_contain_text("未发现")
    page.get_by_role("button", name="报送审核").click()
    for username in ("reviewer", "reviewer2"):
        review(page, base, item_id, username, "通过")
    review(page, base, item_id, "reviewer3", "通过", secrecy=True)
    expect(page.locator(".pill").first).to_have_text("已发布")
    expect(page.locator("table.steps")).to_contain_text("保密审查确认")
    shoot(page, "publishing-published")
    assert_accessible(browser, f"{base}/publishing/item/{item_id}/")

    # In the quarter's ranking, the unit's submission counts.
    log_in(page, base, "reviewer")
    page.goto(f"{base}/publishing/organ/{bureau.pk}/ranking/")
    row = page.locator("table.ranking tr", has_text="法治宣传股")
    expect(row.locator("td").nth(2)).to_have_text("1")

    # An anonymous visitor on a phone reads it on the portal and finds it by search.
    phone = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    visitor = phone.new_page()
    visitor.goto(f"{base}/open/{bureau.pk}/")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("table.meta")).to_contain_text("索引号")
    expect(visitor.locator("table.meta")).to_contain_text("青山区司法局")
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(visitor, "portal-item-375")
    visitor.get_by_label("搜索公开信息").fill("走进社区开展普法")
    visitor.get_by_role("button", name="搜索").click()
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    feed = visitor.request.get(f"{base}/open/{bureau.pk}/column/{column.pk}/atom.xml")
    entries = ET.fromstring(feed.body()).iter("{http://www.w3.org/2005/Atom}entry")
    assert [e.find("{http://www.w3.org/2005/Atom}title").text for e in entries] == [TITLE]
    phone.close()
    for path in (
        "",
        "guide/",
        "statutory/",
        "catalogue/",
        f"column/{column.pk}/",
        f"item/{item_id}/",
        "search/?q=普法",
        "reports/",
    ):
        assert_accessible(browser, f"{base}/open/{bureau.pk}/{path}", width=375)
