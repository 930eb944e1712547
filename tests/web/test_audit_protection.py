"""The audit log below the ORM: database triggers refuse UPDATE and DELETE (raw SQL, the base
manager), and the hash chain shows any change made by someone who lifted them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from gongkai.web.audit import chain
from gongkai.web.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_raw_sql_cannot_change_or_delete_an_audit_entry(seed_filing: Any) -> None:
    assert AuditEntry.objects.exists()
    for statement in (
        "UPDATE audit_auditentry SET actor_name = 'nobody'",
        "DELETE FROM audit_auditentry",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert not AuditEntry.objects.filter(actor_name="nobody").exists()


def test_the_base_manager_cannot_change_an_audit_entry(seed_filing: Any) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry._base_manager.all().update(action="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry._base_manager.all()._raw_delete(connection.alias)  # type: ignore[attr-defined]
    assert not AuditEntry.objects.filter(action="forged").exists()


def test_the_chain_verifies_and_a_change_behind_the_triggers_is_found(
    seed_filing: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("verify_audit")
    assert "哈希链完整" in capsys.readouterr().out
    first = AuditEntry.objects.order_by("id").first()
    assert first is not None
    # the database's owner lifts the triggers and edits an entry (rolled back with the test)
    with connection.cursor() as cursor:
        for statement in chain.DROP_TRIGGERS[connection.vendor]:
            cursor.execute(statement)
        cursor.execute(
            "UPDATE audit_auditentry SET actor_name = %s WHERE id = %s", ["nobody", first.pk]
        )
    with pytest.raises(CommandError, match="审计日志校验未通过"):
        call_command("verify_audit")
    assert f"第 {first.pk} 条：内容与其哈希值不符" in capsys.readouterr().err


def test_removing_an_entry_breaks_the_chain(bureau: Any) -> None:
    from gongkai.web.audit.services import record_change

    with transaction.atomic():
        for number in range(3):
            record_change(None, "test.entry", bureau, None, {"number": number, "小数": "1.50"})
    entries = list(AuditEntry.objects.order_by("id"))
    assert chain.verify(entries)[0] == []
    breaks, _, _ = chain.verify([entries[0], *entries[2:]])
    assert [found.entry_id for found in breaks] == [entries[2].pk]
