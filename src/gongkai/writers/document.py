"""The written report as the writers see it: title, preamble, the six sections in order (each
with its paragraphs and its table), the closing signature and the contact line. Built once from a
``Report`` and the organ's ``WriterSettings``, so every writer prints the same document."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gongkai.report.model import Report
from gongkai.report.spec import TableSpec
from gongkai.writers.layout import TableGrid, layout
from gongkai.writers.settings import WriterSettings


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    paragraphs: tuple[str, ...]
    grids: tuple[TableGrid, ...]  # the section's statutory tables, laid out with the values


@dataclass(frozen=True, slots=True)
class Document:
    report: Report
    settings: WriterSettings
    title: str
    organ: str
    signed_on: dt.date | None
    preamble: tuple[str, ...]
    sections: tuple[Section, ...]
    closing: tuple[str, ...]
    contact: str | None

    @property
    def grids(self) -> tuple[TableGrid, ...]:
        return tuple(grid for section in self.sections for grid in section.grids)

    # The file properties a Word or Excel file carries (subject, keywords, a machine-readable note).
    @property
    def subject(self) -> str:
        return f"{self.organ}{self.report.year}年政府信息公开工作年度报告"

    @property
    def keywords(self) -> str:
        return f"政府信息公开; 年度报告; {self.report.year}; {self.report.spec.document}"

    @property
    def marker(self) -> str:
        return f"gongkai format={self.report.spec.key} year={self.report.year}"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def paragraphs(text: str | None) -> tuple[str, ...]:
    """A narrative's paragraphs: its non-empty lines, trimmed."""
    if not text:
        return ()
    return tuple(line.strip() for line in text.splitlines() if line.strip())


# A signature's date line: 2024年1月18日, 2024 年 1 月 18 日, 二〇二四年一月十八日.
_DIGIT = r"[\d〇零一二三四五六七八九十\s]"
_DATE_LINE = re.compile(rf"^{_DIGIT}{{4,}}年{_DIGIT}+月{_DIGIT}+日$")
_SIGNATURE_LENGTH = 40  # an organ's name, not a sentence


def _trailing_signature(text: str | None) -> tuple[str, tuple[str, ...]]:
    """A section's text without the signature (organ name, date) printed at its end, and that
    signature. Reports read from text or PDF often carry the signature inside the last section;
    printed again under the closing it appears twice."""
    lines = paragraphs(text)
    if len(lines) < 2 or not _DATE_LINE.match(lines[-1]):
        return text or "", ()
    organ = lines[-2]
    if len(organ) > _SIGNATURE_LENGTH or organ.endswith(("。", "；", "：", "，")):
        return text or "", ()
    kept = (text or "").rstrip().splitlines()
    # Drop the last two non-empty lines of the original text.
    dropped = 0
    while kept and dropped < 2:
        if kept.pop().strip():
            dropped += 1
    return "\n".join(kept).rstrip(), (organ, lines[-1])


def build_document(report: Report, settings: WriterSettings) -> Document:
    """The document of ``report`` with the organ's settings applied."""
    texts = dict(report.sections or {})
    last = report.spec.sections[-1].key
    if not paragraphs(texts.get("closing")):
        texts[last], signature = _trailing_signature(texts.get(last))
        if signature:
            texts["closing"] = "\n".join(signature)
    tables_by_section: dict[str, list[TableSpec]] = {}
    for table in report.spec.tables:
        tables_by_section.setdefault(table.section, []).append(table)
    sections = tuple(
        Section(
            spec.key,
            spec.title,
            paragraphs(texts.get(spec.key)),
            tuple(layout(table, report) for table in tables_by_section.get(spec.key, ())),
        )
        for spec in report.spec.sections
    )
    organ = settings.organ_of(report)
    signed_on = settings.date_of(report)
    return Document(
        report=report,
        settings=settings,
        title=settings.title_of(report),
        organ=organ,
        signed_on=signed_on,
        preamble=paragraphs(texts.get("preamble")),
        sections=sections,
        closing=_closing(texts, settings, organ, signed_on),
        contact=settings.contact,
    )


def _closing(
    texts: dict[str, str], settings: WriterSettings, organ: str, signed_on: dt.date | None
) -> tuple[str, ...]:
    """The signature: the report's own, unless the organ's settings name the organ or date."""
    written = paragraphs(texts.get("closing"))
    if written and settings.organ is None and settings.date is None:
        return written
    return (organ, chinese_date(signed_on)) if signed_on else (organ,)
