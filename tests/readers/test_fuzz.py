"""Fuzzing the readers: whatever the bytes, a reader returns a report or refuses the input with a
``ReportInputError`` — and a number it reads is a number the input prints. Inputs that once
crashed a reader are kept in ``regressions/`` and read on every run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.errors import ReportInputError
from gongkai.readers import read_bytes
from gongkai.report.formats import FORMAT_2019, FORMAT_2021
from gongkai.report.model import Report
from support.corpus import CORPUS

REGRESSIONS = Path(__file__).parent / "regressions"
RAW = sorted((CORPUS / "raw").glob("*"))

LABELS = sorted(
    {
        row.label
        for spec in (FORMAT_2019, FORMAT_2021)
        for table in spec.tables
        for row in table.rows
    }
    | {section.title for section in FORMAT_2021.sections}
    | {"申请人情况", "自然人", "法人或其他组织", "总计", "第二十条第（一）项", "- 3 -", "2023年"}
)
PIECES = st.one_of(
    st.sampled_from(LABELS),
    st.integers(-10, 10**9).map(str),
    st.sampled_from(["\t", " ", "\n", "|", "| ", "---", "，", "。", "（", "）", ".", "、", "元"]),
    st.text(max_size=5),
)
FUZZ = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def _read_or_refuse(data: bytes) -> Report | None:
    try:
        return read_bytes(data, "fuzz")
    except ReportInputError as error:
        refused = error
    assert refused.code
    assert refused.message
    return None


def _digits(text: str) -> str:
    return re.sub(
        r"[^0-9]", "", text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    )


@FUZZ
@given(st.binary(max_size=4096))
@example(b"%PDF-1.7\n")
@example(b"PK\x03\x04")
@example(b"{")
@example(b"<table><tr><td rowspan=999999>1</td></tr></table>")
def test_any_bytes_give_a_report_or_a_clear_refusal(data: bytes) -> None:
    _read_or_refuse(data)


@FUZZ
@given(st.lists(PIECES, max_size=200))
def test_a_number_read_from_text_is_printed_in_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    report = _read_or_refuse(text.encode("utf-8"))
    if report is None:
        return
    printed = _digits(text)
    for _, _, _, cell in report.iter_cells():
        if cell.value is not None:
            assert _digits(str(abs(cell.value))) in printed


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["tr", "td", "th", "p", "br", "table", "span", "div"]),
            st.one_of(PIECES, st.sampled_from(['rowspan="3"', 'colspan="2"', 'colspan="x"'])),
        ),
        max_size=80,
    )
)
def test_any_html_gives_a_report_or_a_clear_refusal(parts: list[tuple[str, str]]) -> None:
    html = "<html><body>" + "".join(f"<{tag}>{text}" for tag, text in parts) + "</body></html>"
    _read_or_refuse(html.encode("utf-8"))


@FUZZ
@given(
    st.sampled_from([p for p in RAW if p.suffix in (".txt", ".md", ".html")]),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 400), st.text(max_size=3)), max_size=8),
)
def test_a_damaged_copy_of_a_real_report_gives_a_report_or_a_clear_refusal(
    path: Path, edits: list[tuple[float, int, str]]
) -> None:
    text = path.read_text(encoding="utf-8")
    for where, length, insert in edits:
        start = int(where * len(text))
        text = text[:start] + insert + text[start + length :]
    _read_or_refuse(text.encode("utf-8"))


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*")), ids=lambda p: p.name)
def test_an_input_that_once_crashed_a_reader_now_reads_or_is_refused(path: Path) -> None:
    _read_or_refuse(path.read_bytes())
