"""Scanned reports: page images (PNG, JPEG, TIFF, or a PDF without a text layer) read by OCR.

Tesseract (``tesseract`` with the ``chi_sim`` data, Debian ``tesseract-ocr-chi-sim``) reads the
text; where the tables' cells are comes from the page's ruling lines (``image_grid.py``), not
from Tesseract's layout guesses, so a number is always read inside its own cell. Each page is read
in at most three Tesseract runs:

* the page with its tables blanked out: the narrative, title and dates;
* every printed cell, cut out and stacked one under another in one image (so a cell's words
  cannot run into the next cell's);
* the cells read as numbers, again, by Tesseract's English model restricted to digits.

A number is kept only when both readings agree digit for digit and the Chinese reading is
confident (``MIN_CONFIDENCE``); otherwise the cell is *missing* and finding R12 names its page
and cell.
A cell with no ink at all is a printed blank (read as the published tables' blanks are, as 0).
The lines then go to the same assembler as every other reader, so nothing is invented here that
the other readers would not invent either, and finding R11 says the report was read by OCR.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from gongkai.errors import ReportInputError
from gongkai.readers import image_grid
from gongkai.readers.build import build_report
from gongkai.readers.document import Blank, Document, Line, Piece, text_lines
from gongkai.readers.image_grid import Box, Grid
from gongkai.readers.rowlabels import match_row
from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.formats import FORMATS
from gongkai.report.model import Report, Source

LANGUAGE = "chi_sim"
DIGITS_LANGUAGE = "eng"
MIN_CONFIDENCE = 80.0  # Tesseract's word confidence (0–100) below which a number is not kept
NOISY_SPECKS = 0.0002  # share of the page's pixels that are isolated dark specks: a noisy scan
RENDER_DPI = 300  # a PDF page without text is rendered at this resolution to be read
MAX_PAGE_PIXELS = 20_000_000  # an A3 page at 300 dpi is 17.4 million pixels
OCR_DPI = 300  # cells are scaled to this resolution for Tesseract (it reads best near it)
TIMEOUT_SECONDS = 300  # one Tesseract run on one page
MAX_PAGES = 60  # a scanned report has 3–30 pages
_SLOT_GAP = 24  # white pixels between stacked cells
_CELL_MARGIN = 4  # pixels cut from each side of a cell, so its ruling lines are not read

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DASHES = frozenset({"-", "—", "——", "－", "一", "一一", "_", "/", "\\"})
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Brackets OCR confuses with the round ones that number a table's rows ('〈七)总计' is
# '（七）总计'): a row label not recognised would leave its numbers placed by row order alone.
_BRACKETS = str.maketrans("〈《<[{〔【〉》>]}〕】", "((((((()))))))")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


@dataclass(frozen=True, slots=True)
class Doubt:
    """A cell whose number OCR was not sure of: where, and the two readings."""

    source: Source
    read: str
    digits: str


@dataclass(frozen=True, slots=True)
class Scan:
    """What one reading may spend on OCR, set by whoever reads (the bounded child process sets it
    from the web's settings; the command line keeps the defaults).

    ``max_pages`` 0 means OCR is not allowed within the current limits: a scan is then refused
    with code ``needs_ocr``, so that the caller can read it again within the longer limits OCR
    needs. ``on_page`` is told (pages done, pages) before the first page and after each one.
    """

    max_pages: int = MAX_PAGES
    on_page: Callable[[int, int], None] | None = None


SCAN: ContextVar[Scan | None] = ContextVar("gongkai_ocr_scan", default=None)


def _scan() -> Scan:
    return SCAN.get() or Scan()


def _allowed(pages: int, where: str | None) -> None:
    """Refuse a scan this reading may not OCR: none at all, or more pages than the limit."""
    limit = _scan().max_pages
    if limit == 0:
        raise ReportInputError(
            "扫描件需要文字识别（OCR），须在文字识别的时间上限内重新读取",
            where=where,
            code="needs_ocr",
        )
    if pages > limit:
        raise ReportInputError(
            f"扫描件共 {pages} 页，超过文字识别的上限 {limit} 页；"
            "请上传带文字层的 PDF 或 Word/Excel 原文件",
            where=where,
            code="too_many_pages",
        )


def _progress(done: int, pages: int) -> None:
    on_page = _scan().on_page
    if on_page is not None:
        on_page(done, pages)


def available() -> bool:
    """Whether Tesseract and its Chinese data are installed."""
    return _languages() >= {LANGUAGE, DIGITS_LANGUAGE}


@cache
def _languages() -> frozenset[str]:
    program = shutil.which("tesseract")
    if program is None:
        return frozenset()
    listed = subprocess.run(
        [program, "--list-langs"], capture_output=True, text=True, timeout=60, check=False
    )
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:])


def _require(where: str | None) -> None:
    if not available():
        raise ReportInputError(
            "这是扫描件（图片），需要文字识别（OCR）才能读取，但本机未安装 Tesseract 及其中文数据"
            "（Debian 软件包 tesseract-ocr、tesseract-ocr-chi-sim）；请安装后再读取",
            where=where,
            code="ocr_missing",
        )


def tesseract(image: Image.Image, language: str, psm: int, *options: str) -> list[Word]:
    """The words Tesseract reads in ``image``, with their boxes and confidences."""
    png = io.BytesIO()
    image.save(png, format="PNG", dpi=(OCR_DPI, OCR_DPI))
    command = ["tesseract", "-", "-", "-l", language, "--psm", str(psm), "--dpi", str(OCR_DPI)]
    for option in options:
        command += ["-c", option]
    # one thread: the machine's cores serve several readings at once
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        [*command, "tsv"],
        input=png.getvalue(),
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
        env=environment,
    )
    if done.returncode != 0:
        raise ReportInputError(
            f"文字识别失败（Tesseract：{done.stderr.decode(errors='replace').strip()[:200]}）",
            code="ocr_failed",
        )
    words = []
    rows = csv.DictReader(io.StringIO(done.stdout.decode("utf-8")), delimiter="\t", quoting=3)
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text:
            words.append(
                Word(
                    unicodedata.normalize("NFKC", text),
                    float(row["conf"]),
                    int(row["left"]),
                    int(row["top"]),
                    int(row["width"]),
                    int(row["height"]),
                )
            )
    return words


def _stacked(
    image: Image.Image, boxes: Sequence[Box], scale: float
) -> tuple[Image.Image, list[int]]:
    """The cells' insides cut out of ``image``, scaled, one under another; and where each ends."""
    crops = []
    for box in boxes:
        crop = image.crop(
            (
                box.left + _CELL_MARGIN,
                box.top + _CELL_MARGIN,
                box.right - _CELL_MARGIN,
                box.bottom - _CELL_MARGIN,
            )
        )
        if scale != 1:
            size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
            crop = crop.resize(size, Image.Resampling.BICUBIC)
        crops.append(crop)
    width = max(crop.width for crop in crops) + 2 * _SLOT_GAP
    height = sum(crop.height + _SLOT_GAP for crop in crops) + _SLOT_GAP
    sheet = Image.new("L", (width, height), 255)
    ends = []
    y = _SLOT_GAP
    for crop in crops:
        sheet.paste(crop, (_SLOT_GAP, y))
        y += crop.height + _SLOT_GAP
        ends.append(y - _SLOT_GAP // 2)
    return sheet, ends


def _read_slots(sheet: Image.Image, ends: list[int], words: list[Word]) -> list[tuple[str, float]]:
    """Each stacked cell's text (its words in reading order, joined) and lowest confidence."""
    slots: list[list[Word]] = [[] for _ in ends]
    for word in words:
        index = next((i for i, end in enumerate(ends) if word.middle < end), None)
        if index is not None:
            slots[index].append(word)
    out = []
    for slot in slots:  # Tesseract lists the words in reading order
        text = "".join(word.text for word in slot)
        out.append((text, min((word.confidence for word in slot), default=0.0)))
    return out


@dataclass(slots=True)
class PageReading:
    lines: list[tuple[float, Line]]  # each line with its height on the page, for the order
    doubts: list[Doubt]


def read_page(image: Image.Image, dpi: float, file: str | None, page: int) -> PageReading:
    """One page image as lines: the narrative's lines and the ruled tables' rows."""
    straight, _ = image_grid.deskewed(image_grid.grey(image))
    ink = image_grid.ink(straight)
    grid = Grid.find(ink, dpi)
    # On a noisy scan Tesseract reads the cleaned ink (specks and grain removed) far better than
    # the grey image; on a clean one thresholding only thins the strokes (measured:
    # benchmarks/ocr_accuracy.py, docs/reading.md).
    dark = np.asarray(straight) < image_grid.DARK
    if (dark & ~ink).mean() >= NOISY_SPECKS:
        straight = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8))
    cells = grid.cells()
    scale = OCR_DPI / dpi if dpi < OCR_DPI * 0.8 else 1.0
    lines = _narrative(straight, image_grid.tables(cells), scale, file, page)
    doubts: list[Doubt] = []
    if cells:
        rows, table_doubts = _table_rows(straight, grid, cells, scale, file, page)
        lines += rows
        doubts += table_doubts
    lines.sort(key=lambda item: item[0])
    return PageReading(lines, doubts)


