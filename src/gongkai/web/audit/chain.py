"""The audit log's protection: a hash chain over its entries, and database triggers refusing
UPDATE and DELETE.

Each entry stores the SHA-256 of its content together with the previous entry's hash, so that any
entry changed, removed or inserted afterwards — through the ORM's base manager, raw SQL or the
database's own tools — breaks the chain from that entry on; ``python -m gongkai.web verify_audit``
walks it. Whoever can rewrite the whole table can recompute the chain too: the command prints the
hash of the last entry, which an administrator records elsewhere (with the backups) to compare.
The triggers (in a migration, on SQLite and PostgreSQL) stop changes from anyone who is not the
database's owner.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

# The triggers, by database vendor: created by the audit migration (and again, on SQLite, by the
# tests after a transactional test's flush lifted them).
TRIGGERS = {
    "sqlite": [
        "CREATE TRIGGER IF NOT EXISTS audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry"
        " BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS audit_auditentry_no_delete BEFORE DELETE ON audit_auditentry"
        " BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger"
        " LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$",
        "DROP TRIGGER IF EXISTS audit_auditentry_no_change ON audit_auditentry",
        "CREATE TRIGGER audit_auditentry_no_change BEFORE UPDATE OR DELETE ON audit_auditentry"
        " FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only()",
    ],
}
DROP_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_auditentry_no_update",
        "DROP TRIGGER IF EXISTS audit_auditentry_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_auditentry_no_change ON audit_auditentry",
        "DROP FUNCTION IF EXISTS audit_auditentry_append_only()",
    ],
}


def digest(previous: str, entry: Any) -> str:
    """The hash of an entry (a model instance, current or historical) after ``previous``."""
    at: datetime.datetime = entry.at
    content = {
        "previous": previous,
        "at": at.astimezone(datetime.UTC).isoformat(),
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_repr": entry.target_repr,
        "organ": entry.organ_id,
        "before": entry.before,
        "after": entry.after,
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Break:
    """Where the chain breaks: the entry, and why."""

    entry_id: int
    reason: str


def verify(entries: Iterable[Any]) -> tuple[list[Break], str, int]:
    """Walk ``entries`` in id order: the breaks found, the last hash, the number of entries."""
    breaks: list[Break] = []
    previous = GENESIS
    count = 0
    for entry in entries:
        count += 1
        if entry.previous_hash != previous:
            breaks.append(Break(entry.pk, "与前一条记录的链接不符（其前有记录被删除、插入或修改）"))
        if entry.entry_hash != digest(entry.previous_hash, entry):
            breaks.append(Break(entry.pk, "内容与其哈希值不符（记录被修改）"))
        previous = entry.entry_hash
    return breaks, previous, count
