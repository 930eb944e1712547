"""A read document into a ``Report``: the format, the tables, the narrative and what the reader
found on the way."""

from __future__ import annotations

import re

from gongkai.errors import ReportInputError
from gongkai.readers import findings, witness
from gongkai.readers.assemble import assemble
from gongkai.readers.document import Document
from gongkai.readers.metadata import (
    crawler_header,
    find_metadata,
    find_sections,
    is_section_heading,
)
from gongkai.readers.tokens import Kind, Token, tokens
from gongkai.readers.witness import Previous
from gongkai.report.findings import Finding
from gongkai.report.formats import get_format
from gongkai.report.labels import detect_format
from gongkai.report.model import Report

UNKNOWN_ORGAN = "（未注明机关）"


def build_report(document: Document, previous: Previous = None) -> Report:
    """The report a document holds. Raises ``ReportInputError`` when it holds none: no table of
    an annual report was found in it. ``previous``: the organ's report of the year before (or
    several of its reports, among them that one), a witness for glued digit runs."""
    text = document.text
    meta = find_metadata(text)
    reading: list[Finding] = []
    format_key = detect_format(meta.year, [text])
    if format_key is None:
        format_key = "2021"
        reading.append(
            findings.format_assumed(format_key, "现行格式（文档未说明年度，表格也无格式特征）")
        )
    year = meta.year
    if year is None:
        year = get_format(format_key).first_year
    # a year the document does not state is a guess: no witness is chosen by it
    chosen, unused = witness.choose(previous, year) if meta.year is not None else (None, None)
    if unused is not None:
        reading.append(findings.witness_unused(unused))
    stream = tokens(document)
    assembly = assemble(stream, get_format(format_key), document.blank, text, chosen)
    if not assembly.found:
        raise ReportInputError(_not_a_report(stream), where=document.file, code="not_a_report")
    if meta.year is None:
        reading.append(findings.metadata_missing("报告年度", f"暂按 {year} 年处理"))
    elif meta.year_from != "title":
        source = "统计期限" if meta.year_from == "period" else "正文中的年份"
        reading.append(findings.metadata_missing("报告标题", f"年度按{source}定为 {year} 年"))
    organ = meta.organ
    if organ is None:
        organ = UNKNOWN_ORGAN
        reading.append(findings.metadata_missing("机关名称", f"记为“{UNKNOWN_ORGAN}”"))
    return Report(
        format=format_key,
        organ=organ,
        year=year,
        tables=assembly.tables,
        sections=find_sections(_narrative(document, assembly.table_lines)),
        published_on=meta.published_on,
        title=meta.title,
        source_file=document.file,
        reading=(*reading, *assembly.findings),
        source_url=meta.url,
    )


# A PDF breaks paragraphs into the lines of its page: a line continues on the next unless it
# ends a sentence or the next starts a heading or an item ('（二）', '2.', '一、').
_ENDS_PARAGRAPH = tuple("。！？；：:;!?”）)")
_STARTS_ITEM = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])"
)


def _narrative(document: Document, table_lines: set[int]) -> str:
    """The document's text without the lines that are only table content; a PDF's lines joined
    back into paragraphs."""
    lines = [line.text for index, line in enumerate(document.lines) if index not in table_lines]
    lines = lines[crawler_header(lines) :]  # the page's title, date and address: metadata
    if document.kind != "pdf":
        return "\n".join(lines)
    paragraphs: list[str] = []
    for line in lines:
        if (
            paragraphs
            and not paragraphs[-1].endswith(_ENDS_PARAGRAPH)
            and not (_STARTS_ITEM.match(line) or is_section_heading(line))
        ):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def _not_a_report(stream: list[Token]) -> str:
    numbers = sum(token.kind is Kind.NUMBER for token in stream)
    if not stream:
        return "文档中没有可读取的文字"
    return (
        "未找到政府信息公开工作年度报告的表格（表二、表三、表四）"
        f"：文档有 {len(stream)} 段文字和数字（其中数字 {numbers} 个），但没有一行能对应到年报表格"
    )
