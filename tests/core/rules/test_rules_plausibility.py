"""W1–W4, W6: plausibility (DOMAIN §3.4). The numbers add up but look wrong."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.report import CellRef, CheckSettings, OrganKind, Severity

# ── W1 ─────────────────────────────────────────────────────────────────────────────────────────

NO_REGULATIONS = [
    ("青山区司法局", OrganKind.DEPARTMENT),
    ("青山区人民政府", OrganKind.COUNTY_GOVERNMENT),
    ("某镇人民政府", OrganKind.TOWNSHIP),
    ("某街道办事处", OrganKind.SUBDISTRICT),
]
MAY_MAKE_REGULATIONS = [
    ("某部", OrganKind.STATE_COUNCIL_DEPARTMENT),
    ("某省人民政府", OrganKind.PROVINCIAL_GOVERNMENT),
    ("某自治州人民政府", OrganKind.CITY_GOVERNMENT),
]


@pytest.mark.parametrize(("format_key", "column"), [("2021", "in_force"), ("2019", "made")])
@pytest.mark.parametrize(("organ", "kind"), NO_REGULATIONS)
def test_it_warns_about_regulations_from_an_organ_that_cannot_make_them(
    build, format_key, column, organ, kind
):
    """W1: 立法法(2015) 第八十条、第八十二条 — only State Council departments and provincial,
    设区的市 and 自治州 governments make 规章."""
    report = build.report(format_key, organ=organ, organ_kind=kind)
    report.set("table2", "regulations", column, 6)
    (finding,) = build.findings(report, "W1")
    assert finding.severity is Severity.WARNING
    assert finding.cells == (CellRef("table2", "regulations", column),)
    assert finding.values == {column: 6}


def test_it_names_every_non_zero_regulation_cell(build):
    report = build.report("2021")
    report.set("table2", "regulations", "issued", 1)
    report.set("table2", "regulations", "in_force", 3)
    (finding,) = build.findings(report, "W1")
    assert finding.cells == (
        CellRef("table2", "regulations", "issued"),
        CellRef("table2", "regulations", "in_force"),
    )
    assert finding.values == {"issued": 1, "in_force": 3}


@pytest.mark.parametrize(("organ", "kind"), MAY_MAKE_REGULATIONS)
def test_it_accepts_regulations_from_an_organ_that_may_make_them(build, organ, kind):
    report = build.report("2021", organ=organ, organ_kind=kind)
    report.set("table2", "regulations", "in_force", 6)
    assert build.findings(report, "W1") == []


@pytest.mark.parametrize(
    "organ",
    [
        "湖北省人民政府办公厅",
        "北京市人民政府办公厅",
        # a 设区的市 or a 县级市: the name does not tell, so no warning on a guess
        "武汉市人民政府办公厅",
    ],
)
@pytest.mark.parametrize("kind", [OrganKind.DEPARTMENT, None])
def test_it_accepts_regulations_from_the_general_office_of_a_provincial_government(
    build, organ, kind
):
    """The office publishes its government's 规章 and reports them in its table 二."""
    report = build.report("2021", organ=organ, organ_kind=kind)
    report.set("table2", "regulations", "issued", 2)
    assert build.findings(report, "W1") == []


def test_it_warns_about_regulations_from_the_general_office_of_a_county(build):
    report = build.report("2021", organ="青山区人民政府办公室", organ_kind=None)
    report.set("table2", "regulations", "issued", 2)
    (finding,) = build.findings(report, "W1")
    assert finding.cells == (CellRef("table2", "regulations", "issued"),)
    assert "按名称推断" in finding.message_zh


@pytest.mark.parametrize(("organ", "kind"), [("某开发区管委会", None), ("某中心", OrganKind.OTHER)])
def test_it_leaves_other_organs_alone(build, organ, kind):
    """An OrganKind.OTHER organ (a 管委会, an authorised organisation): its powers vary."""
    report = build.report("2021", organ=organ, organ_kind=kind)
    report.set("table2", "regulations", "in_force", 6)
    assert build.findings(report, "W1") == []


def test_it_expects_zero_regulations_and_accepts_zero(build):
    report = build.report("2019", organ="某镇人民政府", organ_kind=OrganKind.TOWNSHIP)
    assert report.value("table2", "regulations", "made") == 0
    assert build.findings(report, "W1") == []


