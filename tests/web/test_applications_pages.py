"""The workbench's pages: personas, the public form (429, honeypot, Chinese messages, nothing
stored), the status page, downloads, masking, and the steps through HTTP."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.web.applications.models import Application
from web.applications_support import *  # noqa: F403
from web.applications_support import RESIDENT_ID, TODAY, decided

PUBLIC_FORM = {
    "applicant_kind": "natural_person",
    "applicant_name": "李四",
    "identity_kind": "resident-id",
    "identity_number": RESIDENT_ID,
    "phone": "13900139000",
    "email": "lisi@example.com",
    "request_text": "2024年度法律援助案件办理数量",
    "provision_form": "electronic",
    "delivery_method": "email",
    "agree": "on",
}


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    cache.clear()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("clerk", 200),
        ("reviewer", 200),
        ("supervisor", 403),
        ("submitter", 403),
        ("anonymous", 302),
    ],
)
def test_the_dashboard_is_for_the_organs_people(
    everyone: Any, client_as: Any, persona: str, expected: int, configured: Any
) -> None:
    response = client_as(everyone[persona]).get(reverse("applications:dashboard"))
    assert response.status_code == expected


def test_an_outsider_cannot_see_a_case(case: Any, outsider: Any, client_as: Any) -> None:
    response = client_as(outsider).get(reverse("applications:case", args=[case.pk]))
    assert response.status_code == 404


def test_the_case_page_shows_the_full_identity_only_to_its_handlers(
    case: Any, clerk: Any, client_as: Any
) -> None:
    page = client_as(clerk).get(reverse("applications:case", args=[case.pk])).content.decode()
    assert RESIDENT_ID in page
    listing = client_as(clerk).get(reverse("applications:list")).content.decode()
    assert RESIDENT_ID not in listing
    assert "110" + "*" * 11 + "002X" in listing


def test_the_public_form_gives_a_query_code_and_a_receipt(
    client: Any, bureau: Any, configured: Any, today: Any
) -> None:
    response = client.post(reverse("applications:public_apply", args=[bureau.pk]), PUBLIC_FORM)
    assert response.status_code == 302
    case = Application.objects.get()
    assert case.status == "submitted"
    assert case.received_on == TODAY
    receipt = client.get(response["Location"])
    assert case.query_code in receipt.content.decode()
    pdf = client.get(reverse("applications:public_receipt_pdf", args=[bureau.pk, case.query_code]))
    assert pdf.content.startswith(b"%PDF")
    # Another browser does not get the receipt.
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404


def test_an_invalid_identity_number_is_refused_in_chinese(
    client: Any, bureau: Any, configured: Any, today: Any
) -> None:
    data = {**PUBLIC_FORM, "identity_number": "110105194912310021"}
    response = client.post(reverse("applications:public_apply", args=[bureau.pk]), data)
    assert response.status_code == 400
    assert "校验码不符" in response.content.decode()
    assert not Application.objects.exists()


def test_an_empty_request_is_refused(client: Any, bureau: Any, configured: Any, today: Any) -> None:
    response = client.post(
        reverse("applications:public_apply", args=[bureau.pk]), {**PUBLIC_FORM, "request_text": ""}
    )
    assert response.status_code == 400
    assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()
    assert not Application.objects.exists()


def test_the_honeypot_stores_nothing(client: Any, bureau: Any, configured: Any, today: Any) -> None:
    data = {**PUBLIC_FORM, "website": "http://spam.example"}
    response = client.post(reverse("applications:public_apply", args=[bureau.pk]), data)
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_a_spammed_form_is_answered_with_429(
    client: Any, bureau: Any, configured: Any, today: Any, settings: Any
) -> None:
    settings.GONGKAI_PUBLIC_FORM_PER_HOUR = 3
    url = reverse("applications:public_apply", args=[bureau.pk])
    codes = [client.post(url, PUBLIC_FORM).status_code for _ in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert Application.objects.count() == 3
    assert "提交过于频繁" in client.post(url, PUBLIC_FORM).content.decode()


def test_the_status_page_needs_the_code_and_the_identity_tail(client: Any, case: Any) -> None:
    url = reverse("applications:public_status")
    wrong = client.post(url, {"query_code": case.query_code, "identity_tail": "1234"})
    assert wrong.status_code == 404
    assert "不正确" in wrong.content.decode()
    right = client.post(url, {"query_code": case.query_code, "identity_tail": "002x"})
    assert right.status_code == 200
    assert "申请已登记" in right.content.decode()
    assert RESIDENT_ID not in right.content.decode()


def test_staff_entry_through_the_page(
    clerk: Any, bureau: Any, client_as: Any, configured: Any, today: Any
) -> None:
    data = {**PUBLIC_FORM, "channel": "post", "arrived_on": "2025-06-13"}
    response = client_as(clerk).post(reverse("applications:new", args=[bureau.pk]), data)
    assert response.status_code == 302
    case = Application.objects.get()
    assert case.received_on == datetime.date(2025, 6, 13)
    assert case.status == "registered"


def test_a_step_from_a_stale_page_is_refused(case: Any, clerk: Any, client_as: Any) -> None:
    client = client_as(clerk)
    url = reverse("applications:act", args=[case.pk, "start_processing"])
    assert client.post(url, {"version": case.version}).status_code == 302
    response = client.post(url, {"version": case.version})
    assert response.status_code == 400
    assert "已被他人修改" in response.content.decode() or "不能" in response.content.decode()


def test_a_reviewer_cannot_take_a_clerks_step(case: Any, reviewer: Any, client_as: Any) -> None:
    url = reverse("applications:act", args=[case.pk, "start_processing"])
    assert client_as(reviewer).post(url, {"version": case.version}).status_code == 403


def test_issuing_through_the_page_and_downloading_the_letter(
    case: Any, clerk: Any, reviewer: Any, client_as: Any
) -> None:
    case = decided(clerk, reviewer, case)
    client = client_as(clerk)
    url = reverse("applications:act", args=[case.pk, "issue_decision"])
    response = client.post(url, {"version": case.version, "day": TODAY.isoformat()})
    assert response.status_code == 302
    letter = case.letters.get(kind="answer")
    pdf = client.get(reverse("applications:letter", args=[letter.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("applications:letter", args=[letter.pk, "docx"]))
    assert docx.content[:2] == b"PK"
    again = client.post(url, {"version": case.version + 1, "day": TODAY.isoformat()})
    assert again.status_code == 409
    assert "AP19" in again.content.decode()


def test_the_register_export_masks_numbers_and_keeps_text_as_text(
    case: Any, clerk: Any, client_as: Any
) -> None:
    import io

    from openpyxl import load_workbook

    Application.objects.filter(pk=case.pk).update(request_text='=HYPERLINK("http://x")')
    response = client_as(clerk).get(
        reverse("applications:register", args=[case.organ_id]) + "?year=2025"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = list(sheet[3])
    assert row[0].value == case.number
    assert row[3].value == "110***********002X"
    assert row[7].value.startswith("=HYPERLINK")
    assert row[7].data_type == "s"