def _narrative(
    image: Image.Image, tables: list[Box], scale: float, file: str | None, page: int
) -> list[tuple[float, Line]]:
    blanked = image.copy()
    for outline in tables:
        blanked.paste(255, (outline.left, outline.top, outline.right + 1, outline.bottom + 1))
    if scale != 1:
        size = (round(blanked.width * scale), round(blanked.height * scale))
        blanked = blanked.resize(size, Image.Resampling.BICUBIC)
    words = tesseract(blanked, LANGUAGE, 4)
    grouped: dict[int, list[Word]] = {}
    for word in sorted(words, key=lambda word: word.middle):
        key = next(
            (k for k in grouped if abs(k - word.middle) < word.height * 0.6), round(word.middle)
        )
        grouped.setdefault(key, []).append(word)
    out = []
    for middle, line_words in grouped.items():
        line_words.sort(key=lambda word: word.left)
        text = _UNCHECKED.sub("?", _joined([word.text for word in line_words]))
        for line in text_lines(text, file, page=page):
            out.append((middle / scale, line))
    return out


def _joined(words: list[str]) -> str:
    """Words of one printed line: Chinese is printed without spaces, other words with one."""
    text = ""
    for word in words:
        if text and not (_CJK.match(word[0]) or _CJK.match(text[-1])):
            text += " "
        text += word
    return text


