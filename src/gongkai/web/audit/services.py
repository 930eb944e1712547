"""Writing the audit log. Call ``record_change`` inside the transaction of the change."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from gongkai.web.audit import chain
from gongkai.web.audit.models import AuditEntry

# The PostgreSQL advisory lock under which an entry is chained to the last one (two entries
# chained to the same predecessor would fork the chain). SQLite's writes are serialized already.
_CHAIN_LOCK = 0x676F6E676B6169


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of ``instance`` as JSON-ready values."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def record_change(
    actor: Any,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    organ: Any = None,
) -> AuditEntry:
    """One audit entry. Must run inside the caller's transaction, so that the change and its
    record are stored together or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must be called inside the change's transaction")
    user = actor if getattr(actor, "pk", None) is not None else None
    if organ is None and target.__class__.__name__ == "Organ":
        organ = target
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    previous = (
        AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        or chain.GENESIS
    )
    entry = AuditEntry(
        at=timezone.now(),
        actor=user,
        actor_name=user.get_username() if user is not None else "系统",
        action=action,
        target_type=target._meta.label,
        target_id=str(target.pk or ""),
        target_repr=str(target)[:300],
        organ=organ if getattr(organ, "pk", None) is not None else None,
        before=before,
        after=after,
        previous_hash=previous,
    )
    entry.entry_hash = chain.digest(previous, entry)
    entry.save()
    return entry
