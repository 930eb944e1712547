"""PDF: the HTML page printed by WeasyPrint, fonts embedded (subset), page numbers 第 N 页 共 M 页
from the page's ``@page`` rule, and PDF/A-2b on request (``WriterSettings.pdfa``).

WeasyPrint needs Debian's ``fonts-noto-cjk`` and ``libharfbuzz-subset0`` (``scripts/
install-system-deps``): without the latter a Chinese PDF takes seconds instead of a fraction of
one, with only a log line as warning (STACK.md).
"""

from __future__ import annotations

import logging
from functools import cache

from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from gongkai.report.model import Report
from gongkai.writers.annotate import Annotations
from gongkai.writers.document import build_document
from gongkai.writers.htmlwriter import page
from gongkai.writers.settings import WriterSettings

PDFA_VARIANT = "pdf/a-2b"


@cache
def _font_config() -> FontConfiguration:
    # Building a font configuration scans the system fonts: once per process, not per report.
    return FontConfiguration()


def render_pdf(
    report: Report, settings: WriterSettings, annotations: Annotations | None = None
) -> bytes:
    """The report as a PDF (A4)."""
    return pdf_from_html(page(build_document(report, settings), annotations), settings)


def pdf_from_html(text: str, settings: WriterSettings) -> bytes:
    """Print an HTML page made by :func:`gongkai.writers.htmlwriter.page`."""
    options: dict[str, object] = {}
    if settings.pdfa:
        options["pdf_variant"] = PDFA_VARIANT
    # WeasyPrint logs every CSS property it ignores at WARNING level; ours are deliberate
    # (screen-only rules), and a user of the CLI must not see them.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        document = HTML(string=text).render(font_config=_font_config())
        pdf = document.write_pdf(**options)
    finally:
        logger.setLevel(level)
    assert isinstance(pdf, bytes)
    return pdf
