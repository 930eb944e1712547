"""P1–P5: publication deadlines (DOMAIN §3.5, 条例第四十九条). Dates are fixed."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.report import CheckSettings, OrganKind, Severity
from gongkai.report.rules.timeliness import publication_due

DEPARTMENTS = [
    ("青山区司法局", OrganKind.DEPARTMENT),
    ("某部", OrganKind.STATE_COUNCIL_DEPARTMENT),
]
GOVERNMENTS = [
    ("某省人民政府", OrganKind.PROVINCIAL_GOVERNMENT),
    ("某自治州人民政府", OrganKind.CITY_GOVERNMENT),
    ("青山区人民政府", OrganKind.COUNTY_GOVERNMENT),
]
TIMELINESS = ("P1", "P2", "P3", "P4", "P5")


def timeliness(build, report, settings=None):
    found = (
        build.findings(report) if settings is None else build.findings(report, settings=settings)
    )
    return [f for f in found if f.rule in TIMELINESS]


# ── P1 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("format_key", ["2019", "2021"])
@pytest.mark.parametrize(("organ", "kind"), DEPARTMENTS)
def test_it_accepts_a_department_report_published_on_january_31(build, format_key, organ, kind):
    """P1, 条例第四十九条第一款: 县级以上人民政府部门 publish by 1月31日 of Y+1."""
    report = build.report(format_key, organ=organ, organ_kind=kind, year=2023)
    report.published_on = date(2024, 1, 31)
    assert timeliness(build, report) == []


@pytest.mark.parametrize(("organ", "kind"), DEPARTMENTS)
def test_it_flags_a_department_report_published_after_january_31(build, organ, kind):
    """P1, 条例第四十九条第一款."""
    report = build.report("2021", organ=organ, organ_kind=kind, year=2023)
    report.published_on = date(2024, 2, 1)
    (finding,) = timeliness(build, report)
    assert finding.rule == "P1"
    assert finding.severity is Severity.ERROR
    assert finding.cells == ()
    assert finding.values == {"due": "2024-01-31", "published": "2024-02-01", "days_late": 1}


def test_it_applies_the_department_deadline_of_2019_onwards_to_the_2019_report(build):
    """60号: the 2019 条例 moved the deadline two months earlier (3月31日 → 1月31日)."""
    report = build.report("2019", year=2019)
    report.published_on = date(2020, 3, 1)
    (finding,) = timeliness(build, report)
    assert finding.rule == "P1"
    assert finding.values["days_late"] == 30


def test_it_infers_a_department_from_its_name(build):
    report = build.report("2021", organ="青山区司法局", organ_kind=None, year=2023)
    report.published_on = date(2024, 2, 5)
    (finding,) = timeliness(build, report)
    assert finding.rule == "P1"
    assert "按名称推断" in finding.message_zh


# ── P2 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("organ", "kind"), GOVERNMENTS)
def test_it_accepts_a_government_report_published_on_march_31(build, organ, kind):
    """P2, 条例第四十九条第二款: the 本级政府 report is published by 3月31日 of Y+1."""
    report = build.report("2021", organ=organ, organ_kind=kind, year=2023)
    report.published_on = date(2024, 3, 31)
    assert timeliness(build, report) == []


@pytest.mark.parametrize(("organ", "kind"), GOVERNMENTS)
def test_it_flags_a_government_report_published_after_march_31(build, organ, kind):
    """P2, 条例第四十九条第二款."""
    report = build.report("2021", organ=organ, organ_kind=kind, year=2023)
    report.published_on = date(2024, 4, 2)
    (finding,) = timeliness(build, report)
    assert finding.rule == "P2"
    assert finding.severity is Severity.ERROR
    assert finding.cells == ()
    assert finding.values == {"due": "2024-03-31", "published": "2024-04-02", "days_late": 2}


def test_it_does_not_hold_a_government_to_the_department_deadline(build):
    report = build.report("2021", organ="青山区人民政府", organ_kind=None, year=2023)
    report.published_on = date(2024, 2, 15)
    assert timeliness(build, report) == []


def test_it_uses_the_configured_government_deadline(build):
    report = build.report("2021", organ="青山区人民政府", organ_kind=OrganKind.COUNTY_GOVERNMENT)
    report.published_on = date(2024, 3, 1)
    settings = CheckSettings(government_deadline=(2, 28))
    (finding,) = timeliness(build, report, settings)
    assert finding.rule == "P2"
    assert finding.values["due"] == "2024-02-28"


# ── P3 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("organ_kind", [OrganKind.DEPARTMENT, OrganKind.TOWNSHIP, None])
def test_it_notes_a_2018_report_published_after_march_31(build, organ_kind):
    """P3: under the 2007 条例 (old 第三十一条) every organ's report was due 3月31日."""
    report = build.report("2019", year=2018, organ="某机关", organ_kind=organ_kind)
    report.published_on = date(2019, 4, 1)
    (finding,) = timeliness(build, report)
    assert finding.rule == "P3"
    assert finding.severity is Severity.INFO
    assert finding.cells == ()
    assert finding.values == {"due": "2019-03-31", "published": "2019-04-01", "days_late": 1}


