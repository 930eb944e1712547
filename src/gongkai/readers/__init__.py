"""Readers: a file in any supported form into a ``Report``.

One reader per input kind, chosen by the file's content, not only its name. Canonical JSON is
read now; the text, HTML, DOCX, PDF and XLSX readers join this registry.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.errors import ReportInputError
from gongkai.readers import html, jsonreader, pdf, text
from gongkai.report.model import Report

# A report file is a few hundred kilobytes at most; refuse anything far larger before reading it.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_report(path: str | Path) -> Report:
    """The report in ``path``. Raises ``ReportInputError`` (with a Chinese message and a stable
    code) when the file cannot be read as a report."""
    path = Path(path)
    name = path.name
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
    if size == 0:
        raise ReportInputError("文件为空", where=str(path), code="empty")
    if size > MAX_INPUT_BYTES:
        raise ReportInputError(
            f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_INPUT_BYTES // (1024 * 1024)} MB）",
            where=str(path),
            code="too_large",
        )
    data = path.read_bytes()
    if jsonreader.accepts(data):
        return jsonreader.read(data, source_file=name)
    if pdf.accepts(data):
        return pdf.read(data, source_file=name)
    if html.accepts(data):
        return html.read(data, source_file=name)
    if text.accepts(data):
        return text.read(data, source_file=name, markdown=path.suffix.lower() == ".md")
    raise ReportInputError(
        "暂不支持此类文件：目前只能读取 gongkai 规范 JSON（gongkai schema 可查看格式）",
        where=str(path),
        code="unsupported",
    )


__all__ = ["MAX_INPUT_BYTES", "read_report"]
