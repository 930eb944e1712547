"""PDF with a text layer (WPS or Word exports), read with pypdfium2.

Each page's text comes as lines, cells separated by spaces, each word with its horizontal
position (so that a row printed with empty cells can be placed under the table's column
headings); a table split across pages simply continues on the next page. Page numbers printed at
the top or bottom of a page ('- 4 -', '第 4 页', '4') are dropped so they are not read as a
table's numbers. A PDF whose pages carry no
text is a scan: it needs OCR, which is said plainly instead of reading nothing.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

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


# Where a character is printed: its horizontal centre, its vertical centre and its height.
Box = tuple[float, float, float]
# A page's text and the box of each of its characters.
PageText = tuple[str, list[Box]]


def page_texts(data: bytes, where: str | None) -> list[PageText]:
    """The text of each page. Raises ``ReportInputError`` for an encrypted, damaged or oversized
    PDF and for a scan without a text layer."""
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
    try:
        if len(pdf) > MAX_PAGES:
            raise ReportInputError(
                f"PDF 共 {len(pdf)} 页，超过上限 {MAX_PAGES} 页，不像一份年度报告",
                where=where,
                code="too_many_pages",
            )
        texts = [_page_text(pdf, index, where) for index in range(len(pdf))]
    finally:
        pdf.close()
    if not any(text.strip() for text, _ in texts):
        raise ReportInputError(
            "扫描件，无可提取的文字层：PDF 的页面是图片，需要先做文字识别（OCR）再读取",
            where=where,
            code="scanned_pdf",
        )
    return texts


def _page_text(pdf: pdfium.PdfDocument, index: int, where: str | None) -> PageText:
    try:
        page = pdf[index]
    except pdfium.PdfiumError:  # a damaged page object: the file is damaged, say so
        raise ReportInputError(
            f"PDF 文件已损坏：第 {index + 1} 页无法打开", where=where, code="damaged_pdf"
        ) from None
    try:
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        boxes = _char_boxes(textpage)
        textpage.close()
    finally:
        page.close()
    return text, boxes if len(boxes) == len(text) else []


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


def _char_boxes(textpage: pdfium.PdfTextPage) -> list[Box]:
    """Where each character of the page is printed. pdfium's C call with reused buffers: the
    wrapper's ``get_charbox`` allocates four doubles per character, which doubled the reading
    time of a long page (and raises where a character has no box; here it is simply unplaced)."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(value) for value in (left, right, bottom, top)]
    get = pdfium_c.FPDFText_GetCharBox
    handle = textpage.raw
    boxes: list[Box] = []
    for index in range(textpage.count_chars()):
        if get(handle, index, *refs):
            boxes.append(
                (
                    (left.value + right.value) / 2,
                    (bottom.value + top.value) / 2,
                    top.value - bottom.value,
                )
            )
        else:
            boxes.append((0.0, 0.0, 0.0))
    return boxes


# Characters whose vertical centres differ by more than this share of their height are on
# different printed lines.
_OTHER_LINE = 0.6


_WORD = re.compile(r"\S+")


def page_lines(texts: list[PageText], file: str | None) -> list[Line]:
    lines: list[Line] = []
    for page, (text, boxes) in enumerate(texts, start=1):
        rows: list[tuple[int, str, int]] = []  # line number, text, offset of its first character
        offset = 0
        for number, row in enumerate(text.split("\n"), start=1):
            if row.strip():
                rows.append((number, row.rstrip("\r"), offset))
            offset += len(row) + 1
        rows = _without_page_numbers(rows, page)
        segments = [
            _Segment(part, at, Source(file, page=page, line=number), boxes)
            for number, row, start in rows
            for part, at in _printed_lines(row, start, boxes)
            if part.strip()
        ]
        lines.extend(Line(segment.pieces(), separator=" ") for segment in segments)
    return lines


@dataclass(slots=True)
class _Segment:
    """Text printed on one line, as pdfium gave it, and where it is on the page."""

    text: str
    start: int  # the offset of its first character in the page's text
    source: Source
    boxes: list[Box]

    def pieces(self) -> list[Piece]:
        return [
            Piece(word.group(), self.source, _word_centre(self.boxes, self.start, word))
            for word in _WORD.finditer(self.text)
        ]


def _printed_lines(row: str, start: int, boxes: list[Box]) -> list[tuple[str, int]]:
    """A line of pdfium's text cut where it moves to another printed line: pdfium joins text
    that a spreadsheet printed in separate rows ('其他0 21 0 …' down a page of right-hand
    columns), and a table's numbers must stay with the printed row they are in. Each part with
    the offset of its first character."""
    if not boxes:
        return [(row, start)]
    parts: list[tuple[str, int]] = []
    begin = 0
    previous: Box | None = None
    for index, char in enumerate(row):
        if char.isspace():
            continue
        box = boxes[start + index]
        if previous is not None and abs(box[1] - previous[1]) > _OTHER_LINE * max(
            box[2], previous[2], 1.0
        ):
            parts.append((row[begin:index], start + begin))
            begin = index
        previous = box
    parts.append((row[begin:], start + begin))
    return parts


def _word_centre(boxes: list[Box], start: int, word: re.Match[str]) -> float | None:
    if not boxes:
        return None
    first, last = start + word.start(), start + word.end() - 1
    return (boxes[first][0] + boxes[last][0]) / 2


def read(data: bytes, *, source_file: str | None = None) -> Report:
    """A cell left empty in a published PDF table is a printed zero, as in HTML and Word."""
    texts = page_texts(data, source_file)
    document = Document(source_file, "pdf", page_lines(texts, source_file), Blank.ZERO)
    return build_report(document)
