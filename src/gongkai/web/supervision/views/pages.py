"""The supervisor's pages: the per-organ table for a year, one organ over the years, the region
over the years, the full totals of tables 三 and 四; and the organ's own view of returns and
reminders sent to it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.report.figures import FIGURES
from gongkai.web.accounts import permissions
from gongkai.web.organs.models import ORGAN_KINDS, Organ
from gongkai.web.organs.selectors import list_descendant_ids
from gongkai.web.reports.display import tables_for_display
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.copies import list_copies
from gongkai.web.supervision.freshness import cached
from gongkai.web.supervision.history import organ_history, region_history
from gongkai.web.supervision.models import Reminder, ReportReturn
from gongkai.web.supervision.region import region_q
from gongkai.web.supervision.selectors import (
    TOTAL_TABLES,
    sorted_rows,
    supervision_overview,
    table_totals,
)
from gongkai.web.supervision.services import default_reminder_text
from gongkai.web.supervision.views.access import supervised_organ
from gongkai.web.supervision.views.params import mode_of, table_params

STATUS_FILTERS = (
    ("", "全部"),
    ("filed", "已报送"),
    ("missing", "未报送"),
    ("late", "逾期公开"),
    ("faulty", "有算术错误"),
    ("returned", "已退回待更正"),
)


def default_year() -> int:
    return timezone.localdate().year - 1  # reports are filed in the year after


def latest_year(organ: Organ) -> int:
    """The latest year any organ under ``organ`` filed for, else last year."""
    filed = cached("latest", (organ.pk,), lambda: _latest_filed(organ))
    return filed or default_year()


def _latest_filed(organ: Organ) -> int:
    filed = AnnualReport.objects.filter(region_q(organ.pk, "organ"), is_current=True).aggregate(
        Max("year")
    )["year__max"]
    return int(filed) if filed else 0


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    roots = sorted(permissions.supervised_organ_ids(request.user))
    if not roots and permissions.is_administrator(request.user):
        roots = list(Organ.objects.filter(parent__isnull=True).values_list("id", flat=True))
    permissions.require(bool(roots))
    organ = Organ.objects.get(pk=roots[0])
    return redirect("supervision:overview", organ_id=organ.pk, year=latest_year(organ))


@require_GET
@login_required
def overview(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = supervised_organ(request, organ_id, year)
    params = table_params(request)
    data = supervision_overview(organ, year, mode=params.mode)
    rows = sorted_rows(
        [row for row in data.rows if params.filter.keeps(row)], params.sort, params.descending
    )
    page = Paginator(rows, settings.GONGKAI_SUPERVISION_PAGE_SIZE).get_page(params.page)
    this_year = timezone.localdate().year
    return render(
        request,
        "supervision/overview.html",
        {
            "organ": organ,
            "year": year,
            "overview": data,
            "excluded_names": [row.organ.name for row in data.excluded],
            "page": page,
            "params": params,
            "shown": len(rows),
            "years": list(range(this_year, 2018, -1)),
            "kinds": ORGAN_KINDS,
            "status_filters": STATUS_FILTERS,
            "query": request.GET.urlencode(),
            "can_import": permissions.can_bulk_import(request.user, organ),
        },
    )


@require_GET
@login_required
def totals(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = supervised_organ(request, organ_id, year)
    data = supervision_overview(organ, year, mode=mode_of(request))
    report, counted, skipped, unreadable = table_totals(data)
    return render(
        request,
        "supervision/totals.html",
        {
            "organ": organ,
            "year": year,
            "overview": data,
            "counted": counted,
            "skipped": skipped,
            "unreadable": unreadable,
            "tables": tables_for_display(report, [], TOTAL_TABLES) if report else [],
        },
    )


@require_GET
@login_required
def region(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = supervised_organ(request, organ_id)
    mode = mode_of(request)
    return render(
        request,
        "supervision/history.html",
        {
            "organ": organ,
            "root": organ,
            "history": region_history(organ, mode),
            "figures": FIGURES,
            "mode": mode,
            "is_region": True,
            "year": latest_year(organ),
        },
    )


@require_GET
@login_required
def organ_page(request: HttpRequest, root_id: int, organ_id: int) -> HttpResponse:
    root = supervised_organ(request, root_id)
    organ = supervised_organ(request, organ_id)
    if organ.pk not in list_descendant_ids({root.pk}):
        return redirect("supervision:organ", root_id=organ.pk, organ_id=organ.pk)
    year = latest_year(root)
    filed = set(
        AnnualReport.objects.filter(organ=organ, is_current=True).values_list("year", flat=True)
    )
    current = AnnualReport.objects.filter(organ=organ, is_current=True).order_by("-year")
    due_year = default_year()
    return render(
        request,
        "supervision/history.html",
        {
            "organ": organ,
            "root": root,
            "history": organ_history(organ),
            "figures": FIGURES,
            "is_region": False,
            "year": year,
            "reports": current,
            "returns": ReportReturn.objects.filter(report__organ=organ).select_related(
                "report", "returned_by", "resolved_by"
            ),
            "reminders": Reminder.objects.filter(organ=organ).select_related("sent_by"),
            "remind_year": due_year,
            "remind_filed": due_year in filed,
            "remind_text": default_reminder_text(organ, due_year, None),
            "can_act": permissions.can_act_as_supervisor(request.user, organ),
        },
    )


@require_GET
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The returns and reminders sent to the organs whose reports the account files or reads."""
    visible = permissions.visible_organ_ids(request.user)
    returns = ReportReturn.objects.select_related("report__organ", "returned_by", "resolved_by")
    reminders = Reminder.objects.select_related("organ")
    if visible is not None:
        returns = returns.filter(report__organ_id__in=visible)
        reminders = reminders.filter(organ_id__in=visible)
    return render(
        request,
        "supervision/inbox.html",
        {"returns": returns[:200], "reminders": reminders[:200]},
    )


@require_GET
@login_required
def copies(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = supervised_organ(request, organ_id, year)
    pairs, compared = list_copies(organ, year)
    return render(
        request,
        "supervision/copies.html",
        {
            "organ": organ,
            "year": year,
            "pairs": pairs,
            "compared": compared,
            "threshold": settings.GONGKAI_COPY_THRESHOLD_PERCENT,
        },
    )
