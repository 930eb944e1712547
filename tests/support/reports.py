"""Consistent reports, generated: the raw material of the property tests.

A consistent report satisfies every identity of its format by construction: each table 三 outcome
cell is drawn, the 总计 column and the （七）总计 row are their sums, and 上年结转 / 结转下年度 are
drawn so that 一 + 二 = （七） + 四 holds column by column.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gongkai.report.formats import get_format
from gongkai.report.model import Report
from gongkai.report.spec import ColumnKind

SMALL = st.integers(min_value=0, max_value=60)


@st.composite
def consistent_reports(draw: st.DrawFn, format_key: str | None = None) -> Report:
    """A complete report of ``format_key`` (drawn when ``None``) whose identities all hold."""
    key = format_key or draw(st.sampled_from(["2019", "2021"]))
    spec = get_format(key)
    year = (
        draw(st.integers(min_value=2021, max_value=2030))
        if key == "2021"
        else draw(st.sampled_from([2019, 2020]))
    )
    report = Report(format=key, organ="测试区司法局", year=year)
    _draw_table2(draw, report)
    _draw_table3(draw, report)
    _draw_table4(draw, report)
    assert spec.table("table3").cell_count == sum(
        len(row) for row in report.tables["table3"].values()
    )
    return report


def _draw_table2(draw: st.DrawFn, report: Report) -> None:
    for row in report.spec.table("table2").data_rows:
        previous = None
        for column in row.columns:
            if column.kind is ColumnKind.AMOUNT:
                cents = draw(st.integers(min_value=0, max_value=10_000_000))
                value: int | Decimal = Decimal(cents) / 100
            elif column.kind is ColumnKind.CHANGE:
                # A10: previous + change >= 0
                value = draw(st.integers(min_value=-(previous or 0), max_value=60))
            else:
                value = draw(SMALL)
            if column.key == "previous_count":
                previous = int(value)
            report.set("table2", row.key, column.key, value)


def _draw_table3(draw: st.DrawFn, report: Report) -> None:
    table = report.spec.table("table3")
    columns = [c.key for c in table.row("total").columns if c.key != "total"]
    outcome_rows = [
        row.key
        for row in table.data_rows
        if row.key not in ("new_received", "carried_over", "total", "carried_forward")
    ]
    column_totals = dict.fromkeys(columns, 0)
    for row_key in outcome_rows:
        values = {column: draw(st.integers(min_value=0, max_value=20)) for column in columns}
        _set_row(report, row_key, values)
        for column, value in values.items():
            column_totals[column] += value
    _set_row(report, "total", column_totals)
    forward = {c: draw(st.integers(min_value=0, max_value=10)) for c in columns}
    over = {
        c: draw(st.integers(min_value=0, max_value=column_totals[c] + forward[c])) for c in columns
    }
    new = {c: column_totals[c] + forward[c] - over[c] for c in columns}
    _set_row(report, "new_received", new)
    _set_row(report, "carried_over", over)
    _set_row(report, "carried_forward", forward)


def _set_row(report: Report, row_key: str, values: dict[str, int]) -> None:
    for column, value in values.items():
        report.set("table3", row_key, column, value)
    report.set("table3", row_key, "total", sum(values.values()))


def _draw_table4(draw: st.DrawFn, report: Report) -> None:
    for row in report.spec.table("table4").data_rows:
        parts = {
            key: draw(st.integers(min_value=0, max_value=9))
            for key in ("upheld", "corrected", "other", "pending")
        }
        for key, value in parts.items():
            report.set("table4", row.key, key, value)
        report.set("table4", row.key, "total", sum(parts.values()))
