"""The audit log: who did what to which record, when, before and after — written with the change,
readable by administrators, never changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from gongkai.web.audit.models import AuditEntry, AuditLogIsAppendOnlyError
from gongkai.web.audit.services import record_change
from gongkai.web.reports.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_filing_a_report_records_who_what_and_the_after_state(seed_filing: Any, clerk: Any) -> None:
    entry = AuditEntry.objects.get(action="report.file")
    assert entry.actor == clerk
    assert entry.target_type == "reports.AnnualReport"
    assert entry.target_id == str(seed_filing.pk)
    assert entry.organ == seed_filing.organ
    assert entry.after["year"] == 2023
    assert entry.after["original_sha256"] == seed_filing.original_sha256
    assert entry.at is not None


def test_replacing_a_report_records_the_before_and_after(
    seed_filing: Any, clerk: Any, bureau: Any
) -> None:
    from django.core.files import File

    from gongkai.web.reports.services import file_uploaded_report
    from web.fixtures import SEED_JSON

    with SEED_JSON.open("rb") as handle:
        file_uploaded_report(clerk, bureau, File(handle, name=SEED_JSON.name))
    entry = AuditEntry.objects.get(action="report.replace")
    assert entry.before == {"is_current": True}
    assert entry.after["is_current"] is False


def test_the_change_and_its_entry_are_stored_together_or_not_at_all(
    clerk: Any, bureau: Any
) -> None:
    from django.core.files import File

    from gongkai.web.reports import services
    from web.fixtures import SEED_JSON

    with (
        mock.patch.object(services, "record_change", side_effect=RuntimeError("disk full")),
        SEED_JSON.open("rb") as handle,
        pytest.raises(RuntimeError),
    ):
        services.file_uploaded_report(clerk, bureau, File(handle, name=SEED_JSON.name))
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_entry_cannot_be_written_outside_a_transaction(bureau: Any) -> None:
    with pytest.raises(RuntimeError):
        record_change(None, "organ.touch", bureau, None, None)


def test_an_entry_cannot_be_changed_or_deleted(seed_filing: Any) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.action = "forged"
    with pytest.raises(AuditLogIsAppendOnlyError):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnlyError):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnlyError):
        AuditEntry.objects.all().update(action="forged")
    with pytest.raises(AuditLogIsAppendOnlyError):
        AuditEntry.objects.all().delete()


def test_administrators_read_the_log(
    admin: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    page = client_as(admin).get(reverse("audit:log")).content.decode()
    assert "report.file" in page
    assert "clerk" in page


def test_the_log_can_be_filtered_by_action(
    admin: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    response = client_as(admin).get(reverse("audit:log"), {"action": "report."})
    assert {e.action for e in response.context["page"]} == {"report.file"}


def test_the_admin_site_offers_no_way_to_change_the_log(
    admin: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(admin)
    entry = AuditEntry.objects.first()
    assert entry is not None
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_change_made_in_the_admin_is_logged(
    admin: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(admin)
    response = client.post(
        f"/admin/organs/organ/{bureau.pk}/change/",
        {
            "name": "青山区司法局（更名）",
            "kind": "department",
            "parent": bureau.parent_id,
            "units-TOTAL_FORMS": "0",
            "units-INITIAL_FORMS": "0",
            "units-MIN_NUM_FORMS": "0",
            "units-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.get(action="admin.organ.change")
    assert entry.before["name"] == "青山区司法局"
    assert entry.after["name"] == "青山区司法局（更名）"
    assert entry.actor == admin


def test_nested_use_inside_a_larger_transaction_rolls_back_with_it(bureau: Any) -> None:
    def change_then_fail() -> None:
        with transaction.atomic():
            record_change(None, "organ.touch", bureau, None, {"x": 1})
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        change_then_fail()
    assert not AuditEntry.objects.filter(action="organ.touch").exists()