def test_it_does_not_hold_a_2018_department_report_to_january_31(build):
    report = build.report("2019", year=2018, organ_kind=OrganKind.DEPARTMENT)
    report.published_on = date(2019, 3, 31)
    assert timeliness(build, report) == []


# ── P4 ─────────────────────────────────────────────────────────────────────────────────────────

TOWNSHIPS = [
    ("某镇人民政府", OrganKind.TOWNSHIP),
    ("某街道办事处", None),
    ("某街道办事处", OrganKind.SUBDISTRICT),
]


@pytest.mark.parametrize(("organ", "kind"), TOWNSHIPS)
def test_it_sets_no_deadline_for_a_township_by_default(build, organ, kind):
    """P4: 条例第四十九条 sets no date for townships (they must still report: 第四条)."""
    report = build.report("2021", organ=organ, organ_kind=kind, year=2023)
    report.published_on = date(2024, 12, 1)
    assert timeliness(build, report) == []


@pytest.mark.parametrize(("organ", "kind"), TOWNSHIPS)
def test_it_flags_a_township_report_after_the_regional_deadline(build, organ, kind):
    """P4: a region may set the date, e.g. Huaihua 2022: 2月20日."""
    report = build.report("2021", organ=organ, organ_kind=kind, year=2023)
    report.published_on = date(2024, 2, 21)
    settings = CheckSettings(township_deadline=(2, 20))
    (finding,) = timeliness(build, report, settings)
    assert finding.rule == "P4"
    assert finding.cells == ()
    assert finding.values == {"due": "2024-02-20", "published": "2024-02-21", "days_late": 1}


def test_it_gives_a_late_township_report_the_severity_domain_sets(build):
    """DOMAIN §3.5 P4 | … | I."""
    report = build.report("2021", organ="某镇人民政府", organ_kind=OrganKind.TOWNSHIP)
    report.published_on = date(2024, 2, 21)
    (finding,) = timeliness(build, report, CheckSettings(township_deadline=(2, 20)))
    assert finding.severity is Severity.INFO


def test_it_accepts_a_township_report_on_the_regional_deadline(build):
    report = build.report("2021", organ="某镇人民政府", organ_kind=OrganKind.TOWNSHIP, year=2023)
    report.published_on = date(2024, 2, 20)
    assert timeliness(build, report, CheckSettings(township_deadline=(2, 20))) == []


def test_it_holds_only_townships_to_the_township_deadline(build):
    report = build.report("2021", organ="青山区人民政府", organ_kind=OrganKind.COUNTY_GOVERNMENT)
    report.published_on = date(2024, 3, 1)
    assert timeliness(build, report, CheckSettings(township_deadline=(2, 20))) == []


# ── P5 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("year", [2018, 2023])
def test_it_notes_that_without_a_date_no_deadline_was_checked(build, year):
    """P5: the publication date comes from the page's 发布日期 or the closing date."""
    report = build.report("2021", year=year)
    report.published_on = None
    (finding,) = timeliness(build, report)
    assert finding.rule == "P5"
    assert finding.severity is Severity.INFO
    assert finding.cells == ()


def test_it_notes_an_organ_whose_kind_it_cannot_tell(build):
    """“某某市人民政府” may be a 设区的市 or a 县级市: not guessed."""
    report = build.report("2021", organ="某市人民政府", organ_kind=None)
    report.published_on = date(2024, 6, 1)
    (finding,) = timeliness(build, report)
    assert finding.rule == "P5"
    assert finding.severity is Severity.INFO
    assert "某市人民政府" in finding.message_zh


def test_it_notes_an_organ_with_no_statutory_deadline(build):
    report = build.report("2021", organ="某开发区管委会", organ_kind=OrganKind.OTHER)
    report.published_on = date(2024, 6, 1)
    (finding,) = timeliness(build, report)
    assert finding.rule == "P5"
    assert finding.severity is Severity.INFO


@pytest.mark.parametrize(
    ("kind", "year", "due"),
    [
        (OrganKind.DEPARTMENT, 2023, date(2024, 1, 31)),  # P1: 第四十九条第一款
        (OrganKind.COUNTY_GOVERNMENT, 2023, date(2024, 3, 31)),  # P2: 第四十九条第二款
        (OrganKind.DEPARTMENT, 2018, date(2019, 3, 31)),  # P3: 2007 条例
        (OrganKind.TOWNSHIP, 2023, None),  # P4: no statutory date
        (OrganKind.OTHER, 2023, None),
    ],
)
def test_the_publication_due_date_follows_the_rule_for_the_organ_kind(
    kind: OrganKind, year: int, due: date | None
) -> None:
    assert publication_due(year, kind) == due


def test_a_local_township_date_is_the_townships_due_date() -> None:
    settings = CheckSettings(township_deadline=(2, 20))
    assert publication_due(2023, OrganKind.SUBDISTRICT, settings) == date(2024, 2, 20)
