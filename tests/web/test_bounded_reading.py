"""Uploads read outside the request, in a bounded child process (issue 15 item 2), and the upload
flow's defects (issue 12): a file naming another organ asks for confirmation, the same file filed
twice adds no version, concurrent filings all land, long file names are shortened by bytes."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

import gongkai
from gongkai.report.canonical import dumps
from gongkai.web.audit.models import AuditEntry
from gongkai.web.reports import services
from gongkai.web.reports.models import AnnualReport, Reading, ReadingState
from support import bombs
from web.fixtures import SEED_JSON, staging_folders, stored_files, upload

pytestmark = pytest.mark.django_db

SMALL_LIMITS = {
    "GONGKAI_READ_WALL_SECONDS": 15,
    "GONGKAI_READ_CPU_SECONDS": 4,
    "GONGKAI_READ_MEMORY_MB": 512,
}


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("年报.pdf", bombs.pdf_of_text_operators, "上限"),
        ("年报.xlsx", bombs.xlsx_merged_over_the_whole_sheet, "A1:XFD1048576"),
        ("年报.docx", bombs.docx_with_wide_cells, "横跨 2000000 列"),
        ("年报.txt", bombs.text_of_one_line, "超过上限"),  # CPU or, on a busy machine, wall time
    ],
)
def test_a_bomb_upload_ends_in_a_chinese_message_and_stores_nothing(
    name: str,
    make: Callable[[], bytes],
    expected: str,
    clerk: Any,
    bureau: Any,
    client_as: Callable[..., Client],
) -> None:
    with override_settings(**SMALL_LIMITS):
        response = upload(client_as(clerk), bureau, name, make())
    page = response.content.decode()
    assert response.status_code == 400
    assert expected in page
    assert "文件未保存" in page
    assert "Traceback" not in page
    assert not AnnualReport.objects.exists()
    assert stored_files(Path(settings.MEDIA_ROOT) / "reports") == []
    assert staging_folders() == []
    refused = AuditEntry.objects.get(action="report.upload_refused")
    assert expected in refused.after["message"]
    assert refused.actor == clerk


def test_while_a_bomb_is_read_the_page_says_so_and_the_server_serves_others(
    clerk: Any, bureau: Any, reviewer: Any, client_as: Callable[..., Client]
) -> None:
    clerk_client = client_as(clerk)
    with override_settings(GONGKAI_READ_WAIT_SECONDS=0, **SMALL_LIMITS):
        response = upload(clerk_client, bureau, "年报.txt", bombs.text_of_one_line())
        started = Reading.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("reports:reading", args=[started.pk])
        page = clerk_client.get(response["Location"]).content.decode()
        assert "正在读取…" in page
        assert '<meta http-equiv="refresh"' in page
        # another person's request is answered while the file is being read
        archive = client_as(reviewer).get(reverse("reports:archive", args=[bureau.pk]))
        assert archive.status_code == 200
        assert Reading.objects.get().state == ReadingState.READING
        for _ in range(60):
            answered = clerk_client.get(response["Location"])
            if answered.status_code != 200:
                break
            time.sleep(0.5)
    assert answered.status_code == 400
    assert "超过上限" in answered.content.decode()
    assert Reading.objects.get().state == ReadingState.FAILED
    assert not AnnualReport.objects.exists()
    assert staging_folders() == []


def test_only_the_organs_people_see_a_reading(
    clerk: Any, bureau: Any, outsider: Any, client_as: Callable[..., Client]
) -> None:
    upload(client_as(clerk), bureau, "年报.json", SEED_JSON.read_bytes())
    started = Reading.objects.get()
    response = client_as(outsider).get(reverse("reports:reading", args=[started.pk]))
    assert response.status_code == 404


def another_organs_report() -> bytes:
    report = gongkai.read(SEED_JSON)
    report.organ = "白河区教育局"
    return dumps(report).encode()


def test_a_file_naming_another_organ_is_filed_only_when_confirmed(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    response = upload(client, bureau, "年报.json", another_organs_report())
    assert not AnnualReport.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "文件中的机关名称为“白河区教育局”，不是“青山区司法局”" in page
    assert "确认报送" in page
    confirmed = client.post(response["Location"], {"action": "confirm"})
    filing = AnnualReport.objects.get()
    assert confirmed["Location"] == reverse("reports:detail", args=[filing.pk])
    assert filing.note == "报告中的机关名称为“白河区教育局”"
    assert staging_folders() == []


def test_a_file_naming_another_organ_can_be_declined(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    response = upload(client, bureau, "年报.json", another_organs_report())
    client.post(response["Location"], {"action": "cancel"})
    assert "已取消，文件未保存" in client.get(response["Location"]).content.decode()
    assert not AnnualReport.objects.exists()
    assert staging_folders() == []


def test_the_same_file_filed_twice_adds_no_version(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    first = upload(client, bureau, "年报.json", SEED_JSON.read_bytes())
    again = upload(client, bureau, "年报.json", SEED_JSON.read_bytes())
    filing = AnnualReport.objects.get()
    assert first["Location"] == again["Location"] == reverse("reports:detail", args=[filing.pk])
    page = client.get(again["Location"]).content.decode()
    assert "与现行的第 1 版内容完全相同" in page
    assert "未新建版本" in page


@pytest.mark.parametrize("name", ["answer.json", "reading_answer.json", ".answer.json"])
def test_an_upload_named_like_the_readings_own_files_is_read_as_a_report(
    name: str, clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    # The reader's answer lies beside the staged upload: an upload of that name must not be taken
    # for the answer (which would skip the reading) nor be overwritten by it.
    response = upload(client_as(clerk), bureau, name, SEED_JSON.read_bytes())
    filing = AnnualReport.objects.get()
    assert response["Location"] == reverse("reports:detail", args=[filing.pk])
    assert filing.year == 2023
    with filing.original.open("rb") as kept:
        assert kept.read() == SEED_JSON.read_bytes()  # the upload itself, not the reader's answer


def test_a_file_name_of_84_chinese_characters_is_shortened_by_bytes(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    name = "年" * 84 + ".json"  # 257 bytes in UTF-8: more than a file system takes
    assert len(name.encode()) > 255
    response = upload(client_as(clerk), bureau, name, SEED_JSON.read_bytes())
    filing = AnnualReport.objects.get()
    assert response.status_code == 302
    assert filing.original_name.endswith(".json")
    assert len(filing.original_name.encode()) <= services.MAX_NAME_BYTES
    assert staging_folders() == []


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_filings_for_one_organ_and_year_all_land(clerk: Any, bureau: Any) -> None:
    seed = gongkai.read(SEED_JSON)
    outcomes: list[str] = []

    def file(day: int) -> None:
        report = gongkai.read(SEED_JSON)
        report.published_on = seed.published_on.replace(day=day) if seed.published_on else None
        try:
            services.file_entered_report(clerk, bureau, report)
            outcomes.append("filed")
        except Exception as error:  # any failure is the fault under test
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=file, args=(1 + n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == ["filed"] * 20
    versions = sorted(AnnualReport.objects.values_list("version", flat=True))
    assert versions == list(range(1, 21))
    assert AnnualReport.objects.filter(is_current=True).count() == 1


def test_cleanup_removes_what_a_killed_upload_left_and_keeps_what_rows_refer_to(
    seed_filing: Any, tmp_path: Path
) -> None:
    import os

    from django.core.management import call_command

    media = Path(settings.MEDIA_ROOT)
    left = media / "staging" / "abc123killed"
    left.mkdir(parents=True)
    (left / "年报.pdf").write_bytes(b"%PDF-1.7")
    orphan = media / "reports" / str(seed_filing.organ_id) / "2023" / ("0" * 64) / "年报.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.7")
    upload_temp = tmp_path / "tmp1234abcd.upload.pdf"
    upload_temp.write_bytes(b"%PDF-1.7")
    old = time.time() - 2 * 3600
    for path in (left, left / "年报.pdf", orphan, upload_temp):
        os.utime(path, (old, old))
    kept = media / seed_filing.original.name
    os.utime(kept, (old, old))
    out = io.StringIO()
    with override_settings(FILE_UPLOAD_TEMP_DIR=str(tmp_path)):
        call_command("cleanup_files", stdout=out)
    assert not left.exists()
    assert not orphan.exists()
    assert not orphan.parent.exists()
    assert not upload_temp.exists()
    assert kept.exists()  # the seed filing's original is referred to by its row
    assert "已删除原始文件 1 个" in out.getvalue()


def test_a_file_of_another_year_than_the_one_chosen_asks_first(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    response = client.post(
        reverse("reports:upload", args=[bureau.pk]),
        {"file": SimpleUploadedFile("年报.json", SEED_JSON.read_bytes()), "year": "2022"},
    )
    assert not AnnualReport.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "文件中的报告年度为 2023 年，不是所选的 2022 年" in page
