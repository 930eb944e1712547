"""A label matched by anything but its whole text must name one row unambiguously: a label cut
short names the one row it begins, a misprint the one row it is clearly closest to; otherwise the
row is missing, never another row's."""

from __future__ import annotations

import pytest

from gongkai.readers.rowlabels import match_row
from gongkai.report.formats import get_format

TABLE3 = get_format("2021").table("table3")


@pytest.mark.parametrize(
    ("printed", "row"),
    [
        ("1.属于国家", "denied_state_secret"),  # clipped by a narrow column: one row begins so
        ("8.属于行政查询事项", "denied_admin_query"),
        ("2.其他法律行政止公开", "denied_other_law"),  # a misprint, close to one row only
    ],
)
def test_an_unambiguous_label_names_its_row(printed: str, row: str) -> None:
    match = match_row(TABLE3, printed)
    assert match is not None
    assert match.row.key == row


def test_a_label_cut_short_that_begins_two_rows_names_neither() -> None:
    # begins both 属于行政执法案卷 and 属于行政查询事项
    assert match_row(TABLE3, "（三）不予公8.属于行政") is None


def test_a_misprint_about_as_close_to_two_rows_names_neither() -> None:
    # 0.85 like （六）1 (逾期不补正) and 0.83 like （六）2 (缴纳费用): not clearly either
    assert match_row(TABLE3, "申请人逾期不补正缴纳费用、行政机关不再处理其政府信息公开申请") is None
