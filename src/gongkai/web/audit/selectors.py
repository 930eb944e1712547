"""Reads of the audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.web.audit.models import AuditEntry


def list_entries(*, action: str = "", actor: str = "") -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("organ").order_by("-at", "-id")
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(actor_name=actor)
    return entries


def list_entries_for(target_type: str, target_id: object) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(target_type=target_type, target_id=str(target_id)).order_by(
        "at", "id"
    )
