"""``gongkai extract``: real reports of both formats into one data set, every cell by its key,
the same rows with -j 2, unreadable files listed with the reason."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.helpers import Invoke, assert_exit
from gongkai.report.dataset import COLUMNS
from support.corpus import CORPUS, load_truth

RAW = CORPUS / "raw"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """Three real reports: 2019 format (平潭 2020), 2021 format (平潭 2021), a PDF (洪泽 2023)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("006.txt", "007.txt", "002.pdf"):
        shutil.copy(RAW / name, folder / name)
    return folder


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_each_report_is_one_row_with_every_cell_by_its_key(
    invoke: Invoke, reports: Path, tmp_path: Path
) -> None:
    out = tmp_path / "data.csv"
    assert_exit(invoke("extract", reports, "--output", out), 0)
    rows = {Path(row["file"]).name: row for row in read_csv(out)}
    assert set(rows) == {"002.pdf", "006.txt", "007.txt"}
    assert list(read_csv(out)[0]) == list(COLUMNS)
    truth = load_truth(CORPUS / "truth" / "007.json")
    row = rows["007.txt"]
    assert (row["year"], row["format"]) == ("2021", "2021")
    assert row["table3.new_received.total"] == str(truth["table3"]["new_received"][6])
    assert row["table3.other_other.total"] == str(truth["table3"]["other_other"][6])
    assert row["figure.received"] == "70"
    # The 2019-format report: its single 其他处理 row, and no 2021-only cell invented.
    old = rows["006.txt"]
    assert old["format"] == "2019"
    assert old["table3.other.total"] == "4"
    assert old["table3.other_other.total"] == ""
    assert old["figure.other"] == "4"
    # The checker's findings travel with the row.
    # 洪泽 2023 prints two of table 四's totals as 0 (corpus notes): errors, with their rules.
    assert int(rows["002.pdf"]["errors"]) > 0
    assert {f["rule"] for f in json.loads(rows["002.pdf"]["findings"])} >= set(
        rows["002.pdf"]["rules"].split()
    )


def test_parallel_extraction_gives_the_same_rows(
    invoke: Invoke, reports: Path, tmp_path: Path
) -> None:
    assert_exit(invoke("extract", reports, "--output", tmp_path / "one.jsonl"), 0)
    assert_exit(invoke("extract", reports, "-j", "2", "--output", tmp_path / "two.jsonl"), 0)
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    lines = (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert json.loads(lines[0])["file"].endswith("002.pdf")


def test_an_excel_data_set_has_the_data_and_the_meaning_of_each_field(
    invoke: Invoke, reports: Path, tmp_path: Path
) -> None:
    out = tmp_path / "data.xlsx"
    assert_exit(invoke("extract", reports, "--output", out), 0)
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["数据", "字段说明"]
    data = list(book["数据"].iter_rows(values_only=True))
    assert data[0][:4] == ("file", "organ", "year", "format")
    assert len(data) == 4
    fields = {row[0]: row[1] for row in book["字段说明"].iter_rows(values_only=True)}
    assert "本年新收" in str(fields["table3.new_received.total"])


def test_an_unreadable_file_gets_a_row_with_the_reason_and_exit_2(
    invoke: Invoke, reports: Path, tmp_path: Path
) -> None:
    (reports / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    out = tmp_path / "data.csv"
    result = invoke("extract", reports, "--output", out)
    assert_exit(result, 2)
    assert "无法读取" in result.output
    rows = {Path(row["file"]).name: row for row in read_csv(out)}
    assert rows["broken.pdf"]["unreadable"]
    assert rows["broken.pdf"]["organ"] == ""
    assert rows["007.txt"]["unreadable"] == ""


def test_it_refuses_an_unknown_output_kind_and_keeps_an_existing_file(
    invoke: Invoke, reports: Path, tmp_path: Path
) -> None:
    assert invoke("extract", reports, "--output", tmp_path / "data.txt").exit_code != 0
    out = tmp_path / "data.csv"
    out.write_text("keep")
    result = invoke("extract", reports, "--output", out)
    assert result.exit_code != 0
    assert out.read_text() == "keep"
    assert_exit(invoke("extract", reports, "--output", out, "--force"), 0)
    assert out.read_text(encoding="utf-8-sig").startswith("file,")
