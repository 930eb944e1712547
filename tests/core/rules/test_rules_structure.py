"""F1–F8: format, structure and the narrative's required content (DOMAIN §3.1)."""

from __future__ import annotations

import pytest

from gongkai.report import Cell, CellRef, CheckSettings, OrganKind, Severity, get_format

OTHER_SUBROWS = ("other_no_correction", "other_no_fee", "other_other")


def collapse_other(build, report, natural_person: int = 0) -> None:
    """Print 2021 （六）其他处理 as one row (the 2019 way), keeping the table consistent."""
    for key in OTHER_SUBROWS:
        build.drop_row(report, "table3", key)
    build.applicants(report, "other", natural_person=natural_person)


# ── F1 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("format_key", "year"), [("2019", 2019), ("2019", 2020), ("2021", 2021)])
def test_it_accepts_the_format_the_year_requires(build, format_key, year):
    """F1: 2019–2020 use 国办公开办函〔2019〕60号, 2021 on 〔2021〕30号."""
    assert build.findings(build.report(format_key, year=year), "F1") == []


@pytest.mark.parametrize(
    ("format_key", "year", "expected"), [("2019", 2021, "2021"), ("2021", 2020, "2019")]
)
def test_it_flags_a_report_in_the_format_of_another_year(build, format_key, year, expected):
    """F1: a mismatch means 使用旧版/错误格式."""
    (finding,) = build.findings(build.report(format_key, year=year), "F1")
    assert finding.severity is Severity.ERROR
    assert finding.values == {"expected": expected, "actual": format_key}
    assert finding.cells == ()


def test_it_notes_that_a_2018_report_predates_the_national_formats(build):
    """F1: Y ≤ 2018 → free-form (2007 条例), an informational note only."""
    (finding,) = build.findings(build.report("2019", year=2018), "F1")
    assert finding.severity is Severity.INFO


def test_it_flags_a_2021_report_that_prints_other_handling_as_one_row(build):
    """F1: 3 其他处理 rows ⇒ 2021, 1 ⇒ 2019 (DOMAIN §2.6 item 6)."""
    report = build.report("2021")
    collapse_other(build, report)
    (finding,) = build.findings(report, "F1")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (CellRef("table3", "other"),)


def test_it_does_not_call_a_2021_subtotal_printed_with_its_subrows_a_collapsed_row(build):
    report = build.report("2021")
    build.applicants(report, "other")
    assert build.findings(report, "F1") == []


# ── F2 ─────────────────────────────────────────────────────────────────────────────────────────


def test_it_accepts_six_sections_in_order(build):
    """F2: 条例第五十条; 30号 "不能遗漏"."""
    report = build.report("2021")
    assert list(report.sections) == [
        "preamble",
        *(section.key for section in get_format("2021").sections),
    ]
    assert build.findings(report, "F2") == []


@pytest.mark.parametrize("missing", ["overview", "appeals", "other"])
def test_it_flags_a_missing_section(build, missing):
    """F2: a missing section means 缺少章节 (条例第五十条)."""
    report = build.report("2021")
    del report.sections[missing]
    (finding,) = build.findings(report, "F2")
    assert finding.severity is Severity.ERROR
    assert finding.values == {"section": missing}


def test_it_flags_sections_in_the_wrong_order(build):
    report = build.report("2019")
    sections = report.sections
    order = ["preamble", "overview", "applications", "proactive", "appeals", "problems", "other"]
    report.sections = {key: sections[key] for key in order}
    (finding,) = build.findings(report, "F2")
    assert finding.severity is Severity.ERROR
    assert finding.values["order"] == "overview,applications,proactive,appeals,problems,other"


def test_it_flags_every_section_when_the_narrative_was_read_but_none_found(build):
    report = build.report("2021")
    report.sections = {}
    found = build.findings(report, "F2")
    assert sorted(f.values["section"] for f in found) == sorted(
        s.key for s in get_format("2021").sections
    )


def test_it_gives_one_note_and_skips_the_narrative_rules_when_there_is_no_narrative(build):
    """A tables-only record (sections None): F2 notes it once; F5–F8, W3, Y5 stay silent."""
    report = build.report("2021", sections=False)
    previous = build.previous(report)
    previous.tables = build.clone(report).tables  # tables Y5 would otherwise flag
    found = build.findings(report, previous=previous)
    f2 = [f for f in found if f.rule == "F2"]
    assert len(f2) == 1
    assert f2[0].severity is Severity.INFO
    assert not [f for f in found if f.rule in ("F5", "F6", "F7", "F8", "W3")]
    # Y5 still compares the tables, which need no narrative.
    assert [f.rule for f in found if f.rule == "Y5"] == ["Y5"]