def _table_rows(
    image: Image.Image,
    grid: Grid,
    cells: list[Box],
    scale: float,
    file: str | None,
    page: int,
) -> tuple[list[tuple[float, Line]], list[Doubt]]:
    inked = [box for box in cells if grid.inked(box)]
    texts: dict[Box, str] = {}
    confidence: dict[Box, float] = {}
    if inked:
        sheet, ends = _stacked(image, inked, scale)
        read = _read_slots(sheet, ends, tesseract(sheet, LANGUAGE, 6))
        for box, (text, conf) in zip(inked, read, strict=True):
            texts[box] = text.translate(_BRACKETS) if _CJK.search(text) else text
            confidence[box] = conf
    numeric = [box for box in inked if _maybe_number(texts[box], grid.ink_shape(box))]
    digits: dict[Box, tuple[str, float]] = {}
    if numeric:
        sheet, ends = _stacked(image, numeric, scale)
        words = tesseract(sheet, DIGITS_LANGUAGE, 6, "tessedit_char_whitelist=0123456789.")
        digits = dict(zip(numeric, _read_slots(sheet, ends, words), strict=True))
    outlines = image_grid.tables(cells)
    lines: list[tuple[float, Line]] = []
    doubts: list[Doubt] = []
    row_numbers: dict[int, int] = {}
    for row in image_grid.rows(cells):
        table = next(i for i, outline in enumerate(outlines, 1) if _inside(row[0], outline))
        row_numbers[table] = row_numbers.get(table, 0) + 1
        pieces = []
        top = max(box.top for box in row)
        for column, box in enumerate(row, start=1):
            source = Source(file, page=page, table=table, row=row_numbers[table], column=column)
            text = texts.get(box, "")
            if box.top < top - 3 and (box in digits or not text):
                continue  # a number or blank is printed in one row only, never repeated
            if box in digits:
                number = _number(text, confidence[box], *digits[box], grid.ink_shape(box))
                if number is None:
                    doubts.append(Doubt(source, text, digits[box][0]))
                text = number or "—"  # an uncertain number is missing, never a guess
            elif box in texts and text in _DASHES | {""}:
                text = "—"  # something is printed (a dash, a mark): not a blank cell
            pieces.append(Piece(text, source))
        if not _label_known(pieces) or not _sums_hold(pieces):
            for index, piece in enumerate(pieces):
                if _NUMBER.fullmatch(piece.text):
                    doubts.append(Doubt(piece.source, f"“{_label(pieces)}”行", piece.text))
                    pieces[index] = Piece("—", piece.source)
        lines.append((top, Line(pieces, closed=True, grid=True)))
    return lines, doubts


