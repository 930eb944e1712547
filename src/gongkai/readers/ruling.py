"""A PDF's tables read cell by cell from their ruling lines.

In Word- or LibreOffice-printed PDFs with narrow columns a number wraps inside its cell ('12345'
printed as '1234' over '5'), and the text layer's lines then cut every such number in two; the
line-by-line reading (``pdf.py``) reports the table missing. The ruling lines say which characters
belong together: each page is rendered (``RENDER_DPI``), the lines found as on a scan
(``image_grid.py``), and every character of the text layer placed in the cell around its centre;
a cell's characters, read line by line, are its text. Text outside the ruled tables is read as
lines, as before.

This reading is tried only when the line-by-line reading left table cells missing (R1–R3), and is
kept only when it reads more cells; finding R14 says so. The numbers are the text layer's own
characters — nothing is recognised from the image.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium

from gongkai.errors import ReportInputError
from gongkai.readers import image_grid
from gongkai.readers.build import build_report
from gongkai.readers.checks import row_check
from gongkai.readers.document import Blank, Document, Line, Piece, text_lines
from gongkai.readers.image_grid import Box, Grid
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import Report, Source

RENDER_DPI = 150
_RULE_TONE = 230  # grey level below which a rendered pixel is drawn
_MISSING_RULES = frozenset({"R1", "R2", "R3"})
# A character this close (in pixels) to a line of others is on that line.
_LINE_SLACK = 0.4 * 10.5 * RENDER_DPI / 72  # less than half a line of 10.5 pt text

# A character: its text, its centre on the rendered page (pixels), its centre in PDF points, its
# height, left and right edges (pixels).
_Char = tuple[str, float, float, float, float, float, float]


def improve(report: Report, data: bytes, source_file: str | None) -> Report:
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
        ruled = read(data, source_file)
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
    only those can be taken from the ruled reading, so only then is it worth rendering the pages
    (the costliest step of reading a PDF by far)."""
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


def read(data: bytes, source_file: str | None, *, every_page: bool = False) -> Report | None:
    """The report with its ruled tables read cell by cell; ``None`` if no page has a ruled
    table. Only table 四 is taken from this reading (``improve``), so unless ``every_page``
    only the pages that can hold it are rendered to find their ruling lines: a page naming 复议
    or 诉讼, and the page after it (the table's row may be printed after a page break).
    Rendering is by far the costliest step of reading a PDF; the other pages' text is placed
    by position alone."""
    document = pdfium.PdfDocument(data)
    lines: list[Line] = []
    ruled = False
    after_appeals = False
    try:
        for number in range(len(document)):
            page = document[number]
            render = every_page or after_appeals
            page_lines, page_ruled, appeals = _page(page, number + 1, source_file, render)
            after_appeals = appeals
            lines += page_lines
            ruled = ruled or page_ruled
            page.close()
    finally:
        document.close()
    if not ruled:
        return None
    return build_report(Document(source_file, "pdf", lines, Blank.ZERO))


def _page(
    page: pdfium.PdfPage, number: int, file: str | None, render: bool
) -> tuple[list[Line], bool, bool]:
    """The page's lines, whether it has ruled cells, and whether it names table 四's cases; its
    ruling lines are looked for when it names them or ``render`` (the page before did)."""
    height = page.get_height()
    textpage = page.get_textpage()
    chars: list[_Char] = []
    count = textpage.count_chars()
    whole = textpage.get_text_range(0, count)
    for index in range(count):
        # one character per index, unless the text layer has characters outside the BMP
        text = whole[index] if len(whole) == count else textpage.get_text_range(index, 1)
        if not text.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        x, y = (left + right) / 2, (bottom + top) / 2
        scale = RENDER_DPI / 72
        chars.append(
            (
                text,
                x * scale,
                (height - y) * scale,
                x,
                (top - bottom) * scale,
                left * scale,
                right * scale,
            )
        )
    textpage.close()
    appeals = any(word in "".join(whole.split()) for word in _APPEALS_WORDS)
    cells: list[Box] = []
    if render or appeals:
        image = page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
        # a rendered page has no noise, and a hairline rule is drawn light grey: any tone is ink
        cells = Grid.find(np.asarray(image_grid.grey(image)) < _RULE_TONE, RENDER_DPI).cells()
    in_cells, outside = _placed(chars, cells)
    placed: list[tuple[float, Line]] = _text(outside, number, file)
    for row_number, row in enumerate(image_grid.rows(cells), start=1):
        pieces = []
        for column, box in enumerate(row, start=1):
            source = Source(file, page=number, table=None, row=row_number, column=column)
            inside = in_cells.get(box, [])
            # a character printed across the cell's rule (a number overflowing its cell) leaves
            # unclear which cell it belongs to: the cell is missing, never a guess
            crossing = any(c[5] < box.left - 1 or c[6] > box.right + 1 for c in inside)
            pieces.append(Piece("—" if crossing else _cell_text(inside), source))
        placed.append((max(box.top for box in row), Line(pieces, closed=True, grid=True)))
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed], bool(cells), appeals


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


def _cell_text(chars: list[_Char]) -> str:
    """A cell's text: its lines joined (a number wrapped in the cell becomes whole again); a
    wide gap within a line is kept as a space, since two values printed side by side in what
    looks like one cell (a rule the page image did not show) must not become one number."""
    text = ""
    for line in _lines(chars):
        for previous, char in zip([None, *line], line, strict=False):
            if previous is not None and char[1] - previous[1] > 1.6 * max(char[4], previous[4]):
                text += " "
            text += char[0]
    return text


def _slack(previous: _Char, char: _Char) -> float:
    """How far apart two characters of one line may sit vertically: less than half a line."""
    return max(_LINE_SLACK, 0.6 * max(previous[4], char[4]))


def _text(chars: list[_Char], page: int, file: str | None) -> list[tuple[float, Line]]:
    """Text outside the ruled tables, line by line (a page number at the foot dropped)."""
    out = []
    for line in _lines(chars):
        text = ""
        for previous, char in zip([None, *line], line, strict=False):
            if previous is not None and char[1] - previous[1] > 2.5 * RENDER_DPI / 72 * 10.5:
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
