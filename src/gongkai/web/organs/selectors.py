"""Reads of the organ hierarchy."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.web.organs.models import Organ


def list_descendant_ids(organ_ids: set[int]) -> set[int]:
    """The given organs and every organ below them (one query per level of the hierarchy)."""
    found = set(organ_ids)
    frontier = set(organ_ids)
    while frontier:
        frontier = (
            set(Organ.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= frontier
    return found


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