# ── F3 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("format_key", ["2019", "2021"])
@pytest.mark.parametrize("table", ["table2", "table3", "table4"])
def test_it_flags_a_missing_table(build, format_key, table):
    """F3: a missing table means 表格缺失/不完整."""
    report = build.report(format_key)
    del report.tables[table]
    (finding,) = build.findings(report, "F3")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (CellRef(table),)


@pytest.mark.parametrize(
    ("format_key", "table", "row"),
    [
        ("2021", "table2", "fees"),
        ("2019", "table2", "procurement"),
        ("2019", "table2", "other_admin_services"),
        ("2021", "table3", "denied_state_secret"),
        ("2021", "table3", "other_no_fee"),
        ("2019", "table3", "other"),
        ("2019", "table3", "carried_forward"),
        ("2021", "table4", "litigation_after_review"),
    ],
)
def test_it_flags_a_missing_row(build, format_key, table, row):
    report = build.report(format_key)
    build.drop_row(report, table, row)
    (finding,) = build.findings(report, "F3")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (CellRef(table, row),)


@pytest.mark.parametrize(
    ("format_key", "table", "row", "column"),
    [
        ("2021", "table2", "normative_docs", "abolished"),
        ("2019", "table2", "licensing", "change"),
        ("2019", "table3", "granted", "legal_service_org"),
        ("2021", "table3", "total", "total"),
        ("2021", "table4", "review", "pending"),
    ],
)
def test_it_flags_a_missing_column(build, format_key, table, row, column):
    report = build.report(format_key)
    del report.tables[table][row][column]
    (finding,) = build.findings(report, "F3")
    assert finding.severity is Severity.ERROR
    assert finding.cells == (CellRef(table, row, column),)


@pytest.mark.parametrize(
    ("format_key", "cells"), [("2019", (22, 161, 15)), ("2021", (10, 175, 15))]
)
def test_it_expects_every_cell_of_the_format(build, format_key, cells):
    """F3: 2021 has 10 / 175 / 15 numeric cells, 2019 has 22 / 161 / 15."""
    spec = get_format(format_key)
    assert tuple(spec.table(key).cell_count for key in ("table2", "table3", "table4")) == cells
    report = build.report(format_key)
    for table in spec.tables:
        for row in table.data_rows:
            del report.tables[table.key][row.key][row.columns[0].key]
    found = build.findings(report, "F3")
    assert len(found) == sum(
        len(spec.table(key).data_rows) for key in ("table2", "table3", "table4")
    )


def test_it_does_not_ask_for_the_subrows_of_other_handling_printed_as_one_row(build):
    """F3 does not repeat F1: the collapsed 2021 （六） row stands for its three sub-rows."""
    report = build.report("2021")
    collapse_other(build, report)
    assert build.findings(report, "F3") == []


def test_it_still_asks_for_the_other_rows_of_a_2021_report_with_one_other_row(build):
    report = build.report("2021")
    collapse_other(build, report)
    build.drop_row(report, "table3", "notproc_repeat")
    (finding,) = build.findings(report, "F3")
    assert finding.cells == (CellRef("table3", "notproc_repeat"),)


def test_it_flags_a_missing_column_of_other_handling_printed_as_one_row(build):
    """F3: each table has all of its rows and columns; the one row standing for 2021 （六）
    must carry its seven numbers, or the cells it replaces are lost without a finding."""
    report = build.report("2021")
    collapse_other(build, report)
    del report.tables["table3"]["other"]["total"]
    (finding,) = build.findings(report, "F3")
    assert finding.cells == (CellRef("table3", "other", "total"),)


def test_it_warns_about_a_blank_cell_of_other_handling_printed_as_one_row(build):
    report = build.report("2021")
    collapse_other(build, report)
    report.set("table3", "other", "total", None)
    (finding,) = build.findings(report, "F4")
    assert finding.cells == (CellRef("table3", "other", "total"),)


