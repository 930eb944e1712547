"""A PDF's tables read cell by cell from their ruling lines.

In Word- or LibreOffice-printed PDFs with narrow columns a number wraps inside its cell ('12345'
printed as '1234' over '5'), and the text layer's lines then cut every such number in two; the
line-by-line reading (``pdf.py``) reports the table missing. The ruling lines say which characters
belong together: the lines the page draws (``ruled_paths.py``) form the cells as on a scan
(``image_grid.py``), and every character of the text layer is placed in the cell around its
centre; a cell's characters, read line by line, are its text. Text outside the ruled tables is
read as lines, as before.

This reading is tried only when the line-by-line reading left table cells missing (R1–R3), and is
kept only when it reads more cells; finding R14 says so. The numbers are the text layer's own
characters, and the file is opened and its pages loaded once for both readings.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium

from gongkai.errors import ReportInputError
from gongkai.readers import image_grid, ruled_paths
from gongkai.readers.build import build_report
from gongkai.readers.checks import row_check
from gongkai.readers.document import Blank, Document, Line, Piece, text_lines
from gongkai.readers.image_grid import Box, Grid, Segment
from gongkai.readers.pdf import UNPLACED, Pages, PageText
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import Report, Source

# Lines and characters are placed in pixels of a page image of this resolution, the unit of
# image_grid's tolerances (a line a few pixels thick is one line).
GRID_DPI = 150
_MISSING_RULES = frozenset({"R1", "R2", "R3"})
# A character this close (in pixels) to a line of others is on that line.
_LINE_SLACK = 0.4 * 10.5 * GRID_DPI / 72  # less than half a line of 10.5 pt text

# A character: its text, its centre, its height, its left and right edges (pixels at GRID_DPI
# from the page's top left).
_Char = tuple[str, float, float, float, float, float]


def improve(report: Report, pdf: Pages) -> Report:
    """``report`` (read line by line), with the table 四 rows it left missing taken from the
    reading by ruling lines where that reading is sure of them.

    Only table 四 (the table whose numbers wrap inside narrow cells) and only whole rows: a row
    the ruled reading read completely, whose own sums hold (总计 = the parts of each group),
    that agrees with every cell the line reading read, and that breaks no table identity. A
    cell box does not know its column heading, and on a printout whose right-hand columns went
    to another page an empty box would read as 0: so nothing else is taken — never a wrong
    number, the line reading's missing cells stay missing."""
    if not _appeals_missing(report):
        return report
    try:
        ruled = read(pdf)
    except ReportInputError:
        return report
    if ruled is None or ruled.format != report.format:
        return report
    tables = {
        key: {row: dict(cells) for row, cells in rows.items()}
        for key, rows in report.tables.items()
    }
    added: set[tuple[str, str, str]] = set()  # the cells the line reading left missing
    spec = report.spec.table(_APPEALS)
    for row in spec.data_rows:
        line_row = report.tables.get(_APPEALS, {}).get(row.key, {})
        ruled_row = ruled.tables.get(_APPEALS, {}).get(row.key, {})
        values = [ruled_row[c.key].value if c.key in ruled_row else None for c in row.columns]
        known = [line_row[c.key].value if c.key in line_row else None for c in row.columns]
        if None in values or None not in known:
            continue
        if any(k is not None and k != v for k, v in zip(known, values, strict=True)):
            return report  # the two readings disagree on a printed cell: trust neither more
        check = row_check(row.columns)
        if check is None or not check(values):  # type: ignore[arg-type]
            continue
        tables.setdefault(_APPEALS, {})[row.key] = dict(ruled_row)
        added |= {
            (_APPEALS, row.key, c.key) for c, k in zip(row.columns, known, strict=True) if k is None
        }
    if not added:
        return report
    merged = replace(report, tables=tables)
    if _breaks_identity(merged, added):
        return report
    return replace(merged, reading=(read_by_ruling(len(added)), *report.reading))


