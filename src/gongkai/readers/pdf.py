"""PDF with a text layer (WPS or Word exports), read with pypdfium2.

Each page's text comes as lines, cells separated by spaces; a table split across pages simply
continues on the next page. Page numbers printed at the top or bottom of a page ('- 4 -',
'第 4 页', '4') are dropped so they are not read as a table's numbers. A PDF whose pages carry no
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


def page_texts(data: bytes, where: str | None) -> list[str]:
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
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not any(text.strip() for text in texts):
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


def page_lines(texts: list[str], file: str | None) -> list[Line]:
    lines: list[Line] = []
    for page, text in enumerate(texts, start=1):
        rows = [row.strip() for row in text.splitlines()]
        numbered = [(n, row) for n, row in enumerate(rows, start=1) if row]
        # the page number is the first or last line of the page
        for edge in (numbered[:1], numbered[-1:]):
            for n, row in edge:
                if _is_page_number(row, page):
                    numbered.remove((n, row))
        for n, row in numbered:
            lines.append(Line([Piece(row, Source(file, page=page, line=n))]))
    return lines


def read(data: bytes, *, source_file: str | None = None) -> Report:
    texts = page_texts(data, source_file)
    document = Document(source_file, "pdf", page_lines(texts, source_file), Blank.MISSING)
    return build_report(document)
