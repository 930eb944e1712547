"""The annual report as data: a ``Report`` holds the three tables' cells and the narrative.

A cell holds an integer or a decimal, or is *missing* (printed blank, "-", "/", 无 …), which is
distinct from 0. A cell can carry the text as printed and where it came from, so that a finding can
point at the exact place a person must look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gongkai.report.findings import Finding
from gongkai.report.formats import get_format
from gongkai.report.organs import OrganKind
from gongkai.report.spec import FormatSpec

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value was read: a file, and a page and line, or a table/row/cell position."""

    file: str | None = None
    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """A short Chinese description such as ``002.pdf 第3页 第12行``."""
        parts = [self.file] if self.file else []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.table is not None:
            parts.append(f"第{self.table}个表格")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column is not None:
            parts.append(f"第{self.column}列")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Cell:
    """One value of a table. ``value is None`` means missing — never zero."""

    value: Number | None
    raw: str | None = None  # the text as printed, when it differs from the plain number
    source: Source | None = None

    @property
    def is_missing(self) -> bool:
        return self.value is None


MISSING = Cell(None)

# tables[table_key][row_key][column_key] -> Cell
Tables = dict[str, dict[str, dict[str, Cell]]]


@dataclass(slots=True)
class Report:
    """One organ's annual report for one year.

    ``sections`` maps section keys (``overview`` … ``other``, plus ``preamble``) to their text in
    document order; ``None`` means the input carried no narrative at all (a tables-only record), so
    the narrative rules are not applied, which differs from an empty mapping (narrative read, no
    section found). A table or row absent from ``tables`` was not found in the source.
    ``reading`` holds what the reader found while reading (a table it could not find, a digit
    run it could not split, a label typo it repaired); ``check`` reports them first.
    """

    format: str
    organ: str
    year: int
    tables: Tables = field(default_factory=dict)
    sections: dict[str, str] | None = None
    published_on: date | None = None
    title: str | None = None
    organ_kind: OrganKind | None = None
    source_file: str | None = None
    reading: tuple[Finding, ...] = ()
    # the web address the report was published at (a crawled page's 原文链接), http or https
    source_url: str | None = None

    @property
    def spec(self) -> FormatSpec:
        return get_format(self.format)

    def cell(self, table: str, row: str, column: str) -> Cell | None:
        """The cell, or ``None`` when its table, row or column is absent from the report."""
        return self.tables.get(table, {}).get(row, {}).get(column)

    def value(self, table: str, row: str, column: str) -> Number | None:
        """The cell's number, or ``None`` when it is absent or missing."""
        cell = self.tables.get(table, {}).get(row, {}).get(column)
        return None if cell is None else cell.value

    def has_row(self, table: str, row: str) -> bool:
        return row in self.tables.get(table, {})

    def set(self, table: str, row: str, column: str, cell: Cell | Number | None) -> None:
        """Store a cell (a bare number or ``None`` is wrapped in a ``Cell``)."""
        if not isinstance(cell, Cell):
            cell = Cell(cell)
        self.tables.setdefault(table, {}).setdefault(row, {})[column] = cell

    def iter_cells(self) -> Iterator[tuple[str, str, str, Cell]]:
        for table_key, rows in self.tables.items():
            for row_key, columns in rows.items():
                for column_key, cell in columns.items():
                    yield table_key, row_key, column_key, cell
