"""Changes to organs and units, each written to the audit log in the same transaction."""

from __future__ import annotations

from django.db import transaction

from gongkai.report.organs import OrganKind
from gongkai.web.audit.services import record_change, snapshot
from gongkai.web.organs.models import Organ, Unit

ORGAN_FIELDS = ("name", "kind", "parent_id")
UNIT_FIELDS = ("organ_id", "name", "kind")


def create_organ(
    actor: object | None, *, name: str, kind: OrganKind, parent: Organ | None = None
) -> Organ:
    with transaction.atomic():
        organ = Organ.objects.create(name=name, kind=kind.value, parent=parent)
        record_change(actor, "organ.create", organ, None, snapshot(organ, ORGAN_FIELDS))
    return organ


def create_unit(actor: object | None, *, organ: Organ, name: str, kind: str) -> Unit:
    with transaction.atomic():
        unit = Unit.objects.create(organ=organ, name=name, kind=kind)
        record_change(actor, "unit.create", unit, None, snapshot(unit, UNIT_FIELDS), organ=organ)
    return unit
