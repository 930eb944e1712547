"""In a real browser: a scanned page uploaded as a PNG shows the OCR's progress (pages done /
pages) while it is read, then the checked report, which says it was read by OCR."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

import gongkai
from e2e.session import log_in
from e2e.test_upload_flow import shoot
from support.scans import first_page_scan, page_images, png
from web.fixtures import SEED_JSON

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_scan_shows_the_ocr_progress_then_the_result(
    page: Page, live_server: Any, clerk: Any, bureau: Any, tmp_path: Path
) -> None:
    path = tmp_path / "年报扫描件.png"
    path.write_bytes(png(first_page_scan(page_images(gongkai.read(SEED_JSON)))))
    log_in(page, live_server.url, "clerk")
    with override_settings(GONGKAI_READ_WAIT_SECONDS=0):
        page.goto(f"{live_server.url}/reports/organ/{bureau.pk}/upload/")
        page.get_by_label("年度报告文件").set_input_files(str(path))
        page.get_by_role("button", name="上传并检查").click()
        expect(page.get_by_role("status")).to_contain_text("正在读取…")
        # the child first loads its libraries, then renders the page: on a busy machine the
        # progress line may take a while to appear
        expect(page.get_by_role("status")).to_contain_text(
            re.compile(r"已识别 [01] / 1 页"), timeout=120_000
        )
        shoot(page, "upload-ocr-progress")
        # the page refreshes itself until the report is filed
        expect(page).to_have_url(re.compile(r"/reports/\d+/$"), timeout=300_000)
    expect(page.get_by_text("1 页经文字识别")).to_be_visible()
    shoot(page, "upload-ocr-result")
