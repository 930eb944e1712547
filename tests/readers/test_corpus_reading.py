"""Every real report of the shared corpus, read from its raw form and compared cell by cell with
its hand-checked truth: a regression on any of them fails CI (the figures are in
``benchmarks/corpus_accuracy.py`` and docs/reading.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gongkai import check
from gongkai.readers import read_report
from gongkai.report.findings import Severity
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from support.corpus import CORPUS, load_truth, truth_files, violations

ITEMS = truth_files()
_TABLES = {"t2": "table2", "t3": "table3", "t4": "table4"}


def _raw(truth: Path) -> Path:
    (raw,) = sorted((CORPUS / "raw").glob(f"{truth.stem}.*"))
    return raw


def _ambiguous(truth: dict[str, Any]) -> set[tuple[str, str, str]]:
    cells = set()
    for name in truth.get("raw_ambiguous") or []:
        table, row, column = name.split(".")
        cells.add((_TABLES[table], row, column))
    return cells


def _read(truth_path: Path) -> tuple[dict[str, Any], Report, Report]:
    truth = load_truth(truth_path)
    return truth, report_from_truth(truth), read_report(_raw(truth_path))


@pytest.mark.parametrize("truth_path", ITEMS, ids=lambda p: p.stem)
def test_every_cell_read_from_the_raw_report_is_the_hand_checked_value(truth_path: Path) -> None:
    _, expected, got = _read(truth_path)
    wrong = [
        f"{table}.{row}.{column}: read {got.value(table, row, column)}, truth {cell.value}"
        for table, row, column, cell in expected.iter_cells()
        if cell.value is not None
        and got.value(table, row, column) is not None
        and got.value(table, row, column) != cell.value
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "truth_path", [p for p in ITEMS if load_truth(p)["complete"]], ids=lambda p: p.stem
)
def test_a_complete_report_is_read_whole_but_for_the_cells_its_raw_form_leaves_ambiguous(
    truth_path: Path,
) -> None:
    truth, expected, got = _read(truth_path)
    ambiguous = _ambiguous(truth)
    missing = {
        (table, row, column)
        for table, row, column, cell in expected.iter_cells()
        if cell.value is not None and got.value(table, row, column) is None
    }
    assert missing <= ambiguous


@pytest.mark.parametrize(
    "truth_path", [p for p in ITEMS if load_truth(p).get("raw_ambiguous")], ids=lambda p: p.stem
)
def test_an_ambiguous_cell_left_missing_has_a_finding_that_names_its_row(truth_path: Path) -> None:
    truth, _, got = _read(truth_path)
    for table, row, column in _ambiguous(truth):
        if got.value(table, row, column) is not None:
            continue
        said = [
            finding
            for finding in got.reading
            if any(ref.table == table and ref.row in (row, None) for ref in finding.cells)
        ]
        assert said, f"{table}.{row}.{column} is missing without a finding"


@pytest.mark.parametrize(
    "truth_path", [p for p in ITEMS if not load_truth(p)["complete"]], ids=lambda p: p.stem
)
def test_a_partial_report_says_which_rows_it_could_not_read(truth_path: Path) -> None:
    _, expected, got = _read(truth_path)
    unread_rows = {
        (table, row)
        for table, row, column, cell in expected.iter_cells()
        if got.value(table, row, column) is None
    }
    named = {
        (ref.table, ref.row)
        for finding in got.reading
        for ref in finding.cells
        if finding.rule in ("R1", "R2", "R3")
    }
    tables_named = {table for table, row in named if row is None}
    assert {(t, r) for t, r in unread_rows if t not in tables_named} <= named


def test_the_seed_text_reads_exactly_with_nothing_to_report() -> None:
    _truth, expected, got = _read(CORPUS / "truth" / "seed-qingshan-justice-2023.json")
    assert [(t, r, c, cell.value) for t, r, c, cell in got.iter_cells()] == [
        (t, r, c, cell.value) for t, r, c, cell in expected.iter_cells()
    ]
    assert (got.organ, got.year, got.format) == ("青山区司法局", 2023, "2021")
    assert got.reading == ()
    assert got.published_on is not None
    assert got.published_on.isoformat() == "2024-01-18"
    assert got.sections is not None
    assert "没有向公民、法人和其他组织收取任何费用" in got.sections["other"]


@pytest.mark.parametrize(
    "truth_path",
    [p for p in ITEMS if load_truth(p)["complete"] and violations(load_truth(p)["notes"])],
    ids=lambda p: p.stem,
)
def test_checking_the_raw_report_finds_exactly_the_violations_in_the_truth_notes(
    truth_path: Path,
) -> None:
    truth, _, got = _read(truth_path)
    found = {
        (finding.rule, ref.row if finding.rule in ("A2", "A5", "A6", "A7") else ref.column)
        for finding in check(got)
        if finding.rule in ("A1", "A2", "A3", "A5", "A6", "A7")
        and finding.severity is Severity.ERROR
        for ref in finding.cells[:1]
    }
    assert found == violations(truth["notes"])


def test_every_number_read_records_where_it_was_printed() -> None:
    for truth_path in ITEMS:
        got = read_report(_raw(truth_path))
        for table, row, column, cell in got.iter_cells():
            if cell.value is not None:
                assert cell.source is not None, f"{truth_path.stem} {table}.{row}.{column}"
                assert cell.source.describe()


@pytest.mark.parametrize("raw", ["002.pdf", "004.html", "seed-qingshan-justice-2023.txt"])
def test_the_sections_hold_the_narrative_without_the_tables_text(raw: str) -> None:
    report = read_report(CORPUS / "raw" / raw)
    assert report.sections is not None
    everything = "".join(report.sections.values())
    for table_text in ("本年新收政府信息公开申请数量", "结果维持", "第二十条第"):
        assert table_text not in everything
    assert {"overview", "proactive", "applications", "appeals", "problems", "other"} <= set(
        report.sections
    )
    assert not report.sections["appeals"].startswith("、")  # the whole heading was taken
    assert len(report.sections["problems"]) > 100


def test_a_pdfs_paragraphs_are_joined_back_from_the_lines_of_its_page() -> None:
    report = read_report(CORPUS / "raw" / "002.pdf")
    assert report.sections is not None
    problems = report.sections["problems"]
    assert "对照上级要求" in problems  # printed as '对照' / '上级要求' on two lines
    assert "\n" not in problems
