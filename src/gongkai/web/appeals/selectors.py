"""Reads of the case register."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.web.appeals.models import Case


def list_cases(organ: Any, year: int | None = None) -> QuerySet[Case]:
    cases = Case.objects.filter(organ=organ)
    if year is not None:
        cases = cases.filter(filed_on__year=year)
    return cases.order_by("-filed_on", "pk")


def get_case(organ: Any, case_id: int) -> Case | None:
    return Case.objects.filter(organ=organ, pk=case_id).first()
