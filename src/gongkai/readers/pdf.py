"""PDF with a text layer (WPS or Word exports), read with pypdfium2.

Each page's text comes as lines, cells separated by spaces, each word with its horizontal
position (so that a row printed with empty cells can be placed under the table's column
headings); a table split across pages simply continues on the next page. Page numbers printed at
the top or bottom of a page ('- 4 -', '第 4 页', '4') are dropped so they are not read as a
table's numbers. A PDF whose pages carry no
text is a scan: it needs OCR, which is said plainly instead of reading nothing.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gongkai.errors import ReportInputError
from gongkai.readers.build import build_report
from gongkai.readers.document import Blank, Document, Line, Piece
from gongkai.report.model import Report, Source

MAX_PAGES = 300  # an annual report has 3–30 pages; far more is not one
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*(?P<a>\d{1,3})\s*[-—–－]|第\s*(?P<b>\d{1,3})\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|(?P<c>\d{1,3})\s*/\s*\d{1,3}|(?P<d>\d{1,3}))\s*$"
)


def accepts(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


# Where a character is printed: its horizontal centre, its vertical centre, its height, its left
# and its right edge (points, y upwards).
Box = tuple[float, float, float, float, float]


class PageText(NamedTuple):
    """A page's text, the box of each of its characters, and the page's height (points)."""

    text: str
    boxes: list[Box]
    height: float


@dataclass(frozen=True)
class Pages:
    """An open PDF: its pages, kept open while the file is read (a second reading of a page,
    its ruling lines, then needs no second load: loading is most of pdfium's cost), and the
    text of each."""

    pages: list[pdfium.PdfPage]
    texts: list[PageText]
    file: str | None

    @cached_property
    def lines(self) -> list[list[Line]]:
        """Each page's printed lines (made once for both readings)."""
        return [lines_of(page, text, self.file) for page, text in enumerate(self.texts, start=1)]


@contextmanager
def opened(data: bytes, where: str | None) -> Iterator[Pages]:
    """The PDF's pages and their text, open for the ``with`` block. Raises
    ``ReportInputError`` for an encrypted, damaged or oversized PDF and for a scan without a
    text layer."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReportInputError(
                "PDF 已加密（需要密码），无法读取；请提供未加密的文件",
                where=where,
                code="encrypted",
            ) from None
        raise ReportInputError(
            "PDF 文件已损坏或不完整，无法打开", where=where, code="damaged_pdf"
        ) from None
    pages: list[pdfium.PdfPage] = []
    try:
        if len(pdf) > MAX_PAGES:
            raise ReportInputError(
                f"PDF 共 {len(pdf)} 页，超过上限 {MAX_PAGES} 页，不像一份年度报告",
                where=where,
                code="too_many_pages",
            )
        texts = []
        for index in range(len(pdf)):
            pages.append(_page(pdf, index, where))
            texts.append(_page_text(pages[-1]))
        if not any(text.strip() for text, _, _ in texts):
            raise ReportInputError(
                "扫描件，无可提取的文字层：PDF 的页面是图片，需要先做文字识别（OCR）再读取",
                where=where,
                code="scanned_pdf",
            )
        yield Pages(pages, texts, where)
    finally:
        for page in pages:
            page.close()
        pdf.close()


def page_texts(data: bytes, where: str | None) -> list[PageText]:
    """The text of each page (errors as ``opened``)."""
    with opened(data, where) as pdf:
        return pdf.texts


def _page(pdf: pdfium.PdfDocument, index: int, where: str | None) -> pdfium.PdfPage:
    try:
        return pdf[index]
    except pdfium.PdfiumError:  # a damaged page object: the file is damaged, say so
        raise ReportInputError(
            f"PDF 文件已损坏：第 {index + 1} 页无法打开", where=where, code="damaged_pdf"
        ) from None


def _page_text(page: pdfium.PdfPage) -> PageText:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # one character per index, unless the text layer has characters outside the BMP: then
        # the boxes cannot be matched to the text, and the page is read without positions
        boxes = _char_boxes(textpage, text) if textpage.count_chars() == len(text) else []
    finally:
        textpage.close()
    return PageText(text, boxes, page.get_height())


def _is_page_number(line: str, page: int) -> bool:
    match = _PAGE_NUMBER.match(line)
    if match is None:
        return False
    number = next(group for group in match.groups() if group is not None)
    return int(number) == page


def _without_page_numbers(
    rows: list[tuple[int, str, int]], page: int
) -> list[tuple[int, str, int]]:
    """The page's lines without its page numbers: the first or last lines of the page, also
    two of them ('第 3 页 共 9 页' over '- 3 -')."""
    start, end = 0, len(rows)
    while start < end and _is_page_number(rows[start][1], page):
        start += 1
    while end > start and _is_page_number(rows[end - 1][1], page):
        end -= 1
    return rows[start:end]


def _char_boxes(textpage: pdfium.PdfTextPage, text: str) -> list[Box]:
    """Where each character of the page is printed (``text`` is the page's text, one character
    per index). Only printed characters are placed: a space's box is never used (words and
    printed lines are made of the characters between spaces), and a third of a page's characters
    are spaces. A character without a box is simply unplaced.

    This is the reader's costliest step after pdfium's own, so it calls pdfium's C function
    directly, with reused buffers and without the binding's per-call argument checks (the
    arguments are always a text page, an index and four double pointers): the wrapper's
    ``get_charbox`` allocates four doubles per character, and the checks alone took longer than
    pdfium's work."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(value) for value in (left, right, bottom, top)]
    get = _GET_CHAR_BOX
    handle = textpage.raw
    boxes: list[Box] = []
    append = boxes.append
    for index, char in enumerate(text):
        if not char.isspace() and get(handle, index, *refs):
            lo, hi, x0, x1 = bottom.value, top.value, left.value, right.value
            append(((x0 + x1) / 2, (lo + hi) / 2, hi - lo, x0, x1))
        else:
            append(UNPLACED)
    return boxes


