"""Cells of exported spreadsheets and CSV files. A cell that starts with ``=``, ``+``, ``-`` or
``@`` (or a tab or carriage return) could run as a formula when the file is opened; such text is
prefixed with an apostrophe so it stays text (OWASP "CSV injection")."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
