"""Property tests: the identities hold on every consistent report, and break on any one change.

DOMAIN §3.2: a report whose tables add up passes every A-rule; changing any one cell makes the
rule that covers that cell fail, and the finding names that cell.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report import CellRef, Severity, check
from gongkai.report.canonical import dumps, loads
from gongkai.report.model import Report
from gongkai.report.spec import ColumnKind
from support.reports import consistent_reports

IDENTITIES = {"A1", "A2", "A3", "A4", "A5", "A6", "A7"}


def _count_cells(report: Report, tables: tuple[str, ...]) -> list[tuple[str, str, str]]:
    return sorted((t, r, c) for t, r, c, _ in report.iter_cells() if t in tables)


@given(consistent_reports())
def test_every_consistent_report_passes_all_arithmetic_rules(report: Report) -> None:
    findings = check(report)
    assert [f for f in findings if f.rule.startswith("A")] == []
    assert [f for f in findings if f.severity is Severity.ERROR] == []


@given(consistent_reports(), st.data(), st.integers(min_value=1, max_value=7))
def test_changing_any_table_3_or_4_cell_breaks_an_identity_naming_it(
    report: Report, data: st.DataObject, delta: int
) -> None:
    table, row, column = data.draw(st.sampled_from(_count_cells(report, ("table3", "table4"))))
    value = report.value(table, row, column)
    assert isinstance(value, int)
    report.set(table, row, column, value + delta)
    findings = [f for f in check(report) if f.rule in IDENTITIES]
    assert findings, f"no identity failed after changing {table}.{row}.{column}"
    assert any(CellRef(table, row, column) in f.cells for f in findings)
    for finding in findings:
        assert finding.severity is Severity.ERROR
        assert finding.values["left"] != finding.values["right"]


@given(consistent_reports(), st.data())
def test_a_negative_or_fractional_count_in_table_2_is_named_by_a_value_rule(
    report: Report, data: st.DataObject
) -> None:
    spec = report.spec.table("table2")
    cells = [(row.key, column) for row, column in spec.cells()]
    row, column = data.draw(st.sampled_from(cells))
    if column.kind is ColumnKind.CHANGE:
        bad, rule = Decimal("0.5"), "A10"
    elif column.kind is ColumnKind.AMOUNT:
        bad, rule = Decimal("-0.01"), "A9"
    else:
        bad, rule = data.draw(st.sampled_from([-1, Decimal("2.5")])), "A8"
    report.set("table2", row, column.key, bad)
    named = [f for f in check(report) if CellRef("table2", row, column.key) in f.cells]
    # Y4 may also compare the 2019 columns; the value rule must be there, as an error.
    assert [f.severity for f in named if f.rule == rule] == [Severity.ERROR]


@given(consistent_reports(format_key="2019"), st.data())
def test_a_change_that_takes_the_item_count_below_zero_fails_a10(
    report: Report, data: st.DataObject
) -> None:
    row = data.draw(st.sampled_from(["licensing", "other_admin_services", "fees"]))
    previous = report.value("table2", row, "previous_count")
    assert previous is not None
    report.set("table2", row, "change", -int(previous) - 1)
    (finding,) = [f for f in check(report) if f.rule == "A10"]
    assert CellRef("table2", row, "change") in finding.cells
    assert finding.values["left"] == -1


@settings(max_examples=50)
@given(consistent_reports())
def test_canonical_json_round_trips_every_number(report: Report) -> None:
    again = loads(dumps(report))
    assert again.format == report.format
    assert again.year == report.year
    original = {(t, r, c): cell.value for t, r, c, cell in report.iter_cells()}
    read_back = {(t, r, c): cell.value for t, r, c, cell in again.iter_cells()}
    assert read_back == original
