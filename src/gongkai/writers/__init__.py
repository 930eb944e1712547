"""Writers: a ``Report`` into the national layout as HTML, PDF, DOCX, XLSX, Markdown and JSON.

    >>> from gongkai.writers import render, WriterSettings
    >>> pdf = render(report, "pdf", settings=WriterSettings(contact="联系电话：0472-3616739"))

Every writer lays its tables out from the format data (:mod:`gongkai.writers.layout`), so the
rows, columns, labels and merged header cells are those of 国办公开办函〔2019〕60号 or
〔2021〕30号, whichever the report uses. ``render_annotated`` writes the 批注版: the report with
each cell that a finding involves highlighted and numbered, and the findings listed and linked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gongkai.report.findings import Finding
from gongkai.report.model import Report
from gongkai.writers.annotate import Annotations
from gongkai.writers.errors import UnsupportedOutputError, WriterError, WriterSettingsError
from gongkai.writers.settings import DEFAULT_WRITER_SETTINGS, WriterSettings

WRITER_FORMATS = ("html", "pdf", "docx", "xlsx", "md", "json")
ANNOTATED_FORMATS = ("html", "pdf")

# File name extension and media type of each output format.
EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "md": ".md"}
EXTENSIONS["json"] = ".json"
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}

Writer = Callable[[Report, WriterSettings], bytes]


def _writer(to: str) -> Writer:
    """The writer of ``to``, imported on first use: a JSON export need not load WeasyPrint."""
    if to == "html":
        from gongkai.writers.htmlwriter import render_html

        return render_html
    if to == "pdf":
        from gongkai.writers.pdfwriter import render_pdf

        return render_pdf
    if to == "docx":
        from gongkai.writers.docxwriter import render_docx

        return render_docx
    if to == "xlsx":
        from gongkai.writers.xlsxwriter import render_xlsx

        return render_xlsx
    if to == "md":
        from gongkai.writers.mdwriter import render_markdown

        return render_markdown
    from gongkai.writers.jsonwriter import render_json

    return render_json


def _check_format(to: str, allowed: Sequence[str]) -> None:
    if to not in allowed:
        raise UnsupportedOutputError(
            f"不支持的输出格式“{to}”，可选：{'、'.join(allowed)}", code="unsupported_output"
        )


def render(report: Report, to: str, *, settings: WriterSettings | None = None) -> bytes:
    """The report written as ``to`` (one of ``WRITER_FORMATS``), as bytes.

    Raises ``UnsupportedOutputError`` (code ``unsupported_output``) for an unknown format.
    """
    _check_format(to, WRITER_FORMATS)
    return _writer(to)(report, settings or DEFAULT_WRITER_SETTINGS)


def render_annotated(
    report: Report,
    findings: Sequence[Finding],
    to: str,
    *,
    settings: WriterSettings | None = None,
) -> bytes:
    """The 批注版 of ``report`` as ``"html"`` or ``"pdf"``: every cell that a finding involves
    highlighted and numbered, and the findings listed with their messages, each linked to its
    cells (and each cell's number back to its finding)."""
    _check_format(to, ANNOTATED_FORMATS)
    annotations = Annotations.of(findings)
    chosen = settings or DEFAULT_WRITER_SETTINGS
    if to == "html":
        from gongkai.writers.htmlwriter import render_html

        return render_html(report, chosen, annotations)
    from gongkai.writers.pdfwriter import render_pdf

    return render_pdf(report, chosen, annotations)


__all__ = [
    "ANNOTATED_FORMATS",
    "EXTENSIONS",
    "MEDIA_TYPES",
    "WRITER_FORMATS",
    "UnsupportedOutputError",
    "WriterError",
    "WriterSettings",
    "WriterSettingsError",
    "render",
    "render_annotated",
]