# FPDFText_GetCharBox(text page, index, &left, &right, &bottom, &top), as a bare pointer to the
# same C function (pdfium's binding checks every argument's type against its signature).
_GET_CHAR_BOX = type(pdfium_c.FPDFText_GetCharBox)(
    ctypes.cast(pdfium_c.FPDFText_GetCharBox, ctypes.c_void_p).value
)
UNPLACED: Box = (0.0, 0.0, 0.0, 0.0, 0.0)  # a space, or a printed character pdfium gives no box for


# Characters whose vertical centres differ by more than this share of their height are on
# different printed lines.
_OTHER_LINE = 0.6


_WORD = re.compile(r"\S+")


def lines_of(page: int, text: PageText, file: str | None) -> list[Line]:
    """The printed lines of page number ``page``, its page number left out."""
    lines: list[Line] = []
    rows: list[tuple[int, str, int]] = []  # line number, text, offset of its first character
    offset = 0
    for number, row in enumerate(text.text.split("\n"), start=1):
        if row.strip():
            rows.append((number, row.rstrip("\r"), offset))
        offset += len(row) + 1
    rows = _without_page_numbers(rows, page)
    cuts = _line_changes(text.text, text.boxes)
    for number, row, start in rows:
        source = Source(file, page=page, line=number)
        for part, at in _printed_lines(row, start, cuts):
            if part.strip():
                lines.append(Line(_pieces(part, at, source, text.boxes), separator=" "))
    return lines


def _pieces(text: str, start: int, source: Source, boxes: list[Box]) -> list[Piece]:
    """The words of text printed on one line, each with its horizontal centre (the middle of its
    first and last characters)."""
    if not boxes:
        return [Piece(word, source) for word in text.split()]
    return [
        Piece(word.group(), source, (boxes[start + begin][0] + boxes[start + end - 1][0]) / 2)
        for word in _WORD.finditer(text)
        for begin, end in (word.span(),)
    ]


def _line_changes(text: str, boxes: list[Box]) -> list[int]:
    """The offsets of the characters where a line of pdfium's text moves to another printed
    line: pdfium joins text that a spreadsheet printed in separate rows ('其他0 21 0 …' down a
    page of right-hand columns), and a table's numbers must stay with the printed row they are
    in. Each printed character is compared with the one before it on the same line of text
    (spaces have no box); the whole page at once, as arrays, since this looks at every
    character of every page."""
    if not boxes:
        return []
    printed = np.flatnonzero(~np.fromiter(map(str.isspace, text), dtype=bool, count=len(text)))
    if len(printed) < 2:
        return []
    line_of = np.cumsum(np.fromiter(map("\n".__eq__, text), dtype=bool, count=len(text)))
    placed = np.array(boxes)[printed]
    y, height = placed[:, 1], placed[:, 2]
    moved = np.abs(y[1:] - y[:-1]) > _OTHER_LINE * np.maximum(
        np.maximum(height[1:], height[:-1]), 1.0
    )
    same_line = line_of[printed[1:]] == line_of[printed[:-1]]
    return [int(at) for at in printed[1:][moved & same_line]]


def _printed_lines(row: str, start: int, cuts: list[int]) -> list[tuple[str, int]]:
    """A line of pdfium's text cut at the printed-line changes in it (``cuts``, offsets in the
    page's text, in order); each part with the offset of its first character."""
    end = start + len(row)
    first = bisect.bisect_right(cuts, start)
    within = [at for at in cuts[first:] if at < end] if first < len(cuts) else []
    if not within:
        return [(row, start)]
    bounds = [start, *within, end]
    return [(row[a - start : b - start], a) for a, b in itertools.pairwise(bounds)]


def read(data: bytes, *, source_file: str | None = None) -> Report:
    with opened(data, source_file) as pdf:
        return read_pages(pdf)


def read_pages(pdf: Pages) -> Report:
    """A cell left empty in a published PDF table is a printed zero, as in HTML and Word."""
    lines = [line for page in pdf.lines for line in page]
    document = Document(pdf.file, "pdf", lines, Blank.ZERO)
    return build_report(document)
