"""A1–A10: the identities and value rules within one report (DOMAIN §3.2, all errors)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.report import Cell, CellRef, Severity, get_format

FORMATS = ["2019", "2021"]
APPLICANT_COLUMNS = [
    column.key for column in get_format("2021").table("table3").row("total").columns
]
PARTS = APPLICANT_COLUMNS[:-1]


def outcome_leaves(format_key: str) -> list[str]:
    """The data rows that （七）总计 adds up, in printed order."""
    table = get_format(format_key).table("table3")
    return [
        leaf.key
        for key in ("granted", "partial", "denied", "unable", "notproc", "other")
        for leaf in table.leaves(key)
    ]


def bump(report, table: str, row: str, column: str, by: int = 1) -> None:
    report.set(table, row, column, report.value(table, row, column) + by)


# ── A1 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("format_key", FORMATS)
@pytest.mark.parametrize("column", APPLICANT_COLUMNS)
def test_it_flags_a_column_whose_intake_and_outcome_do_not_balance(build, format_key, column):
    """A1, table 三's header note: 第一项加第二项之和，等于第三项加第四项之和."""
    report = build.report(format_key)
    bump(report, "table3", "carried_forward", column)
    (finding,) = build.findings(report, "A1")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (
        CellRef("table3", "new_received", column),
        CellRef("table3", "carried_over", column),
        CellRef("table3", "total", column),
        CellRef("table3", "carried_forward", column),
    )
    left = report.value("table3", "new_received", column) + report.value(
        "table3", "carried_over", column
    )
    assert finding.values["left"] == left
    assert finding.values["right"] == left + 1


@pytest.mark.parametrize("format_key", FORMATS)
def test_it_finds_every_unbalanced_column(build, format_key):
    report = build.report(format_key)
    for column in APPLICANT_COLUMNS:
        bump(report, "table3", "new_received", column, by=2)
    found = build.findings(report, "A1")
    assert [f.cells[0].column for f in found] == APPLICANT_COLUMNS
    assert all(f.values["left"] - f.values["right"] == 2 for f in found)


def test_it_leaves_a_column_with_a_missing_cell_to_f4(build):
    report = build.report("2021")
    bump(report, "table3", "carried_forward", "natural_person")
    report.set("table3", "carried_over", "natural_person", Cell(None, raw="-"))
    assert build.findings(report, "A1") == []


def test_it_balances_a_2021_report_that_prints_other_handling_as_one_row(build):
    report = build.report("2021")
    for key in ("other_no_correction", "other_no_fee", "other_other"):
        build.drop_row(report, "table3", key)
    build.applicants(report, "other", natural_person=2)
    bump(report, "table3", "total", "natural_person", by=2)
    bump(report, "table3", "total", "total", by=2)
    bump(report, "table3", "new_received", "natural_person", by=2)
    bump(report, "table3", "new_received", "total", by=2)
    assert build.findings(report, "A1") == []
    assert build.findings(report, "A3") == []


# ── A2 ─────────────────────────────────────────────────────────────────────────────────────────


def _data_rows(format_key: str) -> list[str]:
    return [row.key for row in get_format(format_key).table("table3").data_rows]


@pytest.mark.parametrize(
    ("format_key", "row"),
    [(key, row) for key in FORMATS for row in _data_rows(key)],
)
def test_it_flags_a_row_whose_total_differs_from_its_columns(build, format_key, row):
    """A2: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他."""
    report = build.report(format_key)
    bump(report, "table3", row, "total")
    (finding,) = build.findings(report, "A2")
    assert finding.severity is Severity.ERROR
    assert finding.cells == tuple(CellRef("table3", row, key) for key in ["total", *PARTS])
    right = sum(report.value("table3", row, key) for key in PARTS)
    assert finding.values == {"left": right + 1, "right": right, "difference": 1}


@pytest.mark.parametrize(("format_key", "rows"), [("2019", 23), ("2021", 25)])
def test_it_checks_every_data_row_of_table_three(build, format_key, rows):
    """A2 applies to all 25 data rows in 2021, 23 in 2019."""
    report = build.report(format_key)
    for row in _data_rows(format_key):
        report.set("table3", row, "commercial_enterprise", 7)
    assert len(build.findings(report, "A2")) == rows


def test_it_accepts_a_row_whose_total_is_a_decimal_of_the_same_value(build):
    report = build.report("2021")
    report.set("table3", "new_received", "total", Decimal("4"))
    assert build.findings(report, "A2") == []


# ── A3 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("format_key", "row"),
    [(key, row) for key in FORMATS for row in outcome_leaves(key)],
)
def test_it_flags_an_outcome_row_missing_from_the_total(build, format_key, row):
    """A3: （七）总计 = （一）+（二）+ Σ（三）…（六）; each application counted once (C1)."""
    report = build.report(format_key)
    bump(report, "table3", row, "research_institution")
    bump(report, "table3", row, "total")
    found = build.findings(report, "A3")
    assert [f.cells[0] for f in found] == [
        CellRef("table3", "total", "research_institution"),
        CellRef("table3", "total", "total"),
    ]
    finding = found[0]
    assert finding.severity is Severity.ERROR
    assert finding.cells[1:] == tuple(
        CellRef("table3", leaf, "research_institution") for leaf in outcome_leaves(format_key)
    )
    assert finding.values["left"] == 0
    assert finding.values["right"] == 1
    assert found[1].values["left"] == 4
    assert found[1].values["right"] == 5


