"""The organ's report of the year before as a witness for glued digit runs (issue 14 item 6).

Each report here is made for the test (示例数据): every cell 0 but the few that matter, printed
as text with tab-separated cells, then one row glued together as a crawler leaves it. Alone, the
glued run has more than one reading and stays missing; with last year's report exactly one
reading agrees with the cross-year balance (Y1–Y3) and is taken, with finding R15 quoting both
years; a witness that agrees with no reading, or says nothing, leaves the row missing.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.readers import read_bytes
from gongkai.report.model import Number, Report
from support.witnessed import glued as _glued
from support.witnessed import report_with as _report

T3_CARRIED_OVER = "二、上年结转政府信息公开申请数量"


def _values(report: Report, table: str, row: str) -> list[Number | None] | None:
    cells = report.tables.get(table, {}).get(row)
    return None if cells is None else [cell.value for cell in cells.values()]


# ── 2021 format: 现行有效 = 上年现行有效 + 本年制发 − 本年废止 ───────────────────────────────────

# This year's 规章 row is 2 | 0 | 13, printed '2013': also 20 | 1 | 3.
THIS_2021 = _report(
    "2021",
    2023,
    {
        ("table2", "regulations", "issued"): 2,
        ("table2", "regulations", "in_force"): 13,
    },
)
TEXT_2021 = _glued(THIS_2021, "规章")


def _last_2021(in_force: Number, year: int = 2022) -> Report:
    return _report("2021", year, {("table2", "regulations", "in_force"): in_force})


def test_a_glued_2021_row_alone_has_two_readings_and_stays_missing() -> None:
    report = read_bytes(TEXT_2021, "2023.txt")
    assert _values(report, "table2", "regulations") is None
    (ambiguous,) = [f for f in report.reading if f.rule == "R3"]
    assert "2|0|13" in ambiguous.message_zh
    assert "20|1|3" in ambiguous.message_zh


def test_last_years_in_force_count_decides_the_2021_split() -> None:
    report = read_bytes(TEXT_2021, "2023.txt", previous=_last_2021(11))
    assert _values(report, "table2", "regulations") == [2, 0, 13]
    (decided,) = [f for f in report.reading if f.rule == "R15"]
    assert "2013" in decided.message_zh
    assert "2022 年报告现行有效 11 件" in decided.message_zh
    assert "13" in decided.message_zh
    assert not [f for f in report.reading if f.rule == "R3"]


def test_a_2021_witness_that_agrees_with_no_reading_leaves_the_row_missing() -> None:
    report = read_bytes(TEXT_2021, "2023.txt", previous=_last_2021(50))
    assert _values(report, "table2", "regulations") is None
    assert [f.rule for f in report.reading if f.rule in ("R3", "R15")] == ["R3"]


def test_a_witness_whose_cell_is_missing_decides_nothing() -> None:
    last = _last_2021(11)
    last.set("table2", "regulations", "in_force", None)
    report = read_bytes(TEXT_2021, "2023.txt", previous=last)
    assert _values(report, "table2", "regulations") is None
    assert any(f.rule == "R3" for f in report.reading)


def test_a_report_of_another_year_is_no_witness_and_says_so() -> None:
    report = read_bytes(TEXT_2021, "2023.txt", previous=_last_2021(11, year=2021))
    assert _values(report, "table2", "regulations") is None
    (unused,) = [f for f in report.reading if f.rule == "R16"]
    assert "2021 年度" in unused.message_zh
    assert "2022 年度" in unused.message_zh


def test_among_several_reports_the_one_of_the_year_before_is_the_witness() -> None:
    archive = [_last_2021(99, year=2021), _last_2021(11), _last_2021(7, year=2023)]
    report = read_bytes(TEXT_2021, "2023.txt", previous=archive)
    assert _values(report, "table2", "regulations") == [2, 0, 13]
    assert not [f for f in report.reading if f.rule == "R16"]


def test_rows_the_witness_has_no_relation_for_are_read_as_without_it() -> None:
    plain = read_bytes(TEXT_2021, "2023.txt")
    witnessed = read_bytes(TEXT_2021, "2023.txt", previous=_last_2021(11))
    for key, row in plain.tables["table3"].items():
        assert witnessed.tables["table3"][key] == row


# ── 2019 format: 本年“上一年项目数量” = 上年“上一年项目数量” + 上年“本年增/减” ──────────────────

# This year's 行政许可 row is 31 | 0 | 44, printed '31044': also 3|10|44, 310|4|4, 3|104|4.
THIS_2019 = _report(
    "2019",
    2020,
    {
        ("table2", "licensing", "previous_count"): 31,
        ("table2", "licensing", "decisions"): 44,
    },
)
TEXT_2019 = _glued(THIS_2019, "行政许可")


def _last_2019(previous_count: Number, change: Number) -> Report:
    return _report(
        "2019",
        2019,
        {
            ("table2", "licensing", "previous_count"): previous_count,
            ("table2", "licensing", "change"): change,
        },
    )


def test_a_glued_2019_row_alone_has_several_readings_and_stays_missing() -> None:
    report = read_bytes(TEXT_2019, "2020.txt")
    assert _values(report, "table2", "licensing") is None
    assert any(f.rule == "R3" and "31044" in f.message_zh for f in report.reading)


def test_last_years_count_and_change_decide_the_2019_split() -> None:
    report = read_bytes(TEXT_2019, "2020.txt", previous=_last_2019(30, 1))
    assert _values(report, "table2", "licensing") == [31, 0, 44]
    (decided,) = [f for f in report.reading if f.rule == "R15"]
    assert "2019 年报告上一年项目数量 30、本年增/减 +1" in decided.message_zh
    assert "31" in decided.message_zh


def test_a_2019_witness_that_agrees_with_no_reading_leaves_the_row_missing() -> None:
    report = read_bytes(TEXT_2019, "2020.txt", previous=_last_2019(30, 5))
    assert _values(report, "table2", "licensing") is None
    assert not [f for f in report.reading if f.rule == "R15"]


def test_a_2021_report_is_no_witness_for_a_2019_format_table_2() -> None:
    last = _report("2021", 2019, {("table2", "licensing", "decisions"): 31})
    report = read_bytes(TEXT_2019, "2020.txt", previous=last)
    assert _values(report, "table2", "licensing") is None


# ── Table 三: 上年结转 = 上年“结转下年度继续办理” (both formats) ─────────────────────────────────


def _carried(format_key: str, year: int, natural: int, commercial: int, total: int) -> Report:
    """A report whose 上年结转 row is ``natural | commercial | 0 … | total``; its 本年新收 row
    is not printed, so table 三's column identities cannot decide a glued 上年结转."""
    report = _report(
        format_key,
        year,
        {
            ("table3", "carried_over", "natural_person"): natural,
            ("table3", "carried_over", "commercial_enterprise"): commercial,
            ("table3", "carried_over", "total"): total,
        },
    )
    del report.tables["table3"]["new_received"]
    return report


