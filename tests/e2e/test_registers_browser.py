"""In a real browser at a phone's width (375 px): the report page, the entry form, the registers
and the case register fit the screen — a wide table scrolls inside its own box, long tokens such
as the SHA-256 wrap — and a case registered on the page shows up in table 四."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from playwright.sync_api import Page, expect

from e2e.session import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 800}
SHOTS = Path("/tmp/registers-shots")


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


@pytest.fixture
def last_year_with_carry_over(clerk: Any, bureau: Any, tmp_path: Path) -> Any:
    """2022 on file, carrying over 4 applications that 2023 does not list: a Y1 error."""
    from django.core.files import File

    import gongkai
    from gongkai.web.reports.services import file_uploaded_report
    from web.fixtures import SEED_JSON

    report = gongkai.read(SEED_JSON)
    report.year, report.sections, report.published_on = 2022, None, None
    report.set("table3", "carried_forward", "natural_person", 4)
    report.set("table3", "carried_forward", "total", 4)
    path = tmp_path / "2022.json"
    path.write_text(gongkai.dumps(report), encoding="utf-8")
    with path.open("rb") as handle:
        return file_uploaded_report(clerk, bureau, File(handle, name=path.name))


def test_the_report_goes_from_draft_through_review_and_signature_to_publication(
    page: Page,
    live_server: Any,
    clerk: Any,
    reviewer: Any,
    head: Any,
    supervisor: Any,
    seed_filing: Any,
    last_year_with_carry_over: Any,
) -> None:
    base = live_server.url
    workspace = f"{base}/workspace/organ/{seed_filing.organ.pk}/2023/"
    log_in(page, base, "clerk")
    page.goto(workspace)
    page.get_by_role("button", name="开始编制").click()
    problems = page.get_by_label("五、存在的主要问题及改进情况")
    problems.fill("（一）存在问题\n人员变动，交接不够清晰。")
    expect(page.locator("#autosave")).to_have_text("已自动保存")  # saved and checked
    page.get_by_role("button", name="提交审核").click()
    log_out(page)

    log_in(page, base, "reviewer")
    page.goto(workspace)
    page.get_by_label("退回意见（必填）").fill("请补充改进措施")
    page.get_by_role("button", name="退回修改").click()
    log_out(page)

    log_in(page, base, "clerk")
    page.goto(workspace)
    expect(page.locator("#steps")).to_contain_text("请补充改进措施")
    problems = page.get_by_label("五、存在的主要问题及改进情况")
    problems.fill("（一）存在问题\n人员变动。\n（二）改进措施\n建立交接清单。")
    page.get_by_role("button", name="保存并检查").click()
    page.get_by_role("button", name="提交审核").click()
    log_out(page)

    log_in(page, base, "reviewer")
    page.goto(workspace)
    page.get_by_role("button", name="审核通过").click()
    log_out(page)

    log_in(page, base, "head")
    page.goto(workspace)
    page.get_by_role("button", name="签发").click()
    expect(page.locator("#state")).to_contain_text("已签发")
    log_out(page)

    log_in(page, base, "clerk")  # the report still has the Y1 error: refused
    page.goto(workspace)
    page.get_by_role("button", name="发布").click()
    expect(page.locator(".messages")).to_contain_text("不能发布")
    log_out(page)

    log_in(page, base, "head")
    page.goto(workspace)
    page.get_by_label(re.compile("如确需发布")).fill("上年报告结转数填写有误，已另行更正")
    page.get_by_role("button", name="发布").click()
    expect(page.locator("#state")).to_contain_text("已发布")
    log_out(page)

    public = f"{base}/workspace/published/{seed_filing.organ.pk}/2023/"
    page.goto(public)
    expect(page.locator(".narrative")).to_contain_text("建立交接清单")
    pdf = page.request.get(public + "report.pdf")
    with pdfplumber.open(io.BytesIO(pdf.body())) as document:
        text = "".join(p.extract_text() or "" for p in document.pages)
    assert "建立交接清单" in text
    look(page, "published")

    log_in(page, base, "supervisor")
    from gongkai.web.workspace.models import Draft

    filing = Draft.objects.get().published
    page.goto(f"{base}/reports/{filing.pk}/")
    expect(page.locator(".meta")).to_contain_text("上年报告结转数填写有误")


def test_the_workspace_and_the_public_page_fit_a_phone_screen(
    page: Page, live_server: Any, clerk: Any, head: Any, seed_filing: Any
) -> None:
    from gongkai.web.workspace import services

    organ = seed_filing.organ
    draft = services.start_draft(clerk, organ, 2023)
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/workspace/organ/{organ.pk}/2023/")
    look(page, "workspace-phone")
    assert page_width(page) <= PHONE["width"]
    services.submit(clerk, draft)
    services.sign(head, services.approve(clerk, draft) if draft.state == "in_review" else draft)
    services.publish(clerk, draft)
    page.goto(f"{live_server.url}/workspace/published/{organ.pk}/2023/")
    look(page, "published-phone")
    assert page_width(page) <= PHONE["width"]
