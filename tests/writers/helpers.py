"""Helpers of the writer tests (importable as ``writers.helpers``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import gongkai
from gongkai.report.model import Number, Report
from gongkai.report.truth import report_from_truth
from support.corpus import load_truth, truth_files

SAMPLES = Path(gongkai.__file__).parent / "samples"
SEED = SAMPLES / "qingshan-justice-2023.json"
HONGZE = SAMPLES / "hongze-2023-tables.json"
REPO = Path(__file__).resolve().parents[2]


def corpus_reports() -> list[tuple[str, Report]]:
    """Every hand-checked corpus report, by file name."""
    return [(path.stem, report_from_truth(load_truth(path))) for path in truth_files()]


def same_number(left: Number | float | None, right: Number | float | None) -> bool:
    """Equal as numbers (an XLSX float 0.5 equals Decimal("0.50")), or both missing."""
    if left is None or right is None:
        return left is None and right is None
    return Decimal(str(left)) == Decimal(str(right))


def differences(original: Report, back: Report) -> list[str]:
    """Every cell whose number differs after a round trip. A cell the original lacks (a row the
    source did not have) must come back missing, never as a number."""
    found = []
    for table, row, column, cell in original.iter_cells():
        value = back.value(table, row, column)
        if not same_number(cell.value, value):
            found.append(f"{table}.{row}.{column}: {cell.value!r} → {value!r}")
    for table, row, column, cell in back.iter_cells():
        if original.cell(table, row, column) is None and cell.value is not None:
            found.append(f"{table}.{row}.{column}: absent → {cell.value!r}")
    return found
