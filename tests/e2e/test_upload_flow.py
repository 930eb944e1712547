"""In a real browser: a file naming another organ is read in the background, then the clerk is
asked before it is filed; a file that takes long shows 正在读取… and the page updates itself."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

import gongkai
from e2e.session import log_in
from gongkai.report.canonical import dumps
from web.fixtures import SEED_JSON

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = (
    Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", ""))
    if "GONGKAI_SCREENSHOT_DIR" in os.environ
    else None
)


def shoot(page: Page, name: str) -> None:
    """Screenshots at 1280 and 375 px wide, when a folder is named (to look at the pages)."""
    if SHOTS is None:
        return
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_file_naming_another_organ_is_filed_after_the_clerk_confirms(
    page: Page, live_server: Any, clerk: Any, bureau: Any, tmp_path: Path
) -> None:
    report = gongkai.read(SEED_JSON)
    report.organ = "白河区教育局"
    path = tmp_path / "白河区教育局2023年报.json"
    path.write_text(dumps(report), encoding="utf-8")
    log_in(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/reports/organ/{bureau.pk}/upload/")
    page.get_by_label("年度报告文件").set_input_files(str(path))
    page.get_by_role("button", name="上传并检查").click()
    expect(page.get_by_role("alert")).to_contain_text("文件中的机关名称为“白河区教育局”")
    shoot(page, "upload-confirm")
    page.get_by_role("button", name="确认报送").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023")


def test_a_slow_file_shows_reading_and_the_page_updates_itself(
    page: Page, live_server: Any, clerk: Any, bureau: Any, tmp_path: Path
) -> None:
    from support import bombs

    path = tmp_path / "年报.txt"
    path.write_bytes(bombs.text_of_one_line())
    log_in(page, live_server.url, "clerk")
    with override_settings(
        GONGKAI_READ_WAIT_SECONDS=0, GONGKAI_READ_CPU_SECONDS=3, GONGKAI_READ_WALL_SECONDS=10
    ):
        page.goto(f"{live_server.url}/reports/organ/{bureau.pk}/upload/")
        page.get_by_label("年度报告文件").set_input_files(str(path))
        page.get_by_role("button", name="上传并检查").click()
        expect(page.get_by_role("status")).to_contain_text("正在读取…")
        shoot(page, "upload-reading")
        # the page refreshes itself until the reading ends, here at its limit
        expect(page.get_by_role("alert")).to_contain_text("超过上限", timeout=30_000)
        shoot(page, "upload-failed")
    expect(page.get_by_role("link", name="重新上传")).to_be_visible()
