"""What a check reports: a ``Finding`` names its rule, severity, the cells involved and the values
that disagree, with a message in Chinese and in English."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell (or, with ``column=None``, a whole row; with ``row=None``, a whole table)."""

    table: str
    row: str | None = None
    column: str | None = None

    def __str__(self) -> str:
        return ".".join(part for part in (self.table, self.row, self.column) if part)


FindingValue = int | Decimal | str | None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or note) about a report.

    ``values`` holds the numbers that disagree, by name: for an identity ``left`` and ``right``
    (both sides of the equation), for a value rule ``value``.
    """

    rule: str
    severity: Severity
    message_zh: str
    message_en: str
    cells: tuple[CellRef, ...] = ()
    values: dict[str, FindingValue] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form (decimals as strings of their exact value)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "cells": [
                {"table": ref.table, "row": ref.row, "column": ref.column} for ref in self.cells
            ],
            "values": {
                name: str(value) if isinstance(value, Decimal) else value
                for name, value in self.values.items()
            },
        }