# A row of table 三 holds six applicant columns and their total; table 四's row, three groups of
# four results and their total.
# Outside the ruled cells a number is read once, with no second reading to check it: it is kept
# only as part of a date ('2023年', '3月31日'), never as a value a table could take.
_UNCHECKED = re.compile(r"\d+(?:\.\d+)?(?!\d|\s*[年月日号])")

_SUM_GROUPS = {7: ((0, 7),), 15: ((0, 5), (5, 10), (10, 15))}


def _sums_hold(pieces: list[Piece]) -> bool:
    """Whether a row of numbers adds up. Two models can misread a digit the same way ('3' as
    '5'); a total that does not match its parts shows it. A report may also print a wrong total,
    but from a scan the two cannot be told apart, so such a row is missing (R12) and the reader
    never puts a misread digit in a cell."""
    numbers = [piece.text for piece in pieces if _NUMBER.fullmatch(piece.text)]
    groups = _SUM_GROUPS.get(len(numbers))
    if groups is None or any("." in number for number in numbers):
        return True
    values = [int(number) for number in numbers]
    return all(sum(values[a : b - 1]) == values[b - 1] for a, b in groups)


def _label(pieces: list[Piece]) -> str:
    return "".join(piece.text for piece in pieces if _CJK.search(piece.text))


def _label_known(pieces: list[Piece]) -> bool:
    """Whether a row's label, if it has one, is one of the tables' row labels. A label OCR
    garbled ('〈七)总汁') would leave the row's numbers to be placed by row order alone, which can
    put them in the wrong row: such a row's numbers are missing instead."""
    label = _label(pieces)
    if not label or not any(_NUMBER.fullmatch(piece.text) for piece in pieces):
        return True
    return any(
        match_row(table, label) is not None
        for spec in FORMATS.values()
        for table in spec.tables
        if not table.transposed
    )


def _inside(box: Box, outline: Box) -> bool:
    return outline.top <= box.top and box.bottom <= outline.bottom and outline.left <= box.left


def _maybe_number(text: str, shape: tuple[int, int]) -> bool:
    """Whether a printed cell may hold a number, so that it is read again as digits: anything
    but a label (two or more Chinese characters) or a printed dash (ink flat and wide)."""
    if len(_CJK.findall(text)) >= 2:
        return False
    height, width = shape
    return not (text in _DASHES | {""} and height * 2 < width)


def _number(
    read: str, confidence: float, digits: str, digits_confidence: float, shape: tuple[int, int]
) -> str | None:
    """The cell's number when the two readings agree and the Chinese model is confident (the
    digits-only reading's own confidence says little: the restriction to digits lowers it), else
    ``None``.

    A lone '1' is the one digit the Chinese model takes for a dash ('一', '—'); the ink's shape
    settles it: a '1' is at least twice as tall as it is wide, a dash far wider than tall.
    """
    if _NUMBER.fullmatch(digits) is None:
        return None
    if read == digits and confidence >= MIN_CONFIDENCE:
        return digits
    height, width = shape
    if (
        digits == "1"
        and digits_confidence >= MIN_CONFIDENCE
        and read in _DASHES | {"", "1", "l", "I", "|"}
        and height >= 2 * width
    ):
        return digits
    return None


def read_images(
    pages: Sequence[tuple[Image.Image, float]], source_file: str | None, kind: str
) -> Report:
    """A report from page images (each with its resolution in dots per inch)."""
    _require(source_file)
    _allowed(len(pages), source_file)
    lines: list[Line] = []
    doubts: list[Doubt] = []
    _progress(0, len(pages))
    for number, (image, dpi) in enumerate(pages, start=1):
        reading = read_page(image, dpi, source_file, number)
        lines += [line for _, line in reading.lines]
        doubts += reading.doubts
        _progress(number, len(pages))
    if not lines:
        raise ReportInputError(
            "扫描件，无可提取的文字层，文字识别（OCR）也未在页面上读出文字",
            where=source_file,
            code="scanned_pdf" if kind == "pdf" else "ocr_empty",
        )
    report = build_report(Document(source_file, kind, lines, Blank.ZERO))
    notes = [read_by_ocr(len(pages))]
    if doubts:
        notes.append(uncertain_numbers(doubts, report))
    return replace(report, reading=(*notes, *report.reading))


