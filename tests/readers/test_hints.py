"""A glued run of table 二 decided by the numbers the report's own text states (008: '8855698'
read as 88|55|698 because the text says 制发 88 件 and 现行有效 698 件)."""

from __future__ import annotations

from gongkai.readers import read_bytes, read_report
from gongkai.readers.hints import decide, hints
from gongkai.report.formats import FORMAT_2021
from support.corpus import CORPUS

NORMATIVE = FORMAT_2021.table("table2").row("normative_docs")
TEXT = "设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。"


def test_the_text_states_the_issued_and_in_force_counts() -> None:
    assert {(hint.column, hint.value) for hint in hints(NORMATIVE, TEXT)} == {
        ("issued", "88"),
        ("in_force", "698"),
    }


def test_the_one_reading_that_agrees_with_the_text_is_chosen() -> None:
    candidates = [("8", "85", "5698"), ("88", "55", "698"), ("885", "5", "698")]
    decided = decide(NORMATIVE, candidates, TEXT)
    assert decided is not None
    assert decided[0] == ("88", "55", "698")


def test_no_reading_is_chosen_when_two_agree_or_none_does() -> None:
    assert (
        decide(NORMATIVE, [("88", "5", "5698"), ("88", "55", "698")], "制发规范性文件88件") is None
    )
    assert decide(NORMATIVE, [("1", "2", "3")], TEXT) is None
    assert decide(NORMATIVE, [("88", "55", "698")], "没有相关数字。") is None


def test_the_hongze_style_table_text_is_not_taken_for_a_sentence() -> None:
    table = "信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698第二十条"
    assert hints(NORMATIVE, table) == []


def test_the_pingtan_2022_report_reads_its_glued_normative_documents_row_from_its_text() -> None:
    report = read_report(CORPUS / "raw" / "008.txt")
    cells = report.tables["table2"]["normative_docs"]
    assert [cell.value for cell in cells.values()] == [88, 55, 698]
    (said,) = [f for f in report.reading if f.rule == "R4" and "正文" in f.message_zh]
    assert "698件" in said.message_zh


def test_a_glued_row_the_text_does_not_decide_stays_missing_with_its_candidates() -> None:
    text = (CORPUS / "raw" / "008.txt").read_text(encoding="utf-8")
    text = text.replace("现行有效行政规范性文件698件", "现行有效行政规范性文件若干件")
    text = text.replace("制发的规范性文件88件", "制发的规范性文件若干件")
    report = read_bytes(text.encode("utf-8"), "008-改.txt")
    assert "normative_docs" not in report.tables["table2"]
    assert any(f.rule == "R3" and "8855698" in f.message_zh for f in report.reading)
