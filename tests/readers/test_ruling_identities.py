"""When the ruled reading's table 四 rows are taken (``ruling.improve``), the merged report is
checked once: it may break no table identity the line reading did not, and those it may newly
break are exactly the ones that name a cell the ruled reading added (the rules skip an identity
with a missing cell). Checked here against the difference of both readings' identities."""

from __future__ import annotations

from dataclasses import replace

from gongkai.readers import ruling
from gongkai.report import check
from gongkai.report.model import Cell, Report
from gongkai.report.truth import report_from_truth
from support.corpus import TRUTH, load_truth


def _errors(report: Report) -> set[tuple[str, tuple[str, ...]]]:
    return {
        (finding.rule, tuple(sorted(str(ref) for ref in finding.cells)))
        for finding in check(report)
        if finding.rule.startswith("A")
    }


def _line_and_merged(review: dict[str, int]) -> tuple[Report, Report, set[tuple[str, str, str]]]:
    """The corpus report 002 with table 四's 行政复议 row missing (the line reading), and with
    ``review`` as that row (the merged reading); the cells added."""
    full = report_from_truth(load_truth(TRUTH / "002.json"))
    line_tables = {key: dict(rows) for key, rows in full.tables.items()}
    del line_tables["table4"]["review"]
    merged_tables = {key: dict(rows) for key, rows in line_tables.items()}
    merged_tables["table4"]["review"] = {key: Cell(value) for key, value in review.items()}
    added = {("table4", "review", key) for key in review}
    return replace(full, tables=line_tables), replace(full, tables=merged_tables), added


def test_a_merged_row_that_breaks_no_identity_is_judged_as_by_both_readings() -> None:
    row = {"upheld": 1, "corrected": 2, "other": 0, "pending": 0, "total": 3}
    line, merged, added = _line_and_merged(row)
    assert _errors(line)  # 002 breaks identities of its own (its printed table 四 totals)
    assert not (_errors(merged) - _errors(line))
    assert not ruling._breaks_identity(merged, added)


def test_a_merged_row_that_breaks_an_identity_is_judged_as_by_both_readings() -> None:
    for row in (
        {"upheld": 1, "corrected": 2, "other": 0, "pending": 0, "total": 4},  # A5
        {"upheld": -1, "corrected": 2, "other": 0, "pending": 0, "total": 1},  # A8
    ):
        line, merged, added = _line_and_merged(row)
        assert _errors(merged) - _errors(line), row
        assert ruling._breaks_identity(merged, added), row