def read_image(data: bytes, *, source_file: str | None = None) -> Report:
    """A PNG, JPEG or TIFF file (a multi-page TIFF page by page)."""
    try:
        picture = Image.open(io.BytesIO(data))
        frames: list[Image.Image] = []
        for frame in ImageSequence.Iterator(picture):
            _allowed(len(frames) + 1, source_file)  # before a page too many is decoded
            frames.append(frame.copy())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ReportInputError(
            f"这是 {_picture_kind(data)} 图片，不是年报文档：图片已损坏或不完整，无法做文字识别",
            where=source_file,
            code="damaged_image",
        ) from None
    return read_images([(frame, _dpi(frame)) for frame in frames], source_file, "image")


def read_pdf(data: bytes, *, source_file: str | None = None) -> Report:
    """A PDF whose pages are images: each page rendered at ``RENDER_DPI`` and read."""
    _require(source_file)
    document = pdfium.PdfDocument(data)  # already opened once by the PDF reader: not damaged
    try:
        _allowed(len(document), source_file)  # before any page is rendered
        pages = []
        for page in document:
            pages.append(_rendered(page))
            page.close()
    finally:
        document.close()
    return read_images(pages, source_file, "pdf")


def _rendered(page: pdfium.PdfPage) -> tuple[Image.Image, float]:
    """The page as an image, and its resolution: ``RENDER_DPI``, or less for a page larger
    than A3, so that no page takes more than ``MAX_PAGE_PIXELS`` (a PDF may declare a page
    200 inches wide: at 300 dpi, 3.6 gigapixels)."""
    area = max(page.get_width() * page.get_height(), 1.0)  # square points
    # 1 % spare: pdfium rounds each side up to a whole pixel
    scale = min(RENDER_DPI / 72, 0.99 * math.sqrt(MAX_PAGE_PIXELS / area))
    return page.render(scale=scale, grayscale=True).to_pil(), scale * 72


def _picture_kind(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "PNG"
    return "JPEG" if data.startswith(b"\xff\xd8") else "TIFF"


def _dpi(image: Image.Image) -> float:
    """The resolution the image states, or the one an A4 page's width implies."""
    stated = image.info.get("dpi")
    # many programs write 72 dpi whatever the scan's resolution: a stated resolution is taken
    # only if it makes the page about as wide as a printed page (A4 or Letter, either way up)
    if stated and float(stated[0]) > 0 and 7.5 <= image.width / float(stated[0]) <= 12:
        return float(stated[0])
    return max(image.width, image.height * 210 / 297) / (210 / 25.4)


def read_by_ocr(pages: int) -> Finding:
    return Finding(
        "R11",
        Severity.INFO,
        f"这是扫描件：{pages} 页经文字识别（OCR，Tesseract {LANGUAGE}）读取，"
        f"表格单元格按表格线划分；数字须两次识别（中文模型与纯数字识别）一致、"
        f"且置信度不低于 {MIN_CONFIDENCE:.0f} 才采用，"
        "请对照原件核对",
        f"A scan: {pages} page(s) read by OCR; cells located from the ruling lines",
    )


def uncertain_numbers(doubts: Sequence[Doubt], report: Report) -> Finding:
    where = {cell.source: (t, r, c) for t, r, c, cell in report.iter_cells() if cell.source}
    refs = tuple(CellRef(*where[doubt.source]) for doubt in doubts if doubt.source in where)
    # every cell, with its page: the clerk looks each one up in the original
    shown = "；".join(
        f"{replace(doubt.source, file=None).describe()}"
        f"（识别为“{doubt.read or '?'}”/“{doubt.digits or '?'}”）"
        for doubt in doubts
    )
    return Finding(
        "R12",
        Severity.WARNING,
        f"{len(doubts)} 个单元格的数字识别不够确定，按缺失处理，请对照原件：{shown}",
        f"{len(doubts)} cell(s) OCR was not sure of are missing",
        refs,
    )
