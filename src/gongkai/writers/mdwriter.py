"""Markdown: the report as text with pipe tables (GitHub-flavoured Markdown).

A pipe table cannot merge cells. Each value column stays a column; the label columns of table 三
fold into one (a heading's label printed before the label of its first row, as the text of a
printed table reads); table 二's sub-tables each become a pipe table under their caption. A
merged header's text stands in its first column, and a missing value is ``—``, so an empty cell
in a row of numbers never occurs.
"""

from __future__ import annotations

import re

from gongkai.report.model import Report
from gongkai.writers.document import build_document
from gongkai.writers.layout import GridCell, Role, TableGrid
from gongkai.writers.settings import WriterSettings

# A line that Markdown would read as a list item, a heading, a quote or a rule.
_BLOCK_START = re.compile(r"^(\d+)([.)])(\s)|^([-+*#>])(\s|$)")


def render_markdown(report: Report, settings: WriterSettings) -> bytes:
    """The report as UTF-8 Markdown."""
    doc = build_document(report, settings)
    blocks = [f"# {_inline(doc.title)}"]
    blocks.extend(_text(paragraph) for paragraph in doc.preamble)
    for section in doc.sections:
        blocks.append(f"## {_inline(section.title)}")
        blocks.extend(_text(paragraph) for paragraph in section.paragraphs)
        blocks.extend(table_markdown(grid) for grid in section.grids)
    blocks.append("  \n".join(_text(line) for line in doc.closing))
    if doc.contact:
        blocks.append(_text(doc.contact))
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _inline(text: str) -> str:
    """Text inside a line: pipes and backslashes escaped, HTML shown as text (Markdown passes raw
    HTML through, and a report's text must not become a script), line breaks folded."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _text(paragraph: str) -> str:
    """A paragraph that Markdown prints as written, not as a list or heading."""
    text = _inline(paragraph)
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    if match.group(1) is not None:
        return f"{match.group(1)}\\{match.group(2)}{text[match.end(2) :]}"
    return "\\" + text


def table_markdown(grid: TableGrid) -> str:
    """The grid as pipe tables: the label columns folded into one (a heading's label printed
    before its first child's, as the text of a printed table reads), the value columns kept; a
    table of captioned sub-tables (table 二) as one pipe table per caption, each under its
    caption, so that no row holds empty slots that would read as missing numbers."""
    rows = grid.rows()
    if any(cell.role is Role.CAPTION and cell.colspan == grid.width for cell in grid.cells):
        return "\n\n".join(_captioned(grid, rows))
    return _pipe_table([_folded(grid, row) for row in rows], grid.width - grid.label_columns)


def _folded(grid: TableGrid, row: list[GridCell]) -> list[str]:
    """One table row: the labels that start in it joined as one cell, then each value column."""
    labels = [cell for cell in row if cell.left < grid.label_columns]
    values = [""] * (grid.width - grid.label_columns)
    for cell in row:
        if cell.left >= grid.label_columns:
            values[cell.left - grid.label_columns] = _inline(cell.text)
    if grid.label_columns == 0:
        return values
    return [" ".join(_inline(cell.text) for cell in labels if cell.text), *values]


def _captioned(grid: TableGrid, rows: list[list[GridCell]]) -> list[str]:
    """Each caption as a line, followed by its sub-table (header row and data rows), one column
    per value column of that sub-table."""
    blocks: list[str] = []
    table: list[list[str]] = []
    for row in rows:
        if len(row) == 1 and row[0].role is Role.CAPTION:
            if table:
                blocks.append(_pipe_table(table, len(table[0]) - 1))
            blocks.append(_text(row[0].text))
            table = []
        else:
            table.append([_inline(cell.text) for cell in row])
    if table:
        blocks.append(_pipe_table(table, len(table[0]) - 1))
    return blocks


def _pipe_table(rows: list[list[str]], values: int) -> str:
    width = len(rows[0])
    lines = [_row(rows[0]), _row(["---"] * (width - values) + ["---:"] * values)]
    lines.extend(_row(row) for row in rows[1:])
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
