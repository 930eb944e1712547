"""In Chromium: an applicant applies online and gets a query code → the clerk registers the case
and sends a 补正 notice → the 补正 arrives → the clerk drafts a 部分公开 decision → a reviewer
approves → the letter is issued (its PDF opened and read) → the applicant sees the status by query
code; and the clerk's dashboard shows a case going overdue when the clock passes its deadline."""

from __future__ import annotations

import datetime
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import assert_accessible
from e2e.session import log_in
from gongkai.web.applications import clock, intake
from gongkai.web.applications.models import Application
from web.applications_support import *  # noqa: F403
from web.applications_support import RESIDENT_ID, application_input, set_today

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
SCREENSHOTS = os.environ.get("GONGKAI_SCREENSHOTS") == "1"

pytestmark = pytest.mark.django_db(transaction=True)


def shoot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / f"web-applications-{name}.png"), full_page=True)


def take_step(
    page: Page,
    label: str,
    fields: dict[str, str] | None = None,
    *,
    select: dict[str, str] | None = None,
    check: tuple[str, ...] = (),
) -> None:
    step = page.locator("details.step", has=page.locator("summary", has_text=label)).first
    step.locator("summary").click()
    for name, value in (fields or {}).items():
        field = step.locator(name) if name.startswith("#") else step.get_by_label(name).first
        field.fill(value)
    for name, value in (select or {}).items():
        step.get_by_label(name, exact=False).first.select_option(value)
    for name in check:
        step.get_by_label(name, exact=False).first.check()
    step.get_by_role("button", name=label).click()
    refusal = page.locator("#refusal, .errorlist")
    if refusal.count():
        pytest.fail(f"“{label}” was refused: {refusal.all_inner_texts()}")
    expect(page.locator(".messages")).to_contain_text("已保存")


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], check=True, capture_output=True, text=True
        ).stdout


def test_an_application_from_the_form_to_the_status_page(
    page: Page,
    live_server: Any,
    bureau: Any,
    configured: Any,
    clerk: Any,
    reviewer: Any,
    today: datetime.date,
    monkeypatch: Any,
) -> None:
    base = live_server.url
    # The applicant, anonymous, on the organ's public form.
    page.goto(f"{base}/apply/{bureau.pk}/")
    page.get_by_label("姓名或者名称").fill("王五")
    page.locator("#id_identity_number").fill(RESIDENT_ID)
    page.get_by_label("联系电话").fill("13900001111")
    page.get_by_label("所需政府信息的名称、文号或者特征性描述").fill(
        "2024年青山区法律援助案件受援人统计"
    )
    page.get_by_label("本人承诺所填信息真实有效").check()
    shoot(page, "public-form")
    browser = page.context.browser
    assert browser is not None
    # The form sits in the organ's portal, which must stay accessible (GB/T 37668-2019).
    assert_accessible(browser, f"{base}/apply/{bureau.pk}/", width=375)
    page.get_by_role("button", name="提交申请").click()
    code = page.locator("#query-code").inner_text().strip()
    assert len(code) == 10
    shoot(page, "receipt")
    assert_accessible(browser, f"{base}/apply/{bureau.pk}/receipt/{code}/", width=375)
    receipt = page.request.get(f"{base}/apply/{bureau.pk}/receipt/{code}/pdf/")
    assert code in pdf_text(receipt.body()).replace(" ", "")

    # The clerk registers it and sends a 补正 notice.
    context = page.context.browser.new_context(locale="zh-CN")  # type: ignore[union-attr]
    clerk_page = context.new_page()
    log_in(clerk_page, base, "clerk")
    case = Application.objects.get(query_code=code)
    clerk_page.goto(f"{base}/applications/{case.pk}/")
    take_step(clerk_page, "登记")
    take_step(
        clerk_page,
        "发出补正告知",
        {
            "需要补正的事项": "1. 请写明所需统计的期间（年度或月份）。",
            "补正期限": "2025-07-07",
        },
    )
    expect(clerk_page.locator("#case-status")).to_have_text("待补正")
    # The 补正 arrives three days later.
    set_today(monkeypatch, datetime.date(2025, 6, 19))
    clerk_page.reload()
    take_step(clerk_page, "收到补正", {"日期": "2025-06-19"})
    expect(clerk_page.locator("#deadlines")).to_contain_text("2025-07-17")
    take_step(
        clerk_page,
        "拟定答复",
        {
            "答复的事实和理由": "经检索，本机关保存有该统计表。",
            "不予公开的内容": "受援人姓名及身份证号码",
            "不予公开的理由": "涉及个人隐私，公开会对第三方合法权益造成损害（条例第十五条）",
        },
        select={"办理结果": "partial"},
        check=("已进行保密审查",),
    )
    take_step(clerk_page, "提交审核")
    shoot(clerk_page, "case")

    # A reviewer approves.
    review_context = page.context.browser.new_context(locale="zh-CN")  # type: ignore[union-attr]
    reviewer_page = review_context.new_page()
    log_in(reviewer_page, base, "reviewer")
    reviewer_page.goto(f"{base}/applications/{case.pk}/")
    take_step(reviewer_page, "审核通过", {"#approve-note": "同意"})
    expect(reviewer_page.locator("#case-status")).to_have_text("已审核待签发")

    # The clerk issues the letter; its PDF says what was withheld, why, and how to appeal.
    clerk_page.reload()
    take_step(clerk_page, "签发答复", {"日期": "2025-06-19"})
    expect(clerk_page.locator("#case-status")).to_have_text("已答复")
    link = clerk_page.locator("#letters a", has_text="PDF").last
    pdf = clerk_page.request.get(base + link.get_attribute("href"))
    text = pdf_text(pdf.body()).replace(" ", "")
    assert "政府信息公开申请答复书" in text
    assert "受援人姓名及身份证号码" in text
    assert "第三十七条" in text
    assert "青山区人民政府申请行政复议" in text
    assert "青山区司法局" in text

    # The applicant looks the case up by query code and the last 4 characters of the number.
    page.goto(f"{base}/apply/status/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("证件号码后4位").fill(RESIDENT_ID[-4:])
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#public-status")).to_have_text("已答复")
    expect(page.locator("#public-steps")).to_contain_text("已发出补正告知")
    shoot(page, "status")


def test_the_dashboard_shows_a_case_going_overdue(
    page: Page,
    live_server: Any,
    bureau: Any,
    configured: Any,
    clerk: Any,
    monkeypatch: Any,
    today: datetime.date,
) -> None:
    case = intake.create_application(clerk, bureau, application_input())
    assert case.reply_due == datetime.date(2025, 7, 14)
    log_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/applications/")
    expect(page.locator("#count-overdue")).to_have_text("0")
    monkeypatch.setattr(clock, "today", lambda: datetime.date(2025, 7, 15))
    page.reload()
    expect(page.locator("#count-overdue")).to_have_text("1")
    expect(page.locator("table.list").first).to_contain_text(case.number)
    shoot(page, "dashboard")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/applications/{case.pk}/")
    expect(page.locator("#deadlines")).to_contain_text("已超期")
    shoot(page, "case-375")
