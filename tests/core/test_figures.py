"""Key figures map both formats onto the same figures; year over year flags jumps and copies."""

from __future__ import annotations

import copy
from decimal import Decimal

from gongkai.report.figures import KeyFigures, add_figures, key_figures
from gongkai.report.model import Report
from gongkai.report.trends import (
    Anomaly,
    TrendSettings,
    is_jump,
    tables_identical,
    year_over_year,
)
from gongkai.report.truth import report_from_truth
from support.corpus import TRUTH, load_truth


def truth(name: str) -> Report:
    return report_from_truth(load_truth(TRUTH / f"{name}.json"))


def test_a_2019_format_report_gives_the_figures_from_its_single_other_row() -> None:
    figures = key_figures(truth("006"))  # 平潭 2020, 2019 format
    assert figures.get("received") == 21
    assert figures.get("answered") == 21
    assert figures.get("other") == 4
    # 2019 counted fee items, not money: the figure is absent, not 0.
    assert figures.get("fees") is None


def test_a_2021_format_report_adds_up_its_three_other_rows_and_its_fees() -> None:
    figures = key_figures(truth("007"))  # 平潭 2021, 2021 format
    assert figures.get("received") == 70
    assert figures.get("answered") == 69
    assert figures.get("other") == 1
    assert figures.get("review") == 3
    assert figures.get("review_corrected") == 0
    assert figures.get("litigation") == 12
    assert figures.get("fees") == Decimal("24252.311082")


def test_a_missing_cell_is_not_a_zero() -> None:
    report = Report(format="2021", organ="某局", year=2023)
    figures = key_figures(report)
    assert figures.get("received") is None
    assert figures.share("granted") is None


def test_shares_are_of_the_answered_applications() -> None:
    figures = KeyFigures({"granted": 3, "answered": 4, "review": 2, "litigation": 2})
    assert figures.share("granted") == 0.75
    assert figures.corrected_share is None  # no 纠正 printed
    corrected = KeyFigures({"review": 2, "litigation": 2, "review_corrected": 1})
    assert corrected.corrected_share == 0.25


def test_totals_keep_unknown_figures_unknown() -> None:
    total = add_figures([KeyFigures({"received": 2}), KeyFigures({"received": 3, "fees": None})])
    assert total.get("received") == 5
    assert total.get("fees") is None


def test_a_jump_needs_both_the_factor_and_a_count_worth_noticing() -> None:
    settings = TrendSettings(jump_factor=3.0, jump_min_count=10)
    assert is_jump(40, 10, settings)
    assert is_jump(10, 40, settings)  # a fall counts too
    assert not is_jump(25, 10, settings)
    assert not is_jump(4, 1, settings)  # small numbers move a lot
    assert is_jump(12, 0, settings)
    assert not is_jump(None, 10, settings)


def test_year_over_year_gives_the_change_and_flags_the_jump() -> None:
    rows = year_over_year(
        {2021: KeyFigures({"received": 10}), 2023: KeyFigures({"received": 50})},
        same_tables=frozenset({2023}),
    )
    assert [row.year for row in rows] == [2021, 2022, 2023]
    assert rows[1].figures is None
    # 2022 was not filed: 2023 has no previous year to compare with.
    assert rows[2].changes["received"].delta is None
    assert rows[2].anomalies == [Anomaly.SAME_TABLES]
    rows = year_over_year({2022: KeyFigures({"received": 10}), 2023: KeyFigures({"received": 50})})
    change = rows[1].changes["received"]
    assert (change.delta, change.ratio, change.jump) == (40, 5.0, True)
    assert rows[1].anomalies == [Anomaly.JUMP]


def test_tables_copied_from_last_year_are_identical_but_empty_ones_are_not() -> None:
    report = truth("007")
    copied = copy.deepcopy(report)
    copied.year = 2022
    assert tables_identical(copied, report)
    assert not tables_identical(truth("008"), report)
    empty = Report(format="2021", organ="某镇", year=2023)
    assert not tables_identical(empty, Report(format="2021", organ="某镇", year=2022))
