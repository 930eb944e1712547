"""Y1–Y5: one organ's reports of consecutive years (DOMAIN §3.3)."""

from __future__ import annotations

import pytest

from gongkai.report import CellRef, CheckSettings, Severity
from gongkai.report.formats import APPLICANT_KEYS

FORMATS = ["2019", "2021"]
APPLICANT_COLUMNS = (*APPLICANT_KEYS, "total")


# ── Y1 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("format_key", FORMATS)
def test_it_accepts_a_carry_over_equal_to_last_years_carry_forward(build, format_key):
    """Y1: 二、上年结转 (Y) = 四、结转下年度继续办理 (Y−1), column by column."""
    report = build.report(format_key)
    previous = build.previous(report)
    assert previous.value("table3", "carried_forward", "total") == 1
    assert build.findings(report, "Y1", previous=previous) == []


@pytest.mark.parametrize("format_key", FORMATS)
@pytest.mark.parametrize("column", APPLICANT_COLUMNS)
def test_it_flags_a_carry_over_that_differs_from_last_years_carry_forward(
    build, format_key, column
):
    report = build.report(format_key)
    previous = build.previous(report)
    before = previous.value("table3", "carried_forward", column)
    previous.set("table3", "carried_forward", column, before + 2)
    (finding,) = build.findings(report, "Y1", previous=previous)
    assert finding.severity is Severity.ERROR
    assert finding.cells == (CellRef("table3", "carried_over", column),)
    assert finding.values == {"left": before, "right": before + 2, "difference": -2}


def test_it_checks_the_carry_over_across_the_2020_to_2021_format_change(build):
    """Y1 works across the format change: both formats have both rows."""
    report = build.report("2021", year=2021)
    previous = build.previous(report, fmt="2019")
    assert previous.format == "2019"
    assert previous.year == 2020
    assert build.findings(report, "Y1", previous=previous) == []
    previous.set("table3", "carried_forward", "natural_person", 0)
    (finding,) = build.findings(report, "Y1", previous=previous)
    assert finding.cells == (CellRef("table3", "carried_over", "natural_person"),)


def test_it_can_report_a_carry_over_mismatch_as_a_warning(build):
    """Y1 is configurable to W: organs do re-classify carried-over applications."""
    report = build.report("2021")
    previous = build.previous(report)
    previous.set("table3", "carried_forward", "total", 5)
    settings = CheckSettings(y1_severity=Severity.WARNING)
    (finding,) = build.findings(report, "Y1", previous=previous, settings=settings)
    assert finding.severity is Severity.WARNING
    assert finding.cells == (CellRef("table3", "carried_over", "total"),)


@pytest.mark.parametrize("year", [2021, 2023])
def test_it_notes_a_previous_report_that_is_not_for_the_year_before(build, year):
    report = build.report("2021", year=2023)
    previous = build.previous(report, year=year)
    # Identical tables: Y2 (in force 10 ≠ 10 + 2 − 1) and Y5 would flag them for 2022.
    previous.tables = build.clone(report).tables
    cross_year = ("Y1", "Y2", "Y3", "Y5")
    control = build.previous(report)
    control.tables = previous.tables
    flagged = {f.rule for f in build.findings(report, previous=control) if f.rule in cross_year}
    assert flagged == {"Y2", "Y5"}
    found = [f for f in build.findings(report, previous=previous) if f.rule in cross_year]
    assert len(found) == 1
    assert found[0].rule == "Y1"
    assert found[0].severity is Severity.INFO
    assert found[0].cells == ()


def test_it_does_not_check_cross_year_rules_without_a_previous_report(build):
    report = build.report("2021")
    report.set("table3", "carried_over", "total", 99)
    assert build.findings(report, "Y1") == []