# ── F4 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("printed", ["-", "—", "/", "无", "空"])
def test_it_warns_about_a_cell_printed_without_a_number(build, printed):
    """F4: blank, -, —, /, 无, 空 count as missing, not zero."""
    report = build.report("2021")
    report.set("table3", "granted", "natural_person", Cell(None, raw=printed))
    (finding,) = build.findings(report, "F4")
    assert finding.severity is Severity.WARNING
    assert finding.cells == (CellRef("table3", "granted", "natural_person"),)
    assert f"“{printed}”" in finding.message_zh


@pytest.mark.parametrize("format_key", ["2019", "2021"])
def test_it_names_every_blank_cell_of_a_row(build, format_key):
    report = build.report(format_key)
    report.set("table4", "review", "upheld", None)
    report.set("table4", "review", "total", None)
    (finding,) = build.findings(report, "F4")
    assert finding.cells == (
        CellRef("table4", "review", "upheld"),
        CellRef("table4", "review", "total"),
    )
    assert "空白" in finding.message_zh


def test_it_takes_zero_as_a_filled_cell(build):
    report = build.report("2021", numbers=False)
    assert build.findings(report, "F4") == []


# ── F5 ─────────────────────────────────────────────────────────────────────────────────────────


def test_it_flags_a_statistics_period_of_another_year(build):
    """F5: the period is Y年1月1日至Y年12月31日 (四川 DB51/T 2660—2019 §2.1)."""
    report = build.report("2021", year=2023)
    report.sections["preamble"] = "所列数据统计期限为2022年1月1日至2022年12月31日。"
    (finding,) = build.findings(report, "F5")
    assert finding.severity is Severity.ERROR
    assert finding.values == {"stated": 2022, "year": 2023}


def test_it_flags_a_period_that_ends_in_another_year(build):
    report = build.report("2021", year=2023)
    report.sections["preamble"] = "所列数据统计期限为2023年1月1日至2024年12月31日。"
    (finding,) = build.findings(report, "F5")
    assert finding.severity is Severity.ERROR


def test_it_accepts_a_period_without_the_second_year(build):
    report = build.report("2021", year=2023)
    report.sections["preamble"] = "本报告所列数据统计期限为2023年1月1日至12月31日。"
    assert build.findings(report, "F5") == []


def test_it_reads_a_period_written_in_full_width_digits(build):
    report = build.report("2021", year=2023)
    report.sections["preamble"] = "所列数据统计期限为２０２２年１月１日至２０２２年１２月３１日。"
    (finding,) = build.findings(report, "F5")
    assert finding.values == {"stated": 2022, "year": 2023}


def test_it_flags_a_title_naming_another_year(build):
    """F5: the title year equals Y."""
    report = build.report("2019", year=2020)
    report.title = "青山区司法局2019年政府信息公开工作年度报告"
    (finding,) = build.findings(report, "F5")
    assert finding.severity is Severity.ERROR
    assert finding.values == {"stated": 2019, "year": 2020}


def test_it_notes_a_preamble_without_a_statistics_period(build):
    report = build.report("2021")
    report.sections["preamble"] = "本年度报告根据《中华人民共和国政府信息公开条例》编制。"
    (finding,) = build.findings(report, "F5")
    assert finding.severity is Severity.INFO


def test_it_reads_the_period_from_the_overview_when_there_is_no_preamble(build):
    report = build.report("2021", year=2023)
    del report.sections["preamble"]
    report.sections["overview"] = (
        "所列数据统计期限为2022年1月1日至2022年12月31日。" + report.sections["overview"]
    )
    (finding,) = build.findings(report, "F5")
    assert finding.values == {"stated": 2022, "year": 2023}


# ── F6 ─────────────────────────────────────────────────────────────────────────────────────────

GOVERNMENTS = [
    ("青山区人民政府", OrganKind.COUNTY_GOVERNMENT),
    ("某省人民政府", OrganKind.PROVINCIAL_GOVERNMENT),
    ("某镇人民政府", OrganKind.TOWNSHIP),
]


@pytest.mark.parametrize(("organ", "kind"), GOVERNMENTS)
def test_it_warns_when_a_government_omits_appraisal_evaluation_and_accountability(
    build, organ, kind
):
    """F6: 条例第五十条第（四）项 — 工作考核、社会评议和责任追究结果情况."""
    report = build.report("2021", organ=organ, organ_kind=kind)
    report.sections["overview"] = "本年度认真贯彻落实《条例》，深化主动公开，规范依申请公开。"
    (finding,) = build.findings(report, "F6")
    assert finding.severity is Severity.WARNING
    assert finding.values == {"missing": "考核、评议、责任追究"}