_APPEALS = "table4"
# Words of table 四's heading (行政复议, 行政诉讼): a page without them cannot start the table.
_APPEALS_WORDS = ("复议", "诉讼")


def _appeals_missing(report: Report) -> bool:
    """Whether the line reading said cells are missing (R1–R3) and some of them are table 四's:
    only those can be taken from the ruled reading, so only then is it worth reading the file
    a second time."""
    if not any(finding.rule in _MISSING_RULES for finding in report.reading):
        return False
    read = report.tables.get(_APPEALS, {})
    for row in report.spec.table(_APPEALS).data_rows:
        cells = read.get(row.key, {})
        if any(c.key not in cells or cells[c.key].value is None for c in row.columns):
            return True
    return False


def _breaks_identity(merged: Report, added: set[tuple[str, str, str]]) -> bool:
    """Whether ``merged`` breaks a table identity (rules A1–A10) the line reading did not: one
    that names an ``added`` cell. The rules skip an identity with a missing cell, so one naming
    only cells the line reading had is judged the same in both readings: the line reading need
    not be checked as well."""
    from gongkai.report import check  # the rules import the readers' package: import late

    return any(
        (ref.table, ref.row, ref.column) in added
        for finding in check(merged)
        if finding.rule.startswith("A")
        for ref in finding.cells
    )


def read(pdf: Pages, *, every_page: bool = False) -> Report | None:
    """The report with its ruled tables read cell by cell; ``None`` if no page has a ruled
    row the line reading may have read otherwise. Only table 四 is taken from this reading
    (``improve``), so unless ``every_page`` ruling lines are looked for only on the pages that
    can hold it: a page naming 复议 or 诉讼, and the page after it (the table's row may be
    printed after a page break). The other pages are read as by the line reading."""
    lines: list[Line] = []
    news = False
    after_appeals = False
    for number, (page, text) in enumerate(zip(pdf.pages, pdf.texts, strict=True), start=1):
        appeals = _names_appeals(text)
        if every_page or appeals or after_appeals:
            page_lines, page_news = _page(page, text, number, pdf.file)
            lines += page_lines
            news = news or page_news
        else:
            lines += pdf.lines[number - 1]
        after_appeals = appeals
    if not news:
        return None
    return build_report(Document(pdf.file, "pdf", lines, Blank.ZERO))


def _names_appeals(text: PageText) -> bool:
    """Whether the page names table 四's cases (行政复议, 行政诉讼), even spaced out."""
    return any(word in "".join(text.text.split()) for word in _APPEALS_WORDS)


def _page(
    page: pdfium.PdfPage, text: PageText, number: int, file: str | None
) -> tuple[list[Line], bool]:
    """The page's lines, its ruled tables' rows among them, and whether one of those rows may
    read otherwise than the line reading read it: a row with a cell printed over more than one
    line (a wrapped number, label or heading) or empty (the line reading may not know which
    column the other cells are in). A row whose every cell is one printed line is the words
    the line reading read, in the same order; reading the whole file again for such rows
    alone (a spreadsheet's printout) would be wasted. A page whose characters have no boxes
    (a text layer with characters outside the BMP) has none to place: its cells are left
    missing."""
    scale = GRID_DPI / 72
    chars = [
        (char, x * scale, (text.height - y) * scale, size * scale, left * scale, right * scale)
        for char, box in zip(text.text, text.boxes, strict=False)
        if box is not UNPLACED
        for x, y, size, left, right in (box,)
    ]
    cells = _grid(page, text.height).cells()
    in_cells, outside = _placed(chars, cells)
    placed: list[tuple[float, Line]] = _text(outside, number, file)
    news = False
    for row_number, row in enumerate(image_grid.rows(cells), start=1):
        pieces = []
        one_line = True  # every cell of the row printed on one line, none empty
        for column, box in enumerate(row, start=1):
            source = Source(file, page=number, table=None, row=row_number, column=column)
            inside = in_cells.get(box, [])
            # a character printed across the cell's rule (a number overflowing its cell) leaves
            # unclear which cell it belongs to: the cell is missing, never a guess
            crossing = any(c[4] < box.left - 1 or c[5] > box.right + 1 for c in inside)
            lines = _lines(inside)
            one_line = one_line and len(lines) == 1
            pieces.append(Piece("—" if crossing else _cell_text(lines), source))
        news = news or not one_line
        placed.append((max(box.top for box in row), Line(pieces, closed=True, grid=True)))
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed], news