def test_it_adds_up_other_handling_as_one_row_in_2019_and_three_in_2021():
    """A3: in 2019 （六） is a single row; 2021 splits it into three (DOMAIN §2.6 item 6)."""
    assert outcome_leaves("2019")[-1] == "other"
    assert outcome_leaves("2021")[-3:] == ["other_no_correction", "other_no_fee", "other_other"]


def test_it_uses_the_one_other_row_of_a_2021_report_printed_the_2019_way(build):
    """A3 with 2021 （六）其他处理 printed as one row (row key ``other``, no ``other_*`` rows)."""
    report = build.report("2021")
    for key in ("other_no_correction", "other_no_fee", "other_other"):
        build.drop_row(report, "table3", key)
    build.applicants(report, "other", natural_person=2)
    found = build.findings(report, "A3")
    assert [f.cells[0].column for f in found] == ["natural_person", "total"]
    assert found[0].cells[-1] == CellRef("table3", "other", "natural_person")
    assert found[0].values["left"] == 3
    assert found[0].values["right"] == 5
    # F1 flags the old layout; F3 does not ask for the sub-rows it replaces.
    assert [f.cells for f in build.findings(report, "F1")] == [(CellRef("table3", "other"),)]
    assert build.findings(report, "F3") == []


def test_it_uses_a_subtotal_when_a_report_prints_only_the_subtotal(build):
    report = build.report("2019")
    for leaf in get_format("2019").table("table3").leaves("unable"):
        build.drop_row(report, "table3", leaf.key)
    build.applicants(report, "unable", natural_person=1)
    assert build.findings(report, "A3") == []
    build.applicants(report, "unable", natural_person=2)
    found = build.findings(report, "A3")
    assert found
    assert found[0].cells[1:] == (
        CellRef("table3", "granted", "natural_person"),
        CellRef("table3", "partial", "natural_person"),
        *(CellRef("table3", leaf, "natural_person") for leaf in outcome_leaves("2019")[2:10]),
        CellRef("table3", "unable", "natural_person"),
        *(CellRef("table3", leaf, "natural_person") for leaf in outcome_leaves("2019")[13:]),
    )


# ── A4 ─────────────────────────────────────────────────────────────────────────────────────────

SUBTOTALS = [
    ("2019", "denied"),
    ("2019", "unable"),
    ("2019", "notproc"),
    ("2021", "denied"),
    ("2021", "unable"),
    ("2021", "notproc"),
    ("2021", "other"),
]


@pytest.mark.parametrize(("format_key", "heading"), SUBTOTALS)
def test_it_flags_a_subtotal_that_differs_from_its_rows(build, format_key, heading):
    """A4: a non-standard subtotal row for （三）（四）（五）（六） = sum of its sub-rows."""
    report = build.report(format_key, numbers=False)
    build.applicants(report, heading, legal_service_org=1)
    found = build.findings(report, "A4")
    assert [f.cells[0] for f in found] == [
        CellRef("table3", heading, "legal_service_org"),
        CellRef("table3", heading, "total"),
    ]
    finding = found[0]
    assert finding.severity is Severity.ERROR
    children = get_format(format_key).table("table3").children(heading)
    assert finding.cells[1:] == tuple(
        CellRef("table3", child.key, "legal_service_org") for child in children
    )
    assert finding.values == {"left": 1, "right": 0, "difference": 1}


@pytest.mark.parametrize(("format_key", "heading"), SUBTOTALS)
def test_it_accepts_a_subtotal_equal_to_its_rows(build, format_key, heading):
    report = build.report(format_key)
    counts = {
        key: sum(
            report.value("table3", child.key, key)
            for child in get_format(format_key).table("table3").children(heading)
        )
        for key in ("natural_person", "commercial_enterprise")
    }
    build.applicants(report, heading, **counts)
    assert build.findings(report, "A4") == []


def test_it_has_no_other_subtotal_in_2019_where_other_is_a_data_row(build):
    report = build.report("2019")
    build.applicants(report, "other", natural_person=1)
    assert build.findings(report, "A4") == []
    assert build.findings(report, "A3")


# ── A5–A7 ──────────────────────────────────────────────────────────────────────────────────────

APPEAL_ROWS = [("A5", "review"), ("A6", "litigation_direct"), ("A7", "litigation_after_review")]


@pytest.mark.parametrize("format_key", FORMATS)
@pytest.mark.parametrize(("rule", "row"), APPEAL_ROWS)
def test_it_flags_an_appeal_total_that_differs_from_its_outcomes(build, format_key, rule, row):
    """A5–A7: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per row of table 四."""
    report = build.report(format_key)
    build.appeals(report, row, upheld=2, corrected=1, other=1, pending=1)
    report.set("table4", row, "total", 4)
    found = [f for f in build.findings(report) if f.rule in ("A5", "A6", "A7")]
    assert len(found) == 1
    finding = found[0]
    assert finding.rule == rule
    assert finding.severity is Severity.ERROR
    assert finding.cells == tuple(
        CellRef("table4", row, key) for key in ("total", "upheld", "corrected", "other", "pending")
    )
    assert finding.values == {"left": 4, "right": 5, "difference": -1}


