"""Plain text and Markdown: text extracted from PDFs (tab-separated cells), crawler text (cells
glued together), pages rendered as text ('cell | cell |'), Markdown tables."""

from __future__ import annotations

from gongkai.errors import ReportInputError
from gongkai.readers.build import build_report
from gongkai.readers.document import Blank, Document, text_lines
from gongkai.readers.witness import Previous
from gongkai.report.model import Report

# Encodings Chinese text files come in, in the order tried (GB18030 is a superset of GBK/GB2312).
_ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, where: str | None) -> str:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportInputError(
        "无法识别文本编码（支持 UTF-8、GB18030/GBK/GB2312）", where=where, code="bad_encoding"
    )


def accepts(data: bytes) -> bool:
    """Text: no NUL bytes and decodable; the caller has ruled out the binary formats."""
    head = data[:4096]
    if b"\x00" in head:
        return False
    # the cut may split a character: allow up to three bytes of it
    for cut in range(4 if len(data) > len(head) else 1):
        try:
            decode(head[: len(head) - cut], None)
        except ReportInputError:
            continue
        return True
    return False


def read(data: bytes, *, source_file: str | None = None, previous: Previous = None) -> Report:
    """Text or Markdown: an empty cell is *missing* here, since a converter may have lost it.
    ``previous``: last year's report, a witness for glued digit runs (``build_report``)."""
    text = decode(data, source_file)
    lines = text_lines(text, source_file)
    return build_report(Document(source_file, "text", lines, Blank.MISSING), previous)
