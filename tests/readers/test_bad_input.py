"""Bad input gets a clear Chinese error with a stable code, in bounded time and memory — never a
traceback, never a made-up report. The limits are in docs/reading.md."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from gongkai.errors import ReportInputError
from gongkai.readers import MAX_INPUT_BYTES, identify, read_bytes, read_report
from support.corpus import CORPUS

SEED = CORPUS / "raw" / "seed-qingshan-justice-2023.txt"
PDF = CORPUS / "raw" / "002.pdf"


def _refused(data: bytes, name: str = "bad") -> ReportInputError:
    with pytest.raises(ReportInputError) as caught:
        read_bytes(data, name)
    error = caught.value
    assert error.message  # a message for a person …
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message)  # … in Chinese
    return error


def test_an_empty_file_is_refused_as_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(ReportInputError) as caught:
        read_report(tmp_path / "empty.pdf")
    assert caught.value.code == "empty"
    assert _refused(b" \n\t\n").code == "empty"


def test_binary_junk_is_refused_as_unsupported() -> None:
    junk = bytes(range(256)) * 64
    assert _refused(junk).code == "unsupported"


def test_a_jpeg_renamed_pdf_is_taken_as_an_image() -> None:
    # read as a scan (OCR); this one is broken, and the message says it is an image
    error = _refused(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 2000, "年报.pdf")
    assert error.code == "damaged_image"
    assert "JPEG" in error.message


def test_a_truncated_pdf_is_refused_as_damaged() -> None:
    data = PDF.read_bytes()
    assert _refused(data[: len(data) // 3], "002.pdf").code in ("damaged_pdf", "scanned_pdf")


def test_an_encrypted_pdf_is_refused_and_says_it_needs_a_password(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(PDF) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret", R=6))
    error = _refused(locked.read_bytes(), "locked.pdf")
    assert error.code == "encrypted"
    assert "密码" in error.message


def test_a_pdf_without_a_text_layer_is_reported_as_a_scan() -> None:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    error = _refused(buffer.getvalue(), "scan.pdf")  # a blank page: OCR reads nothing either
    assert error.code == "scanned_pdf"
    assert "扫描件，无可提取的文字层" in error.message


def test_a_docx_that_is_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (32 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    assert _refused(buffer.getvalue(), "bomb.docx").code == "zip_bomb"


def test_a_zip_that_is_not_word_or_excel_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("report.txt", "年度报告")
    assert _refused(buffer.getvalue(), "a.zip").code == "unsupported"


def test_a_500_mb_file_is_refused_from_its_size_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as stream:
        stream.truncate(500 * 1024 * 1024)  # sparse: no disk or memory is used
    with pytest.raises(ReportInputError) as caught:
        read_report(huge)
    assert caught.value.code == "too_large"
    assert huge.stat().st_size > MAX_INPUT_BYTES


def test_a_text_that_is_not_an_annual_report_is_refused_as_such() -> None:
    story = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n" * 50 + "共 3 件 12 条。\n"
    error = _refused(story.encode("utf-8"), "poem.txt")
    assert error.code == "not_a_report"
    assert "年度报告" in error.message


def test_a_missing_file_and_a_directory_are_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ReportInputError) as caught:
        read_report(tmp_path / "nope.txt")
    assert caught.value.code == "not_found"
    with pytest.raises(ReportInputError) as caught:
        read_report(tmp_path)
    assert caught.value.code == "is_directory"


def test_an_old_word_file_is_refused_with_advice_to_save_as_docx() -> None:
    error = _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "旧年报.doc")
    assert ".docx" in error.message


def test_a_broken_docx_is_refused_as_damaged() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document>not xml")
    assert _refused(buffer.getvalue(), "broken.docx").code == "damaged_docx"


def test_the_error_says_which_file(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ReportInputError) as caught:
        read_report(bad)
    assert caught.value.where == str(bad)
    assert str(bad) in str(caught.value)


def test_a_report_cut_short_keeps_what_it_has_and_reports_the_rest_missing() -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = text[: text.index("3. 危及")]
    report = read_bytes(cut.encode("utf-8"), "cut.txt")
    assert report.value("table3", "denied_other_law", "total") == 0
    assert report.value("table3", "denied_three_safety", "total") is None
    assert any(f.rule in ("R1", "R2") for f in report.reading)


def test_a_docx_with_a_password_protected_part_is_refused_as_encrypted() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    # Set the "encrypted" bit of the entry's flags, in its local and its central header (Python's
    # zipfile cannot write encrypted entries).
    data[data.index(b"PK\x03\x04") + 6] |= 0x1
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    assert _refused(bytes(data), "locked.docx").code == "encrypted"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xff\xd8\xff\xe0rest", "jpeg"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ole"),
        (b"%PDF-1.7\n", "pdf"),
        (b'{"format": "2021"}', "json"),
        (b"<html><body><table></table></body></html>", "html"),
        (b"| a | b |\n|---|---|\n| 1 | 2 |\n", "markdown"),
        ("一、总体情况\n".encode("gb18030"), "text"),
        (bytes(range(256)), "unknown"),
    ],
)
def test_a_file_is_identified_by_its_content(data: bytes, kind: str) -> None:
    assert identify(data) == kind
