"""Security faults found when the site was attacked (issue 15 item 3) and the publication dates of
issue 12: each test failed on the code before its fix."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

import gongkai
from gongkai.report.canonical import dumps
from gongkai.web.reports.models import AnnualReport
from gongkai.writers import render
from web.fixtures import PASSWORD, SEED_JSON

pytestmark = pytest.mark.django_db


def entry_data(report: gongkai.Report) -> dict[str, str]:
    data = {"year": str(report.year), "published_on": "2024-01-18"}
    for table_key, row_key, column_key, cell in report.iter_cells():
        if cell.value is not None and report.spec.table(table_key).row(row_key).has_numbers:
            data[f"{table_key}.{row_key}.{column_key}"] = str(cell.value)
    return data


@pytest.mark.parametrize("number", ["99999999999999999999999999999", "1e999"])
def test_a_number_no_report_prints_is_refused_at_entry(
    number: str, clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    data = entry_data(gongkai.read(SEED_JSON))
    data["table3.granted.natural_person"] = number
    response = client_as(clerk).post(reverse("reports:enter", args=[bureau.pk]), data)
    assert response.status_code == 400
    assert "过大" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_a_stored_report_that_no_longer_loads_is_an_error_for_that_report_only(
    seed_filing: Any, clerk: Any, client_as: Callable[..., Client]
) -> None:
    data = json.loads(seed_filing.report_json)
    data["tables"]["table3"]["granted"]["natural_person"] = "HUGE"
    stored = json.dumps(data, ensure_ascii=False).replace('"HUGE"', "1e999")
    AnnualReport.objects.filter(pk=seed_filing.pk).update(report_json=stored)
    client = client_as(clerk)
    for url in (
        reverse("reports:detail", args=[seed_filing.pk]),
        reverse("reports:download", args=[seed_filing.pk, "xlsx"]),
    ):
        response = client.get(url)
        assert response.status_code == 500
        assert "存储数据无法读取" in response.content.decode()
    assert client.get(reverse("reports:archive", args=[seed_filing.organ.pk])).status_code == 200


def test_an_organ_named_as_a_formula_is_text_in_the_xlsx_download() -> None:
    report = gongkai.read(SEED_JSON)
    report.organ = '=HYPERLINK("http://evil.example","点此")'
    report.title = "-2+3"
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    texts = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert texts
    assert all(cell.data_type == "s" for cell in texts)
    dangerous = [cell for cell in texts if cell.value.startswith(("=", "-"))]
    assert any(cell.value.startswith("=HYPERLINK") for cell in dangerous)
    assert all(cell.quotePrefix for cell in dangerous)


def test_report_text_is_escaped_in_the_markdown_download() -> None:
    report = gongkai.read(SEED_JSON)
    assert report.sections is not None
    report.sections["overview"] = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    markdown = render(report, "md").decode()
    assert "<script>" not in markdown
    assert "<img" not in markdown
    assert "&lt;script&gt;" in markdown


def upload(client: Client, organ: Any, content: bytes, **fields: str) -> Any:
    return client.post(
        reverse("reports:upload", args=[organ.pk]),
        {"file": SimpleUploadedFile("年报.json", content), **fields},
    )


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("9999-12-31", "晚于今天"),
        ("0001-01-01", "不在报告年度（2023 年）结束之后"),
        ("2023-12-31", "不在报告年度（2023 年）结束之后"),
    ],
)
def test_a_publication_date_before_the_year_ends_or_in_the_future_is_refused(
    date: str, message: str, clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    response = upload(client_as(clerk), bureau, SEED_JSON.read_bytes(), published_on=date)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_an_organ_name_of_600_characters_is_refused_before_saving(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    report = gongkai.read(SEED_JSON)
    report.organ = "局" * 600
    response = upload(client_as(clerk), bureau, dumps(report).encode())
    assert response.status_code == 400
    assert "机关名称过长（600 个字" in response.content.decode()
    assert not AnnualReport.objects.exists()


# ── Logins ────────────────────────────────────────────────────────────────────────────────────


def log_in(client: Client, path: str, username: str, password: str, source: str) -> Any:
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=source)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_admin_login_counts_failures_and_honours_the_lock(admin: Any) -> None:
    client = Client()
    for _ in range(3):
        log_in(client, "/admin/login/", "admin", "wrong", "10.0.0.1")
    response = log_in(client, "/admin/login/", "admin", PASSWORD, "10.0.0.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # the site's login path is under the same lock
    assert (
        log_in(client, reverse("accounts:login"), "admin", PASSWORD, "10.0.0.1").status_code == 429
    )


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failures_from_elsewhere_do_not_lock_the_owner_out(clerk: Any) -> None:
    attacker = Client()
    for _ in range(5):
        log_in(attacker, reverse("accounts:login"), "clerk", "wrong", "203.0.113.9")
    owner = Client()
    response = log_in(owner, reverse("accounts:login"), "clerk", PASSWORD, "10.1.2.3")
    assert response.status_code == 302
    assert "_auth_user_id" in owner.session


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_unknown_username_is_answered_like_a_known_one(clerk: Any) -> None:
    answers = {}
    for username in ("clerk", "nosuchperson"):
        client = Client()
        pages = [
            log_in(client, reverse("accounts:login"), username, "wrong", "198.51.100.7")
            for _ in range(4)
        ]
        answers[username] = [
            (page.status_code, _without_tokens(page.content.decode().replace(username, "NAME")))
            for page in pages
        ]
    assert answers["clerk"] == answers["nosuchperson"]
    assert answers["clerk"][-1][0] == 429


@override_settings(GONGKAI_CLIENT_IP_HEADER="X-Real-IP", AXES_FAILURE_LIMIT=3)
def test_behind_the_proxy_the_source_is_the_header_it_sets(clerk: Any) -> None:
    attacker = Client(HTTP_X_REAL_IP="203.0.113.9")
    for _ in range(3):
        log_in(attacker, reverse("accounts:login"), "clerk", "wrong", "127.0.0.1")
    owner = Client(HTTP_X_REAL_IP="10.1.2.3")
    assert (
        log_in(owner, reverse("accounts:login"), "clerk", PASSWORD, "127.0.0.1").status_code == 302
    )


def test_a_password_reset_in_the_admin_is_audited(
    admin: Any, clerk: Any, client_as: Callable[..., Client]
) -> None:
    from gongkai.web.audit.models import AuditEntry

    new = "Another-long-passphrase-42"
    response = client_as(admin).post(
        f"/admin/accounts/user/{clerk.pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clerk.refresh_from_db()
    assert clerk.check_password(new)
    entry = AuditEntry.objects.get(action="account.password_reset")
    assert (entry.actor, entry.target_id) == (admin, str(clerk.pk))
