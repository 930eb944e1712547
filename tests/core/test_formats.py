"""The two formats as data: the cell counts of DOMAIN §3.1 F3 and the exact labels."""

from __future__ import annotations

import pytest

from gongkai.report.formats import FORMAT_2019, FORMAT_2021, expected_format, get_format
from gongkai.report.labels import detect_format, normalize_label, short_label
from gongkai.report.organs import OrganKind, government_served, guess_organ_kind
from gongkai.report.spec import ColumnKind


@pytest.mark.parametrize(
    ("spec", "counts"),
    [(FORMAT_2021, (10, 175, 15)), (FORMAT_2019, (22, 161, 15))],
    ids=["2021", "2019"],
)
def test_each_format_has_the_numeric_cells_the_national_format_prescribes(spec, counts) -> None:
    assert tuple(spec.table(key).cell_count for key in ("table2", "table3", "table4")) == counts


def test_2021_splits_other_handling_into_three_rows_and_2019_keeps_one() -> None:
    assert [r.key for r in FORMAT_2021.table("table3").leaves("other")] == [
        "other_no_correction",
        "other_no_fee",
        "other_other",
    ]
    assert [r.key for r in FORMAT_2019.table("table3").leaves("other")] == ["other"]
    assert len(FORMAT_2021.table("table3").data_rows) == 25
    assert len(FORMAT_2019.table("table3").data_rows) == 23


def test_table_3_carries_the_header_note_of_its_identity() -> None:
    note = FORMAT_2021.table("table3").corner_note
    assert note == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_the_fee_amount_is_in_ten_thousand_yuan_and_may_be_decimal() -> None:
    column = FORMAT_2021.table("table2").row("fees").column("amount")
    assert column.label == "本年收费金额（单位：万元）"
    assert column.kind is ColumnKind.AMOUNT


def test_the_2019_change_column_may_be_negative() -> None:
    column = FORMAT_2019.table("table2").row("licensing").column("change")
    assert (column.label, column.kind) == ("本年增/减", ColumnKind.CHANGE)


@pytest.mark.parametrize(
    ("year", "key"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2026, "2021")]
)
def test_the_year_decides_the_expected_format(year: int, key: str) -> None:
    spec = expected_format(year)
    assert spec is not None
    assert spec.key == key


def test_reports_before_2019_have_no_national_format() -> None:
    assert expected_format(2018) is None


def test_an_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="unknown report format"):
        get_format("2007")


@pytest.mark.parametrize(
    ("labels", "year", "key"),
    [
        (["信息内容", "本年制发件数", "本年废止件数"], 2019, "2021"),
        (["本年新\n制作数量", "对外公开总数量"], 2023, "2019"),
        (
            ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
            None,
            "2021",
        ),
        (["其他对外管理服务事项"], None, "2019"),
        (["一、总体情况"], 2022, "2021"),
        (["一、总体情况"], 2016, None),
    ],
)
def test_the_format_is_detected_from_labels_before_the_year(labels, year, key) -> None:
    assert detect_format(year, labels) == key


def test_label_normalisation_folds_the_variants_seen_in_real_reports() -> None:
    assert normalize_label("(五) 不\n予处理") == normalize_label("（五）不予处理")
    assert normalize_label('3.危及"三安全一稳定"') == normalize_label("3.危及“三安全一稳定”")
    assert normalize_label("本年收费金额(单位:万元)") == normalize_label(
        "本年收费金额（单位：万元）"
    )
    assert normalize_label("１２") == "12"


def test_short_labels_name_the_heading_of_a_sub_row() -> None:
    table = FORMAT_2021.table("table3")
    assert short_label(table, "denied_state_secret") == "（三）不予公开·1.属于国家秘密"
    assert short_label(table, "partial") == "（二）部分公开"
    assert (
        short_label(FORMAT_2021.table("table4"), "litigation_direct") == "行政诉讼·未经复议直接起诉"
    )


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("青山区司法局", OrganKind.DEPARTMENT),
        ("上海市人民政府办公厅", OrganKind.DEPARTMENT),
        ("上海市人民政府", OrganKind.PROVINCIAL_GOVERNMENT),
        ("湖北省人民政府", OrganKind.PROVINCIAL_GOVERNMENT),
        ("淮安市洪泽区人民政府", OrganKind.COUNTY_GOVERNMENT),
        ("通榆县团结乡人民政府", OrganKind.TOWNSHIP),
        ("尼勒克县某镇人民政府（镇名不在摘录中）", OrganKind.TOWNSHIP),
        ("平潭综合实验区管委会（办公室汇总）", OrganKind.OTHER),
        ("恩施土家族苗族自治州人民政府", OrganKind.CITY_GOVERNMENT),
        ("淮安市人民政府", None),
        ("青山区万青路街道办事处", OrganKind.SUBDISTRICT),
    ],
)
def test_the_organ_kind_is_guessed_from_the_name_only_where_it_tells(name, kind) -> None:
    assert guess_organ_kind(name) is kind


def test_a_government_office_serves_its_government() -> None:
    assert government_served("上海市人民政府办公厅") == "上海市人民政府"
    assert government_served("青山区司法局") is None
