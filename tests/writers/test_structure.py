"""The PDF and DOCX tables have the structure of the national format: the produced table grid
is read back (pdfplumber for the PDF, python-docx for the DOCX) and every merged region and
label is compared with a grid derived here, independently of the writers, from the format data.
Values are numbered 1, 2, 3 … so that a number in the wrong column is caught too."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest

from gongkai.report.formats import FORMATS
from gongkai.report.model import Report
from gongkai.report.spec import ColumnSpec, RowKind, RowSpec, TableSpec
from gongkai.writers import render

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:fontTools")

Region = tuple[str, int, int, int, int]  # text, top, left, height, width


def numbered_report(format_key: str) -> Report:
    """A report whose every cell holds a different number, in the format's cell order."""
    spec = FORMATS[format_key]
    report = Report(
        format=format_key, organ="测试区司法局", year=2023 if format_key == "2021" else 2020
    )
    counter = itertools.count(1)
    for table in spec.tables:
        for row, column in table.cells():
            report.set(table.key, row.key, column.key, next(counter))
    return report


# ── The expected grid, from the format data ───────────────────────────────────────────────────


def _depth(table: TableSpec, row: RowSpec) -> int:
    return 0 if row.parent is None else 1 + _depth(table, table.row(row.parent))


def _value(report: Report, table: TableSpec, row: RowSpec, column: ColumnSpec) -> str:
    return str(report.value(table.key, row.key, column.key))


def expected_regions(table: TableSpec, report: Report) -> set[Region]:
    if table.transposed:
        return _expected_transposed(table, report)
    if any(row.kind is RowKind.CAPTION for row in table.rows):
        return _expected_stacked(table, report)
    return _expected_tree(table, report)


def _expected_tree(table: TableSpec, report: Report) -> set[Region]:
    labels = 1 + max(_depth(table, row) for row in table.rows)
    columns = table.data_rows[0].columns
    grouped = any(column.group for column in columns)
    head = (1 if table.column_caption else 0) + (2 if grouped else 1)
    regions: set[Region] = {(table.corner_note or "", 0, 0, head, labels)}
    level = 0
    if table.column_caption:
        regions.add((table.column_caption, 0, labels, 1, len(columns)))
        level = 1
    for index, column in enumerate(columns):
        if column.group is None:
            regions.add((column.label, level, labels + index, head - level, 1))
            continue
        members = [i for i, c in enumerate(columns) if c.group == column.group]
        regions.add((column.group, level, labels + members[0], 1, len(members)))
        regions.add((column.label, level + 1, labels + index, 1, 1))
    top = head
    for row in table.rows:  # printed order: a heading comes before its children
        depth = _depth(table, row)
        if table.children(row.key):
            regions.add((row.label, top, depth, len(table.leaves(row.key)), 1))
            continue
        regions.add((row.label, top, depth, 1, labels - depth))
        for index, column in enumerate(columns):
            regions.add((_value(report, table, row, column), top, labels + index, 1, 1))
        top += 1
    return regions


def _expected_stacked(table: TableSpec, report: Report) -> set[Region]:
    captions = [row for row in table.rows if row.kind is RowKind.CAPTION]
    width = max(len(caption.columns) for caption in captions)
    regions: set[Region] = set()
    top = 0
    for caption in captions:
        spans = [1] * (len(caption.columns) - 1) + [width - len(caption.columns) + 1]
        lefts = [1 + sum(spans[:i]) for i in range(len(spans))]
        regions.add((caption.label, top, 0, 1, width + 1))
        regions.add(("信息内容", top + 1, 0, 1, 1))
        for column, left, span in zip(caption.columns, lefts, spans, strict=True):
            regions.add((column.label, top + 1, left, 1, span))
        top += 2
        for row in table.children(caption.key):
            regions.add((row.label, top, 0, 1, 1))
            for column, left, span in zip(row.columns, lefts, spans, strict=True):
                regions.add((_value(report, table, row, column), top, left, 1, span))
            top += 1
    return regions


