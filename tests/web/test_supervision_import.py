"""Bulk import: a zip of the corpus's real reports read, matched, checked and filed, unsure
matches confirmed by a person; a zip bomb, a path-traversal entry and a symbolic link refused
before anything is extracted; a folder imported from the command line."""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from gongkai import OrganKind
from gongkai.web.organs.services import create_organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.models import ImportBatch, ImportItem
from web.fixtures import CORPUS

pytestmark = pytest.mark.django_db
RAW = CORPUS / "raw"
Outcome = ImportItem.Outcome


def corpus_zip(*extra: tuple[zipfile.ZipInfo | str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(RAW.iterdir()):
            archive.write(path, f"年报/{path.name}")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def corpus_organs(district: Any) -> dict[str, Any]:
    names = {
        "洪泽区人民政府": OrganKind.COUNTY_GOVERNMENT,
        "上海市科学技术委员会": OrganKind.DEPARTMENT,
        "平潭综合实验区管委会": OrganKind.COUNTY_GOVERNMENT,
    }
    return {
        name: create_organ(None, name=name, kind=kind, parent=district)
        for name, kind in names.items()
    }


def upload(client: Client, organ: Any, data: bytes, name: str = "reports.zip") -> Any:
    return client.post(
        reverse("supervision:import", args=[organ.pk]),
        {"archive": SimpleUploadedFile(name, data, content_type="application/zip")},
    )


@override_settings(GONGKAI_BULK_JOBS=2, GONGKAI_MAX_UPLOAD_MB=50)
def test_a_zip_of_real_reports_is_read_matched_and_filed(
    supervisor: Any,
    district: Any,
    corpus_organs: dict[str, Any],
    client_as: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_as(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, district, corpus_zip(("年报/readme.pdf", b"%PDF-1.4 broken")))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.DONE
    assert (batch.done, batch.total) == (15, 15)
    items = {Path(item.name).name: item for item in batch.items.all()}
    assert items["002.pdf"].outcome == Outcome.FILED
    assert items["002.pdf"].organ == corpus_organs["洪泽区人民政府"]
    filed = AnnualReport.objects.get(organ=corpus_organs["洪泽区人民政府"], is_current=True)
    assert filed.year == 2023
    assert "批量导入" in filed.note
    # Printed 上海市科委 and 平潭综合实验区: close to an organ's full name, not the same: a person
    # confirms.
    assert items["012.md"].outcome == Outcome.UNSURE
    assert items["012.md"].organ == corpus_organs["上海市科学技术委员会"]
    assert items["007.txt"].outcome == Outcome.UNSURE
    assert items["007.txt"].organ == corpus_organs["平潭综合实验区管委会"]
    assert items["readme.pdf"].outcome == Outcome.UNREADABLE
    assert items["readme.pdf"].reason
    # （未注明机关）: nothing to match on.
    assert items["019.txt"].outcome == Outcome.UNMATCHED
    # Nothing of the zip is left in the staging area.
    assert not Path(batch.folder).exists()

    page = client.get(reverse("supervision:import_batch", args=[batch.pk])).content.decode()
    assert "无法读取" in page
    assert "匹配待确认" in page
    progress = client.get(reverse("supervision:import_progress", args=[batch.pk])).json()
    assert progress["state"] == "done"
    assert progress["counts"]["filed"] == 2  # 洪泽 and the seed's 青山区司法局

    organ = corpus_organs["平潭综合实验区管委会"]
    client.post(
        reverse("supervision:import_confirm", args=[items["007.txt"].pk]), {"organ": organ.pk}
    )
    items["007.txt"].refresh_from_db()
    assert items["007.txt"].outcome == Outcome.FILED
    assert AnnualReport.objects.filter(organ=organ, year=2021, is_current=True).exists()


@pytest.mark.parametrize(
    ("entry", "data", "code_text"),
    [
        ("../../outside.txt", b"x", "路径不安全"),
        ("/etc/evil.txt", b"x", "路径不安全"),
        ("bomb.txt", b"0" * (30 * 1024 * 1024), "压缩炸弹"),
    ],
    ids=["traversal", "absolute", "bomb"],
)
def test_a_dangerous_zip_is_refused_before_extraction(
    supervisor: Any,
    district: Any,
    client_as: Callable[..., Client],
    settings: Any,
    entry: str,
    data: bytes,
    code_text: str,
) -> None:
    settings.GONGKAI_MAX_UPLOAD_MB = 50
    response = upload(client_as(supervisor), district, corpus_zip((entry, data)))
    assert response.status_code == 400
    assert code_text in response.content.decode()
    assert not ImportBatch.objects.exists()
    staging = Path(settings.MEDIA_ROOT) / "staging"
    assert not staging.exists() or not any(staging.iterdir())


def test_a_symbolic_link_in_the_zip_is_refused(
    supervisor: Any, district: Any, client_as: Callable[..., Client]
) -> None:
    link = zipfile.ZipInfo("年报/link.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    response = upload(client_as(supervisor), district, corpus_zip((link, b"/etc/passwd")))
    assert response.status_code == 400
    assert "符号链接" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_file_that_is_not_a_zip_is_refused_in_chinese(
    supervisor: Any, district: Any, client_as: Callable[..., Client]
) -> None:
    response = upload(client_as(supervisor), district, b"not a zip")
    assert response.status_code == 400
    assert "不是有效的 zip 压缩包" in response.content.decode()


def test_a_zip_with_a_damaged_entry_is_refused_and_keeps_nothing(
    supervisor: Any, district: Any, client_as: Callable[..., Client], settings: Any
) -> None:
    settings.GONGKAI_MAX_UPLOAD_MB = 50
    data = bytearray(corpus_zip(("年报/损坏.txt", "青山区司法局 2023 年度报告".encode() * 50)))
    # flip a byte in the entry's compressed data (after its local header): the CRC fails
    where = data.index("损坏.txt".encode()) + len("损坏.txt".encode()) + 10
    data[where] ^= 0xFF
    response = upload(client_as(supervisor), district, bytes(data))
    assert response.status_code == 400
    assert "已损坏，无法解压" in response.content.decode()
    assert not ImportBatch.objects.exists()
    staging = Path(settings.MEDIA_ROOT) / "staging"
    assert not staging.exists() or not any(staging.iterdir())


def test_only_the_supervisor_may_import_and_see_a_batch(
    supervisor: Any,
    clerk: Any,
    outsider: Any,
    district: Any,
    bureau: Any,
    client_as: Callable[..., Client],
) -> None:
    url = reverse("supervision:import", args=[district.pk])
    # The clerk sees its own bureau (403 there), not the district above it (404).
    assert client_as(clerk).get(url).status_code == 404
    own = reverse("supervision:import", args=[bureau.pk])
    assert client_as(clerk).get(own).status_code == 403
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(supervisor).get(url).status_code == 200
    batch = ImportBatch.objects.create(root=district, source="x.zip", created_by=supervisor)
    page = reverse("supervision:import_batch", args=[batch.pk])
    assert client_as(outsider).get(page).status_code == 404
    assert client_as(clerk).get(page).status_code == 404


def test_a_folder_is_imported_from_the_command_line(
    supervisor: Any, corpus_organs: dict[str, Any], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("002.pdf", "012.md"):
        (folder / name).write_bytes((RAW / name).read_bytes())
    (folder / ".hidden.txt").write_text("ignored")
    out = io.StringIO()
    call_command(
        "import_reports", folder, "--organ", "青山区人民政府", "--user", "supervisor", stdout=out
    )
    assert "已报送 1，待确认 1" in out.getvalue()
    assert AnnualReport.objects.filter(note__startswith="批量导入").count() == 1
