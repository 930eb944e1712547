"""Downloads through the writers' API (``gongkai.writers.render`` / ``render_annotated``)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongkai import Finding, Report
from gongkai.errors import GongkaiError


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    label: str
    content_type: str


FORMATS = {
    item.key: item
    for item in (
        Format("pdf", "PDF", "application/pdf"),
        Format(
            "docx",
            "Word（DOCX）",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Format(
            "xlsx",
            "Excel（XLSX）",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Format("html", "网页（HTML）", "text/html; charset=utf-8"),
        Format("md", "Markdown", "text/markdown; charset=utf-8"),
        Format("json", "规范 JSON", "application/json"),
    )
}


class DownloadUnavailableError(Exception):
    """The writer for a format cannot produce the file; ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _writers() -> Any:
    try:
        writers = importlib.import_module("gongkai.writers")
    except ImportError:
        writers = None
    if writers is None or not hasattr(writers, "render"):
        raise DownloadUnavailableError("导出功能尚未安装（gongkai.writers），暂时无法下载此格式。")
    return writers


def render(report: Report, key: str) -> bytes:
    try:
        return bytes(_writers().render(report, key))
    except GongkaiError as error:
        raise DownloadUnavailableError(f"无法生成文件：{error.message}") from None


def render_annotated(report: Report, findings: Sequence[Finding], key: str) -> bytes:
    writers = _writers()
    if not hasattr(writers, "render_annotated"):
        raise DownloadUnavailableError("批注版导出功能尚未安装，暂时无法下载。")
    try:
        return bytes(writers.render_annotated(report, list(findings), key))
    except GongkaiError as error:
        raise DownloadUnavailableError(f"无法生成批注版：{error.message}") from None