# ── Y2 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("row", ["regulations", "normative_docs"])
def test_it_warns_when_documents_in_force_do_not_follow_from_last_year(build, row):
    """Y2 (2021+): 现行有效(Y) ≈ 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y)."""
    report = build.report("2021")
    previous = build.previous(report)
    report.set("table2", row, "issued", 3)
    report.set("table2", row, "abolished", 1)
    report.set("table2", row, "in_force", 7)
    previous.set("table2", row, "in_force", 6)
    (finding,) = build.findings(report, "Y2", previous=previous)
    assert finding.severity is Severity.WARNING
    assert finding.cells == tuple(
        CellRef("table2", row, key) for key in ("issued", "abolished", "in_force")
    )
    assert finding.values == {"left": 7, "right": 8}


def test_it_accepts_documents_in_force_that_follow_from_last_year(build):
    report = build.report("2021")
    previous = build.previous(report)
    report.set("table2", "normative_docs", "issued", 3)
    report.set("table2", "normative_docs", "abolished", 1)
    report.set("table2", "normative_docs", "in_force", 8)
    previous.set("table2", "normative_docs", "in_force", 6)
    assert build.findings(report, "Y2", previous=previous) == []


def test_it_allows_the_configured_gap_in_documents_in_force(build):
    report = build.report("2021")
    previous = build.previous(report)
    previous.set("table2", "normative_docs", "in_force", 12)  # 12 + 2 − 1 = 13, reports 10
    settings = CheckSettings(y2_tolerance=3)
    assert build.findings(report, "Y2", previous=previous, settings=settings) == []
    settings = CheckSettings(y2_tolerance=2)
    (finding,) = build.findings(report, "Y2", previous=previous, settings=settings)
    assert finding.values == {"left": 10, "right": 13}


def test_it_does_not_compare_documents_in_force_across_the_format_change(build):
    """Y2: do not apply across 2020→2021 (the definitions of table 二 differ)."""
    report = build.report("2021", year=2021)
    previous = build.previous(report, fmt="2019")
    report.set("table2", "normative_docs", "in_force", 500)
    assert build.findings(report, "Y2", previous=previous) == []


# ── Y3 ─────────────────────────────────────────────────────────────────────────────────────────

Y3_ROWS = ["licensing", "other_admin_services", "punishment", "coercion", "fees"]


def test_it_accepts_item_counts_that_follow_from_last_year(build):
    """Y3 (2019→2020): 上一年项目数量(2020) = 上一年项目数量(2019) + 本年增/减(2019)."""
    report = build.report("2019", year=2020)
    previous = build.previous(report)
    assert previous.value("table2", "licensing", "change") == 1
    assert build.findings(report, "Y3", previous=previous) == []


@pytest.mark.parametrize("row", Y3_ROWS)
def test_it_warns_when_item_counts_do_not_follow_from_last_year(build, row):
    report = build.report("2019", year=2020)
    previous = build.previous(report)
    now = report.value("table2", row, "previous_count")
    previous.set("table2", row, "change", previous.value("table2", row, "change") + 2)
    (finding,) = build.findings(report, "Y3", previous=previous)
    assert finding.severity is Severity.WARNING
    assert finding.cells == (CellRef("table2", row, "previous_count"),)
    assert finding.values == {"left": now, "right": now + 2}


def test_it_does_not_compare_item_counts_with_a_2021_format_report(build):
    report = build.report("2021", year=2021)
    previous = build.previous(report, fmt="2019")
    previous.set("table2", "licensing", "change", 40)
    assert build.findings(report, "Y3", previous=previous) == []


# ── Y4 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("row", ["regulations", "normative_docs"])
def test_it_warns_when_the_public_total_is_below_this_years_publications(build, row):
    """Y4 (2019 format): 对外公开总数量 ≥ 本年新公开数量."""
    report = build.report("2019")
    report.set("table2", row, "made", 5)
    report.set("table2", row, "published", 5)
    report.set("table2", row, "public_total", 4)
    (finding,) = build.findings(report, "Y4")
    assert finding.severity is Severity.WARNING
    assert finding.cells == (
        CellRef("table2", row, "public_total"),
        CellRef("table2", row, "published"),
    )
    assert finding.values == {"left": 4, "right": 5}


