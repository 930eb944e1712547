"""In a real browser: a crawled page uploaded by the clerk is read with the organ's filed report of
the year before as the witness (its glued 规章 row split, finding R15), and the report's page links
to the page's address (原文链接) as plain text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.session import log_in
from e2e.test_upload_flow import shoot
from gongkai.web.reports import services
from support.witnessed import glued, report_with

pytestmark = pytest.mark.django_db(transaction=True)

ORGAN = "青山区司法局"
ADDRESS = "https://www.example.gov.cn/art/2024/1/20/art_1234567890.html"


def test_a_crawled_upload_is_split_by_last_year_and_links_to_its_page(
    page: Page, live_server: Any, clerk: Any, bureau: Any, tmp_path: Path
) -> None:
    last = report_with("2021", 2022, {("table2", "regulations", "in_force"): 11}, organ=ORGAN)
    services.file_entered_report(clerk, bureau, last)
    this = report_with(
        "2021",
        2023,
        {("table2", "regulations", "issued"): 2, ("table2", "regulations", "in_force"): 13},
        organ=ORGAN,
    )
    path = tmp_path / "2023年报.txt"
    path.write_bytes(f"原文链接: {ADDRESS}\n====正文====\n".encode() + glued(this, "规章"))
    log_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/reports/organ/{bureau.pk}/upload/")
    page.get_by_label("年度报告文件").set_input_files(str(path))
    page.get_by_role("button", name="上传并检查").click()
    link = page.get_by_role("link", name=ADDRESS)
    expect(link).to_have_attribute("href", ADDRESS)
    expect(link).to_have_attribute("rel", "noopener nofollow")
    expect(page.get_by_text("只有 2|0|13 与上年报告相符")).to_be_visible()
    shoot(page, "report-witness")
