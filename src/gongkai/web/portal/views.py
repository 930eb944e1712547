"""The organ's public 政府信息公开 pages (no login): home, 指南, 制度, 法定主动公开内容, 目录,
columns, items with their metadata table, 年度报告, search, Atom feeds and the sitemap.

Every page reads published records only, so it may be cached by any proxy for a few minutes.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from gongkai.errors import ReportInputError
from gongkai.web.organs.models import Organ
from gongkai.web.portal import feeds, selectors
from gongkai.web.publishing import searchindex
from gongkai.web.publishing.models import CatalogueNode
from gongkai.web.publishing.presets import categories
from gongkai.web.publishing.selectors import get_settings, published_items
from gongkai.web.reports import display, downloads
from gongkai.web.reports.selectors import report_of

PUBLIC = cache_control(public=True, max_age=300)
PAGE_SIZE = 20
MAX_QUERY = 100


def _organ(organ_id: int) -> Organ:
    organ = Organ.objects.filter(pk=organ_id).first()
    if organ is None:
        raise Http404("没有找到该机关")
    return organ


def _page(request: HttpRequest, template: str, organ: Organ, **context: object) -> HttpResponse:
    return render(request, template, {"organ": organ, **context})


@require_GET
@PUBLIC
def home(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    return _page(
        request,
        "portal/home.html",
        organ,
        latest=selectors.latest(organ),
        reports=selectors.annual_reports(organ)[:3],
    )


@require_GET
@PUBLIC
def guide(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    return _page(
        request,
        "portal/text.html",
        organ,
        heading=_("政府信息公开指南"),
        text=get_settings(organ).guide,
    )


@require_GET
@PUBLIC
def rules(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    return _page(
        request,
        "portal/text.html",
        organ,
        heading=_("政府信息公开制度"),
        text=get_settings(organ).rules_text,
    )


@require_GET
@PUBLIC
def statutory(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    return _page(
        request, "portal/statutory.html", organ, categories=selectors.statutory_categories(organ)
    )


@require_GET
@PUBLIC
def catalogue(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    return _page(request, "portal/catalogue.html", organ, tree=selectors.nodes_with_counts(organ))


def _node(organ: Organ, node_id: int) -> CatalogueNode:
    node = CatalogueNode.objects.filter(organ=organ, pk=node_id).first()
    if node is None:
        raise Http404("没有找到该栏目")
    return node


@require_GET
@PUBLIC
def node(request: HttpRequest, organ_id: int, node_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    column = _node(organ, node_id)
    page = Paginator(selectors.node_item_ids(column), PAGE_SIZE).get_page(request.GET.get("page"))
    items = selectors.items_in_order(list(page.object_list))
    return _page(request, "portal/node.html", organ, node=column, page=page, items=items)


@require_GET
@PUBLIC
def item(request: HttpRequest, organ_id: int, item_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    found = selectors.public_item(organ, item_id)
    if found is None:
        gone = selectors.withdrawn_item(organ, item_id)
        if gone is None:
            raise Http404("没有找到该信息")
        # 410 Gone: the page existed and was taken down on purpose (撤回), so search engines
        # and links learn that it will not come back.
        response = _page(request, "portal/withdrawn.html", organ, item=gone)
        response.status_code = 410
        return response
    return _page(
        request, "portal/item.html", organ, item=found, attachments=found.attachments.all()
    )


@require_GET
@PUBLIC
def attachment(
    request: HttpRequest, organ_id: int, item_id: int, attachment_id: int
) -> HttpResponse:
    organ = _organ(organ_id)
    found = selectors.public_attachment(organ, item_id, attachment_id)
    if found is None:
        raise Http404("没有找到该附件")
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.original_name)


@require_GET
@PUBLIC
def search(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    results, capped = None, False
    if query:
        found = searchindex.search(organ.pk, query)
        items = found.items.select_related("node").order_by("-published_at", "-id")
        results, capped = (
            Paginator(items, PAGE_SIZE).get_page(request.GET.get("page")),
            found.capped,
        )
    return _page(
        request,
        "portal/search.html",
        organ,
        query=query,
        results=results,
        capped=capped,
        max_results=searchindex.MAX_RESULTS,
    )


@require_GET
@PUBLIC
def feed(request: HttpRequest, organ_id: int, node_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    column = _node(organ, node_id)
    items = list(selectors.node_items(column)[: feeds.FEED_SIZE])
    return HttpResponse(
        feeds.atom_for(request, column, items), content_type="application/atom+xml; charset=utf-8"
    )


@require_GET
@PUBLIC
def category_feed(request: HttpRequest, organ_id: int, key: str) -> HttpResponse:
    """The Atom feed of one 第二十条 category: the items of every column filed under it."""
    organ = _organ(organ_id)
    label = categories().get(key)
    if label is None:
        raise Http404("没有这一类别")
    items = list(
        published_items(organ)
        .select_related(None)
        .filter(node__category=key)
        .order_by("-published_at", "-id")[: feeds.FEED_SIZE]
    )
    link = request.build_absolute_uri(reverse("portal:statutory", args=[organ.pk]))
    return HttpResponse(
        feeds.atom(request, organ, label, link, items),
        content_type="application/atom+xml; charset=utf-8",
    )


@require_GET
@PUBLIC
def sitemap(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    items = (
        published_items(organ).select_related(None).only("id", "published_at", "organ_id")[:50000]
    )
    return render(
        request,
        "portal/sitemap.xml",
        {"organ": organ, "items": items, "nodes": selectors.nodes_with_counts(organ)},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
@PUBLIC
def reports(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _organ(organ_id)
    return _page(request, "portal/reports.html", organ, reports=selectors.annual_reports(organ))


def _report(organ: Organ, year: int):  # type: ignore[no-untyped-def]
    filing = selectors.annual_reports(organ).filter(year=year).first()
    if filing is None:
        raise Http404("没有找到该年度报告")
    return filing


@require_GET
@PUBLIC
def report(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = _organ(organ_id)
    filing = _report(organ, year)
    try:
        content = report_of(filing)
    except ReportInputError:
        return _unloadable(request, organ)
    return _page(
        request,
        "portal/report.html",
        organ,
        filing=filing,
        report=content,
        sections=list((content.sections or {}).values()),
        tables=display.tables_for_display(content, []),
    )


def _unloadable(request: HttpRequest, organ: Organ) -> HttpResponse:
    """A stored report that no longer loads (stored before its numbers were checked at entry):
    a plain message for the public, the detail stays on the clerk's report page."""
    text = _("该年度报告暂时无法显示，请稍后再查看或联系本机关。")
    return render(
        request,
        "portal/text.html",
        {"organ": organ, "heading": _("报告暂时无法显示"), "text": text},
        status=500,
    )


@require_GET
@PUBLIC
def report_pdf(request: HttpRequest, organ_id: int, year: int) -> HttpResponse:
    organ = _organ(organ_id)
    filing = _report(organ, year)
    try:
        data = downloads.render(report_of(filing), "pdf")
    except ReportInputError:
        return _unloadable(request, organ)
    except downloads.DownloadUnavailableError as error:
        return render(
            request,
            "portal/text.html",
            {"organ": organ, "heading": _("无法下载"), "text": error.message},
            status=503,
        )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"{organ.name}{year}年政府信息公开工作年度报告.pdf"
    )
    return response