def _grid(page: pdfium.PdfPage, height: float) -> Grid:
    """The grid of the page's ruling lines, in pixels at ``GRID_DPI`` from the page's top
    left (as the characters are placed)."""
    scale = GRID_DPI / 72
    horizontal, vertical = ruled_paths.rules(page)
    # a line's ends rounded outwards, so that a rule drawn in touching pieces stays one line
    return Grid.of_lines(
        [
            Segment(round((height - y) * scale), math.floor(x0 * scale), math.ceil(x1 * scale))
            for y, x0, x1 in horizontal
        ],
        [
            Segment(
                round(x * scale),
                math.floor((height - y1) * scale),
                math.ceil((height - y0) * scale),
            )
            for x, y0, y1 in vertical
        ],
        GRID_DPI,
        None,
    )


def _placed(chars: list[_Char], cells: list[Box]) -> tuple[dict[Box, list[_Char]], list[_Char]]:
    """The characters inside each cell (in the text layer's order), and those outside any."""
    xs = np.array([char[1] for char in chars])
    ys = np.array([char[2] for char in chars])
    owner = np.full(len(chars), -1)
    for index, box in enumerate(cells):
        inside = (xs > box.left) & (xs < box.right) & (ys > box.top) & (ys < box.bottom)
        owner[inside & (owner < 0)] = index
    in_cells: dict[Box, list[_Char]] = {}
    outside: list[_Char] = []
    for char, index in zip(chars, owner.tolist(), strict=True):
        if index < 0:
            outside.append(char)
        else:
            in_cells.setdefault(cells[index], []).append(char)
    return in_cells, outside


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters, in the text layer's order (the order they were printed in), cut into lines
    where the text moves to another height (a sign or a full stop sits a little higher or lower
    than its neighbours, not a line's height away)."""
    lines: list[list[_Char]] = []
    for char in chars:
        if lines and abs(lines[-1][-1][2] - char[2]) <= _slack(lines[-1][-1], char):
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


def _cell_text(lines: list[list[_Char]]) -> str:
    """A cell's text: its lines joined (a number wrapped in the cell becomes whole again); a
    wide gap within a line is kept as a space, since two values printed side by side in what
    looks like one cell (a rule the page image did not show) must not become one number."""
    text = ""
    for line in lines:
        for previous, char in zip([None, *line], line, strict=False):
            if previous is not None and char[1] - previous[1] > 1.6 * max(char[3], previous[3]):
                text += " "
            text += char[0]
    return text


def _slack(previous: _Char, char: _Char) -> float:
    """How far apart two characters of one line may sit vertically: less than half a line."""
    return max(_LINE_SLACK, 0.6 * max(previous[3], char[3]))


def _text(chars: list[_Char], page: int, file: str | None) -> list[tuple[float, Line]]:
    """Text outside the ruled tables, line by line (a page number at the foot dropped)."""
    out = []
    for line in _lines(chars):
        text = ""
        for previous, char in zip([None, *line], line, strict=False):
            if previous is not None and char[1] - previous[1] > 2.5 * GRID_DPI / 72 * 10.5:
                text += " "  # a gap wider than two characters separates words
            text += char[0]
        out += [(line[0][2], read) for read in text_lines(text, file, page=page)]
    return out


def read_by_ruling(more: int) -> Finding:
    return Finding(
        "R14",
        Severity.INFO,
        f"表格按 PDF 的表格线划分单元格读取（同一格内折行的数字合为一个数），比逐行读取多读出 "
        f"{more} 个单元格",
        f"Tables read cell by cell from the PDF's ruling lines: {more} more cell(s) read",
    )
