"""The national layout of a report's tables for the pages: the writers' own grid
(``gongkai.writers.layout``) with each finding's cells marked (``gongkai.writers.annotate``), and
the same grid with inputs for the hand-entry form. No second table layout lives here.

A filing never changes once filed (a new version is a new row), so the report page's findings and
tables are rendered once per filing and language and kept in the cache: the page then costs a
few queries and the page frame, not a schema validation, a layout and a 2,000-cell template."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

import gongkai
from gongkai import Finding, Report
from gongkai.report.findings import CellRef
from gongkai.report.labels import TABLE_NAMES
from gongkai.report.spec import FormatSpec, TableSpec
from gongkai.web.reports import editing, selectors
from gongkai.writers.annotate import Annotations, anchor, describe_ref
from gongkai.writers.layout import GridCell, Role, layout

BODY_TEMPLATE = "reports/_body.html"
BODY_SECONDS = 7 * 24 * 3600


@dataclass(slots=True)
class DisplayCell:
    text: str
    head: bool
    rowspan: int = 1
    colspan: int = 1
    classes: str = ""
    anchor: str = ""
    numbers: tuple[int, ...] = ()
    input_name: str = ""  # in the entry form: the input of a value cell
    input_value: str = ""
    checks: str = ""  # in the entry form: JSON of the live checks on this cell
    label: str = ""


@dataclass(slots=True)
class DisplayTable:
    key: str
    title: str
    rows: list[list[DisplayCell]] = field(default_factory=list)
    marked: bool = False


@dataclass(frozen=True, slots=True)
class NumberedFinding:
    number: int
    finding: Finding
    places: tuple[tuple[str, str], ...]  # (anchor, description) of each cell involved


def input_name(ref: CellRef) -> str:
    return f"{ref.table}.{ref.row}.{ref.column}"


def _classes(cell: GridCell) -> str:
    return f"role-{cell.role.value}"


def tables_for_display(
    report: Report, findings: Sequence[Finding], only: tuple[str, ...] | None = None
) -> list[DisplayTable]:
    annotations = Annotations.of(findings)
    tables: list[DisplayTable] = []
    for table in report.spec.tables:
        if only is not None and table.key not in only:
            continue
        shown = DisplayTable(table.key, f"{TABLE_NAMES.get(table.key, table.key)} {table.title_zh}")
        table_mark = annotations.mark(CellRef(table.key))
        shown.marked = table_mark is not None
        grid = layout(table, report)
        for grid_row in grid.rows():
            row: list[DisplayCell] = []
            for cell in grid_row:
                mark = annotations.mark(cell.ref)
                classes = _classes(cell)
                if mark is not None:
                    classes += f" marked marked-{mark.severity.value}"
                row.append(
                    DisplayCell(
                        text=cell.text,
                        head=cell.is_head,
                        rowspan=cell.rowspan,
                        colspan=cell.colspan,
                        classes=classes,
                        anchor=anchor(cell.ref) if cell.ref is not None and mark else "",
                        numbers=mark.numbers if mark else (),
                    )
                )
            shown.rows.append(row)
        tables.append(shown)
    return tables


def numbered_findings(report: Report, findings: Sequence[Finding]) -> list[NumberedFinding]:
    return [
        NumberedFinding(
            number,
            finding,
            tuple(
                (anchor(ref), describe_ref(report.format, ref))
                for ref in dict.fromkeys(finding.cells)
            ),
        )
        for number, finding in enumerate(findings, start=1)
    ]


def _body_key(filing: Any) -> str:
    # The body is made of the stored report and the findings stored with it. Findings that
    # compare with last year (Y1…) were worked out when the report was filed, against last
    # year's report as it stood then (``filing.previous``), never while the page is shown: a
    # later replacement of last year's report changes neither (the page says so outside the
    # body). Both stored texts are digested, so that the key follows the content should a row
    # ever be rewritten (a restore into a database numbered differently, say); the package
    # version follows a changed template.
    digest = hashlib.sha256(filing.report_json.encode())
    digest.update(json.dumps(filing.findings, sort_keys=True, ensure_ascii=False).encode())
    return (
        f"report-body:{gongkai.__version__}:{filing.pk}:{digest.hexdigest()[:20]}:{get_language()}"
    )


def source_url(filing: Any) -> str | None:
    """The web address the report was published at (a crawled page's 原文链接), only when it
    is an http or https address: it is shown as a link."""
    url = selectors.report_of(filing).source_url
    if url is None or urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    return url


def report_body(filing: Any) -> SafeString:
    """The findings and the marked tables of ``filing`` as HTML, from the cache when it was
    rendered before in this language."""
    key = _body_key(filing)
    body = cache.get(key)
    if body is None:
        report = selectors.report_of(filing)
        findings = selectors.findings_of(filing)
        body = render_to_string(
            BODY_TEMPLATE,
            {
                "tables": tables_for_display(report, findings),
                "findings": numbered_findings(report, findings),
                "narrative": editing.narrative_of(report),
            },
        )
        cache.set(key, body, BODY_SECONDS)
    return mark_safe(body)  # rendered by the template engine, which escaped every value


def _live_checks(table: TableSpec, ref: CellRef) -> list[dict[str, list[str]]]:
    """The sums a value cell must equal, as lists of input names: its row's parts (总计 column),
    its column's parts (（七）总计 row), and table 三's balance (A1) for 结转下年度."""
    assert ref.row is not None
    assert ref.column is not None
    row = table.row(ref.row)
    found: list[dict[str, list[str]]] = []
    column = row.column(ref.column)
    if column.sum_of:
        found.append(
            {"plus": [input_name(CellRef(table.key, row.key, key)) for key in column.sum_of]}
        )
    if row.sum_of:
        leaves = [leaf for part in row.sum_of for leaf in table.leaves(part)]
        found.append(
            {"plus": [input_name(CellRef(table.key, leaf.key, ref.column)) for leaf in leaves]}
        )
    for balance in table.balances:
        if ref.row == balance.right[-1]:
            found.append(
                {
                    "plus": [input_name(CellRef(table.key, k, ref.column)) for k in balance.left],
                    "minus": [
                        input_name(CellRef(table.key, k, ref.column)) for k in balance.right[:-1]
                    ],
                    "rule": [balance.rule],
                }
            )
    return found


def tables_for_entry(spec: FormatSpec, values: dict[str, str]) -> list[DisplayTable]:
    """The national layout with an input in every value cell, carrying its live checks."""
    tables: list[DisplayTable] = []
    for table in spec.tables:
        shown = DisplayTable(table.key, f"{TABLE_NAMES.get(table.key, table.key)} {table.title_zh}")
        for grid_row in layout(table).rows():
            row: list[DisplayCell] = []
            for cell in grid_row:
                display = DisplayCell(
                    text=cell.text if cell.role is not Role.VALUE else "",
                    head=cell.is_head,
                    rowspan=cell.rowspan,
                    colspan=cell.colspan,
                    classes=_classes(cell),
                )
                if cell.role is Role.VALUE and cell.ref is not None:
                    name = input_name(cell.ref)
                    display.input_name = name
                    display.input_value = values.get(name, "")
                    display.label = describe_ref(spec.key, cell.ref)
                    checks = _live_checks(table, cell.ref)
                    display.checks = json.dumps(checks) if checks else ""
                row.append(display)
            shown.rows.append(row)
        tables.append(shown)
    return tables