def _expected_transposed(table: TableSpec, report: Report) -> set[Region]:
    levels = 1 + max(_depth(table, row) for row in table.rows)
    regions: set[Region] = set()
    left = 0
    for row in table.rows:
        depth = _depth(table, row)
        width = sum(len(leaf.columns) for leaf in table.leaves(row.key))
        regions.add((row.label, depth, left, 1, width))
        if table.children(row.key):
            continue
        for column in row.columns:
            regions.add((column.label, depth + 1, left, levels - depth, 1))
            regions.add((_value(report, table, row, column), levels + 1, left, 1, 1))
            left += 1
    return regions


# ── The produced grids ────────────────────────────────────────────────────────────────────────


def _text(text: str | None) -> str:
    return "".join((text or "").split())


def docx_regions(table: docx.table.Table) -> set[Region]:
    """Merged regions of a Word table: grid slots grouped by their ``w:tc`` element."""
    slots: dict[object, list[tuple[int, int]]] = {}
    texts: dict[object, str] = {}
    for top, row in enumerate(table.rows):
        for left, cell in enumerate(row.cells):
            slots.setdefault(cell._tc, []).append((top, left))
            texts.setdefault(cell._tc, _text(cell.text))
    regions = set()
    for tc, places in slots.items():
        rows = [place[0] for place in places]
        columns = [place[1] for place in places]
        height, width = max(rows) - min(rows) + 1, max(columns) - min(columns) + 1
        regions.add((texts[tc], min(rows), min(columns), height, width))
    return regions


def _snap(values: list[float]) -> list[float]:
    """Grid lines: coordinates closer than 1 pt are one line."""
    lines: list[float] = []
    for value in sorted(values):
        if not lines or value - lines[-1] > 1:
            lines.append(value)
    return lines


def _index(lines: list[float], value: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - value))


def pdf_tables(pdf_bytes: bytes) -> list[set[Region]]:
    """The regions of every ruled table in the PDF, from pdfplumber's cell boxes."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                boxes = table.cells
                xs = _snap([box[0] for box in boxes] + [box[2] for box in boxes])
                ys = _snap([box[1] for box in boxes] + [box[3] for box in boxes])
                regions = set()
                for x0, top, x1, bottom in boxes:
                    row, column = _index(ys, top), _index(xs, x0)
                    height, width = _index(ys, bottom) - row, _index(xs, x1) - column
                    text = _text(page.within_bbox((x0, top, x1, bottom)).extract_text())
                    regions.add((text, row, column, height, width))
                found.append(regions)
    return found


def _normalised(regions: set[Region]) -> set[Region]:
    return {(_text(text), top, left, h, w) for text, top, left, h, w in regions}


FORMAT_KEYS = sorted(FORMATS)


@pytest.fixture(scope="module", params=FORMAT_KEYS)
def report(request: pytest.FixtureRequest) -> Report:
    return numbered_report(request.param)


def test_the_docx_tables_have_the_national_structure(report: Report) -> None:
    word = docx.Document(io.BytesIO(render(report, "docx")))
    assert len(word.tables) == len(report.spec.tables)
    for table, produced in zip(report.spec.tables, word.tables, strict=True):
        assert docx_regions(produced) == _normalised(expected_regions(table, report)), table.key


def test_the_pdf_tables_have_the_national_structure(report: Report) -> None:
    tables = pdf_tables(render(report, "pdf"))
    # Each table is kept on one page (break-inside: avoid), so each is found whole, in order.
    assert len(tables) == len(report.spec.tables)
    for table, produced in zip(report.spec.tables, tables, strict=True):
        assert produced == _normalised(expected_regions(table, report)), table.key


def test_the_xlsx_sheets_have_the_national_merged_headers(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(render(report, "xlsx"))
    book = openpyxl.load_workbook(path)
    for table, sheet in zip(report.spec.tables, book.worksheets, strict=False):
        merged = {
            (r.min_row - 1, r.min_col - 1, r.max_row - r.min_row + 1, r.max_col - r.min_col + 1)
            for r in sheet.merged_cells.ranges
        }
        expected = expected_regions(table, report)
        spans = {(top, left, h, w) for _, top, left, h, w in expected if (h, w) != (1, 1)}
        assert merged == spans, table.key
        for text, top, left, _, _ in expected:
            value = sheet.cell(row=top + 1, column=left + 1).value
            assert _text("" if value is None else str(value)) == _text(text)