def test_it_notes_more_publications_than_documents_made(build):
    """Y4: 本年新公开数量 ≤ 本年新制作数量 usually holds — a note, not a warning."""
    report = build.report("2019")
    report.set("table2", "normative_docs", "made", 2)
    report.set("table2", "normative_docs", "published", 3)
    (finding,) = build.findings(report, "Y4")
    assert finding.severity is Severity.INFO
    assert finding.cells == (
        CellRef("table2", "normative_docs", "published"),
        CellRef("table2", "normative_docs", "made"),
    )
    assert finding.values == {"left": 3, "right": 2}


def test_it_accepts_a_public_total_equal_to_this_years_publications(build):
    report = build.report("2019")
    report.set("table2", "normative_docs", "public_total", 3)
    assert build.findings(report, "Y4") == []


def test_it_has_no_publication_columns_to_compare_in_2021(build):
    report = build.report("2021")
    report.set("table2", "normative_docs", "in_force", 0)
    report.set("table2", "normative_docs", "issued", 9)
    assert build.findings(report, "Y4") == []


# ── Y5 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("format_key", FORMATS)
def test_it_warns_about_sections_copied_from_last_year_with_new_figures(build, format_key):
    """Y5: 30号 names 内容雷同; similarity ≥ 90 % with the year before."""
    report = build.report(format_key)
    previous = build.previous(report)
    previous.sections = build.clone(report).sections
    previous.sections["overview"] = previous.sections["overview"].replace("年度", "2019年度")
    previous.sections["problems"] = "一是" + previous.sections["problems"][2:]
    found = build.findings(report, "Y5", previous=previous)
    assert len(found) == 2
    assert all(f.severity is Severity.WARNING for f in found)
    assert all(f.cells == () for f in found)
    assert float(found[0].values["similarity"]) >= 0.9
    assert "一、总体情况" in found[0].message_zh
    assert "五、存在的主要问题及改进情况" in found[1].message_zh


def test_it_accepts_sections_written_anew(build):
    report = build.report("2021")
    previous = build.previous(report)
    assert previous.sections["overview"] != report.sections["overview"]
    assert build.findings(report, "Y5", previous=previous) == []


def test_it_does_not_call_a_short_section_a_copy(build):
    report = build.report("2021")
    previous = build.previous(report)
    report.sections["problems"] = previous.sections["problems"] = "暂无问题，将继续加强。"
    assert build.findings(report, "Y5", previous=previous) == []


@pytest.mark.parametrize("format_key", FORMATS)
def test_it_warns_about_non_zero_tables_identical_to_last_year(build, format_key):
    """Y5: identical tables in consecutive years (all numbers equal) are 内容雷同 too."""
    report = build.report(format_key)
    previous = build.previous(report)
    previous.tables = build.clone(report).tables
    (finding,) = build.findings(report, "Y5", previous=previous)
    assert finding.severity is Severity.WARNING
    assert finding.cells == ()


@pytest.mark.parametrize("format_key", FORMATS)
def test_it_accepts_all_zero_tables_identical_to_last_year(build, format_key):
    """An organ that receives no applications legitimately reports zeros every year."""
    report = build.report(format_key, numbers=False)
    previous = build.previous(report)
    previous.tables = build.clone(report).tables
    assert all(cell.value == 0 for *_, cell in report.iter_cells())
    assert build.findings(report, "Y5", previous=previous) == []


def test_it_accepts_tables_that_differ_from_last_year_in_one_cell(build):
    report = build.report("2021")
    previous = build.previous(report)
    previous.tables = build.clone(report).tables
    build.appeals(previous, "litigation_after_review", upheld=1)
    assert build.findings(report, "Y5", previous=previous) == []
