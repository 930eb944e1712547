"""Scans and legacy Office files uploaded on the site (issue 14 items 4–5, issue 15 item 2): a
page image, an image-only PDF, a .doc and an .xls — each made here from gongkai's own writers —
are read in the bounded child within their own, longer limits and filed; OCR shows its progress
while it runs; a scan over the page limit, or a file whose program is not installed, ends in a
Chinese message with nothing stored."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

import gongkai
from gongkai.readers import ocr
from gongkai.report.model import Report
from gongkai.web.reports import selectors
from gongkai.web.reports.models import AnnualReport, Reading, ReadingState
from support.scans import first_page_scan, image_pdf, legacy_file, page_images, png, scribbled
from web.fixtures import SEED_JSON, staging_folders, stored_files, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seed() -> Report:
    if not ocr.available():
        pytest.fail("Tesseract with chi_sim is missing: run scripts/install-system-deps")
    return gongkai.read(SEED_JSON)


def follow_reading(client: Client, response: Any) -> tuple[Any, list[str]]:
    """Poll the reading page as the browser does until it is answered; the pages seen meanwhile."""
    seen = []
    location = response["Location"]
    for _ in range(1200):
        answered = client.get(location)
        if answered.status_code != 200:
            return answered, seen
        seen.append(answered.content.decode())
        time.sleep(0.25)
    raise AssertionError("the reading did not end")


def filed_page(client: Client, response: Any) -> str:
    answered, _ = follow_reading(client, response)
    filing = AnnualReport.objects.get()
    assert answered["Location"] == reverse("reports:detail", args=[filing.pk])
    assert Reading.objects.get().state == ReadingState.FILED
    assert staging_folders() == []
    return client.get(answered["Location"]).content.decode()


def test_a_scanned_page_uploaded_as_png_is_filed_with_the_doubtful_cells_listed(
    seed: Report, clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    """Pen strokes across some numbers: those cells are missing, and the result page says the
    report was read by OCR and lists each missing cell with its page and cell."""
    pages = page_images(seed)
    pages[2] = scribbled(pages[2])
    client = client_as(clerk)
    with override_settings(GONGKAI_READ_WAIT_SECONDS=0):
        response = upload(client, bureau, "年报扫描件.png", png(first_page_scan(pages)))
        page = filed_page(client, response)
    filing = AnnualReport.objects.get()
    assert (filing.organ, filing.year) == (bureau, seed.year)
    rules = [finding["rule"] for finding in filing.findings]
    assert "R11" in rules
    assert "R12" in rules, rules
    assert "1 页经文字识别（OCR" in page
    doubtful = next(f for f in filing.findings if f["rule"] == "R12")["message_zh"]
    listed = re.findall(r"第1页 第1个表格 第\d+行 第\d+列", doubtful)
    assert listed
    assert all(place in page for place in listed)
    assert doubtful.startswith(f"{len(listed)} 个单元格")


def test_an_image_only_pdf_shows_its_progress_then_is_filed(
    seed: Report, clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    pages = page_images(seed)
    client = client_as(clerk)
    with override_settings(GONGKAI_READ_WAIT_SECONDS=0):
        response = upload(client, bureau, "年报.pdf", image_pdf([pages[0], pages[2]]))
        answered, seen = follow_reading(client, response)
    assert any(re.search(r"已识别 [01] / 2 页", page) for page in seen), seen[-1:]
    filing = AnnualReport.objects.get()
    assert answered["Location"] == reverse("reports:detail", args=[filing.pk])
    assert (filing.organ, filing.year) == (bureau, seed.year)
    page = client.get(answered["Location"]).content.decode()
    assert "2 页经文字识别" in page


@pytest.fixture
def two_page_scan(seed: Report) -> bytes:
    return image_pdf(page_images(seed, dpi=100)[:2], dpi=100)


def test_a_scan_over_the_page_limit_is_refused_in_chinese(
    two_page_scan: bytes, clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    with override_settings(GONGKAI_READ_WAIT_SECONDS=30, GONGKAI_OCR_MAX_PAGES=1):
        response = upload(client, bureau, "年报.pdf", two_page_scan)
    page = response.content.decode()
    assert response.status_code == 400
    assert "扫描件共 2 页，超过文字识别的上限 1 页" in page
    assert not AnnualReport.objects.exists()
    assert Reading.objects.get().state == ReadingState.FAILED
    assert staging_folders() == []


@pytest.fixture
def no_programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A server without Tesseract and LibreOffice: nothing on the PATH (the reading child is
    started by its full path and inherits this PATH)."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    ocr._languages.cache_clear()
    yield
    ocr._languages.cache_clear()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("年报.png", "tesseract-ocr-chi-sim"), ("年报.doc", "libreoffice-writer-nogui")],
)
def test_without_the_program_a_scan_or_doc_is_refused_and_nothing_stored(
    name: str,
    expected: str,
    seed: Report,
    tmp_path: Path,
    clerk: Any,
    bureau: Any,
    client_as: Callable[..., Client],
    request: pytest.FixtureRequest,
) -> None:
    content = (
        png(page_images(seed, dpi=100)[0], dpi=100)
        if name.endswith(".png")
        else legacy_file(seed, "doc", tmp_path)
    )
    request.getfixturevalue("no_programs")
    response = upload(client_as(clerk), bureau, name, content)
    page = response.content.decode()
    assert response.status_code == 400
    assert expected in page
    assert "未安装" in page
    assert "文件未保存" in page
    assert not Reading.objects.exists()
    assert not AnnualReport.objects.exists()
    assert staging_folders() == []


def test_without_tesseract_an_image_only_pdf_ends_in_the_same_message(
    two_page_scan: bytes,
    no_programs: None,
    clerk: Any,
    bureau: Any,
    client_as: Callable[..., Client],
) -> None:
    with override_settings(GONGKAI_READ_WAIT_SECONDS=30):
        response = upload(client_as(clerk), bureau, "年报.pdf", two_page_scan)
    page = response.content.decode()
    assert response.status_code == 400
    assert "tesseract-ocr-chi-sim" in page
    assert not AnnualReport.objects.exists()
    assert staging_folders() == []


@pytest.mark.parametrize(("kind", "name"), [("doc", "年报.doc"), ("xls", "年报.xls")])
def test_a_legacy_office_file_is_converted_and_filed(
    kind: str,
    name: str,
    seed: Report,
    tmp_path: Path,
    clerk: Any,
    bureau: Any,
    client_as: Callable[..., Client],
) -> None:
    client = client_as(clerk)
    with override_settings(GONGKAI_READ_WAIT_SECONDS=0):
        response = upload(client, bureau, name, legacy_file(seed, kind, tmp_path))
        page = filed_page(client, response)
    assert "R13" in page
    assert "LibreOffice" in page
    filing = AnnualReport.objects.get()
    read = selectors.report_of(filing)
    expected = {(t, r, c): cell.value for t, r, c, cell in seed.iter_cells()}
    assert {(t, r, c): cell.value for t, r, c, cell in read.iter_cells()} == expected
    assert stored_files(Path(settings.MEDIA_ROOT) / "reports") != []


def test_an_image_named_pdf_is_still_refused(
    seed: Report, clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    response = upload(
        client_as(clerk), bureau, "年报.pdf", png(page_images(seed, dpi=100)[0], dpi=100)
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "文件内容与扩展名不符：扩展名为 .pdf，内容却是PNG 图片" in page
    assert not Reading.objects.exists()
