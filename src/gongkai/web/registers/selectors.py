"""Reads of the registers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongkai.web.registers.models import Document, MonthlyFigures, YearItems


def list_documents(organ: Any) -> QuerySet[Document]:
    return Document.objects.filter(organ=organ).order_by("kind", "-issued_on", "title")


def get_document(organ: Any, document_id: int) -> Document | None:
    return Document.objects.filter(organ=organ, pk=document_id).first()


def list_months(organ: Any, year: int) -> dict[int, MonthlyFigures]:
    """The stored months of ``year``, by month number."""
    return {f.month: f for f in MonthlyFigures.objects.filter(organ=organ, year=year)}


def get_year_items(organ: Any, year: int) -> YearItems | None:
    return YearItems.objects.filter(organ=organ, year=year).first()
