"""Lists come a page at a time: ``?limit=`` (at most 1000), ``?offset=``, and the total count."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1  # far beyond any list; keeps the SQL OFFSET in range on every database


class ResultsPagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="每页条数")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="跳过的条数")

    class Output(Schema):
        count: int = Field(description="符合条件的总条数")
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        start = pagination.offset
        return {
            "count": queryset.count(),
            "results": list(queryset[start : start + pagination.limit]),
        }
