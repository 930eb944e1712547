"""In a real browser: the 公开办 withdraws a published item through the confirmation page with a
reason; an anonymous visitor on a 375-px screen then gets the 410 page, and search finds nothing.
Both pages pass axe-core (WCAG 2 A/AA)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.session import log_in
from e2e.test_publishing import assert_accessible, shoot
from web.publishing_support import *  # noqa: F403  (fixtures)
from web.publishing_support import draft, publish

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "关于调整法律援助值班时间的通知"


def test_the_clerk_withdraws_and_the_portal_says_gone(
    page: Page,
    browser: Browser,
    live_server: Any,
    submitter: Any,
    unit: Any,
    column: Any,
    reviewers: Any,
    clerk: Any,
    bureau: Any,
) -> None:
    item = publish(draft(submitter, unit, column, title=TITLE), reviewers)
    base = live_server.url
    log_in(page, base, "clerk")
    page.goto(f"{base}/publishing/item/{item.pk}/")
    page.get_by_role("link", name="撤回").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("撤回信息")
    assert_accessible(browser, page.url)
    page.get_by_role("button", name="确定撤回").click()  # no reason: refused
    expect(page.get_by_role("heading", level=1)).to_have_text("撤回信息")
    page.get_by_label("撤回理由").fill("通知内容有误，更正后重新发布")
    shoot(page, "publishing-withdraw")
    page.get_by_role("button", name="确定撤回").click()
    expect(page.locator(".pill").first).to_have_text("已撤回")
    expect(page.locator("table.steps")).to_contain_text("通知内容有误")

    phone = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    visitor = phone.new_page()
    response = visitor.goto(f"{base}/open/{bureau.pk}/item/{item.pk}/")
    assert response is not None
    assert response.status == 410
    expect(visitor.get_by_role("heading", level=1)).to_have_text("该信息已撤回")
    expect(visitor.locator("main")).to_contain_text(TITLE)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(visitor, "portal-withdrawn-375")
    visitor.goto(f"{base}/open/{bureau.pk}/search/?q=法律援助")
    expect(visitor.get_by_role("status")).to_contain_text("共找到 0 条")
    phone.close()
    assert_accessible(browser, f"{base}/open/{bureau.pk}/item/{item.pk}/", width=375)
