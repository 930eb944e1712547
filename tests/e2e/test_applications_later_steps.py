"""In Chromium: the clerk corrects an issued answer (the new letter's PDF read back, the old one
kept and marked 已更正, the applicant's status page showing the correction); asks an applicant for
reasons (第三十五条) and tells another applicant where to apply (第三十六条（五）) through the
case page's forms. Pages are also looked at 375 px wide."""

from __future__ import annotations

import datetime
import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.session import log_in
from e2e.test_applications import take_step
from gongkai.web.applications import decisions, intake
from gongkai.web.applications.models import Letter
from web.applications_support import *  # noqa: F403
from web.applications_support import RESIDENT_ID, TODAY, application_input, decided, letter_text

pytestmark = pytest.mark.django_db(transaction=True)
LOOK = os.environ.get("GONGKAI_LOOK_DIR")  # screenshots for a person to look at


def look(page: Page, name: str) -> None:
    if LOOK:
        Path(LOOK).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(LOOK) / f"{name}.png"), full_page=True)


def test_the_clerk_corrects_an_issued_answer(
    page: Page,
    live_server: Any,
    bureau: Any,
    configured: Any,
    clerk: Any,
    reviewer: Any,
    today: datetime.date,
) -> None:
    base = live_server.url
    case = intake.create_application(clerk, bureau, application_input())
    case = decisions.issue_decision(clerk, decided(clerk, reviewer, case), issued_on=TODAY)
    original = case.letters.get(kind="answer")
    kept = original.pdf_sha256

    log_in(page, base, "clerk")
    page.goto(f"{base}/applications/{case.pk}/")
    page.locator(f"#letter-{original.pk} a.correct-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("更正文书")
    look(page, "correct-form")
    body = page.get_by_label("正文（段落之间空一行）")
    body.fill(body.input_value().replace("经审查", "经本机关审查"))
    page.get_by_label("更正理由（将写入新文书并记入审计日志）").fill("原答复书漏写审查主体")
    page.locator("#confirm-correction").check()
    page.get_by_role("button", name="签发更正后的文书").click()
    expect(page.locator(".messages")).to_contain_text("已签发更正后的文书")

    fresh = Letter.objects.get(replaces=original)
    expect(page.locator(f"#letter-{original.pk} .corrected")).to_have_text("已更正")
    expect(page.locator(f"#letter-{original.pk}")).to_contain_text(fresh.number)
    expect(page.locator(f"#letter-{fresh.pk}")).to_contain_text("原答复书漏写审查主体")
    old_pdf = page.request.get(f"{base}/applications/letters/{original.pk}.pdf").body()
    new_pdf = page.request.get(f"{base}/applications/letters/{fresh.pk}.pdf").body()
    assert hashlib.sha256(old_pdf).hexdigest() == kept  # the issued letter never changes
    text = letter_text(new_pdf)
    assert "经本机关审查" in text
    assert f"（{original.number}），原文书同时作废" in text
    assert "更正理由：原答复书漏写审查主体" in text
    assert "经本机关审查" not in letter_text(old_pdf)
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    look(page, "case-corrected-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # The applicant's status page shows the correction.
    page.goto(f"{base}/apply/status/")
    page.get_by_label("查询码").fill(case.query_code)
    page.get_by_label("证件号码后4位").fill(RESIDENT_ID[-4:])
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#public-letters")).to_contain_text("已更正")
    expect(page.locator("#public-letters")).to_contain_text(f"以更正后的 {fresh.number} 为准")
    look(page, "status-corrected-375")


def test_reasons_and_referral_through_the_case_page(
    page: Page,
    live_server: Any,
    bureau: Any,
    configured: Any,
    clerk: Any,
    today: datetime.date,
) -> None:
    base = live_server.url
    asked = intake.create_application(clerk, bureau, application_input())
    told = intake.create_application(clerk, bureau, application_input(applicant_name="李四"))
    log_in(page, base, "clerk")
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto(f"{base}/applications/{asked.pk}/")
    take_step(
        page,
        "要求说明理由",
        {"#request_reasons-grounds": "您自2025年5月以来已提出申请37件"},
    )
    expect(page.locator("#case-status")).to_have_text("待说明理由")
    expect(page.locator("#deadlines")).to_contain_text("说明理由期限")
    expect(page.locator("#deadlines")).to_contain_text("2025-07-07")
    page.locator("section[aria-labelledby=h-clock] details summary").click()
    expect(page.locator("ul.calc")).to_contain_text("等待说明理由期间答复期限照常计算")
    expect(page.locator("#letters")).to_contain_text("说明理由告知书")
    look(page, "case-reasons-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.goto(f"{base}/applications/{told.pk}/")
    take_step(
        page,
        "告知非本机关负责公开",
        {
            "负责公开该信息的行政机关": "青山区财政局",
            "该机关的联系方式（地址、电话）": "富强路2号，0472-1234567",
            "不属于本机关负责公开的理由": "预算执行信息由财政部门制作并保存",
        },
        check=("确认执行此操作",),
    )
    expect(page.locator("#case-status")).to_have_text("已答复")
    expect(page.locator("#outcome")).to_have_text("不属于本机关负责公开")
    link = page.locator("#letters a", has_text="PDF").last
    text = letter_text(page.request.get(base + link.get_attribute("href")).body())
    assert "负责公开该政府信息的行政机关为青山区财政局" in text
    assert "0472-1234567" in text
    look(page, "case-referred-375")

    # Naming this organ is refused by the pre-issue check, with nothing stored.
    third = intake.create_application(clerk, bureau, application_input(applicant_name="赵六"))
    page.goto(f"{base}/applications/{third.pk}/")
    step = page.locator("#step-refer_elsewhere")
    step.locator("summary").click()
    step.get_by_label("负责公开该信息的行政机关").fill("青山区司法局")
    step.get_by_label("不属于本机关负责公开的理由").fill("x")
    step.get_by_label("确认执行此操作", exact=False).check()
    step.get_by_role("button", name="告知非本机关负责公开").click()
    expect(page.locator("#checks")).to_contain_text("AP24")
    expect(page.locator("#case-status")).to_have_text("已登记")
    look(page, "case-referral-refused-375")
