"""The PDF path's cheaper steps read exactly what the plain ones would: the ruling-line fallback
is tried only when the line reading left a table 四 cell missing (the only cells it may add), and
a line of pdfium's text is still cut where it moves to another printed line."""

from __future__ import annotations

from dataclasses import replace

from gongkai.readers import pdf, ruling
from gongkai.readers.findings import table_missing
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from support.corpus import TRUTH, load_truth


def _said_missing(report: Report, tables: dict) -> Report:
    """``report`` with ``tables``, and a finding that table 二 is missing (R1)."""
    return replace(report, tables=tables, reading=(table_missing(report.spec.table("table2")),))


def test_fallback_only_for_a_missing_table4_cell() -> None:
    truth = report_from_truth(load_truth(TRUTH / "002.json"))
    assert not ruling._appeals_missing(truth)  # nothing said missing: nothing to try
    complete = _said_missing(truth, truth.tables)
    assert not ruling._appeals_missing(complete)  # table 四 whole: the ruled reading adds nothing
    tables = {
        key: {row: dict(cells) for row, cells in rows.items()} for key, rows in truth.tables.items()
    }
    row = next(iter(tables["table4"]))
    del tables["table4"][row][next(iter(tables["table4"][row]))]
    assert ruling._appeals_missing(_said_missing(truth, tables))


def test_printed_line_changes_cut_a_joined_line() -> None:
    # three characters on one printed line, then two a line lower, one line of pdfium's text
    text = "其他 0\n2 1"
    boxes = [_box(10, 700), _box(20, 700), pdf.UNPLACED, _box(40, 700)]
    boxes += [pdf.UNPLACED, _box(10, 680), pdf.UNPLACED, _box(30, 686)]
    cuts = pdf._line_changes(text, boxes)
    assert cuts == []  # '2' starts a new line of text: nothing is compared across it
    joined = "其他 0 2 1"
    boxes[4] = pdf.UNPLACED
    cuts = pdf._line_changes(joined, boxes)
    assert cuts == [5]  # '2' is printed 20 pt lower than '0'; '1' only 6 pt from '2'
    assert pdf._printed_lines(joined, 0, cuts) == [("其他 0 ", 0), ("2 1", 5)]


def test_written_pdf_reads_whole() -> None:
    truth = report_from_truth(load_truth(TRUTH / "002.json"))
    read = pdf.read(render(truth, "pdf"))
    wrong = [
        (table, row, column)
        for table, row, column, cell in truth.iter_cells()
        if cell.value is not None and read.value(table, row, column) != cell.value
    ]
    assert wrong == []


def _box(x: float, y: float) -> pdf.Box:
    """A 10 pt character centred at (x, y)."""
    return (x, y, 10.0, x - 5, x + 5)
