"""One pass over a report's cells, shared by the rules that look at single cells (F4, A8–A10)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from gongkai.report.formats import FORMATS
from gongkai.report.model import Number
from gongkai.report.rules.registry import Context
from gongkai.report.spec import ColumnKind, RowKind

Suspect = tuple[str, str, str, Number]


@dataclass(slots=True)
class Census:
    # (table, row) -> the keys of its cells that hold no number (F4)
    missing: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # cells the value rules must look at: counts that are not plain non-negative integers,
    # negative amounts, and every change (A8, A9, A10)
    suspects: dict[ColumnKind, list[Suspect]] = field(
        default_factory=lambda: {kind: [] for kind in ColumnKind}
    )


@cache
def _column_kinds(format_key: str) -> dict[tuple[str, str], dict[str, ColumnKind]]:
    """For each (table, row) of a format, the kind of each of its columns."""
    return {
        (table.key, row.key): {column.key: column.kind for column in row.columns}
        for table in FORMATS[format_key].tables
        for row in table.rows
        if row.kind is not RowKind.CAPTION
    }


@cache
def _change_cells(format_key: str) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (table, row, column)
        for (table, row), kinds in _column_kinds(format_key).items()
        for column, kind in kinds.items()
        if kind is ColumnKind.CHANGE
    )


def census(context: Context) -> Census:
    """The census of ``context.report``, taken once per check."""
    taken = context.memo.get("census")
    if isinstance(taken, Census):
        return taken
    report = context.report
    result = Census()
    kinds_by_row = _column_kinds(report.format)
    for table_key, rows in report.tables.items():
        for row_key, columns in rows.items():
            for column_key, cell in columns.items():
                value = cell.value
                # Almost every cell is a non-negative int, right for counts and amounts alike.
                if type(value) is int and value >= 0:
                    continue
                if value is None:
                    result.missing.setdefault((table_key, row_key), []).append(column_key)
                    continue
                kind = kinds_by_row.get((table_key, row_key), {}).get(column_key)
                if kind is None or kind is ColumnKind.CHANGE:
                    continue
                if kind is ColumnKind.AMOUNT and value >= 0:
                    continue
                result.suspects[kind].append((table_key, row_key, column_key, value))
    for table_key, row_key, column_key in _change_cells(report.format):
        value = report.value(table_key, row_key, column_key)
        if value is not None:
            result.suspects[ColumnKind.CHANGE].append((table_key, row_key, column_key, value))
    context.memo["census"] = result
    return result
