"""Filing a report: upload (or entry by hand), reading, checking, the national layout with the
faulty cells marked, the archive and its history, and downloads in every format."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

import gongkai
from gongkai.report.canonical import dumps
from gongkai.web.reports.models import AnnualReport
from web.fixtures import SEED_JSON, database_state, finish, seed_file, stored_files, upload

pytestmark = pytest.mark.django_db


def test_the_clerk_uploads_the_seed_report_and_sees_it_checked(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    path = seed_file()
    client = client_as(clerk)
    response = upload(client, bureau, path.name, path.read_bytes())
    filing = AnnualReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[filing.pk])
    assert (filing.organ, filing.year, filing.version, filing.is_current) == (bureau, 2023, 1, True)
    assert filing.original_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with filing.original.open("rb") as stored:
        assert stored.read() == path.read_bytes()
    page = client.get(response["Location"]).content.decode()
    assert "青山区司法局 2023年度政府信息公开工作年度报告" in page
    assert "本年新收政府信息公开申请数量" in page  # the national layout


def test_the_report_is_checked_against_last_years_report_and_the_cells_are_marked(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    last_year = gongkai.read(SEED_JSON)
    last_year.year, last_year.sections, last_year.published_on = 2022, None, None
    last_year.set("table3", "carried_forward", "natural_person", 4)
    last_year.set("table3", "carried_forward", "total", 4)
    client = client_as(clerk)
    upload(client, bureau, "2022.json", dumps(last_year).encode())
    response = upload(client, bureau, "2023.json", SEED_JSON.read_bytes())
    filing = AnnualReport.objects.get(year=2023)
    assert filing.previous is not None
    assert filing.previous.year == 2022
    assert "Y1" in {finding["rule"] for finding in filing.findings}
    assert filing.error_count >= 2
    page = client.get(response["Location"]).content.decode()
    assert 'id="c-table3-carried_over-total"' in page
    assert "marked-error" in page
    assert "上年结转" in page


def test_a_late_publication_date_is_an_error_of_rule_p1(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    client.post(
        reverse("reports:upload", args=[bureau.pk]),
        {
            "file": SimpleUploadedFile("r.json", SEED_JSON.read_bytes()),
            "published_on": "2024-02-05",
        },
    )
    filing = AnnualReport.objects.get()
    assert filing.published_on.isoformat() == "2024-02-05"
    assert "P1" in {finding["rule"] for finding in filing.findings}


def test_filing_again_replaces_the_report_and_keeps_the_history(
    seed_filing: Any, clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    response = upload(client, bureau, "again.json", SEED_JSON.read_bytes())
    new = AnnualReport.objects.get(is_current=True)
    seed_filing.refresh_from_db()
    assert (new.version, seed_filing.is_current, seed_filing.version) == (2, False, 1)
    assert seed_filing.replaced_at is not None
    with seed_filing.original.open("rb") as kept:  # the replaced file is kept
        assert kept.read()
    page = client.get(response["Location"]).content.decode()
    assert "本年度历次报送" in page
    archive = client.get(reverse("reports:archive", args=[bureau.pk])).context["reports"]
    assert list(archive) == [new]


# ── Bad uploads: a clear message in Chinese, nothing stored ───────────────────────────────────


def refused(response: Any, status: int = 400) -> str:
    assert response.status_code == status
    assert not AnnualReport.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []
    return str(response.content.decode())


def test_a_2_gb_upload_is_refused_before_it_is_read(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    client.get(reverse("reports:upload", args=[bureau.pk]))  # the form sets the CSRF cookie
    before = database_state()
    # The request announces 2 GB; the body is never read, so it need not be there at all. Not
    # even the form's CSRF token is read: the refusal must still say why.
    page = refused(
        upload(client, bureau, "huge.pdf", b"%PDF-1.7 x", CONTENT_LENGTH=str(2 * 1024**3)), 413
    )
    assert "文件过大" in page
    assert database_state() == before


@override_settings(GONGKAI_MAX_UPLOAD_MB=1)
def test_an_upload_over_the_limit_is_stopped_while_it_streams(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    from gongkai.web.reports.uploads import SizeLimitedUploadHandler

    handler = SizeLimitedUploadHandler()
    handler.request = type("Request", (), {})()
    handler.new_file("file", "big.json", "application/json", 2 * 1024 * 1024)
    handler.handle_raw_input(None, {}, 1024, b"x")
    from django.core.files.uploadhandler import StopUpload

    def stream() -> None:
        for start in range(0, 2 * 1024 * 1024, 64 * 1024):
            handler.receive_data_chunk(b"0" * 64 * 1024, start)

    with pytest.raises(StopUpload):
        stream()
    assert "文件过大" in handler.request.upload_rejected.message


@override_settings(GONGKAI_MAX_UPLOAD_MB=1)
def test_a_file_over_the_limit_is_refused_with_its_limit_named(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    page = refused(
        upload(client_as(clerk), bureau, "big.json", b"{" + b" " * (1024 * 1024 + 1)), 413
    )
    assert "不得超过 1 MB" in page


def test_a_jpeg_renamed_pdf_is_refused(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 2000
    page = refused(upload(client_as(clerk), bureau, "年报.pdf", jpeg))
    assert "文件内容与扩展名不符" in page
    assert "JPEG 图片" in page


def test_an_encrypted_pdf_is_refused(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    pdf = (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"
        b"5 0 obj << /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 >> endobj\n"
        b"trailer << /Root 1 0 R /Encrypt 5 0 R /Size 6 >>\n%%EOF\n"
    )
    page = refused(upload(client_as(clerk), bureau, "年报.pdf", pdf))
    assert "PDF 文件已加密" in page


def test_a_zip_bomb_posing_as_docx_is_refused(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(64):
            member.write(b"\0" * (1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024  # 64 MB of zeros in well under 1 MB
    page = refused(upload(client_as(clerk), bureau, "年报.docx", buffer.getvalue()))
    assert "压缩炸弹" in page


def test_a_file_that_is_not_a_report_is_refused_with_the_readers_message(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    page = refused(upload(client_as(clerk), bureau, "年报.json", b'{"format": "2021"}'))
    assert "无法读取" in page
    assert "文件未保存" in page


def test_an_unsupported_extension_is_refused(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    page = refused(upload(client_as(clerk), bureau, "年报.exe", b"MZ\x90\x00"))
    assert "不支持" in page


def test_an_empty_file_is_refused(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    response = upload(client_as(clerk), bureau, "年报.pdf", b"")
    assert response.status_code == 400
    assert not AnnualReport.objects.exists()


def test_a_reading_that_fails_shows_no_traceback_and_stores_nothing(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    from gongkai.writers import render

    word = render(gongkai.read(SEED_JSON), "docx")
    # 1 MB of address space: the reading process fails when it first needs more memory
    with override_settings(GONGKAI_READ_MEMORY_MB=1):
        page = refused(upload(client_as(clerk), bureau, "年报.docx", word))
    assert "无法读取" in page
    # How a 1 MB address space ends the child varies (the memory message, or the generic one when
    # an allocation fails inside a C library): the memory message itself is tested with the bombs
    # (tests/readers/test_bombs.py).
    assert "Traceback" not in page
    assert not AnnualReport.objects.exists()
    assert stored_files(Path(settings.MEDIA_ROOT) / "reports") == []


# ── Entry by hand ─────────────────────────────────────────────────────────────────────────────


def entry_data(report: gongkai.Report) -> dict[str, str]:
    data = {"year": str(report.year), "published_on": "2024-01-18"}
    for table_key, row_key, column_key, cell in report.iter_cells():
        if cell.value is not None and report.spec.table(table_key).row(row_key).has_numbers:
            data[f"{table_key}.{row_key}.{column_key}"] = str(cell.value)
    return data


def test_the_entry_form_is_laid_out_like_the_national_tables(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    page = client_as(clerk).get(reverse("reports:enter", args=[bureau.pk]), {"year": 2023})
    html = page.content.decode()
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in html
    assert 'name="table3.total.natural_person"' in html
    assert "data-checks" in html  # the live checks of the totals
    assert "entry.js" in html


def test_a_report_entered_by_hand_is_checked_and_filed(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    report = gongkai.read(SEED_JSON)
    data = entry_data(report)
    data["table3.new_received.total"] = str(int(data["table3.new_received.total"]) + 1)
    response = client_as(clerk).post(reverse("reports:enter", args=[bureau.pk]), data)
    filing = AnnualReport.objects.get()
    assert response.status_code == 302
    assert filing.entry == "form"
    assert not filing.original
    assert "A2" in {finding["rule"] for finding in filing.findings}


def test_a_cell_that_is_not_a_number_is_named_and_nothing_is_filed(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    data = entry_data(gongkai.read(SEED_JSON))
    data["table3.granted.natural_person"] = "1,2O3"
    response = client_as(clerk).post(reverse("reports:enter", args=[bureau.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "（一）予以公开" in html
    assert "不是数字" in html
    assert not AnnualReport.objects.exists()


# ── Downloads ─────────────────────────────────────────────────────────────────────────────────

SIGNATURES = {
    "pdf": b"%PDF-",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "html": b"<!",
    "md": b"",
    "json": b"{",
}


@pytest.mark.parametrize("fmt", list(SIGNATURES))
def test_the_report_downloads_in_every_writer_format(
    fmt: str, reviewer: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    response = client_as(reviewer).get(reverse("reports:download", args=[seed_filing.pk, fmt]))
    assert response.status_code == 200
    assert response.content.lstrip().upper().startswith(SIGNATURES[fmt].upper())
    assert f".{fmt}" in response["Content-Disposition"]
    if fmt == "json":
        assert json.loads(response.content)["organ"]


def test_the_annotated_pdf_downloads(
    clerk: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    response = client_as(clerk).get(reverse("reports:annotated", args=[seed_filing.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_original_file_downloads_unchanged(
    clerk: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    response = finish(client_as(clerk).get(reverse("reports:original", args=[seed_filing.pk])))
    assert hashlib.sha256(response.content_bytes).hexdigest() == seed_filing.original_sha256


def test_a_writer_failure_gives_a_chinese_message(
    clerk: Any, seed_filing: Any, client_as: Callable[..., Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.web.reports import downloads

    def unavailable(report: Any, key: str) -> bytes:
        raise downloads.DownloadUnavailableError("导出功能尚未安装")

    monkeypatch.setattr(downloads, "render", unavailable)
    response = client_as(clerk).get(reverse("reports:download", args=[seed_filing.pk, "docx"]))
    assert response.status_code == 503
    assert "导出功能尚未安装" in response.content.decode()
