"""The report pages' defects found when tried as a new clerk would (issue 12, item 7), each with
a test that failed before the fix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

import gongkai
from gongkai.web.audit.models import AuditEntry
from gongkai.web.reports import selectors
from gongkai.web.reports.editing import initial_values
from gongkai.web.reports.models import AnnualReport
from web.fixtures import SEED_JSON, database_state

pytestmark = pytest.mark.django_db

TOTAL_RULES = {"A1", "A2", "A3", "A5", "A6", "A7"}


def parts_only(year: int = 2024) -> dict[str, str]:
    """A year's tables typed as a clerk would: the parts only, every total left blank."""
    data = {"year": str(year), "published_on": f"{year + 1}-01-20"}
    data["table3.new_received.natural_person"] = "7"
    data["table3.new_received.commercial_enterprise"] = "2"
    data["table3.carried_over.natural_person"] = "1"
    data["table3.granted.natural_person"] = "4"
    data["table3.partial.commercial_enterprise"] = "1"
    data["table3.unable_not_held.natural_person"] = "2"
    data["table3.other_no_correction.commercial_enterprise"] = "1"
    data["table4.review.upheld"] = "1"
    data["table4.review.pending"] = "1"
    data["table4.litigation_direct.corrected"] = "1"
    return data


def test_blank_totals_are_saved_as_the_sum_of_their_parts_not_as_zero(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    response = client_as(clerk).post(reverse("reports:enter", args=[bureau.pk]), parts_only())
    assert response.status_code == 302
    filing = AnnualReport.objects.get()
    report = selectors.report_of(filing)
    assert report.value("table3", "new_received", "total") == 9
    assert report.value("table3", "total", "natural_person") == 6  # （七）总计 from the outcomes
    assert report.value("table3", "total", "total") == 8
    # 结转下年度 from the header note's balance (A1): 7+1-6 and 2-2.
    assert report.value("table3", "carried_forward", "natural_person") == 2
    assert report.value("table3", "carried_forward", "total") == 2
    assert report.value("table4", "review", "total") == 2
    assert report.value("table4", "litigation_direct", "total") == 1
    assert not TOTAL_RULES & {finding["rule"] for finding in filing.findings}


def test_a_typed_total_is_kept_as_typed_and_marked(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    data = parts_only() | {"table4.review.total": "5"}
    client_as(clerk).post(reverse("reports:enter", args=[bureau.pk]), data)
    filing = AnnualReport.objects.get()
    assert selectors.report_of(filing).value("table4", "review", "total") == 5
    assert "A5" in {finding["rule"] for finding in filing.findings}


def test_the_form_starts_from_the_current_version_with_its_narrative(
    clerk: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    page = client.get(reverse("reports:enter", args=[seed_filing.organ.pk]), {"year": 2023})
    html = page.content.decode()
    seed = selectors.report_of(seed_filing)
    assert 'name="section.overview"' in html
    assert seed.sections is not None
    assert seed.sections["problems"].splitlines()[1] in html  # the narrative, prefilled
    assert 'name="table3.new_received.total" value="0"' in html  # the tables, prefilled


def test_saving_over_an_uploaded_report_keeps_its_full_text(
    clerk: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    seed = selectors.report_of(seed_filing)
    data = initial_values(seed) | {"year": "2023", "published_on": "2024-01-18"}
    data["table3.new_received.natural_person"] = "0"
    response = client_as(clerk).post(reverse("reports:enter", args=[seed_filing.organ.pk]), data)
    assert response.status_code == 302
    second = AnnualReport.objects.get(version=2)
    assert second.is_current
    assert selectors.report_of(second).sections == seed.sections


def test_the_report_page_shows_the_narrative(
    reviewer: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    html = client_as(reviewer).get(reverse("reports:detail", args=[seed_filing.pk])).content
    page = html.decode()
    assert "报告正文" in page
    assert "存在的主要问题及改进情况" in page
    assert "2023 年区司法局没有向公民、法人和其他组织收取任何费用。" in page


# ── Withdrawing a wrong version ──────────────────────────────────────────────────────────────


@pytest.fixture
def wrong_version(clerk: Any, seed_filing: Any, client_as: Callable[..., Client]) -> Any:
    """A second version of 2023, entered by mistake over the seed."""
    data = parts_only(2023)
    client_as(clerk).post(reverse("reports:enter", args=[seed_filing.organ.pk]), data)
    return AnnualReport.objects.get(version=2)


def test_a_wrong_version_is_withdrawn_and_the_previous_one_is_current_again(
    clerk: Any, seed_filing: Any, wrong_version: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    url = reverse("reports:withdraw", args=[wrong_version.pk])
    before = database_state()
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "确认撤回" in confirmation.content.decode()
    assert database_state() == before  # asking changes nothing
    response = client.post(url, {"reason": "误将他区数据录入本局"})
    assert response["Location"] == reverse("reports:detail", args=[seed_filing.pk])
    seed_filing.refresh_from_db()
    wrong_version.refresh_from_db()
    assert (seed_filing.is_current, wrong_version.is_current) == (True, False)
    assert wrong_version.withdrawal_reason == "误将他区数据录入本局"
    entry = AuditEntry.objects.get(action="report.withdraw")
    assert entry.after["reason"] == "误将他区数据录入本局"
    assert entry.after["restored_version"] == 1
    page = client.get(reverse("reports:detail", args=[wrong_version.pk])).content.decode()
    assert "已撤回" in page


def test_a_withdrawal_without_a_reason_is_refused(
    clerk: Any, wrong_version: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    before = database_state()
    response = client.post(reverse("reports:withdraw", args=[wrong_version.pk]), {})
    assert response.status_code == 400
    assert "请填写撤回原因" in response.content.decode()
    assert database_state() == before


@pytest.mark.parametrize(("persona", "status"), [("reviewer", 403), ("outsider", 404)])
def test_only_the_clerk_withdraws(
    persona: str,
    status: int,
    wrong_version: Any,
    everyone: dict[str, Any],
    client_as: Callable[..., Client],
) -> None:
    url = reverse("reports:withdraw", args=[wrong_version.pk])
    response = client_as(everyone[persona]).post(url, {"reason": "x"})
    assert response.status_code == status
    wrong_version.refresh_from_db()
    assert wrong_version.is_current


def test_a_replaced_version_cannot_be_withdrawn(
    clerk: Any, seed_filing: Any, wrong_version: Any, client_as: Callable[..., Client]
) -> None:
    url = reverse("reports:withdraw", args=[seed_filing.pk])
    response = client_as(clerk).post(url, {"reason": "x"})
    assert response.status_code == 400
    wrong_version.refresh_from_db()
    assert wrong_version.is_current


# ── The home page ────────────────────────────────────────────────────────────────────────────


def test_the_submitters_home_page_names_the_unit_role(
    submitter: Any, client_as: Callable[..., Client]
) -> None:
    page = client_as(submitter).get(reverse("core:home")).content.decode()
    assert "尚未分配机关" not in page
    assert "法治宣传股" in page


def test_an_account_without_roles_is_told_so(db: None, client_as: Callable[..., Client]) -> None:
    from gongkai.web.accounts import services as accounts

    user = accounts.create_account(None, username="nobody", password="x" * 20, validate=False)
    page = client_as(user).get(reverse("core:home")).content.decode()
    assert "尚未分配机关" in page


def test_the_seed_json_round_trips_through_the_form(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    seed = gongkai.read(SEED_JSON)
    data = initial_values(seed) | {"year": "2023", "published_on": "2024-01-18"}
    client_as(clerk).post(reverse("reports:enter", args=[bureau.pk]), data)
    stored = selectors.report_of(AnnualReport.objects.get())
    assert stored.tables == seed.tables
    assert stored.sections == seed.sections