# ── W2 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("format_key", ["2019", "2021"])
def test_it_warns_about_a_carry_forward_large_against_the_year_intake(build, format_key):
    """W2: 条例第三十三条 limits the reply to 20 (+20) working days, so little carries over."""
    report = build.report(format_key, numbers=False)
    build.applicants(report, "new_received", natural_person=4)
    build.applicants(report, "granted", natural_person=1)
    build.applicants(report, "total", natural_person=1)
    build.applicants(report, "carried_forward", natural_person=3)
    assert build.findings(report, "A1") == []
    (finding,) = build.findings(report, "W2")
    assert finding.severity is Severity.WARNING
    assert finding.cells == (
        CellRef("table3", "carried_forward", "total"),
        CellRef("table3", "new_received", "total"),
    )
    assert finding.values == {"left": 3, "right": 4}


def test_it_accepts_a_carry_forward_at_the_ratio(build):
    report = build.report("2021", numbers=False)
    build.applicants(report, "new_received", natural_person=6)
    build.applicants(report, "carried_forward", natural_person=3)
    assert build.findings(report, "W2") == []


def test_it_ignores_a_carry_forward_below_the_minimum_count(build):
    report = build.report("2021", numbers=False)
    build.applicants(report, "new_received", natural_person=1)
    build.applicants(report, "carried_forward", natural_person=2)
    assert build.findings(report, "W2") == []
    settings = CheckSettings(w2_min_count=2)
    assert [f.rule for f in build.findings(report, "W2", settings=settings)] == ["W2"]


# ── W3 ─────────────────────────────────────────────────────────────────────────────────────────


def test_it_warns_when_the_narrative_count_of_applications_differs_from_the_table(build):
    """W3: numbers in the narrative match the tables (30号 "发布内容不准确")."""
    report = build.report("2021", numbers=False)
    report.sections["applications"] = "本年度共受理政府信息公开申请5件，均已按时答复。"
    (finding,) = build.findings(report, "W3")
    assert finding.severity is Severity.WARNING
    assert finding.cells == (CellRef("table3", "new_received", "total"),)
    assert finding.values == {"text": 5, "table": 0}


def test_it_accepts_a_narrative_count_that_matches_the_table(build):
    report = build.report("2021", numbers=False)
    build.applicants(report, "new_received", natural_person=5)
    build.applicants(report, "granted", natural_person=5)
    build.applicants(report, "total", natural_person=5)
    report.sections["applications"] = "本年度共受理政府信息公开申请5件，均已按时答复。"
    assert build.findings(report, "W3") == []
    assert build.findings(report) == []


def test_it_accepts_a_received_count_that_includes_last_years_carry_over(build):
    """“收到N件” may be 本年新收 or 新收 + 上年结转 (docs/checking.md)."""
    report = build.report("2021")
    report.sections["applications"] = "本年度共收到政府信息公开申请5件。"
    assert build.findings(report, "W3") == []
    report.sections["applications"] = "本年度共收到政府信息公开申请6件。"
    (finding,) = build.findings(report, "W3")
    assert finding.values == {"text": 6, "table": 4}


@pytest.mark.parametrize(
    ("text", "cells", "values"),
    [
        (
            "本年度办结政府信息公开申请7件。",
            (CellRef("table3", "total", "total"),),
            {"text": 7, "table": 4},
        ),
        (
            "结转下年度继续办理3件。",
            (CellRef("table3", "carried_forward", "total"),),
            {"text": 3, "table": 1},
        ),
        (
            "本年度未收到政府信息公开申请。",
            (CellRef("table3", "new_received", "total"),),
            {"text": 0, "table": 4},
        ),
        (
            "发生政府信息公开行政复议3件。",
            (CellRef("table4", "review", "total"),),
            {"text": 3, "table": 2},
        ),
        (
            "发生政府信息公开行政诉讼2件。",
            (
                CellRef("table4", "litigation_direct", "total"),
                CellRef("table4", "litigation_after_review", "total"),
            ),
            {"text": 2, "table": 1},
        ),
    ],
    ids=["concluded", "carried_forward", "none_received", "review", "litigation"],
)
def test_it_warns_about_each_kind_of_figure_the_narrative_states(build, text, cells, values):
    report = build.report("2019")
    report.sections["appeals"] = text
    (finding,) = build.findings(report, "W3")
    assert finding.cells == cells
    assert finding.values == values


