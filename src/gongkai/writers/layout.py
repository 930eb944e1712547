"""The printed layout of a statutory table, worked out from the format data alone.

Every writer that prints a table grid (HTML and PDF, DOCX, XLSX, Markdown) lays it out from the
``TableGrid`` made here, so that no writer hard-codes a table. Three shapes follow from the data:

* a table whose rows carry *captions* (table 二) prints one sub-table per caption: the caption
  across the whole width, a header row (信息内容 and the caption's columns), then its rows; a
  sub-table with fewer columns than the widest lets its last column span the rest (DOMAIN §1.3);
* a *transposed* table (table 四) prints its row tree as header groups above one line of numbers:
  行政复议 over its five columns, 行政诉讼 over 未经复议直接起诉 and 复议后起诉 over theirs;
* any other table (table 三) prints its row tree as label columns (a heading spans the rows of
  its children) and its column tree as header rows (the table's column caption, then groups such
  as 法人或其他组织), with the corner note in the top-left cell.

A heading for which a report prints a subtotal (A4; e.g. a 2021 report with （六）其他处理 as one
row) gets a row of its own above its children, so the numbers the report has are never lost.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from gongkai.report.findings import CellRef
from gongkai.report.model import Cell, Report
from gongkai.report.spec import ColumnSpec, RowKind, RowSpec, TableSpec
from gongkai.writers.values import cell_text

# The first header cell of every sub-table of table 二 (DOMAIN §1.3). It names the label column
# and is the same in both formats, so it is not part of the per-row format data.
ROW_LABEL_HEADER = "信息内容"


class Role(StrEnum):
    """What a grid cell is, which decides how writers style it."""

    CORNER = "corner"  # the top-left header cell (table 三's 勾稽关系 note)
    CAPTION = "caption"  # 申请人情况 over all value columns; 第二十条第（X）项 over a sub-table
    GROUP = "group"  # a header over several columns (法人或其他组织; 行政复议 in table 四)
    HEADER = "header"  # a value column's label
    LABEL = "label"  # a row's label
    VALUE = "value"  # a number (or 缺失)
    BLANK = "blank"  # an empty slot, e.g. beside a heading that prints its own subtotal


_HEAD_ROLES = frozenset({Role.CORNER, Role.CAPTION, Role.GROUP, Role.HEADER})


@dataclass(frozen=True, slots=True)
class GridCell:
    """One printed cell: where it starts, how far it spans, and what it says. ``ref`` names the
    report cell of a value, or the row of a label (``column=None``)."""

    top: int
    left: int
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    ref: CellRef | None = None
    cell: Cell | None = None  # a value's cell in the report (``None``: absent)

    @property
    def is_head(self) -> bool:
        return self.role in _HEAD_ROLES

    @property
    def bottom(self) -> int:
        return self.top + self.rowspan

    @property
    def right(self) -> int:
        return self.left + self.colspan


@dataclass(frozen=True, slots=True)
class TableGrid:
    """A table's printed grid: ``cells`` in reading order (by top row, then left column)."""

    table: TableSpec
    height: int
    width: int
    head_rows: int  # rows at the top that repeat when the table breaks across pages
    label_columns: int
    cells: tuple[GridCell, ...]

    def rows(self) -> list[list[GridCell]]:
        """The cells that start in each grid row."""
        rows: list[list[GridCell]] = [[] for _ in range(self.height)]
        for cell in self.cells:
            rows[cell.top].append(cell)
        return rows

    def values(self) -> Iterator[GridCell]:
        return (cell for cell in self.cells if cell.role is Role.VALUE)


def layout(table: TableSpec, report: Report | None = None) -> TableGrid:
    """The grid of ``table`` with ``report``'s values (all missing without a report)."""
    rows = report.tables.get(table.key, {}) if report is not None else {}
    subtotals = frozenset(
        key for key in rows if table.has_row(key) and not table.row(key).has_numbers
    )
    skeleton = _skeleton(table, subtotals)
    return replace(skeleton, cells=tuple(_filled(cell, rows) for cell in skeleton.cells))


