"""Reads of the organ hierarchy."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from gongkai.web.organs.models import Organ


def list_descendant_ids(organ_ids: set[int]) -> set[int]:
    """The given organs and every organ below them, in one recursive query: a region of
    thousands of organs is not sent back to the database as a list of ids once per level.
    ``UNION`` (not ``UNION ALL``) ends the walk should the hierarchy ever contain a cycle."""
    if not organ_ids:
        return set()
    table = connection.ops.quote_name(Organ._meta.db_table)
    marks = ", ".join(["%s"] * len(organ_ids))
    sql = (
        f"WITH RECURSIVE region(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "
        f"UNION SELECT o.id FROM {table} o JOIN region r ON o.parent_id = r.id) "
        "SELECT id FROM region"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, sorted(organ_ids))
        found = {row[0] for row in cursor.fetchall()}
    # An id the caller named but that has no row stays in, as before.
    return found | set(organ_ids)


def list_subordinates(organ: Organ) -> QuerySet[Organ]:
    """The organ itself and every organ below it, by name."""
    return Organ.objects.filter(id__in=list_descendant_ids({organ.id})).order_by("name")


def list_ancestor_ids(organ: Organ) -> list[int]:
    """The organ's supervising organs, nearest first."""
    ids: list[int] = []
    parent_id = organ.parent_id
    while parent_id is not None and parent_id not in ids:
        ids.append(parent_id)
        parent_id = Organ.objects.filter(id=parent_id).values_list("parent_id", flat=True).get()
    return ids
