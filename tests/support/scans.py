"""Scans and legacy Office files made in the tests from gongkai's own writers: a written PDF
rendered to page images (PNG, or a PDF of images without a text layer), and a written DOCX/XLSX
saved by LibreOffice as .doc/.xls."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from gongkai.readers import legacy
from gongkai.report.model import Report
from gongkai.writers import render

SCAN_DPI = 200
_FILTERS = {"doc": ("docx", "doc:MS Word 97"), "xls": ("xlsx", "xls:MS Excel 97")}


def page_images(report: Report, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """The pages of the report's PDF as grey images, as a scanner would give them."""
    document = pdfium.PdfDocument(render(report, "pdf"))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def png(image: Image.Image, dpi: int = SCAN_DPI) -> bytes:
    out = io.BytesIO()
    image.convert("L").save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def first_page_scan(pages: list[Image.Image]) -> Image.Image:
    """One scanned page with the report's title (organ and year) above its table 二: the top of
    the PDF's first page joined to the part of the third page that holds table 二 (the layout of
    gongkai's PDF writer for a short report, whose table 二 starts on page 3)."""
    width, height = pages[0].size
    title = pages[0].crop((0, 0, width, height * 21 // 100))
    table = pages[2].crop((0, height * 39 // 100, width, height * 90 // 100))
    joined = Image.new("L", (width, title.height + table.height), 255)
    joined.paste(title, (0, 0))
    joined.paste(table, (0, title.height))
    return joined


def scribbled(page: Image.Image) -> Image.Image:
    """The third page with pen strokes across the first rows of table 二's numbers: cells OCR
    cannot be sure of."""
    marked = page.copy()
    draw = ImageDraw.Draw(marked)
    width, height = marked.size
    for stroke in range(6):
        y = height * 52 // 100 + stroke * height * 12 // 1000
        draw.line([(width * 40 // 100, y), (width * 72 // 100, y + 8)], fill=90, width=3)
    return marked


def image_pdf(images: list[Image.Image], dpi: int = SCAN_DPI) -> bytes:
    """A PDF whose pages are the images only: no text layer, as a scanner writes it."""
    out = io.BytesIO()
    first, *rest = [image.convert("RGB") for image in images]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    return out.getvalue()


def legacy_file(report: Report, kind: str, folder: Path) -> bytes:
    """The report as a .doc or .xls, saved by LibreOffice from gongkai's DOCX or XLSX."""
    program = legacy.soffice()
    assert program is not None, "LibreOffice is missing: run scripts/install-system-deps"
    modern, export_filter = _FILTERS[kind]
    source = folder / f"report.{modern}"
    source.write_bytes(render(report, modern))
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            export_filter,
            "--outdir",
            str(folder / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (folder / "out" / f"report.{kind}").read_bytes()