def _filled(cell: GridCell, rows: dict[str, dict[str, Cell]]) -> GridCell:
    if cell.role is not Role.VALUE or cell.ref is None or cell.ref.row is None:
        return cell
    value = rows.get(cell.ref.row, {}).get(cell.ref.column or "")
    # Direct construction: dataclasses.replace is several times slower, and a report has
    # hundreds of values (HTML's target is 500 reports a second).
    return GridCell(
        cell.top,
        cell.left,
        cell_text(value),
        cell.role,
        cell.rowspan,
        cell.colspan,
        cell.ref,
        value,
    )


@cache
def _skeleton(table: TableSpec, subtotals: frozenset[str]) -> TableGrid:
    """The grid without values; cached, since it depends only on the format data and on which
    headings print a subtotal."""
    if table.transposed:
        return _transposed(table, subtotals)
    if any(row.kind is RowKind.CAPTION for row in table.rows):
        return _stacked(table)
    return _tree(table, subtotals)


def _depth(table: TableSpec, row: RowSpec) -> int:
    depth = 0
    while row.parent is not None:
        row = table.row(row.parent)
        depth += 1
    return depth


def _top_rows(table: TableSpec) -> list[RowSpec]:
    return [row for row in table.rows if row.parent is None]


def _finish(
    table: TableSpec, cells: list[GridCell], head_rows: int, label_columns: int
) -> TableGrid:
    cells.sort(key=lambda cell: (cell.top, cell.left))
    height = max(cell.bottom for cell in cells)
    width = max(cell.right for cell in cells)
    return TableGrid(table, height, width, head_rows, label_columns, tuple(cells))


def _value(table: TableSpec, row: RowSpec, column: ColumnSpec, top: int, left: int) -> GridCell:
    return GridCell(top, left, "", Role.VALUE, ref=CellRef(table.key, row.key, column.key))


def _label(
    table: TableSpec, row: RowSpec, top: int, left: int, rowspan: int = 1, colspan: int = 1
) -> GridCell:
    ref = CellRef(table.key, row.key)
    return GridCell(top, left, row.label, Role.LABEL, rowspan, colspan, ref)


# ── Table 三: row tree down the left, column tree across the top ──────────────────────────────


def _tree(table: TableSpec, subtotals: frozenset[str]) -> TableGrid:
    columns = table.data_rows[0].columns
    label_columns = 1 + max(_depth(table, row) for row in table.rows)
    cells, head_rows = _column_head(table, columns, label_columns)
    corner = table.corner_note or ""
    cells.append(
        GridCell(0, 0, corner, Role.CORNER, rowspan=head_rows, colspan=label_columns)
        if corner
        else GridCell(0, 0, "", Role.BLANK, rowspan=head_rows, colspan=label_columns)
    )
    top = head_rows
    for row in _top_rows(table):
        top = _place_row(table, row, top, 0, label_columns, columns, subtotals, cells)
    return _finish(table, cells, head_rows, label_columns)


def _column_head(
    table: TableSpec, columns: tuple[ColumnSpec, ...], left: int
) -> tuple[list[GridCell], int]:
    """The header rows over the value columns, and how many rows they take."""
    cells: list[GridCell] = []
    level = 0
    if table.column_caption:
        cells.append(GridCell(0, left, table.column_caption, Role.CAPTION, colspan=len(columns)))
        level = 1
    below = 2 if any(column.group for column in columns) else 1
    at = left
    for group, run in itertools.groupby(columns, key=lambda column: column.group):
        members = list(run)
        if group is None:
            for column in members:
                cells.append(GridCell(level, at, column.label, Role.HEADER, rowspan=below))
                at += 1
            continue
        cells.append(GridCell(level, at, group, Role.GROUP, colspan=len(members)))
        for column in members:
            cells.append(GridCell(level + 1, at, column.label, Role.HEADER))
            at += 1
    return cells, level + below


def _height(table: TableSpec, row: RowSpec, subtotals: frozenset[str]) -> int:
    children = table.children(row.key)
    if not children:
        return 1
    own = 1 if row.key in subtotals else 0
    return own + sum(_height(table, child, subtotals) for child in children)


