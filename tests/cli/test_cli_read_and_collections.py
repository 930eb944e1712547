"""``gongkai read`` and ``gongkai check`` on published reports: PDFs, HTML and text read from the
shared corpus, whole directories checked in parallel with a summary, results saved as JSON Lines
or Excel, and the 批注版."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from cli.helpers import Invoke, RunInstalled, assert_exit
from gongkai.report.canonical import loads
from support.corpus import CORPUS

RAW = CORPUS / "raw"
SEED = RAW / "seed-qingshan-justice-2023.txt"


def test_checking_the_hongze_pdf_reports_the_two_table_4_totals_printed_as_0(
    invoke: Invoke,
) -> None:
    result = invoke("check", RAW / "002.pdf", "--format", "json")
    assert_exit(result, 1)
    (entry,) = json.loads(result.output)
    errors = {f["rule"]: f for f in entry["findings"] if f["severity"] == "error"}
    # left is the printed 总计, right the sum of its parts
    assert errors["A5"]["values"] == {"left": 0, "right": 11, "difference": -11}
    assert errors["A7"]["values"] == {"left": 0, "right": 5, "difference": -5}


def test_the_table_output_says_on_which_page_and_line_a_faulty_total_was_printed(
    invoke: Invoke,
) -> None:
    result = invoke("check", RAW / "002.pdf")
    assert_exit(result, 1)
    assert "002.pdf 第4页" in result.output


def test_read_shows_each_number_and_where_it_was_printed(invoke: Invoke) -> None:
    result = invoke("read", RAW / "004.html")
    assert_exit(result, 0)
    assert "上海市人民政府办公厅" in result.output
    assert "821" in result.output  # 本年新收, 自然人
    assert "第2个表格" in result.output


def test_read_as_json_gives_canonical_json_with_the_same_numbers(invoke: Invoke) -> None:
    result = invoke("read", SEED, "--format", "json")
    assert_exit(result, 0)
    report = loads(result.output.encode("utf-8"))
    assert (report.organ, report.year) == ("青山区司法局", 2023)
    assert report.value("table3", "total", "total") == 0


def test_read_as_markdown_prints_the_national_tables(invoke: Invoke) -> None:
    result = invoke("read", RAW / "002.pdf", "--format", "md")
    assert_exit(result, 0)
    assert "| 4119 |" in result.output.replace("|4119|", "| 4119 |")


def test_read_lists_what_the_reader_could_not_read(invoke: Invoke) -> None:
    result = invoke("read", RAW / "007.txt")
    assert_exit(result, 0)
    assert "R3" in result.output
    assert "693665" in result.output


def test_read_refuses_an_image_in_chinese_with_exit_2(invoke: Invoke, tmp_path: Path) -> None:
    image = tmp_path / "年报.pdf"
    image.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    result = invoke("read", image)
    assert_exit(result, 2)
    assert "JPEG" in result.output


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    folder = tmp_path / "年报"
    (folder / "2023").mkdir(parents=True)
    for name in ("002.pdf", "004.html", "007.txt", "012.md"):
        shutil.copy(RAW / name, folder / name)
    shutil.copy(SEED, folder / "2023" / SEED.name)
    (folder / "说明.png").write_bytes(b"\x89PNG")  # not a report kind: not collected
    (folder / "坏.txt").write_bytes(b"\x00\x01" * 50)
    return folder


def test_a_directory_is_checked_whole_with_a_summary(invoke: Invoke, collection: Path) -> None:
    result = invoke("check", collection, "-j", "2")
    assert_exit(result, 2)  # 坏.txt cannot be read
    assert "共 6 个文件：读取 5 个，无法读取 1 个" in result.output
    assert "最常见的规则" in result.output
    assert "青山区司法局" in result.output


def test_parallel_and_serial_checks_give_the_same_results(invoke: Invoke, collection: Path) -> None:
    serial = json.loads(invoke("check", collection, "--format", "json").output)
    parallel = json.loads(invoke("check", collection, "--format", "json", "-j", "2").output)
    assert serial == parallel
    assert Path(serial[0]["file"]).name == "002.pdf"


def test_results_are_saved_as_json_lines(invoke: Invoke, collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "结果.jsonl"
    assert_exit(invoke("check", collection, "--output", out), 2)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 6
    assert {line["error"]["code"] for line in lines if "error" in line} == {"unsupported"}


def test_results_are_saved_as_an_excel_workbook_of_files_and_findings(
    invoke: Invoke, collection: Path, tmp_path: Path
) -> None:
    out = tmp_path / "结果.xlsx"
    assert_exit(invoke("check", collection, "--output", out), 2)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["文件", "问题"]
    files = list(book["文件"].iter_rows(min_row=2, values_only=True))
    assert len(files) == 6
    rules = {row[3] for row in book["问题"].iter_rows(min_row=2, values_only=True)}
    assert {"A5", "A7"} <= rules


def test_an_existing_results_file_is_kept_without_force(
    invoke: Invoke, collection: Path, tmp_path: Path
) -> None:
    out = tmp_path / "结果.jsonl"
    out.write_text("旧结果", encoding="utf-8")
    result = invoke("check", collection, "--output", out)
    assert_exit(result, 2)
    assert out.read_text(encoding="utf-8") == "旧结果"
    assert "--force" in result.output


def test_an_unknown_results_suffix_is_refused_before_any_work(
    invoke: Invoke, collection: Path, tmp_path: Path
) -> None:
    result = invoke("check", collection, "--output", tmp_path / "结果.csv")
    assert_exit(result, 2)
    assert ".jsonl" in result.output


def test_the_annotated_html_marks_the_faulty_table_4_totals(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "批注版.html"
    assert_exit(invoke("check", RAW / "002.pdf", "--annotate", out), 1)
    html = out.read_text(encoding="utf-8")
    assert "A5" in html
    assert "A7" in html


def test_annotate_takes_one_report_only(invoke: Invoke, collection: Path, tmp_path: Path) -> None:
    result = invoke("check", collection, "--annotate", tmp_path / "批注版.pdf")
    assert_exit(result, 2)
    assert "只能" in result.output


def test_the_installed_command_checks_a_directory_without_a_traceback(
    run_installed: RunInstalled, collection: Path
) -> None:
    done = run_installed("check", collection, "-j", "2")
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert "有错误的报告" in done.stdout
