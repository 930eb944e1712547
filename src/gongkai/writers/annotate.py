"""The annotated version (批注版): which printed cells each finding involves, and the numbers
that tie a highlighted cell to the finding listed below the title.

Findings are numbered 1, 2, … in the order given. A finding's ``CellRef`` names a cell, a whole
row (``column=None``: its label is marked) or a whole table (``row=None``: the table is marked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.labels import TABLE_NAMES, cell_label

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def anchor(ref: CellRef) -> str:
    """The HTML id of a marked cell, row label or table: ``c-table3-total-natural_person``."""
    return "c-" + "-".join(part for part in (ref.table, ref.row, ref.column) if part)


@dataclass(frozen=True, slots=True)
class Mark:
    numbers: tuple[int, ...]
    severity: Severity  # the most severe of the findings that mark the cell


@dataclass(slots=True)
class Annotations:
    findings: tuple[Finding, ...]
    _marks: dict[CellRef, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> Annotations:
        annotations = cls(tuple(findings))
        for number, finding in enumerate(annotations.findings, start=1):
            for ref in dict.fromkeys(finding.cells):  # a finding may name a cell twice
                annotations._marks.setdefault(ref, []).append(number)
        return annotations

    def mark(self, ref: CellRef | None) -> Mark | None:
        """How the cell, row label or table ``ref`` is marked, if any finding involves it."""
        if ref is None:
            return None
        numbers = self._marks.get(ref)
        if not numbers:
            return None
        severity = min(
            (self.findings[number - 1].severity for number in numbers), key=_RANK.__getitem__
        )
        return Mark(tuple(numbers), severity)

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts


def describe_ref(format_key: str, ref: CellRef) -> str:
    """``表三 （七）总计 / 总计`` — a cell as a person finds it."""
    table = TABLE_NAMES.get(ref.table, ref.table)
    if ref.row is None:
        return table
    return f"{table} {cell_label(format_key, ref.table, ref.row, ref.column)}"