def _place_row(
    table: TableSpec,
    row: RowSpec,
    top: int,
    level: int,
    label_columns: int,
    columns: tuple[ColumnSpec, ...],
    subtotals: frozenset[str],
    cells: list[GridCell],
) -> int:
    """Lay out ``row`` and its children from grid row ``top``; returns the next free row."""
    children = table.children(row.key)
    if not children:
        cells.append(_label(table, row, top, level, colspan=label_columns - level))
        cells.extend(_row_values(table, row, columns, top, label_columns))
        return top + 1
    cells.append(_label(table, row, top, level, rowspan=_height(table, row, subtotals)))
    if row.key in subtotals:
        if level + 1 < label_columns:
            cells.append(
                GridCell(top, level + 1, "", Role.BLANK, colspan=label_columns - level - 1)
            )
        cells.extend(_row_values(table, row, columns, top, label_columns))
        top += 1
    for child in children:
        top = _place_row(table, child, top, level + 1, label_columns, columns, subtotals, cells)
    return top


def _row_values(
    table: TableSpec, row: RowSpec, columns: tuple[ColumnSpec, ...], top: int, left: int
) -> Iterator[GridCell]:
    own = table.column_keys(row.key)
    for offset, column in enumerate(columns):
        if column.key in own:
            yield _value(table, row, column, top, left + offset)
        else:
            yield GridCell(top, left + offset, "", Role.BLANK)


# ── Table 二: one sub-table per caption ───────────────────────────────────────────────────────


def _spans(count: int, width: int) -> list[int]:
    """Column spans of ``count`` columns over ``width`` slots: the last takes the rest."""
    return [1] * (count - 1) + [width - count + 1]


def _stacked(table: TableSpec) -> TableGrid:
    captions = [row for row in table.rows if row.kind is RowKind.CAPTION]
    width = max(len(caption.columns) for caption in captions)
    cells: list[GridCell] = []
    top = 0
    for caption in captions:
        cells.append(GridCell(top, 0, caption.label, Role.CAPTION, colspan=1 + width))
        spans = _spans(len(caption.columns), width)
        cells.append(GridCell(top + 1, 0, ROW_LABEL_HEADER, Role.HEADER))
        left = 1
        for column, span in zip(caption.columns, spans, strict=True):
            cells.append(GridCell(top + 1, left, column.label, Role.HEADER, colspan=span))
            left += span
        top += 2
        for row in table.children(caption.key):
            cells.append(_label(table, row, top, 0))
            left = 1
            for column, span in zip(row.columns, spans, strict=True):
                cells.append(replace(_value(table, row, column, top, left), colspan=span))
                left += span
            top += 1
    return _finish(table, cells, 0, 1)


# ── Table 四: the row tree as header groups over one line of numbers ───────────────────────────


def _width(table: TableSpec, row: RowSpec, subtotals: frozenset[str]) -> int:
    children = table.children(row.key)
    own = len(row.columns) if not children or row.key in subtotals else 0
    return own + sum(_width(table, child, subtotals) for child in children)


def _transposed(table: TableSpec, subtotals: frozenset[str]) -> TableGrid:
    levels = 1 + max(_depth(table, row) for row in table.rows)
    head_rows = levels + 1
    cells: list[GridCell] = []
    left = 0
    for row in _top_rows(table):
        left = _place_group(table, row, left, 0, levels, subtotals, cells)
    return _finish(table, cells, head_rows, 0)


def _place_group(
    table: TableSpec,
    row: RowSpec,
    left: int,
    level: int,
    levels: int,
    subtotals: frozenset[str],
    cells: list[GridCell],
) -> int:
    """Lay out ``row`` as a header group from column ``left``; returns the next free column."""
    width = _width(table, row, subtotals)
    cells.append(
        GridCell(level, left, row.label, Role.GROUP, colspan=width, ref=CellRef(table.key, row.key))
    )
    children = table.children(row.key)
    if not children or row.key in subtotals:
        for column in row.columns:
            cells.append(
                GridCell(level + 1, left, column.label, Role.HEADER, rowspan=levels - level)
            )
            cells.append(_value(table, row, column, levels + 1, left))
            left += 1
    for child in children:
        left = _place_group(table, child, left, level + 1, levels, subtotals, cells)
    return left
