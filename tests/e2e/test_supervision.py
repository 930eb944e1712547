"""In a real browser: the supervisor's dashboard draws its charts (the canvas is painted, the
numbers beside it are the API's), the supervisor reminds an organ and returns a faulty report
with a comment, the organ's clerk sees the return and files a corrected version, and the
supervisor's totals change."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gongkai
from e2e.session import log_in, log_out
from gongkai import Report
from gongkai.report.canonical import dumps
from web.fixtures import SEED_JSON

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
SCREENSHOTS = os.environ.get("GONGKAI_SCREENSHOTS") == "1"

pytestmark = pytest.mark.django_db(transaction=True)


def shoot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / f"web-{name}.png"), full_page=True)


def report(received: int, faulty: bool = False) -> Report:
    """The seed report with ``received`` applications, all carried forward (A1 holds); with
    ``faulty``, 自然人 is 100 more than the 总计 column says (A2 breaks)."""
    made = gongkai.read(SEED_JSON)
    made.published_on = datetime.date(2024, 1, 18)
    for row in ("new_received", "carried_forward"):
        made.set("table3", row, "natural_person", received + (100 if faulty else 0))
        made.set("table3", row, "total", received)
    return made


def canvas_is_painted(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(selector) => {
                const canvas = document.querySelector(selector + ' canvas');
                if (!canvas || !canvas.width || !canvas.height) return false;
                const data = canvas.getContext('2d')
                    .getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
                return false;
            }""",
            selector,
        )
    )


def test_the_supervisor_reminds_returns_and_sees_the_corrected_totals(
    page: Page,
    live_server: Any,
    supervisor: Any,
    clerk: Any,
    admin: Any,
    bureau: Any,
    other_bureau: Any,
    tmp_path: Path,
) -> None:
    from gongkai.web.reports.services import file_imported_report

    file_imported_report(clerk, bureau, report(7, faulty=True), "测试")
    file_imported_report(admin, other_bureau, report(5), "测试")
    base = live_server.url

    log_in(page, base, "supervisor")
    page.goto(f"{base}/supervision/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023 年度报告报送情况")
    expect(page.locator("#mode-note")).to_contain_text("合计仅计入无算术错误的报告")
    expect(page.locator("#mode-note")).to_contain_text("未计入：青山区司法局")
    expect(page.locator("#total-received")).to_have_text("5")
    expect(page.locator("#charts[data-ready='1']")).to_be_attached()
    for chart in ("progress", "timeline", "outcomes", "ranking"):
        assert canvas_is_painted(page, f"#chart-{chart}"), chart
    data = page.request.get(base + (page.locator("#charts").get_attribute("data-url") or "")).json()
    ranking = next(c for c in data["charts"] if c["key"] == "ranking")
    shown = page.locator("#chart-ranking table.chart-numbers tbody tr")
    expect(shown).to_have_count(len(ranking["labels"]))
    for index, (label, value) in enumerate(
        zip(ranking["labels"], ranking["series"][0]["data"], strict=True)
    ):
        expect(shown.nth(index).locator("th")).to_have_text(label)
        expect(shown.nth(index).locator("td")).to_have_text(str(value))
    shoot(page, "supervision-overview")
    page.set_viewport_size({"width": 375, "height": 800})
    # Narrow screens: the charts follow the width; only the wide table scrolls, in its frame.
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 380
    shoot(page, "supervision-overview-375")
    page.set_viewport_size({"width": 1360, "height": 900})

    # Drill down to the bureau: remind it of last year's report, return the faulty one.
    page.locator('tr[data-organ="青山区司法局"] td a').first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("青山区司法局")
    page.get_by_role("button", name="发送催报（站内及邮件）").click()
    expect(page.locator(".messages")).to_contain_text("已向 青山区司法局 发送")
    expect(page.locator("#reminders")).to_contain_text("supervisor")
    page.on("dialog", lambda dialog: dialog.accept())
    row = page.locator('#reports-table tr[data-year="2023"]')
    row.get_by_label("退回意见").fill("表三自然人与总计不符，请核对后重新报送。")
    row.get_by_role("button", name="退回").click()
    expect(page.locator(".messages")).to_contain_text("已退回")
    expect(page.locator("#returns")).to_contain_text("待更正")
    shoot(page, "supervision-organ")
    log_out(page)

    # The clerk sees the return and files a corrected version.
    log_in(page, base, "clerk")
    page.get_by_role("link", name="退回与催报").click()
    expect(page.locator("#inbox-returns")).to_contain_text("表三自然人与总计不符")
    expect(page.locator("#inbox-reminders")).to_contain_text("尚未报送")
    corrected = tmp_path / "qingshan-justice-2023-corrected.json"
    corrected.write_text(dumps(report(7)), encoding="utf-8")
    page.goto(f"{base}/reports/organ/{bureau.pk}/upload/")
    page.get_by_label("年度报告文件").set_input_files(str(corrected))
    page.get_by_role("button", name="上传并检查").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    page.goto(f"{base}/supervision/inbox/")
    expect(page.locator("#inbox-returns")).to_contain_text("已重新报送")
    log_out(page)

    # The supervisor's totals now count the corrected report.
    log_in(page, base, "supervisor")
    page.goto(f"{base}/supervision/")
    expect(page.locator("#total-received")).to_have_text("12")
    expect(page.locator("#mode-note")).not_to_contain_text("未计入")
