"""Small formatting tags of the supervision pages: figures, shares in per cent, sortable headers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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


# ── The per-organ table's rows, built in one loop ─────────────────────────────────────────────
# A page of 100 rows × 17 cells through template tags and filters costs several times the rest
# of the page; the cells are the same few formats, so they are joined here (escaped by
# format_html like the template would).

_ROW = (
    '<tr class="status-{}{}" data-organ="{}"><td><a href="{}">{}</a>{}</td><td>{}</td>'
    '<td>{}</td><td class="status">{}</td><td>{}{}</td><td class="num{}">{}</td>'
    '<td class="num">{}</td><td class="num received">{}</td><td class="num">{}</td>'
    '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>'
    '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>'
    '<td class="num">{}</td><td>{}</td></tr>\n'
)
_PLACEHOLDER = 999_999_999  # an id no organ has: the URL is reversed once and filled per row


_EMPTY = SafeString("")


def _blank(value: Any) -> Any:
    return "" if value is None else value


@register.simple_tag
def status_rows(rows: Any, root_id: int) -> str:
    """The ``<tr>`` of each row of the per-organ table (``overview.html``)."""
    organ_url = reverse("supervision:organ", args=[root_id, _PLACEHOLDER])
    report_url = reverse("reports:detail", args=[_PLACEHOLDER])
    faulty_pill = format_html(
        ' <span class="pill error" title="{}">{}</span>', _("报告有算术错误"), _("算术错误")
    )
    returned_pill = format_html(' <span class="pill warning">{}</span>', _("已退回"))
    filing_mark = format_html(
        ' <span class="muted" title="{}">*</span>', _("报告未载明公开日期，按报送日期计")
    )
    no_due = _("无法定期限")
    view = _("查看")
    html = []
    for row in rows:
        report, figures = row.report, row.figures
        report_link = ""
        if report is not None:
            href = report_url.replace(str(_PLACEHOLDER), str(report.pk))
            report_link = format_html('<a href="{}">{}</a>', href, view)
        html.append(
            format_html(
                _ROW,
                row.status,
                " faulty" if row.is_faulty else "",
                row.organ.name,
                organ_url.replace(str(_PLACEHOLDER), str(row.organ.pk)),
                row.organ.name,
                (faulty_pill if row.is_faulty else _EMPTY)
                + (returned_pill if row.returned else _EMPTY),
                row.organ.get_kind_display(),
                row.due.isoformat() if row.due else no_due,
                row.status.label,
                row.date_used.isoformat() if row.date_used else "—",
                filing_mark if row.date_is_filing else "",
                " bad" if report is not None and report.error_count else "",
                "" if report is None else report.error_count,
                "" if report is None else report.warning_count,
                figure(row, "received"),
                figure(row, "answered"),
                figure(row, "carried_forward"),
                share(row, "granted"),
                share(row, "denied"),
                share(row, "unable"),
                "" if figures is None else _blank(figures.appeals),
                share(row, "corrected"),
                figure(row, "fees"),
                report_link,
            )
        )
    return mark_safe("".join(html))  # each piece escaped by format_html
