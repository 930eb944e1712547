"""What a row's numbers must satisfy, used to cut glued digit runs and to choose among the
cuts: a row's own sums (总计 = the parts), table 四's three groups, table 三's column identities
(A1, A3), and where a signed number may stand."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.readers.digits import Check
from gongkai.report.model import Number
from gongkai.report.spec import ColumnKind, ColumnSpec, RowSpec, TableSpec


def signs_fit(texts: Sequence[str], columns: Sequence[ColumnSpec]) -> bool:
    """A signed number ('+12') is printed only in a change column (2019's 本年增/减)."""
    return all(
        column.kind is ColumnKind.CHANGE or text[:1] not in "+-"
        for text, column in zip(texts, columns, strict=True)
    )


def row_check(columns: Sequence[ColumnSpec]) -> Check | None:
    """The row's own identities (总计 = sum of the parts), if it has any."""
    index = {column.key: i for i, column in enumerate(columns)}
    sums = [(index[c.key], [index[p] for p in c.sum_of]) for c in columns if c.sum_of]
    if not sums:
        return None

    def check(values: Sequence[Number]) -> bool:
        return all(values[total] == sum(values[p] for p in parts) for total, parts in sums)

    return check


def appeals_check(rows: Sequence[RowSpec]) -> Check:
    checks = [row_check(row.columns) for row in rows]
    widths = [len(row.columns) for row in rows]

    def check(values: Sequence[Number]) -> bool:
        start = 0
        for row_check, width in zip(checks, widths, strict=True):
            if row_check is not None and not row_check(values[start : start + width]):
                return False
            start += width
        return True

    return check


def violations(table: TableSpec, values: dict[str, list[Number | None]]) -> int:
    """How many of table 三's column identities the values break (unknown cells break none)."""
    width = len(table.data_rows[0].columns)
    count = 0

    def row_sum(keys: Sequence[str], column: int) -> Number | None:
        total: Number = 0
        for key in keys:
            own = values.get(key)
            cell = None if own is None else own[column]
            if cell is not None:
                total += cell
                continue
            leaves = [leaf.key for leaf in table.leaves(key) if leaf.key != key]
            if not leaves:
                return None
            part = row_sum(leaves, column)
            if part is None:
                return None
            total += part
        return total

    for column in range(width):
        for balance in table.balances:
            left, right = row_sum(balance.left, column), row_sum(balance.right, column)
            count += left is not None and right is not None and left != right
        for row in table.data_rows:
            if row.sum_of:
                own = values.get(row.key)
                printed = None if own is None else own[column]
                parts = row_sum(row.sum_of, column)
                if printed is not None and parts is not None:
                    count += printed != parts
    return count
