"""A stored report that no longer loads (a number over the canonical limits written into
``report_json`` directly, as old data might be) is an error for that report only: the
supervisor's pages and exports still answer, and the API answers in JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.web.accounts.services import create_api_token
from gongkai.web.reports.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_filing(seed_filing: Any) -> Any:
    data = json.loads(seed_filing.report_json)
    data["tables"]["table3"]["granted"]["natural_person"] = "HUGE"
    stored = json.dumps(data, ensure_ascii=False).replace('"HUGE"', "1e999")
    AnnualReport.objects.filter(pk=seed_filing.pk).update(report_json=stored)
    seed_filing.refresh_from_db()
    return seed_filing


@pytest.mark.parametrize(
    "name", ["overview", "totals", "export", "export_pdf", "overview_data", "copies"]
)
def test_the_supervisors_pages_answer_despite_an_unloadable_report(
    name: str,
    supervisor: Any,
    district: Any,
    broken_filing: Any,
    client_as: Callable[..., Client],
) -> None:
    client = client_as(supervisor)
    client.raise_request_exception = False
    response = client.get(reverse(f"supervision:{name}", args=[district.pk, 2023]))
    assert response.status_code == 200, response.content[:400]


def test_the_totals_name_the_report_left_out(
    supervisor: Any,
    district: Any,
    bureau: Any,
    broken_filing: Any,
    client_as: Callable[..., Client],
) -> None:
    response = client_as(supervisor).get(reverse("supervision:totals", args=[district.pk, 2023]))
    assert "存储数据无法读取" in response.content.decode()
    assert bureau.name in response.content.decode()


def test_the_supervisors_region_pages_answer_despite_an_unloadable_report(
    supervisor: Any,
    district: Any,
    bureau: Any,
    broken_filing: Any,
    client_as: Callable[..., Client],
) -> None:
    client = client_as(supervisor)
    client.raise_request_exception = False
    for url in (
        reverse("supervision:region", args=[district.pk]),
        reverse("supervision:region_data", args=[district.pk]),
        reverse("supervision:organ", args=[district.pk, bureau.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_api_answers_an_unloadable_report_in_json(clerk: Any, broken_filing: Any) -> None:
    token = create_api_token(clerk, "测试")[1]
    client = Client(raise_request_exception=False)
    headers = {"Authorization": f"Token {token}"}
    listed = client.get(reverse("api:reports"), headers=headers)
    assert listed.status_code == 200
    response = client.get(reverse("api:report", args=[broken_filing.pk]), headers=headers)
    assert response.status_code == 500
    assert response.json()["error"] == "unloadable_report"
    assert "存储数据无法读取" in response.json()["message"]
    findings = client.get(reverse("api:findings", args=[broken_filing.pk]), headers=headers)
    assert findings.status_code == 200


def test_the_portal_answers_an_unloadable_report_with_a_message(
    bureau: Any, broken_filing: Any
) -> None:
    client = Client(raise_request_exception=False)
    for name in ("portal:report", "portal:report_pdf"):
        response = client.get(reverse(name, args=[bureau.pk, 2023]))
        assert response.status_code == 500
        assert "暂时无法显示" in response.content.decode()
