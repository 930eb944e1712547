"""A region — an organ and every organ below it — as a query condition.

The pages filter thousands of rows by region. Passing the region's organ ids as an ``IN`` list
makes every query carry (and Django prepare) thousands of parameters; instead the condition walks
up the hierarchy by joins: the organ is the root, or its parent is, or its parent's parent is …
to the depth the region actually has (one cheap EXISTS query per level to find it)."""

from __future__ import annotations

from django.db.models import Q

from gongkai.web.organs.models import Organ

MAX_DEPTH = 12  # 国务院 → 省 → 市 → 县 → 乡 is five; the cap only guards against a cycle


def region_depth(root_id: int) -> int:
    """How many levels lie below the root (0: the root has no subordinate)."""
    depth = 0
    while depth < MAX_DEPTH:
        lookup = "__".join(["parent"] * (depth + 1))
        if not Organ.objects.filter(**{lookup: root_id}).exists():
            return depth
        depth += 1
    return depth


def region_q(root_id: int, field: str = "", depth: int | None = None) -> Q:
    """Rows whose organ (reached through ``field``, e.g. ``"organ"`` or ``"report__organ"``; the
    organ itself for ``""``) lies in the root's region."""
    if depth is None:
        depth = region_depth(root_id)
    condition = Q(pk=root_id)
    for level in range(1, depth + 1):
        condition |= Q(**{"__".join(["parent"] * level): root_id})
    if not field:
        return condition
    # Rows of another table: their organ among the region's, as a subquery the database runs
    # once over the organs (not a join per row).
    return Q(**{f"{field}__in": Organ.objects.filter(condition).values("pk")})
