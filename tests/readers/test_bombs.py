"""Files built to exhaust a reader (issue 15): each ends in a Chinese message inside the limits,
read in a bounded child process, and the two the readers can see coming are refused before the
package is opened."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.errors import ReportInputError
from gongkai.readers import Limits, office, read_bounded
from support import bombs

LIMITS = Limits(wall_seconds=15, cpu_seconds=5, memory_mb=512)

BOMBS: dict[str, tuple[Callable[[], bytes], str]] = {
    "text_operators.pdf": (bombs.pdf_of_text_operators, "上限"),
    "spaces.pdf": (bombs.pdf_of_spaces, "内存超过上限（512 MB）"),
    "merged.xlsx": (bombs.xlsx_merged_over_the_whole_sheet, "A1:XFD1048576"),
    "wide_cells.docx": (bombs.docx_with_wide_cells, "横跨 2000000 列"),
    "digits.txt": (bombs.text_of_digits, ""),
    "one_line.txt": (bombs.text_of_one_line, ""),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_bomb_ends_in_a_chinese_message_within_the_limits(name: str, tmp_path: Path) -> None:
    make, expected = BOMBS[name]
    path = tmp_path / name
    path.write_bytes(make())
    began = time.monotonic()
    with pytest.raises(ReportInputError) as raised:
        read_bounded(path, LIMITS)
    elapsed = time.monotonic() - began
    assert elapsed < LIMITS.wall_seconds + 5
    assert expected in raised.value.message
    assert any("\u4e00" <= char <= "\u9fff" for char in raised.value.message)


def test_the_bombs_are_as_small_as_the_attackers(tmp_path: Path) -> None:
    assert len(bombs.xlsx_merged_over_the_whole_sheet()) < 8 * 1024
    assert len(bombs.docx_with_wide_cells()) < 48 * 1024
    assert len(bombs.pdf_of_text_operators()) < 2 * 1024 * 1024


def test_merged_cells_are_measured_before_openpyxl_expands_them() -> None:
    data = bombs.xlsx_merged_over_the_whole_sheet()
    with pytest.raises(ReportInputError) as raised:  # not a MemoryError after 3.5 GB of cells
        office.read_xlsx(data, source_file="merged.xlsx")
    assert raised.value.code == "sheet_too_large"


def test_a_word_cell_spanning_millions_of_columns_is_refused_before_python_docx_sees_it() -> None:
    with pytest.raises(ReportInputError) as raised:
        office.read_docx(bombs.docx_with_wide_cells(), source_file="wide.docx")
    assert raised.value.code == "damaged_docx"


def test_a_normal_report_reads_the_same_bounded_as_in_process(tmp_path: Path) -> None:
    import gongkai
    from gongkai.report.canonical import dumps
    from gongkai.writers import render

    seed = gongkai.read(Path(gongkai.__file__).parent / "samples" / "qingshan-justice-2023.json")
    path = tmp_path / "年报.docx"
    path.write_bytes(render(seed, "docx"))
    direct = gongkai.read(path)
    bounded = read_bounded(path, LIMITS)
    assert dumps(bounded) == dumps(direct)
    assert bounded.reading == direct.reading
    assert bounded.source_file == direct.source_file