@pytest.mark.parametrize(("rule", "row"), APPEAL_ROWS)
def test_it_accepts_an_appeal_total_equal_to_its_outcomes(build, rule, row):
    report = build.report("2021")
    build.appeals(report, row, upheld=2, corrected=1, other=1, pending=1)
    assert build.findings(report, rule) == []


# ── A8 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("format_key", "table", "row", "column"),
    [
        ("2021", "table3", "granted", "natural_person"),
        ("2019", "table3", "other", "total"),
        ("2021", "table4", "litigation_direct", "pending"),
        ("2021", "table2", "licensing", "decisions"),
        ("2021", "table2", "regulations", "in_force"),
        ("2019", "table2", "punishment", "previous_count"),
        ("2019", "table2", "procurement", "project_count"),
    ],
)
def test_it_flags_a_negative_count(build, format_key, table, row, column):
    """A8: every count is a non-negative integer."""
    report = build.report(format_key)
    report.set(table, row, column, -1)
    (finding,) = build.findings(report, "A8")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (CellRef(table, row, column),)
    assert finding.values == {"value": -1}


@pytest.mark.parametrize("format_key", FORMATS)
def test_it_flags_a_count_that_is_not_a_whole_number(build, format_key):
    report = build.report(format_key)
    report.set("table4", "review", "upheld", Decimal("1.5"))
    (finding,) = build.findings(report, "A8")
    assert finding.cells == (CellRef("table4", "review", "upheld"),)
    assert finding.values == {"value": Decimal("1.5")}


def test_it_flags_a_negative_count_in_a_subtotal_row(build):
    report = build.report("2021")
    build.applicants(report, "denied")
    report.set("table3", "denied", "natural_person", -2)
    found = build.findings(report, "A8")
    assert [f.cells for f in found] == [(CellRef("table3", "denied", "natural_person"),)]


def test_it_accepts_a_whole_decimal_as_a_count(build):
    report = build.report("2021")
    report.set("table4", "review", "upheld", Decimal("1.0"))
    assert build.findings(report, "A8") == []


def test_it_does_not_take_the_2019_change_column_for_a_count(build):
    """A8 excepts 2019 本年增/减, which may be negative (A10)."""
    report = build.report("2019")
    report.set("table2", "punishment", "change", -2)
    assert build.findings(report, "A8") == []


def test_it_does_not_take_an_amount_for_a_count(build):
    report = build.report("2021")
    report.set("table2", "fees", "amount", Decimal("0.35"))
    assert build.findings(report, "A8") == []


# ── A9 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("format_key", "row"), [("2021", "fees"), ("2019", "procurement")], ids=["fees", "procurement"]
)
def test_it_flags_a_negative_amount(build, format_key, row):
    """A9: 本年收费金额（单位：万元） ≥ 0; 2019 采购总金额 ≥ 0."""
    report = build.report(format_key)
    report.set("table2", row, "amount", Decimal("-0.5"))
    (finding,) = build.findings(report, "A9")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (CellRef("table2", row, "amount"),)
    assert finding.values == {"value": Decimal("-0.5")}


@pytest.mark.parametrize("amount", [Decimal(0), Decimal("0.35"), Decimal("12345.678")])
def test_it_accepts_a_non_negative_amount_with_decimals(build, amount):
    report = build.report("2021")
    report.set("table2", "fees", "amount", amount)
    assert build.findings(report, "A9") == []


# ── A10 ────────────────────────────────────────────────────────────────────────────────────────


def test_it_flags_a_change_that_is_not_a_whole_number(build):
    """A10 (2019 only): 本年增/减 is an integer."""
    report = build.report("2019")
    report.set("table2", "licensing", "change", Decimal("1.5"))
    (finding,) = build.findings(report, "A10")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (CellRef("table2", "licensing", "change"),)
    assert finding.values == {"value": Decimal("1.5")}


def test_it_flags_a_change_that_takes_the_count_below_zero(build):
    """A10: 上一年项目数量 + 本年增/减 ≥ 0 (Hubei: 减用负值表示)."""
    report = build.report("2019")
    report.set("table2", "fees", "previous_count", 2)
    report.set("table2", "fees", "change", -3)
    (finding,) = build.findings(report, "A10")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (
        CellRef("table2", "fees", "previous_count"),
        CellRef("table2", "fees", "change"),
    )
    assert finding.values == {"left": -1, "right": 0}


@pytest.mark.parametrize("change", [-2, 0, 5])
def test_it_accepts_a_negative_change_that_keeps_the_count_non_negative(build, change):
    report = build.report("2019")
    report.set("table2", "fees", "previous_count", 2)
    report.set("table2", "fees", "change", change)
    assert build.findings(report, "A10") == []
