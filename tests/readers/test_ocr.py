"""Scanned reports read by OCR. OCR is slow, so the pages are few: gongkai's own PDF of a real
report rendered to images (straight, turned by 1°, as an image-only PDF), compared cell by cell
with the truth it was written from — every cell read is the printed value or missing."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from gongkai.errors import ReportInputError
from gongkai.readers import identify, image_grid, ocr, read_bytes
from gongkai.readers.document import Piece
from gongkai.report.model import Report, Source
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from support.corpus import TRUTH, load_truth


@pytest.fixture(scope="module")
def truth() -> Report:
    if not ocr.available():
        pytest.fail("Tesseract with chi_sim is missing: run scripts/install-system-deps")
    return report_from_truth(load_truth(TRUTH / "002.json"))  # 2021 format, 淮安市洪泽区


def _pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    pages = [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    document.close()
    return pages


def _png(image: Image.Image, dpi: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def _right_and_wrong(truth: Report, read: Report) -> tuple[int, list[str]]:
    expected = {(t, r, c): cell.value for t, r, c, cell in truth.iter_cells()}
    right, wrong = 0, []
    for t, r, c, cell in read.iter_cells():
        if cell.value is None:
            continue
        if cell.value == expected.get((t, r, c)):
            right += 1
        else:
            wrong.append(f"{t}.{r}.{c}: {cell.value} (printed {expected.get((t, r, c))})")
    return right, wrong


def test_a_scanned_page_turned_by_one_degree_reads_no_wrong_number(truth: Report) -> None:
    page = _pages(render(truth, "pdf"), 200)[1]  # table 三
    turned = page.rotate(1.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    data = _png(turned, 200)
    assert identify(data) == "png"
    read = read_bytes(data, "scan.png")
    right, wrong = _right_and_wrong(truth, read)
    assert wrong == []
    assert right >= 150  # of table 三's 189 cells (its 21 '—' cells are missing by design)
    assert read.reading[0].rule == "R11"
    assert "文字识别" in read.reading[0].message_zh


def test_an_image_only_pdf_is_read_by_ocr_from_the_command_line(
    truth: Report, tmp_path: Path
) -> None:
    pages = _pages(render(truth, "pdf"), 150)
    scan = tmp_path / "scan.pdf"
    pages[0].save(scan, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    done = subprocess.run(
        [str(Path(sys.executable).with_name("gongkai")), "read", str(scan), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    read = read_bytes(done.stdout.encode("utf-8"), "read.json")  # the report as JSON
    right, wrong = _right_and_wrong(truth, read)
    assert wrong == []
    assert right >= 100  # a 150 dpi scan: fewer numbers are certain enough to keep
    assert read.year == truth.year
    # narrative text is read as OCR reads it (a character may be wrong): the organ is found
    assert read.organ.endswith("人民政府")


def _ruled_table(dpi: int) -> Image.Image:
    """A 3 × 3 table whose first column is one cell merged over the three rows."""
    image = Image.new("L", (dpi * 4, dpi * 2), 255)
    draw = ImageDraw.Draw(image)
    left, top, width, height = dpi // 2, dpi // 2, dpi * 3, dpi
    for y in (top, top + height // 3, top + 2 * height // 3, top + height):
        start = left if y in (top, top + height) else left + width // 3
        draw.line([(start, y), (left + width, y)], fill=0, width=2)
    for x in (left, left + width // 3, left + 2 * width // 3, left + width):
        draw.line([(x, top), (x, top + height)], fill=0, width=2)
    draw.text((left + width // 2, top + 10), "7", fill=0)
    return image


@pytest.mark.parametrize("degrees", [0.0, 1.0, -1.0])
def test_cells_come_from_the_ruling_lines_merged_cells_whole(degrees: float) -> None:
    image = _ruled_table(200).rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)
    straight, _ = image_grid.deskewed(image)
    grid = image_grid.Grid.find(image_grid.ink(straight), 200)
    cells = grid.cells()
    assert len(cells) == 7  # the merged first column, and 3 × 2 cells
    rows = image_grid.rows(cells)
    assert [len(row) for row in rows] == [3, 3, 3]  # the merged cell belongs to every row
    assert sum(grid.inked(box) for box in cells) == 1


def test_a_page_of_thousands_of_lines_forms_no_table() -> None:
    # 120 × 120 lines cross in 14,400 places: no report's page; its cells are left unread at once
    # rather than every crossing tested (which took minutes on a page fuzzing made).
    image = Image.new("L", (2400, 2400), 255)
    draw = ImageDraw.Draw(image)
    for at in range(0, 2400, 20):
        draw.line([(0, at), (2399, at)], fill=0, width=2)
        draw.line([(at, 0), (at, 2399)], fill=0, width=2)
    grid = image_grid.Grid.find(image_grid.ink(image), 200)
    assert len(grid.horizontal) > 100
    assert len(grid.vertical) > 100
    assert grid.cells() == []


@pytest.mark.parametrize(
    ("read", "confidence", "digits", "shape", "kept"),
    [
        ("21", 95.0, "21", (30, 30), "21"),
        ("21", 60.0, "21", (30, 30), None),  # not confident
        ("27", 95.0, "21", (30, 30), None),  # the readings disagree
        ("—", 40.0, "1", (30, 10), "1"),  # a lone '1' taken for a dash: tall ink settles it
        ("—", 40.0, "1", (4, 30), None),  # flat ink: a dash, not a number
        ("外4", 95.0, "4", (30, 12), None),
    ],
)
def test_a_number_is_kept_only_when_certain(
    read: str, confidence: float, digits: str, shape: tuple[int, int], kept: str | None
) -> None:
    assert ocr._number(read, confidence, digits, 95.0, shape) == kept


def test_without_tesseract_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ocr._languages.cache_clear()
    monkeypatch.setenv("PATH", str(tmp_path))
    try:
        with pytest.raises(ReportInputError) as raised:
            read_bytes(_png(_ruled_table(100), 100), "scan.png")
    finally:
        ocr._languages.cache_clear()
    assert raised.value.code == "ocr_missing"
    assert "tesseract-ocr-chi-sim" in raised.value.message


def test_a_damaged_image_is_refused_plainly() -> None:
    with pytest.raises(ReportInputError) as raised:
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "broken.png")
    assert raised.value.code == "damaged_image"


@pytest.mark.parametrize(("stated", "expected"), [(72, 200), (200, 200), (None, 200)])
def test_a_resolution_tag_that_does_not_fit_a_page_is_ignored(
    stated: int | None, expected: int
) -> None:
    page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    if stated:
        page.info["dpi"] = (stated, stated)
    assert round(ocr._dpi(page)) == expected


@pytest.mark.parametrize(
    ("numbers", "holds"),
    [
        (["3", "0", "0", "0", "0", "0", "3"], True),
        (["3", "0", "0", "0", "0", "0", "5"], False),  # a '3' misread as '5' by both models
        (["10", "1", "0", "0", "11", *["0"] * 5, "5", "0", "0", "0", "5"], True),
        (["10", "1", "0", "0", "0", *["0"] * 5, "5", "0", "0", "0", "5"], False),
        (["2", "0", "13"], True),  # table 二: no sum to check
    ],
)
def test_a_row_whose_total_does_not_match_its_parts_is_not_trusted(
    numbers: list[str], holds: bool
) -> None:
    pieces = [Piece(number, Source("scan.png")) for number in numbers]
    assert ocr._sums_hold(pieces) is holds


def test_a_scanned_page_of_any_declared_size_is_rendered_within_the_pixel_limit() -> None:
    # a PDF may declare a page 200 inches square: at 300 dpi that is 3.6 gigapixels
    pdf = pdfium.PdfDocument.new()
    try:
        image, dpi = ocr._rendered(pdf.new_page(14_400, 14_400))
        assert image.width * image.height <= ocr.MAX_PAGE_PIXELS
        assert dpi < ocr.RENDER_DPI
        image, dpi = ocr._rendered(pdf.new_page(595, 842))  # A4 keeps the full resolution
        assert dpi == ocr.RENDER_DPI
        assert image.size == (2480, 3509)
    finally:
        pdf.close()
