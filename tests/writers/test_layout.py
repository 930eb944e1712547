"""The shared layout: every grid covers its table exactly, every value cell appears once, and the
merged regions are those DOMAIN §1.3–§1.5 and §2.3–§2.5 give for both formats."""

from __future__ import annotations

import pytest

from gongkai.report.formats import FORMAT_2019, FORMAT_2021, FORMATS
from gongkai.report.model import Cell, Report
from gongkai.report.spec import FormatSpec, TableSpec
from gongkai.writers.layout import ROW_LABEL_HEADER, Role, TableGrid, layout

TABLES = [(spec.key, table) for spec in FORMATS.values() for table in spec.tables]


def _region(grid: TableGrid, text: str) -> tuple[int, int]:
    matches = [(cell.rowspan, cell.colspan) for cell in grid.cells if cell.text == text]
    assert matches, text
    return matches[0]


@pytest.mark.parametrize(("format_key", "table"), TABLES, ids=lambda v: getattr(v, "key", v))
def test_every_slot_is_covered_exactly_once(format_key: str, table: TableSpec) -> None:
    grid = layout(table)
    covered: dict[tuple[int, int], str] = {}
    for cell in grid.cells:
        for row in range(cell.top, cell.bottom):
            for column in range(cell.left, cell.right):
                assert (row, column) not in covered, (row, column, cell.text)
                covered[row, column] = cell.text
    assert len(covered) == grid.height * grid.width


@pytest.mark.parametrize(("format_key", "table"), TABLES, ids=lambda v: getattr(v, "key", v))
def test_every_value_cell_of_the_format_appears_once(format_key: str, table: TableSpec) -> None:
    refs = [(cell.ref.row, cell.ref.column) for cell in layout(table).values() if cell.ref]
    expected = [(row.key, column.key) for row, column in table.cells()]
    assert sorted(refs) == sorted(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(("spec", "outcome_rows"), [(FORMAT_2021, 22), (FORMAT_2019, 20)])
def test_table_3_has_the_national_header_and_row_spans(spec: FormatSpec, outcome_rows: int) -> None:
    table = spec.table("table3")
    grid = layout(table)
    assert table.corner_note is not None
    assert _region(grid, table.corner_note) == (3, 3)
    assert _region(grid, "申请人情况") == (1, 7)
    assert _region(grid, "自然人") == (2, 1)
    assert _region(grid, "法人或其他组织") == (1, 5)
    assert _region(grid, "总计") == (2, 1)
    assert _region(grid, "三、本年度办理结果") == (outcome_rows, 1)
    assert _region(grid, "（三）不予公开") == (8, 1)
    assert _region(grid, "（四）无法提供") == (3, 1)
    assert _region(grid, "（五）不予处理") == (5, 1)
    assert _region(grid, "（七）总计") == (1, 2)
    assert _region(grid, "一、本年新收政府信息公开申请数量") == (1, 3)
    other = (3, 1) if spec.key == "2021" else (1, 2)
    assert _region(grid, "（六）其他处理") == other
    assert grid.width == 10
    assert grid.height == 3 + 2 + outcome_rows + 1


def test_table_4_prints_its_rows_as_header_groups_over_15_numbers() -> None:
    grid = layout(FORMAT_2021.table("table4"))
    assert _region(grid, "行政复议") == (1, 5)
    assert _region(grid, "行政诉讼") == (1, 10)
    assert _region(grid, "未经复议直接起诉") == (1, 5)
    assert _region(grid, "复议后起诉") == (1, 5)
    first_header = next(cell for cell in grid.cells if cell.text == "结果维持")
    assert (first_header.top, first_header.rowspan) == (1, 2)
    values = list(grid.values())
    assert len(values) == 15
    assert {cell.top for cell in values} == {3}


@pytest.mark.parametrize("spec", [FORMAT_2021, FORMAT_2019], ids=["2021", "2019"])
def test_table_2_stacks_one_sub_table_per_caption(spec: FormatSpec) -> None:
    grid = layout(spec.table("table2"))
    captions = [cell for cell in grid.cells if cell.role is Role.CAPTION]
    assert captions[0].text == "第二十条第（一）项"
    assert all(cell.colspan == 4 for cell in captions)
    assert sum(cell.text == ROW_LABEL_HEADER for cell in grid.cells) == len(captions)
    if spec.key == "2021":  # the single value column spans three (DOMAIN §1.3)
        assert _region(grid, "本年处理决定数量") == (1, 3)


def test_a_heading_with_a_printed_subtotal_gets_a_row_of_its_own() -> None:
    # 2021 reports that print （六）其他处理 as one row (corpus 002): its numbers are kept.
    report = Report(format="2021", organ="某局", year=2023)
    report.set("table3", "other", "total", Cell(4))
    grid = layout(FORMAT_2021.table("table3"), report)
    heading = next(cell for cell in grid.cells if cell.text == "（六）其他处理")
    assert heading.rowspan == 4
    own = [cell for cell in grid.values() if cell.ref and cell.ref.row == "other"]
    assert len(own) == 7
    assert {cell.top for cell in own} == {heading.top}
    assert next(cell.text for cell in own if cell.ref and cell.ref.column == "total") == "4"


def test_missing_and_absent_values_print_as_a_dash_and_zero_as_0() -> None:
    report = Report(format="2021", organ="某局", year=2023)
    report.set("table4", "review", "upheld", 0)
    report.set("table4", "review", "corrected", None)
    texts = {
        cell.ref.column: cell.text
        for cell in layout(FORMAT_2021.table("table4"), report).values()
        if cell.ref and cell.ref.row == "review"
    }
    assert texts["upheld"] == "0"
    assert texts["corrected"] == "—"
    assert texts["other"] == "—"


def test_printed_text_is_kept_while_it_still_says_the_value() -> None:
    report = Report(format="2021", organ="某局", year=2023)
    report.set("table2", "normative_docs", "issued", Cell(22, raw="22（其中修订16件）"))
    report.set("table2", "normative_docs", "abolished", Cell(5, raw="3（已更正）"))
    texts = {
        cell.ref.column: cell.text
        for cell in layout(FORMAT_2021.table("table2"), report).values()
        if cell.ref and cell.ref.row == "normative_docs"
    }
    assert texts["issued"] == "22（其中修订16件）"
    assert texts["abolished"] == "5"  # the value was edited after reading: print the number
