"""The site's own XLSX, read back, keeps the organ, the title and the date it names on its 说明
sheet (issue 12: uploaded back, it lost all three)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import openpyxl

import gongkai

SEED = Path(gongkai.__file__).parent / "samples" / "qingshan-justice-2023.json"


def test_the_organ_title_and_date_come_back_from_the_info_sheet() -> None:
    report = gongkai.read(SEED)
    back = gongkai.read_bytes(gongkai.write(report, "xlsx"), "青山区司法局2023.xlsx")
    assert back.organ == "青山区司法局"
    assert back.year == 2023
    assert back.published_on == datetime.date(2024, 1, 18)
    assert back.title is not None
    assert "青山区司法局" in back.title
    assert "2023" in back.title
    assert not [f for f in back.reading if "机关名称" in f.message_zh or "标题" in f.message_zh]
    numbers = {(t, r, c): cell.value for t, r, c, cell in back.iter_cells()}
    assert numbers == {(t, r, c): cell.value for t, r, c, cell in report.iter_cells()}


def test_the_info_sheet_is_not_read_as_a_table() -> None:
    data = gongkai.write(gongkai.read(SEED), "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[-1] == "说明"
    sheet = book["说明"]
    sheet.append(("备注", "行政复议 1 2 3"))  # text that would look like table content
    buffer = io.BytesIO()
    book.save(buffer)
    back = gongkai.read_bytes(buffer.getvalue(), "x.xlsx")
    assert back.value("table4", "review", "upheld") == 0
