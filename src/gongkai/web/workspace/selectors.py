"""Reads of the report workspace."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, QuerySet

from gongkai.web.accounts.models import Membership, Role
from gongkai.web.workspace.models import Draft, Step


def get_draft(organ: Any, year: int) -> Draft | None:
    return Draft.objects.filter(organ=organ, year=year).select_related("organ").first()


def list_steps(draft: Draft) -> QuerySet[Step]:
    return draft.steps.select_related("actor")


def review_levels(organ: Any) -> int:
    """The organ's review levels (0–3): the highest level any of its reviewers holds. The
    publishing app may later make this an organ setting."""
    found = Membership.objects.filter(organ=organ, role=Role.REVIEWER).aggregate(
        top=Max("review_level")
    )["top"]
    return int(found or 0)
