"""Scans and legacy files in the bounded reading (issue 15 item 2 with issue 14 items 4–5): the
parent picks the limits from the first bytes only; a PDF is read within the ordinary limits, and
one without a text layer answers ``needs_ocr`` before a page is rendered, to be read again within
the OCR limits; OCR's CPU is counted with its Tesseract runs, and its progress is written down."""

from __future__ import annotations

from pathlib import Path

import pytest

import gongkai
from gongkai.readers import bounded, ocr
from gongkai.report.model import Report
from support.scans import first_page_scan, image_pdf, page_images, png

SEED = Path(gongkai.__file__).parent / "samples" / "qingshan-justice-2023.json"
ORDINARY = bounded.Limits(wall_seconds=60, cpu_seconds=30, memory_mb=1024, ocr_pages=0)
SCAN = bounded.Limits(wall_seconds=600, cpu_seconds=300, memory_mb=2048, ocr_pages=30)
CONVERTED = bounded.Limits(wall_seconds=180, cpu_seconds=120, memory_mb=2048, ocr_pages=0)
BUDGET = bounded.Budget(ORDINARY, SCAN, CONVERTED)


@pytest.fixture(scope="module")
def seed() -> Report:
    if not ocr.available():
        pytest.fail("Tesseract with chi_sim is missing: run scripts/install-system-deps")
    return gongkai.read(SEED)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n", SCAN),
        (b"\xff\xd8\xff\xe0", SCAN),
        (b"II*\x00", SCAN),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", CONVERTED),
        (b"%PDF-1.7", ORDINARY),
        (b"PK\x03\x04", ORDINARY),
    ],
)
def test_the_first_limits_come_from_the_first_bytes(
    head: bytes, expected: bounded.Limits, tmp_path: Path
) -> None:
    path = tmp_path / "file"
    path.write_bytes(head + b"\x00" * 64)
    assert BUDGET.first(path) == expected


def test_within_the_ordinary_limits_a_scanned_pdf_asks_for_ocr_unread(
    seed: Report, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf(page_images(seed, dpi=100)[:2], dpi=100))
    progress = tmp_path / "progress.json"
    answer = bounded.finish(bounded.start(path, ORDINARY, progress), ORDINARY)
    assert answer["error"]["code"] == "needs_ocr"
    assert not progress.exists()  # no page was read


def test_a_scanned_pdf_is_read_again_within_the_ocr_limits_with_its_progress(
    seed: Report, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([first_page_scan(page_images(seed))]))
    progress = tmp_path / "progress.json"
    answer = bounded.read_answer(path, BUDGET, progress)
    report = bounded.answer_report(answer, "scan.pdf")
    assert (report.organ, report.year) == (seed.organ, seed.year)
    assert report.reading[0].rule == "R11"
    assert bounded.progress_of(progress) == (1, 1)


def test_ocr_stops_when_the_reader_and_tesseract_together_pass_the_cpu_limit(
    seed: Report, tmp_path: Path
) -> None:
    """Each Tesseract run has its own RLIMIT_CPU; the reading as a whole is counted after each
    page, so a long scan cannot spend pages × the limit."""
    path = tmp_path / "scan.png"
    path.write_bytes(png(first_page_scan(page_images(seed))))
    tight = bounded.Limits(wall_seconds=600, cpu_seconds=1, memory_mb=2048, ocr_pages=30)
    answer = bounded.read_answer(path, bounded.Budget(ORDINARY, tight, CONVERTED))
    assert answer["error"]["code"] == "time_limit"
    assert "处理器时间超过上限（1 秒）" in answer["error"]["message"]


def test_a_scan_over_the_page_limit_is_refused_before_it_is_rendered(
    seed: Report, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf(page_images(seed, dpi=100)[:3], dpi=100))
    few = bounded.Limits(wall_seconds=60, cpu_seconds=30, memory_mb=2048, ocr_pages=2)
    answer = bounded.read_answer(path, bounded.Budget(ORDINARY, few, CONVERTED))
    assert answer["error"]["code"] == "too_many_pages"
    assert answer["error"]["message"].startswith("扫描件共 3 页，超过文字识别的上限 2 页")
