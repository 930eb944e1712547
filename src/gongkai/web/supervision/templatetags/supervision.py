"""Small formatting tags of the supervision pages: figures, shares in per cent, sortable headers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.http import QueryDict
from django.utils.html import format_html

from gongkai.report.figures import KeyFigures

register = template.Library()


def _format(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _share(figures: KeyFigures | None, part: str) -> str:
    if figures is None:
        return ""
    value = figures.corrected_share if part == "corrected" else figures.share(part)
    return "" if value is None else f"{value * 100:.1f}"


@register.simple_tag
def figure(row: Any, key: str) -> str:
    return _format(row.figures.get(key)) if row.figures else ""


@register.simple_tag
def share(row: Any, part: str) -> str:
    return _share(row.figures, part)


@register.simple_tag
def total(overview: Any, key: str) -> str:
    return _format(overview.totals.get(key)) if overview.totals else ""


@register.simple_tag
def total_share(overview: Any, part: str) -> str:
    return _share(overview.totals, part)


@register.simple_tag
def change(row: Any, key: str) -> str:
    """The change from last year, signed (``+12``), empty when either year is unknown."""
    item = row.changes.get(key)
    if item is None or item.delta is None:
        return ""
    delta = _format(item.delta)
    return delta if delta.startswith("-") else f"+{delta}"


@register.simple_tag(takes_context=True)
def sort_header(context: dict[str, Any], key: str, label: str) -> str:
    params = context["params"]
    query = QueryDict(context["query"], mutable=True)
    descending = params.sort == key and not params.descending
    query["sort"] = key
    query["dir"] = "desc" if descending else "asc"
    query.pop("page", None)
    arrow = ""
    if params.sort == key:
        arrow = " ▼" if params.descending else " ▲"
    return format_html(
        '<th data-sort="{}"><a href="?{}">{}{}</a></th>', key, query.urlencode(), label, arrow
    )


@register.simple_tag
def page_query(query: str, number: int) -> str:
    params = QueryDict(query, mutable=True)
    params["page"] = str(number)
    return params.urlencode()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def plain(value: Any) -> str:
    """A figure as printed: decimals without trailing zeros, nothing for unknown."""
    return _format(value)
