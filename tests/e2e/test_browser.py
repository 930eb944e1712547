"""In a real browser: the clerk files the seed report and sees what the checker found, the
supervisor sees the bureau as filed, and the entry form checks totals while the clerk types."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files import File
from playwright.sync_api import Page, expect

import gongkai
from e2e.session import log_in, log_out
from web.fixtures import SEED_JSON, seed_file

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
SCREENSHOTS = os.environ.get("GONGKAI_SCREENSHOTS") == "1"

pytestmark = pytest.mark.django_db(transaction=True)


def shoot(page: Page, name: str) -> None:
    """Save a screenshot of the page for the user guide when asked to (make screenshots)."""
    if SCREENSHOTS:
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / f"web-{name}.png"), full_page=True)


@pytest.fixture
def last_year_on_file(clerk: Any, bureau: Any) -> Any:
    """The bureau's 2022 report, on file before the seed: it carried 4 applications over to
    2023, which the seed report does not list (Y1: 上年结转 must equal last year's 结转下年度)."""
    from gongkai.report.canonical import dumps
    from gongkai.web.reports.services import file_uploaded_report

    report = gongkai.read(SEED_JSON)
    report.year, report.sections, report.published_on = 2022, None, None
    report.set("table3", "carried_forward", "natural_person", 4)
    report.set("table3", "carried_forward", "total", 4)
    path = Path(os.environ["GONGKAI_DATA_DIR"]) / "qingshan-justice-2022.json"
    path.write_text(dumps(report), encoding="utf-8")
    with path.open("rb") as handle:
        return file_uploaded_report(clerk, bureau, File(handle, name=path.name))


def test_the_clerk_files_the_seed_report_and_the_supervisor_sees_it_filed(
    page: Page, live_server: Any, clerk: Any, supervisor: Any, last_year_on_file: Any
) -> None:
    base = live_server.url
    log_in(page, base, "clerk")
    shoot(page, "home")
    page.get_by_role("link", name="上传年度报告").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("上传年度报告")
    shoot(page, "upload")
    page.get_by_label("年度报告文件").set_input_files(str(seed_file()))
    page.get_by_role("button", name="上传并检查").click()

    # The findings: the cross-year check against 2022 found the missing carry-over.
    expect(page.get_by_role("heading", level=1)).to_contain_text("青山区司法局 2023")
    findings = page.locator("ol.findings li")
    expect(findings.filter(has_text="Y1").first).to_contain_text("上年结转")
    # ... and the national tables show the cells involved, highlighted as errors.
    marked = page.locator("table.grid td.marked-error")
    expect(marked.first).to_be_visible()
    expect(page.locator("#c-table3-carried_over-total")).to_have_class(re.compile("marked-error"))
    shoot(page, "report")

    with page.expect_download() as info:
        page.get_by_role("link", name="批注版 PDF").click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert info.value.suggested_filename.endswith(".pdf")

    log_out(page)
    log_in(page, base, "supervisor")
    page.get_by_role("link", name=re.compile("青山区人民政府及下级机关")).click()
    page.get_by_role("link", name="2023").click()
    row = page.locator("#status-table tr", has_text="青山区司法局")
    expect(row.locator("td.status")).to_contain_text("已报送")
    expect(
        page.locator("#status-table tr", has_text="青山区教育局").locator("td.status")
    ).to_contain_text("未报送")
    shoot(page, "supervision")


def test_the_entry_form_keeps_running_totals_and_marks_a_wrong_total(
    page: Page, live_server: Any, clerk: Any, bureau: Any
) -> None:
    log_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/reports/organ/{bureau.pk}/enter/?year=2023")
    natural = page.locator('input[name="table3.new_received.natural_person"]')
    business = page.locator('input[name="table3.new_received.commercial_enterprise"]')
    total = page.locator('input[name="table3.new_received.total"]')
    natural.fill("3")
    business.fill("2")
    expect(total).to_have_attribute("placeholder", "5")  # the running total
    total.fill("6")
    expect(total).to_have_class(re.compile("mismatch"))
    expect(page.locator("#live-summary")).to_contain_text("不符")
    total.fill("5")
    expect(total).not_to_have_class(re.compile("mismatch"))
    shoot(page, "entry")
