"""The hand-checked corpus format (``shared/corpus/truth/*.json``, keys in its ``KEYS.md``).

Truth files list each row's numbers in the format's column order; table 四 is one list of 15.
This module turns one into a ``Report`` so that rules and readers can be measured against it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from gongkai.report.formats import get_format
from gongkai.report.model import Cell, Number, Report

_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)")


def parse_printed(value: Any) -> Cell:
    """A cell from a truth value: a number, ``None``, or a string as printed ("251000元",
    "22（其中修订16件）") whose leading number is the value."""
    if value is None:
        return Cell(None)
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int):
        return Cell(value)
    if isinstance(value, float | Decimal):
        return Cell(Decimal(str(value)))
    match = _LEADING_NUMBER.match(str(value))
    if match is None:
        return Cell(None, raw=str(value))
    text = match.group(1)
    number: Number = Decimal(text) if "." in text else int(text)
    return Cell(number, raw=str(value))


def _as_list(values: Any, width: int) -> list[Any]:
    """A truth row as a list: a bare number for one-column rows, ``None`` for a row not read."""
    if values is None:
        return [None] * width
    return values if isinstance(values, list) else [values]


def report_from_truth(data: Mapping[str, Any]) -> Report:
    """A ``Report`` of the numbers a truth file records. It carries no narrative (``sections``
    is ``None``): the truth records only the tables."""
    spec = get_format(data["format"])
    report = Report(format=spec.key, organ=data["organ"], year=int(data["year"]))
    for table_key in ("table2", "table3"):
        recorded = data.get(table_key)
        if recorded is None:
            continue
        table = spec.table(table_key)
        rows = report.tables.setdefault(table_key, {})
        for row_key, values in recorded.items():
            if row_key.startswith("_"):  # a note about the table, not a row
                continue
            columns = table.row(row_key).columns
            listed = _as_list(values, len(columns))
            rows[row_key] = {c.key: parse_printed(v) for c, v in zip(columns, listed, strict=True)}
    table4 = data.get("table4")
    if table4 is not None:
        table = spec.table("table4")
        rows = report.tables.setdefault("table4", {})
        for index, row in enumerate(table.data_rows):
            chunk = table4[index * 5 : index * 5 + 5]
            rows[row.key] = {
                c.key: parse_printed(v) for c, v in zip(row.columns, chunk, strict=True)
            }
    return report
