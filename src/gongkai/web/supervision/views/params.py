"""The query string of the supervision pages, read into typed values (bad values fall back to
the defaults: a hand-edited URL never raises)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from gongkai.web.supervision.selectors import SORT_KEYS, RowFilter, TotalsMode


@dataclass(frozen=True, slots=True)
class TableParams:
    mode: TotalsMode
    sort: str
    descending: bool
    filter: RowFilter
    page: int


def table_params(request: HttpRequest) -> TableParams:
    get = request.GET
    mode = TotalsMode.ALL if get.get("mode") == TotalsMode.ALL else TotalsMode.CLEAN
    sort = get.get("sort", "name")
    if sort not in SORT_KEYS:
        sort = "name"
    try:
        page = max(1, int(get.get("page", "1")))
    except ValueError:
        page = 1
    return TableParams(
        mode,
        sort,
        get.get("dir") == "desc",
        RowFilter(get.get("q", "").strip()[:100], get.get("status", ""), get.get("kind", "")),
        page,
    )


def mode_of(request: HttpRequest) -> TotalsMode:
    return TotalsMode.ALL if request.GET.get("mode") == TotalsMode.ALL else TotalsMode.CLEAN
