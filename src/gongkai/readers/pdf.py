"""PDF with a text layer (WPS or Word exports), read with pypdfium2.

Each page's text comes as lines, cells separated by spaces, each word with its horizontal
position (so that a row printed with empty cells can be placed under the table's column
headings); a table split across pages simply continues on the next page. Page numbers printed at
the top or bottom of a page ('- 4 -', '第 4 页', '4') are dropped so they are not read as a
table's numbers. A PDF whose pages carry no
text is a scan: it needs OCR, which is said plainly instead of reading nothing.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

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


# A page's text and the horizontal centre of each of its characters.
PageText = tuple[str, list[float]]


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
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            centres = [_centre(textpage.get_charbox(i)) for i in range(textpage.count_chars())]
            texts.append((text, centres if len(centres) == len(text) else []))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not any(text.strip() for text, _ in texts):
        raise ReportInputError(
            "扫描件，无可提取的文字层：PDF 的页面是图片，需要先做文字识别（OCR）再读取",
            where=where,
            code="scanned_pdf",
        )
    return texts


def _is_page_number(line: str, page: int) -> bool:
    match = _PAGE_NUMBER.match(line)
    if match is None:
        return False
    number = next(group for group in match.groups() if group is not None)
    return int(number) == page


def _centre(box: tuple[float, float, float, float]) -> float:
    left, _, right, _ = box
    return (left + right) / 2


_WORD = re.compile(r"\S+")


def page_lines(texts: list[PageText], file: str | None) -> list[Line]:
    lines: list[Line] = []
    for page, (text, centres) in enumerate(texts, start=1):
        rows: list[tuple[int, str, int]] = []  # line number, text, offset of its first character
        offset = 0
        for number, row in enumerate(text.split("\n"), start=1):
            if row.strip():
                rows.append((number, row.rstrip("\r"), offset))
            offset += len(row) + 1
        # the page number is the first or last line of the page
        for edge in (rows[:1], rows[-1:]):
            for item in edge:
                if _is_page_number(item[1], page):
                    rows.remove(item)
        for number, row, start in rows:
            source = Source(file, page=page, line=number)
            pieces = [
                Piece(word.group(), source, _word_centre(centres, start, word))
                for word in _WORD.finditer(row)
            ]
            lines.append(Line(pieces, separator=" "))
    return lines


def _word_centre(centres: list[float], start: int, word: re.Match[str]) -> float | None:
    if not centres:
        return None
    first, last = start + word.start(), start + word.end() - 1
    return (centres[first] + centres[last]) / 2


def read(data: bytes, *, source_file: str | None = None) -> Report:
    """A cell left empty in a published PDF table is a printed zero, as in HTML and Word."""
    texts = page_texts(data, source_file)
    document = Document(source_file, "pdf", page_lines(texts, source_file), Blank.ZERO)
    return build_report(document)
