"""Readers: a file in any supported form into a ``Report``.

One reader per input kind — canonical JSON, plain text and Markdown, HTML, PDF, DOCX, XLSX —
chosen by the file's content (its first bytes), never by its name alone: a JPEG renamed .pdf is
refused as an image, a Word file named .txt is read as Word. Every reader ends in the same table
assembler (``assemble.py``), so a report reads the same whatever its form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from gongkai.errors import ReportInputError
from gongkai.readers import html, jsonreader, legacy, ocr, office, pdf, ruling, text
from gongkai.readers.bounded import Limits, read_bounded
from gongkai.readers.witness import Previous
from gongkai.report.model import Report

# A report file is a few hundred kilobytes at most; refuse anything far larger before reading it.
MAX_INPUT_BYTES = 64 * 1024 * 1024

KINDS = (
    "json",
    "pdf",
    "docx",
    "xlsx",
    "html",
    "markdown",
    "text",
    "doc",
    "xls",
    "png",
    "jpeg",
    "tiff",
)

# What each kind of file is called, for messages: the kinds the readers take, then the files that
# are not reports, recognised by their first bytes.
KIND_NAMES = {
    "json": "gongkai JSON 文件",
    "pdf": "PDF 文件",
    "docx": "Word 文件（.docx）",
    "xlsx": "Excel 文件（.xlsx）",
    "html": "网页（HTML）",
    "markdown": "Markdown 文本",
    "text": "文本文件",
    **legacy.NAMES,
    "jpeg": "JPEG 图片",
    "png": "PNG 图片",
    "gif": "GIF 图片",
    "tiff": "TIFF 图片",
    "ole": "旧版 Word/Excel 文件（.doc/.xls）",
    "rar": "RAR 压缩包",
    "7z": "7z 压缩包",
    "gzip": "gzip 压缩文件",
    "rtf": "RTF 文件",
    "zip": "zip 压缩包（不是 Word 或 Excel 文件）",
    "unknown": "无法识别的文件",
}
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG", "png"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\xd0\xcf\x11\xe0", "ole"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"{\\rtf", "rtf"),
)
# What to do with a file that is not a report.
_ADVICE = {
    "ole": "请另存为 .docx/.xlsx 后再读取",
    "rtf": "请另存为 .docx 后再读取",
    "rar": "请解压后读取其中的年报",
    "7z": "请解压后读取其中的年报",
    "gzip": "请解压后读取其中的年报",
    "zip": "请解压后读取其中的年报",
}
_MARKDOWN = re.compile(rb"^\s*\|?\s*:?-{3,}:?\s*\|", re.MULTILINE)


def identify(data: bytes) -> str:
    """What ``data`` is: one of ``KINDS`` if a reader takes it, else another key of
    ``KIND_NAMES`` (an image, an old Office file, an archive, ``unknown``)."""
    head = data[:8]
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return (legacy.ole_kind(data) or kind) if kind == "ole" else kind
    if jsonreader.accepts(data):
        return "json"
    if pdf.accepts(data):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return office.package_kind(data) or "zip"
    if html.accepts(data):
        return "html"
    if text.accepts(data):
        return "markdown" if _MARKDOWN.search(data[:65536]) else "text"
    return "unknown"


def detect(data: bytes) -> str:
    """The kind of input ``data`` is (one of ``KINDS``). Raises ``ReportInputError`` for a file
    no reader takes, saying what it is when that is known."""
    kind = identify(data)
    if kind in KINDS:
        return kind
    if kind == "unknown":
        raise ReportInputError(
            "无法识别的文件：不是 PDF、Word（.docx）、Excel（.xlsx）、HTML、文本或 gongkai JSON",
            code="unsupported",
        )
    advice = _ADVICE.get(kind)
    raise ReportInputError(
        f"这是 {KIND_NAMES[kind]}，不是年报文档" + (f"；{advice}" if advice else ""),
        code="unsupported",
    )


def _read_pdf(data: bytes, *, source_file: str | None = None) -> Report:
    """A PDF; one whose pages carry no text is a scan, read by OCR. A table left missing is read
    again from its ruling lines."""
    try:
        with pdf.opened(data, source_file) as pages:
            return ruling.improve(pdf.read_pages(pages), pages)
    except ReportInputError as error:
        if error.code != "scanned_pdf":
            raise
    return ocr.read_pdf(data, source_file=source_file)


_READERS: dict[str, Callable[..., Report]] = {
    "json": jsonreader.read,
    "pdf": _read_pdf,
    "docx": office.read_docx,
    "xlsx": office.read_xlsx,
    "html": html.read,
    "markdown": text.read,
    "text": text.read,
    "doc": legacy.read_doc,
    "xls": legacy.read_xls,
    "png": ocr.read_image,
    "jpeg": ocr.read_image,
    "tiff": ocr.read_image,
}
# The readers of text without positions, where a glued digit run is cut and last year's report
# can decide the cut; a PDF's or a scan's number is one word, never cut, so they need no witness.
_WITNESSED: dict[str, Callable[..., Report]] = {
    "html": html.read,
    "markdown": text.read,
    "text": text.read,
    "docx": office.read_docx,
    "xlsx": office.read_xlsx,
    "doc": legacy.read_doc,
    "xls": legacy.read_xls,
}


def read_bytes(data: bytes, name: str | None = None, *, previous: Previous = None) -> Report:
    """The report in ``data`` (a file's content; ``name`` is said in messages and sources).

    ``previous``: the organ's report of the year before (or several of its reports, among them
    that one): a glued digit run that only one cut makes agree with it is cut so (finding R15);
    a single report of another year is not used (R16)."""
    if not data or data.isspace():  # not data.strip(): that copies the whole file
        raise ReportInputError("文件为空", where=name, code="empty")
    if len(data) > MAX_INPUT_BYTES:
        raise ReportInputError(_too_large(len(data)), where=name, code="too_large")
    try:
        kind = detect(data)
    except ReportInputError as error:
        error.where = name
        raise
    if previous is not None and kind in _WITNESSED:
        return _WITNESSED[kind](data, source_file=name, previous=previous)
    return _READERS[kind](data, source_file=name)


def read_report(path: str | Path, *, previous: Previous = None) -> Report:
    """The report in ``path``. Raises ``ReportInputError`` (with a Chinese message and a stable
    code) when the file cannot be read as a report. The size is checked before reading.
    ``previous`` as for ``read_bytes``."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReportInputError("文件不存在", where=str(path), code="not_found") from None
    except OSError as error:
        raise ReportInputError(
            f"无法读取文件（{error.strerror}）", where=str(path), code="io"
        ) from None
    if path.is_dir():
        raise ReportInputError("这是一个目录，不是文件", where=str(path), code="is_directory")
    if size > MAX_INPUT_BYTES:  # before reading: a huge file is never loaded
        raise ReportInputError(_too_large(size), where=str(path), code="too_large")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportInputError(
            f"无法读取文件（{error.strerror}）", where=str(path), code="io"
        ) from None
    try:
        return read_bytes(data, path.name, previous=previous)
    except ReportInputError as error:
        error.where = str(path)
        raise


def _too_large(size: int) -> str:
    return f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_INPUT_BYTES // (1024 * 1024)} MB）"


__all__ = [
    "KINDS",
    "KIND_NAMES",
    "MAX_INPUT_BYTES",
    "Limits",
    "detect",
    "identify",
    "read_bounded",
    "read_bytes",
    "read_report",
]
