"""What every reader produces before the tables are assembled: the document as lines of cells.

A PDF page, a crawler's text, a Markdown table, an HTML or Word table and a spreadsheet all become
``Line``s of ``Piece``s, each remembering where it was read. The assembler (``assemble.py``) then
finds the three tables in them the same way whatever the input was.

Two flags say how much a line's layout can be trusted:

* ``closed``: the line is a table row (HTML/Word/Excel row, Markdown ``| … |`` row, tab-separated
  line). A row label must be inside the row; text before it does not label its numbers.
* ``grid``: the pieces are the row's cells in their columns, so an empty piece is an empty cell
  (which the reader's ``blank`` policy turns into 0 or *missing*).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai.report.model import Source


class Blank(StrEnum):
    """What an empty table cell means in an input kind (DOMAIN §1.6: blanks are printed zeros in
    the published tables; a converter's empty cell may have lost its text)."""

    ZERO = "zero"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    source: Source
    x: float | None = None  # the horizontal centre on the page (PDF), to place it in a column


@dataclass(slots=True)
class Line:
    pieces: list[Piece]
    closed: bool = False
    grid: bool = False
    separator: str = "\t"  # between its pieces in the text: a cell boundary, or a space (PDF)

    @property
    def text(self) -> str:
        return self.separator.join(piece.text for piece in self.pieces)


@dataclass(slots=True)
class Document:
    """A document as read: its lines in reading order, and what an empty cell means in it."""

    file: str | None
    kind: str  # "text", "markdown", "html", "docx", "xlsx", "pdf"
    lines: list[Line] = field(default_factory=list)
    blank: Blank = Blank.MISSING

    @property
    def text(self) -> str:
        """The whole text, one line per line, cells separated by tabs (for the narrative)."""
        return "\n".join(line.text for line in self.lines)


_TAB = re.compile(r"\t+")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# A page number left in extracted text ('- 3 -', '第 3 页 共 5 页'): not a table's number.
_PAGE_FOOTER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)\s*$"
)


def text_lines(text: str, file: str | None, *, page: int | None = None) -> list[Line]:
    """Lines of plain or Markdown text. A ``| a | b |`` row and a tab-separated line are closed
    rows whose cells are pieces; Markdown's ``|---|`` rules are dropped."""
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        source = Source(file=file, page=page, line=number)
        raw = raw.replace("\f", "")  # a form feed separates pages
        if not raw.strip() or _MD_RULE.match(raw) or _PAGE_FOOTER.match(raw):
            continue
        if _PIPE_ROW.match(raw):
            cells = raw.strip().strip("|").split("|")
            lines.append(Line([Piece(c.strip(), source) for c in cells], closed=True, grid=True))
        elif "\t" in raw.strip():
            cells = _TAB.split(raw.strip())
            lines.append(Line([Piece(c.strip(), source) for c in cells], closed=True))
        elif "|" in raw:
            # A crawler's rendering of a table row, 'cell | cell | cell |', or of one cell per
            # line ('0 |'), which continues the row of the lines before it.
            cells = [c.strip() for c in raw.split("|") if c.strip()]
            if cells:
                pieces = [Piece(c, source) for c in cells]
                lines.append(Line(pieces, closed=len(cells) > 1))
        else:
            lines.append(Line([Piece(raw.strip(), source)]))
    return lines
