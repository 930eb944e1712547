"""The vocabulary in which the national report formats are written down as data.

A format (see :mod:`gongkai.report.formats`) is a handful of these objects: its sections, its three
tables, their rows and columns with the exact printed labels and the variants seen in real reports,
and the sum relations between cells. Readers locate rows and columns from it, writers lay tables out
from it, and the rules derive every arithmetic check from it, so adding a format version is adding
data, not code paths.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class ColumnKind(StrEnum):
    """What a column holds, which decides the value rules (DOMAIN §3.2 A8–A10) that apply to it."""

    COUNT = "count"  # a non-negative integer (A8)
    AMOUNT = "amount"  # a non-negative number, decimals allowed (A9)
    CHANGE = "change"  # an integer that may be negative (A10, 2019 本年增/减)


class RowKind(StrEnum):
    """The role of a row in its table."""

    DATA = "data"  # a row of numbers in the standard format
    HEADING = "heading"  # a label only; some reports print a subtotal here (A4)
    CAPTION = "caption"  # table 二: 第二十条第（X）项, which opens a sub-table with its own columns


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One value column: its key in canonical JSON, its printed label and known variants."""

    key: str
    label: str
    kind: ColumnKind = ColumnKind.COUNT
    variants: tuple[str, ...] = ()
    group: str | None = None  # a grouping header printed above it (法人或其他组织, 行政诉讼 …)
    sum_of: tuple[str, ...] = ()  # keys of the columns that add up to this one, in the same row


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One row of a table.

    ``parent`` names the heading or caption row it sits under. ``sum_of`` names the rows whose
    values add up to this one, column by column; a heading among them stands for its children (or
    for its own subtotal when a report prints only that). ``rule`` is the rule id of the check that
    its columns add up (table 四 has one rule per row: A5, A6, A7).
    """

    key: str
    label: str
    kind: RowKind = RowKind.DATA
    parent: str | None = None
    columns: tuple[ColumnSpec, ...] = ()
    variants: tuple[str, ...] = ()
    sum_of: tuple[str, ...] = ()
    rule: str | None = None

    @property
    def has_numbers(self) -> bool:
        return self.kind is RowKind.DATA

    def column(self, key: str) -> ColumnSpec:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class Balance:
    """``left`` rows add up to ``right`` rows in every column (table 三's header note, A1)."""

    rule: str
    left: tuple[str, ...]
    right: tuple[str, ...]


class _TableIndex:
    """Lookups derived from a table's rows."""

    def __init__(self, rows: tuple[RowSpec, ...]) -> None:
        self.by_key = {row.key: row for row in rows}
        self.column_keys = {row.key: frozenset(c.key for c in row.columns) for row in rows}
        self.data_rows = tuple(row for row in rows if row.has_numbers)
        self.children: dict[str, tuple[RowSpec, ...]] = {}
        for row in rows:
            if row.parent is not None:
                self.children[row.parent] = (*self.children.get(row.parent, ()), row)
        self.leaves = {row.key: self._leaves(row) for row in rows}
        self.subtotal_rows = tuple(
            row
            for row in rows
            if row.kind is RowKind.HEADING
            and row.key in self.children
            and all(child.has_numbers for child in self.children[row.key])
        )

    def _leaves(self, row: RowSpec) -> tuple[RowSpec, ...]:
        if row.has_numbers:
            return (row,)
        children = self.children.get(row.key, ())
        return tuple(leaf for child in children for leaf in self._leaves(child))


# Tables and formats are singletons compared and hashed by identity: hashing one by value
# would walk every row and column each time it is a cache key.
@dataclass(frozen=True, slots=True, eq=False)
class TableSpec:
    """A statutory table: its rows in printed order and the relations between its cells."""

    key: str
    section: str  # the key of the section it belongs to
    title_zh: str
    rows: tuple[RowSpec, ...]
    column_sum_rule: str | None = None  # rule id for "total column = sum of the others"
    balances: tuple[Balance, ...] = ()
    corner_note: str | None = None  # table 三's 勾稽关系 note in the top-left header cell
    column_caption: str | None = None  # 申请人情况, printed above all value columns
    transposed: bool = False  # table 四 prints its rows side by side as one line of 15 numbers
    _index: _TableIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The table is immutable: its row structure is worked out once, not on every check.
        object.__setattr__(self, "_index", _TableIndex(self.rows))

    def row(self, key: str) -> RowSpec:
        return self._index.by_key[key]

    def has_row(self, key: str) -> bool:
        return key in self._index.by_key

    @property
    def data_rows(self) -> tuple[RowSpec, ...]:
        return self._index.data_rows

    def children(self, key: str) -> tuple[RowSpec, ...]:
        return self._index.children.get(key, ())

    def column_keys(self, key: str) -> frozenset[str]:
        """The keys of row ``key``'s columns."""
        return self._index.column_keys[key]

    def leaves(self, key: str) -> tuple[RowSpec, ...]:
        """The data rows under ``key`` (itself, if it is a data row)."""
        return self._index.leaves[key]

    def subtotal_rows(self) -> tuple[RowSpec, ...]:
        """Heading rows whose children are all data rows: where a report may print a subtotal."""
        return self._index.subtotal_rows

    def cells(self) -> Iterator[tuple[RowSpec, ColumnSpec]]:
        for row in self.data_rows:
            for column in row.columns:
                yield row, column

    @property
    def cell_count(self) -> int:
        return sum(len(row.columns) for row in self.data_rows)


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One of the six numbered sections of the report."""

    key: str
    title: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class FormatSpec:
    """A national report format: 国办公开办函〔2019〕60号 or 〔2021〕30号."""

    key: str  # "2019" or "2021", as in canonical JSON
    name: str
    document: str
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]

    def table(self, key: str) -> TableSpec:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)
