"""``gongkai check`` on files that are not reports: exit status 2, a Chinese message that says
what is wrong and where, no traceback, and every other file still checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli.helpers import (
    CLEAN_SAMPLE,
    HONGZE_SAMPLE,
    Invoke,
    WriteReport,
    assert_exit,
    json_output,
)

INVALID_JSON = '{\n "format": "2021",\n "organ": "测试局",\n "year": ,\n "tables": {}\n}\n'


def _single_error(invoke: Invoke, path: Path) -> dict[str, Any]:
    """The JSON error entry of a file that could not be read (after checking the exit status)."""
    result = invoke("check", "--format", "json", path)
    assert_exit(result, 2)
    (entry,) = json_output(result)
    assert set(entry) == {"file", "error"}
    error: dict[str, Any] = entry["error"]
    return error


def test_it_exits_2_on_a_file_that_does_not_exist(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("check", tmp_path / "没有这个文件.json")
    assert_exit(result, 2)
    assert "无法读取" in result.stdout
    assert "没有这个文件.json" in result.stdout
    assert "文件不存在" in result.stdout


def test_it_exits_2_on_an_empty_file(invoke: Invoke, write_report: WriteReport) -> None:
    result = invoke("check", write_report("empty.json", b""))
    assert_exit(result, 2)
    assert "文件为空" in result.stdout


def test_it_exits_2_on_a_picture_named_json_and_says_it_is_a_picture(
    invoke: Invoke, write_report: WriteReport
) -> None:
    binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    result = invoke("check", write_report("picture.json", binary))
    assert_exit(result, 2)
    assert "这是 PNG 图片" in result.stdout


def test_it_exits_2_on_a_directory_without_reports(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = invoke("check", tmp_path / "reports")
    assert_exit(result, 2)
    assert "没有找到要检查的年报文件" in result.output


def test_it_exits_2_on_invalid_json_and_names_the_line_and_column(
    invoke: Invoke, write_report: WriteReport
) -> None:
    result = invoke("check", write_report("broken.json", INVALID_JSON))
    assert_exit(result, 2)
    assert "不是有效的 JSON：第4行第10列" in result.stdout


def test_it_exits_2_on_a_file_that_is_not_utf8(invoke: Invoke, write_report: WriteReport) -> None:
    gbk = '{"format": "2021", "organ": "测试局", "year": 2023, "tables": {}}'.encode("gbk")
    result = invoke("check", write_report("gbk.json", gbk))
    assert_exit(result, 2)
    assert "UTF-8" in result.stdout


def _unknown_row_key(data: dict[str, Any]) -> None:
    data["tables"]["table3"]["applications_by_post"] = {"total": 1}


def _string_in_a_count_cell(data: dict[str, Any]) -> None:
    data["tables"]["table3"]["new_received"]["total"] = "5"


def _missing_year(data: dict[str, Any]) -> None:
    del data["year"]


def _unknown_top_level_key(data: dict[str, Any]) -> None:
    data["author"] = "某某"


def _unknown_format(data: dict[str, Any]) -> None:
    data["format"] = "2022"


@pytest.mark.parametrize(
    ("violate", "expected"),
    [
        (_unknown_row_key, ["位置 tables/table3", "有不认识的键", "applications_by_post"]),
        (
            _string_in_a_count_cell,
            ["位置 tables/table3/new_received/total", '应为数字或null，实际为 "5"'],
        ),
        (_missing_year, ["缺少必需的键", "year"]),
        (_unknown_top_level_key, ["有不认识的键", "author"]),
        (_unknown_format, ["位置 format", "应为 2019、2021 之一"]),
    ],
    ids=lambda value: getattr(value, "__name__", "")[1:] or None,
)
def test_it_exits_2_on_json_that_violates_the_schema_and_says_where(
    invoke: Invoke,
    write_report: WriteReport,
    clean_data: dict[str, Any],
    violate: Any,
    expected: list[str],
) -> None:
    violate(clean_data)
    error = _single_error(invoke, write_report("violates.json", clean_data))
    assert error["code"] == "schema"
    assert error["message"].startswith("不符合年报 JSON 格式")
    for fragment in expected:
        assert fragment in error["message"]


def test_it_exits_2_on_a_publication_date_that_does_not_exist(
    invoke: Invoke, write_report: WriteReport, clean_data: dict[str, Any]
) -> None:
    clean_data["published_on"] = "2024-02-30"
    result = invoke("check", write_report("feb30.json", clean_data))
    assert_exit(result, 2)
    assert "发布日期“2024-02-30”不是有效日期" in result.stdout


def test_the_json_output_gives_an_unreadable_file_its_error_code_and_message(
    invoke: Invoke, write_report: WriteReport
) -> None:
    error = _single_error(invoke, write_report("broken.json", INVALID_JSON))
    assert error["code"] == "json_syntax"
    assert error["message"].startswith("不是有效的 JSON：第4行第10列")


def test_it_still_reports_the_readable_file_when_another_is_unreadable(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("check", tmp_path / "missing.json", CLEAN_SAMPLE)
    assert_exit(result, 2)
    assert "文件不存在" in result.stdout
    assert "青山区司法局" in result.stdout
    assert "未发现问题" in result.stdout


def test_an_unreadable_file_decides_the_exit_status_over_errors_in_another(
    invoke: Invoke, write_report: WriteReport
) -> None:
    result = invoke("check", HONGZE_SAMPLE, write_report("empty.json", b""))
    assert_exit(result, 2)
    assert "A5" in result.stdout
    assert "文件为空" in result.stdout


def test_the_json_output_lists_readable_and_unreadable_files_in_order(
    invoke: Invoke, write_report: WriteReport
) -> None:
    empty = write_report("empty.json", b"")
    result = invoke("check", "--format", "json", empty, CLEAN_SAMPLE)
    assert_exit(result, 2)
    unreadable, readable = json_output(result)
    assert unreadable == {"file": empty.name, "error": {"code": "empty", "message": "文件为空"}}
    assert readable["organ"] == "青山区司法局"
    assert readable["findings"] == []


# ── Known bugs (see the report of the CLI tests): inputs whose error escapes as an exception ────


def _deeply_nested(depth: int = 100_000) -> str:
    return '{"format": "2021", "notes": ' + "[" * depth + "]" * depth + "}"


def _huge_integer_literal() -> str:
    head = '{"format": "2021", "organ": "测试局", "year": 2023, "tables": {"table4": '
    return head + '{"review": {"upheld": ' + "9" * 5000 + "}}}}"


def _huge_exponent() -> str:
    return (
        '{"format": "2021", "organ": "测试局", "year": 2023, "tables": {"table4": {"review": '
        '{"upheld": 1e7000, "corrected": 0, "other": 0, "pending": 0, "total": 0}}}}'
    )


def test_it_still_reports_the_readable_file_next_to_deeply_nested_json(
    invoke: Invoke, write_report: WriteReport
) -> None:
    result = invoke("check", write_report("deep.json", _deeply_nested()), CLEAN_SAMPLE)
    assert_exit(result, 2)
    assert "无法读取" in result.stdout
    assert "未发现问题" in result.stdout


def test_it_exits_2_on_an_integer_too_long_to_convert(
    invoke: Invoke, write_report: WriteReport
) -> None:
    result = invoke("check", write_report("long.json", _huge_integer_literal()), CLEAN_SAMPLE)
    assert_exit(result, 2)
    assert "未发现问题" in result.stdout


def test_it_exits_2_on_a_count_with_an_absurd_exponent(
    invoke: Invoke, write_report: WriteReport
) -> None:
    result = invoke("check", write_report("exponent.json", _huge_exponent()), CLEAN_SAMPLE)
    assert_exit(result, 2)
    assert "未发现问题" in result.stdout


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_it_exits_2_on_a_non_finite_number_which_json_does_not_allow(
    invoke: Invoke, write_report: WriteReport, constant: str
) -> None:
    text = (
        '{"format": "2021", "organ": "测试局", "year": 2023, '
        f'"tables": {{"table3": {{"new_received": {{"total": {constant}}}}}}}}}'
    )
    result = invoke("check", "--format", "json", write_report("nan.json", text))
    assert_exit(result, 2)
    (entry,) = json_output(result)
    assert entry["error"]["code"] == "json_syntax"


def test_the_table_output_shows_a_file_name_with_brackets_as_it_is(
    invoke: Invoke, write_report: WriteReport, clean_data: dict[str, Any]
) -> None:
    result = invoke("check", write_report("报告[old].json", clean_data))
    assert_exit(result, 0)
    assert "报告[old].json" in result.stdout


def test_the_table_output_shows_an_organ_name_with_brackets_as_it_is(
    invoke: Invoke, write_report: WriteReport, clean_data: dict[str, Any]
) -> None:
    clean_data["organ"] = "青山区司法局[/]"
    result = invoke("check", write_report("organ.json", clean_data))
    assert_exit(result, 0)
    assert "青山区司法局[/]" in result.stdout


@pytest.mark.parametrize(("key", "value"), [("organ", 5), ("year", "2023"), ("tables", [])])
def test_a_wrongly_typed_top_level_value_is_not_said_to_need_a_number_or_null(
    invoke: Invoke, write_report: WriteReport, clean_data: dict[str, Any], key: str, value: Any
) -> None:
    clean_data[key] = value
    error = _single_error(invoke, write_report("typed.json", clean_data))
    assert f"位置 {key}" in error["message"]
    assert "数字或 null" not in error["message"]


@pytest.mark.parametrize(
    ("key", "value", "english"),
    [
        ("year", 1900, "is less than the minimum"),
        ("organ", "", "should be non-empty"),
        ("published_on", "2024/01/18", "does not match"),
    ],
)
def test_a_value_out_of_range_is_explained_in_chinese(
    invoke: Invoke,
    write_report: WriteReport,
    clean_data: dict[str, Any],
    key: str,
    value: Any,
    english: str,
) -> None:
    clean_data[key] = value
    error = _single_error(invoke, write_report("range.json", clean_data))
    assert f"位置 {key}" in error["message"]
    assert english not in error["message"]


def test_bounded_reading_ends_a_pdf_bomb_with_a_message_and_checks_the_rest(
    invoke: Invoke, tmp_path: Path
) -> None:
    from support import bombs

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bombs.pdf_of_text_operators())
    result = invoke("check", "--bounded", "--format", "json", bomb, CLEAN_SAMPLE)
    assert_exit(result, 2)
    entries = {Path(entry["file"]).name: entry for entry in json_output(result)}
    assert entries["bomb.pdf"]["error"]["code"] in ("memory_limit", "time_limit")
    assert "超过上限" in entries["bomb.pdf"]["error"]["message"]
    assert "findings" in entries[CLEAN_SAMPLE.name]


def test_bounded_reading_gives_a_scan_the_ocr_limits(invoke: Invoke, tmp_path: Path) -> None:
    """`gongkai check --bounded` reads an image-only PDF by OCR, within the longer limits OCR
    needs (the ordinary 30 s of CPU would stop a long scan)."""
    import gongkai
    from support.scans import first_page_scan, image_pdf, page_images

    seed = gongkai.read(CLEAN_SAMPLE)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_pdf([first_page_scan(page_images(seed))]))
    result = invoke("check", "--bounded", "--format", "json", scan)
    (entry,) = json_output(result)
    assert "error" not in entry
    assert (entry["organ"], entry["year"]) == (seed.organ, seed.year)
    assert "R11" in [finding["rule"] for finding in entry["findings"]]