def test_it_reports_a_repeated_wrong_figure_once(build):
    report = build.report("2021")
    report.sections["overview"] += "全年行政复议3件。"
    report.sections["appeals"] = "本年度发生政府信息公开行政复议3件。"
    assert len(build.findings(report, "W3")) == 1


# ── W4 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("amount", [Decimal(100000), Decimal(251000)])
def test_it_warns_about_a_fee_amount_that_looks_like_yuan(build, amount):
    """W4: table 二 (八) is in 万元 (表头“本年收费金额（单位：万元）”)."""
    report = build.report("2021")
    report.set("table2", "fees", "amount", amount)
    (finding,) = build.findings(report, "W4")
    assert finding.severity is Severity.WARNING
    assert finding.cells == (CellRef("table2", "fees", "amount"),)
    assert finding.values == {"value": amount, "limit": Decimal(100000)}


def test_it_accepts_a_fee_amount_just_below_the_limit(build):
    report = build.report("2021")
    report.set("table2", "fees", "amount", Decimal("99999.99"))
    assert build.findings(report, "W4") == []


def test_it_warns_when_the_fee_amount_equals_the_processing_fee_in_yuan(build):
    """W4: do not mix up 万元 with the 信息处理费 stated in 元 in section 六."""
    report = build.report("2021")
    report.set("table2", "fees", "amount", 400)
    report.sections["other"] = "本年度实际收取信息处理费共计400元。"
    (finding,) = build.findings(report, "W4")
    assert finding.severity is Severity.WARNING
    assert finding.cells == (CellRef("table2", "fees", "amount"),)
    assert finding.values == {"value": 400, "text": "400"}


def test_it_accepts_a_processing_fee_in_yuan_that_differs_from_the_table(build):
    report = build.report("2021")
    report.set("table2", "fees", "amount", Decimal("0.04"))
    report.sections["other"] = "本年度实际收取信息处理费共计400元。"
    assert build.findings(report, "W4") == []


def test_it_does_not_compare_a_zero_fee_with_a_zero_processing_fee(build):
    report = build.report("2021", numbers=False)
    report.sections["other"] = "本年度收取信息处理费0元。"
    assert build.findings(report, "W4") == []


def test_it_has_no_fee_amount_to_check_in_2019(build):
    report = build.report("2019")
    report.set("table2", "procurement", "amount", Decimal(150000))
    assert build.findings(report, "W4") == []


# ── W6 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("row", ["review", "litigation_direct", "litigation_after_review"])
def test_it_notes_a_high_share_of_corrected_outcomes(build, row):
    """W6: a high 纠正 share is an informational quality signal, not an error."""
    report = build.report("2021")
    build.appeals(report, row, upheld=1, corrected=3, pending=5)
    (finding,) = build.findings(report, "W6")
    assert finding.severity is Severity.INFO
    assert finding.cells == (CellRef("table4", row, "corrected"),)
    assert finding.values == {"left": 3, "right": 4}


def test_it_does_not_note_a_corrected_share_at_the_threshold(build):
    report = build.report("2019")
    build.appeals(report, "review", upheld=1, corrected=1, pending=5)
    assert build.findings(report, "W6") == []
    settings = CheckSettings(w6_corrected_share=0.4)
    assert len(build.findings(report, "W6", settings=settings)) == 1


def test_it_does_not_count_pending_cases_as_decided(build):
    report = build.report("2021")
    build.appeals(report, "review", corrected=1, other=1, pending=8)
    assert build.findings(report, "W6") == []


def test_it_warns_on_regulations_from_the_office_of_a_county_government(build):
    """立法法 第八十二条: a county government makes no 规章, nor does its office for it."""
    report = build.report("2021", organ="某县人民政府办公室", organ_kind=None)
    report.set("table2", "regulations", "in_force", 3)
    (finding,) = build.findings(report, "W1")
    assert finding.cells == (CellRef("table2", "regulations", "in_force"),)
