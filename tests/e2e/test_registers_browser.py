"""In a real browser at a phone's width (375 px): the report page, the entry form, the registers
and the case register fit the screen — a wide table scrolls inside its own box, long tokens such
as the SHA-256 wrap — and a case registered on the page shows up in table 四."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from web.fixtures import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 800}
SHOTS = Path("/tmp/registers-shots")


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def look(page: Page, name: str) -> None:
    """A screenshot for the developer to look at (outside the repository)."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    "path",
    [
        "/reports/{report}/",
        "/reports/organ/{organ}/enter/?year=2023",
        "/registers/organ/{organ}/?year=2023",
        "/registers/organ/{organ}/?year=2020",
        "/appeals/organ/{organ}/?year=2023",
        "/",
    ],
)
def test_the_pages_fit_a_phone_screen(
    path: str, page: Page, live_server: Any, clerk: Any, seed_filing: Any
) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "clerk")
    url = path.format(report=seed_filing.pk, organ=seed_filing.organ.pk)
    page.goto(live_server.url + url)
    look(page, url.strip("/").replace("/", "-").replace("?", "-") or "home")
    assert page_width(page) <= PHONE["width"]


def test_a_case_registered_in_the_browser_shows_in_table_4(
    page: Page, live_server: Any, clerk: Any, bureau: Any
) -> None:
    year = datetime.date.today().year - 1
    log_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/appeals/organ/{bureau.pk}/?year={year}")
    page.get_by_text("登记案件", exact=True).click()
    page.get_by_label("类别").select_option("review")
    page.get_by_label("复议机关或法院").fill("青山区人民政府")
    page.get_by_label("申请复议或起诉日期").fill(f"{year}-03-02")
    page.get_by_label("结果").select_option("corrected")
    page.get_by_label("审结日期").fill(f"{year}-05-06")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("案件已登记")
    # Table 四's 行政复议 结果纠正 and 总计 are now 1.
    grid = page.locator("#t-table4 table.grid")
    expect(grid).to_contain_text("1")
    look(page, "appeals-after")
