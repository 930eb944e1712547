"""HTML: portal pages, Word's HTML export (mso styles), TRS editor pages, per-character spans.

Text outside tables becomes lines (one per block element or ``<br>``); each table that holds no
other table becomes a grid: ``rowspan``/``colspan`` are expanded so that every row has its cells
in their columns, a cell spanning columns counted once. A table that holds tables is page layout,
read as text. Empty cells are printed zeros in a published table (``Blank.ZERO``).
"""

from __future__ import annotations

import re

from lxml import etree

from gongkai.errors import ReportInputError
from gongkai.readers.build import build_report
from gongkai.readers.document import Blank, Document, Line, Piece
from gongkai.readers.witness import Previous
from gongkai.report.model import Report, Source

_BLOCK = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "blockquote",
        "pre",
        "dd",
        "dt",
    ]
)
_SKIP = frozenset({"script", "style", "noscript", "head", "select", "option", "button"})
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}
_MAX_SPAN = 100  # a rowspan/colspan beyond this is a broken page, not a table
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)


def accepts(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<!--", b"<meta", b"<head")) or (
        bool(re.search(rb"<(table|p|div|body|span)[\s>]", data[:4096].lower()))
        and head.startswith(b"<")
    )


def decode(data: bytes) -> str:
    declared = _CHARSET.search(data[:4096])
    encodings = ["utf-8-sig", "gb18030"]
    if declared and declared.group(1).decode("ascii", "replace").lower() in _GB:
        encodings.reverse()
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace")


def read(data: bytes, *, source_file: str | None = None, previous: Previous = None) -> Report:
    text = decode(data)
    try:
        # plain lxml elements (no lxml.html class lookup per element): a third faster
        root = etree.fromstring(text, _PARSER)
    except (etree.ParserError, ValueError) as error:
        raise ReportInputError(
            f"HTML 无法解析（{error}）", where=source_file, code="bad_html"
        ) from None
    if root is None:
        raise ReportInputError("HTML 中没有内容", where=source_file, code="not_a_report")
    reader = _Walker(source_file)
    reader.walk(root)
    reader.flush()
    return build_report(Document(source_file, "html", reader.lines, Blank.ZERO), previous)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()


class _Walker:
    def __init__(self, file: str | None) -> None:
        self.file = file
        self.lines: list[Line] = []
        self.current: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        text = _clean("".join(self.current))
        self.current = []
        if text:
            self.lines.append(Line([Piece(text, Source(self.file, line=len(self.lines) + 1))]))

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":  # only the page's title: it often names the organ and the year
            for title in element.iterchildren("title"):
                self.walk(title)
            return
        if tag in _SKIP or not tag:
            return
        if tag == "table" and not any(True for _ in element.iterdescendants("table")):
            self.flush()
            self._table(element)
            return
        if tag in _BLOCK:
            self.flush()
        if tag == "br":
            self.flush()
        if element.text:
            self.current.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.current.append(child.tail)
        if tag in _BLOCK or tag in ("td", "th"):
            self.flush() if tag in _BLOCK else self.current.append(" ")

    def _table(self, table: etree._Element) -> None:
        self.tables += 1
        grid: dict[tuple[int, int], etree._Element] = {}
        rows = list(table.iter("tr"))
        for r, row in enumerate(rows):
            c = 0
            for cell in row.iterchildren("td", "th"):
                while (r, c) in grid:
                    c += 1
                rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid.setdefault((r + dr, c + dc), cell)
                c += colspan
        width = max((c for _, c in grid), default=-1) + 1
        texts: dict[etree._Element, str] = {}  # a cell spanning rows is read once
        for r in range(len(rows)):
            pieces: list[Piece] = []
            previous: etree._Element | None = None
            for c in range(width):
                slot = grid.get((r, c))
                if slot is None or slot is previous:
                    continue
                previous = slot
                source = Source(self.file, table=self.tables, row=r + 1, column=c + 1)
                if slot not in texts:
                    texts[slot] = _cell_text(slot)
                pieces.append(Piece(texts[slot], source))
            if pieces:
                self.lines.append(Line(pieces, closed=True, grid=True))


def _span(cell: etree._Element, name: str) -> int:
    value = cell.get(name)
    if value is None:
        return 1
    try:
        return max(1, min(int(value), _MAX_SPAN))
    except ValueError:
        return 1


def _cell_text(cell: etree._Element) -> str:
    # '本年新<br/>制作数量' is one label; per-character <span>s join without spaces.
    return "".join(etree.tostring(cell, method="text", encoding="unicode", with_tail=False).split())