def _forward(format_key: str, year: int, natural: int, commercial: int, total: int) -> Report:
    return _report(
        format_key,
        year,
        {
            ("table3", "carried_forward", "natural_person"): natural,
            ("table3", "carried_forward", "commercial_enterprise"): commercial,
            ("table3", "carried_forward", "total"): total,
        },
    )


def test_table_3_carried_over_is_decided_by_last_years_carried_forward_in_both_formats() -> None:
    for format_key, year in (("2019", 2020), ("2021", 2023)):
        # 11 | 0 | … | 11 printed '110000011': also 1 | 10 | 0 … | 11
        text = _glued(_carried(format_key, year, 11, 0, 11), T3_CARRIED_OVER)
        alone = read_bytes(text, "t3.txt")
        assert _values(alone, "table3", "carried_over") is None, format_key
        assert any(f.rule == "R3" and "110000011" in f.message_zh for f in alone.reading)

        witnessed = read_bytes(text, "t3.txt", previous=_forward(format_key, year - 1, 11, 0, 11))
        assert _values(witnessed, "table3", "carried_over") == [11, 0, 0, 0, 0, 0, 11]
        (decided,) = [f for f in witnessed.reading if f.rule == "R15"]
        assert f"{year - 1} 年报告“结转下年度继续办理”为 11|0|0|0|0|0|11" in decided.message_zh

        other = read_bytes(text, "t3.txt", previous=_forward(format_key, year - 1, 1, 10, 11))
        assert _values(other, "table3", "carried_over") == [1, 10, 0, 0, 0, 0, 11]

        against = read_bytes(text, "t3.txt", previous=_forward(format_key, year - 1, 5, 6, 11))
        assert _values(against, "table3", "carried_over") is None
        assert not [f for f in against.reading if f.rule == "R15"]


def test_a_2020_report_witnesses_table_3_of_a_2021_format_report() -> None:
    # Y1 holds across the change of format: both have the two rows
    text = _glued(_carried("2021", 2021, 11, 0, 11), T3_CARRIED_OVER)
    report = read_bytes(text, "t3.txt", previous=_forward("2019", 2020, 11, 0, 11))
    assert _values(report, "table3", "carried_over") == [11, 0, 0, 0, 0, 0, 11]


# ── Property: a consistent witness never gives a wrong number ─────────────────────────────────


@settings(max_examples=60, deadline=None)
@given(
    issued=st.integers(0, 120),
    abolished=st.integers(0, 120),
    in_force=st.integers(0, 400),
    before=st.integers(0, 400),
)
def test_a_witness_only_adds_cells_and_never_a_wrong_one_when_the_balance_holds(
    issued: int, abolished: int, in_force: int, before: int
) -> None:
    this = _report(
        "2021",
        2023,
        {
            ("table2", "regulations", "issued"): issued,
            ("table2", "regulations", "abolished"): abolished,
            ("table2", "regulations", "in_force"): in_force,
        },
    )
    text = _glued(this, "规章")
    alone = read_bytes(text, "2023.txt")
    witnessed = read_bytes(text, "2023.txt", previous=_last_2021(before))
    printed = [issued, abolished, in_force]
    read_alone = _values(alone, "table2", "regulations")
    read_witnessed = _values(witnessed, "table2", "regulations")
    if read_alone is not None:  # every cell the reading had alone stays as it was
        assert read_witnessed is not None
        for value, witnessed_value in zip(read_alone, read_witnessed, strict=True):
            assert value is None or witnessed_value == value
    if read_witnessed is not None and read_witnessed != read_alone:
        assert read_witnessed[2] == before + read_witnessed[0] - read_witnessed[1]
        if in_force == before + issued - abolished:  # the printed numbers agree with last year
            assert read_witnessed == printed
