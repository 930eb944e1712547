"""In Chromium: the clerk compiles 2024 from the year's records, sees the compiled tables and the
narrative with its figures and their sources, edits a section; a reviewer returns it with a
comment, it is fixed, approved, signed by the head and published; the portal lists it, and its
page and PDF carry the compiled figures."""

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
SHOTS = Path("/tmp/compile-shots")


def look(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_2024_compiled_from_the_records_is_edited_reviewed_signed_and_published(
    page: Page, live_server: Any, clerk: Any, reviewer: Any, head: Any, bureau: Any
) -> None:
    from gongkai.web.appeals import services as appeals
    from web.test_workspace_compile import add_case

    D = datetime.date  # noqa: N806
    add_case(bureau, "natural_person", D(2024, 3, 4), "disclosed", D(2024, 3, 22))
    add_case(bureau, "commercial_enterprise", D(2024, 6, 3), "not-exist", D(2024, 6, 20))
    add_case(bureau, "natural_person", D(2024, 12, 27))
    appeals.register_case(
        None, bureau, kind="review", body="青山区人民政府", filed_on=D(2024, 8, 1)
    )
    base = live_server.url
    workspace = f"{base}/workspace/organ/{bureau.pk}/2024/"
    log_in(page, base, "clerk")
    page.goto(workspace)
    page.get_by_role("button", name="开始编制").click()
    applications = page.get_by_label("三、收到和处理政府信息公开申请情况")
    expect(applications).to_have_value(
        re.compile("本年度新收政府信息公开申请3件.*结转下年度继续办理1件")
    )
    expect(page.get_by_label("四、政府信息公开行政复议、行政诉讼情况")).to_have_value(
        re.compile("被申请行政复议1件")
    )
    expect(page.locator("#sources")).to_contain_text("依申请公开办理记录")
    expect(page.locator("#sources")).to_contain_text("复议、诉讼案件登记")
    expect(page.locator("table").first).to_be_visible()  # the compiled tables
    page.get_by_label("五、存在的主要问题及改进情况").fill("（一）存在问题\n人员变动。")
    expect(page.locator("#autosave")).to_have_text("已自动保存")
    look(page, "compiled-2024")
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
    page.get_by_label("五、存在的主要问题及改进情况").fill(
        "（一）存在问题\n人员变动。\n（二）改进措施\n建立交接清单。"
    )
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
    override = page.get_by_label(re.compile("如确需发布"))
    if override.count():
        override.fill("测试：上年度无报告")
    page.get_by_role("button", name="发布").click()
    expect(page.locator("#state")).to_contain_text("已发布")
    log_out(page)

    page.goto(f"{base}/open/{bureau.pk}/reports/")
    page.get_by_role("link", name="2024年政府信息公开工作年度报告").click()
    expect(page.locator("body")).to_contain_text("本年度新收政府信息公开申请3件")
    look(page, "portal-2024")
    pdf = page.request.get(f"{base}/workspace/published/{bureau.pk}/2024/report.pdf")
    with pdfplumber.open(io.BytesIO(pdf.body())) as document:
        text = "".join(p.extract_text() or "" for p in document.pages)
    assert "建立交接清单" in text
    assert "新收政府信息公开申请3件" in text.replace(" ", "").replace("\n", "")
