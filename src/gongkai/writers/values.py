"""How a cell's value is printed: plainly, with the report's own text kept where it still says
the same number, and a missing value distinct from 0."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.model import Cell, Number
from gongkai.report.truth import parse_printed

# Printed for a missing cell (blank, "-", "无" … in the source): readers take it as missing, and a
# person sees at once that it is not 0.
MISSING_TEXT = "—"


def number_text(value: Number) -> str:
    """``12``, ``-3``, ``0.5``: no thousands separators, no exponent, no trailing rounding."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cell_text(cell: Cell | None) -> str:
    """The text of a cell: its printed text when that still reads as its value (so
    ``22（其中修订16件）`` stays as printed), else the plain number, else ``—``."""
    if cell is None:
        return MISSING_TEXT
    if cell.raw is not None and raw_agrees(cell):
        return " ".join(cell.raw.split())
    if cell.value is None:
        return MISSING_TEXT
    return number_text(cell.value)


def raw_agrees(cell: Cell) -> bool:
    """Whether the cell's printed text still reads as its value: a value edited after reading
    must be printed as the new number, not as the old text."""
    if cell.raw is None or not cell.raw.strip():
        return False
    return parse_printed(cell.raw).value == cell.value
