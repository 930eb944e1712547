"""The signature (organ, date) is printed once, under the last section, and never split from
the text above it: a report read from text carries its signature inside section 六, and the
PDF printed it twice, the date alone on the last page (issue 12)."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

import gongkai
from gongkai.report.model import Report
from gongkai.writers.document import build_document
from gongkai.writers.settings import WriterSettings

SEED_TEXT = (
    Path(__file__).resolve().parents[2].parent / "shared/corpus/raw/seed-qingshan-justice-2023.txt"
)
DATE = "2024 年 1 月 18 日"


@pytest.fixture(scope="module")
def seed() -> Report:
    return gongkai.read(SEED_TEXT)


def pages_of(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def test_the_seed_as_read_carries_its_signature_inside_section_6(seed: Report) -> None:
    assert seed.sections is not None
    assert seed.sections["other"].endswith(f"青山区司法局\n{DATE}")  # the situation tested here


def test_the_signature_is_printed_once(seed: Report) -> None:
    document = build_document(seed, WriterSettings())
    assert document.closing == ("青山区司法局", DATE)
    assert document.sections[-1].paragraphs == (
        "2023 年区司法局没有向公民、法人和其他组织收取任何费用。",
    )
    text = "".join(pages_of(gongkai.write(seed, "pdf")))
    assert text.count(DATE.replace(" ", "")) + text.count(DATE) == 1
    assert DATE in gongkai.write(seed, "md").decode()
    assert gongkai.write(seed, "md").decode().count(DATE) == 1


def test_a_sentence_ending_the_last_section_is_not_taken_for_a_signature(seed: Report) -> None:
    report = gongkai.read(SEED_TEXT)
    assert report.sections is not None
    report.sections["other"] = "本年度没有收取信息处理费。\n2024年1月18日"
    document = build_document(report, WriterSettings())
    assert document.sections[-1].paragraphs == ("本年度没有收取信息处理费。", "2024年1月18日")


@pytest.mark.parametrize("filler", [18, 19, 20, 21, 43, 44])
def test_the_date_never_stands_alone_on_a_page(seed: Report, filler: int) -> None:
    report = gongkai.read(SEED_TEXT)
    assert report.sections is not None
    lines = "".join(f"填充段落第{n}行，用于把落款推到页面边界。\n" for n in range(filler))
    report.sections["other"] = lines + report.sections["other"]
    pages = [text.replace(" ", "") for text in pages_of(gongkai.write(report, "pdf"))]
    with_date = [i for i, text in enumerate(pages) if DATE.replace(" ", "") in text]
    assert len(with_date) == 1
    page = pages[with_date[0]]
    assert "青山区司法局" in page  # the organ with its date
    assert "收取任何费" in page  # and the last paragraph with them