def test_it_names_only_the_words_a_government_report_lacks(build):
    report = build.report("2021", organ="青山区人民政府", organ_kind=OrganKind.COUNTY_GOVERNMENT)
    report.sections["overview"] = "严格落实政务公开工作考核制度。"
    report.sections["problems"] += "社会评议结果良好。"
    (finding,) = build.findings(report, "F6")
    assert finding.values == {"missing": "责任追究"}


@pytest.mark.parametrize(("organ", "kind"), GOVERNMENTS)
def test_it_accepts_a_government_report_that_covers_article_50_item_4(build, organ, kind):
    report = build.report("2021", organ=organ, organ_kind=kind)
    assert build.findings(report, "F6") == []


def test_it_infers_a_government_from_its_name(build):
    report = build.report("2021", organ="青山区人民政府", organ_kind=None)
    report.sections["overview"] = "本年度认真贯彻落实《条例》。"
    (finding,) = build.findings(report, "F6")
    assert "按名称推断" in finding.message_zh


def test_it_does_not_ask_a_department_for_article_50_item_4(build):
    report = build.report("2021", organ_kind=OrganKind.DEPARTMENT)
    report.sections["overview"] = "本年度认真贯彻落实《条例》。"
    assert build.findings(report, "F6") == []


def test_it_does_not_ask_a_subdistrict_office_for_article_50_item_4(build):
    """F6 applies to 各级人民政府 (条例第五十条); a 街道办事处 is the district government's
    派出机关, not a people's government."""
    report = build.report("2021", organ="某街道办事处", organ_kind=None)
    report.sections["overview"] = "本年度认真贯彻落实《条例》。"
    assert build.findings(report, "F6") == []


# ── F7 ─────────────────────────────────────────────────────────────────────────────────────────


def test_it_warns_when_section_six_of_a_2021_report_says_nothing_about_fees(build):
    """F7: (2021+) section 六 states whether 信息处理费 was charged (国办函〔2020〕109号)."""
    report = build.report("2021")
    report.sections["other"] = "本机关无其他需要报告的事项。"
    (finding,) = build.findings(report, "F7")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ()


@pytest.mark.parametrize(
    "text", ["本年度未收取信息处理费。", "实际收取信息处理费共计400元。", "本年度未收取任何费用。"]
)
def test_it_accepts_a_section_six_that_states_the_fees(build, text):
    report = build.report("2021")
    report.sections["other"] = text
    assert build.findings(report, "F7") == []


def test_it_can_be_switched_off(build):
    """F7 rests on an unconfirmed reading of 30号 (DOMAIN §1.2 [M])."""
    report = build.report("2021")
    report.sections["other"] = "本机关无其他需要报告的事项。"
    assert build.findings(report, "F7", settings=CheckSettings(f7_enabled=False)) == []


def test_it_does_not_ask_a_2019_format_report_about_fees(build):
    report = build.report("2019")
    report.sections["other"] = "本机关无其他需要报告的事项。"
    assert build.findings(report, "F7") == []


# ── F8 ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("format_key", ["2019", "2021"])
@pytest.mark.parametrize("section", ["problems", "other"])
def test_it_warns_about_an_empty_section_five_or_six(build, format_key, section):
    """F8: sections 五 and 六 are not empty (30号 "不能遗漏")."""
    report = build.report(format_key)
    report.sections[section] = " \n "
    (finding,) = build.findings(report, "F8")
    assert finding.severity is Severity.WARNING
    assert "内容为空" in finding.message_zh


def test_it_warns_when_section_five_names_no_problems(build):
    report = build.report("2021")
    report.sections["problems"] = "下一步将加强业务培训，丰富解读形式。"
    (finding,) = build.findings(report, "F8")
    assert finding.severity is Severity.WARNING
    assert finding.message_en == "section 5 names no problems"


def test_it_warns_when_section_five_names_no_measures(build):
    report = build.report("2021")
    report.sections["problems"] = "存在的问题是信息公开不够及时。"
    (finding,) = build.findings(report, "F8")
    assert finding.severity is Severity.WARNING
    assert finding.message_en == "section 5 names no measures"
