"""The organ's channels: accounts, follower counts, import of platform exports, media adoptions,
and the CSV export of publications (cells that could run as formulas are neutralised)."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.web.accounts import permissions
from gongkai.web.publishing import channels
from gongkai.web.publishing.forms import AdoptionForm, ChannelForm, FollowerForm, ImportForm
from gongkai.web.publishing.models import Adoption, Channel, Publication
from gongkai.web.publishing.spreadsheets import safe_cell
from gongkai.web.publishing.views.organ import organ_for
from gongkai.web.reports.uploads import UploadRejectedError


def _page(request: HttpRequest, organ, status: int = 200, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    listing = Channel.objects.filter(organ=organ).annotate(
        posts=Count("publications"), last=Max("publications__published_on")
    )
    context = {
        "organ": organ,
        "channels": listing,
        "can_manage": permissions.can_manage_publishing(request.user, organ),
        "adoptions": Adoption.objects.filter(organ=organ).select_related("unit")[:100],
        "publications": Publication.objects.filter(channel__organ=organ).select_related("channel")[
            :50
        ],
        "channel_form": ChannelForm(),
        "follower_form": FollowerForm(organ=organ),
        "import_form": ImportForm(organ=organ),
        "adoption_form": AdoptionForm(organ=organ),
        **forms,
    }
    return render(request, "publishing/channels.html", context, status=status)


@require_GET
@login_required
def channels_page(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = organ_for(request, organ_id)
    permissions.require(permissions.can_view_publishing(request.user, organ))
    return _page(request, organ)


def _managed(request: HttpRequest, organ_id: int):  # type: ignore[no-untyped-def]
    organ = organ_for(request, organ_id)
    permissions.require(permissions.can_manage_publishing(request.user, organ))
    return organ


@require_POST
@login_required
def add_channel(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _managed(request, organ_id)
    form = ChannelForm(request.POST)
    if not form.is_valid():
        return _page(request, organ, 400, channel_form=form)
    channels.create_channel(request.user, organ, **form.cleaned_data)
    messages.success(request, _("渠道已添加。"))
    return redirect("publishing:channels", organ_id=organ.pk)


@require_POST
@login_required
def add_followers(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _managed(request, organ_id)
    form = FollowerForm(request.POST, organ=organ)
    if not form.is_valid():
        return _page(request, organ, 400, follower_form=form)
    channels.record_followers(request.user, **form.cleaned_data)
    messages.success(request, _("关注人数已记录。"))
    return redirect("publishing:channels", organ_id=organ.pk)


@require_POST
@login_required
def import_file(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _managed(request, organ_id)
    rejected = getattr(request, "upload_rejected", None)
    form = ImportForm(request.POST, request.FILES, organ=organ)
    if rejected is not None:
        form.is_valid()
        form.add_error("file", rejected.message)
        return _page(request, organ, 400, import_form=form)
    if not form.is_valid():
        return _page(request, organ, 400, import_form=form)
    uploaded = form.cleaned_data["file"]
    try:
        result = channels.import_publications(
            request.user,
            form.cleaned_data["channel"],
            b"".join(uploaded.chunks()),
            uploaded.name,
            form.mapping(),
            default_original=form.cleaned_data["default_original"],
        )
    except UploadRejectedError as error:
        form.add_error("file", error.message)
        return _page(request, organ, 400, import_form=form)
    if result.errors:
        return _page(request, organ, 400, import_form=form, import_errors=result.errors)
    messages.success(request, _("已导入 %(n)d 条发布记录。") % {"n": len(result.rows)})
    return redirect("publishing:channels", organ_id=organ.pk)


@require_POST
@login_required
def add_adoption(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = _managed(request, organ_id)
    form = AdoptionForm(request.POST, request.FILES, organ=organ)
    if not form.is_valid():
        return _page(request, organ, 400, adoption_form=form)
    data = dict(form.cleaned_data)
    unit = data.pop("unit")
    try:
        channels.record_adoption(request.user, organ, unit, data)
    except UploadRejectedError as error:
        form.add_error(None, error.message)
        return _page(request, organ, 400, adoption_form=form)
    messages.success(request, _("采用记录已添加。"))
    return redirect("publishing:channels", organ_id=organ.pk)


@require_GET
@login_required
def export_publications(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = organ_for(request, organ_id)
    permissions.require(permissions.can_view_publishing(request.user, organ))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["渠道", "标题", "发布日期", "链接", "原创", "阅读数", "点赞数", "转发数"])
    for p in Publication.objects.filter(channel__organ=organ).select_related("channel"):
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    str(p.channel),
                    p.title,
                    p.published_on.isoformat(),
                    p.link,
                    "是" if p.is_original else "否",
                    p.reads,
                    p.likes,
                    p.shares,
                )
            ]
        )
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{organ.name}渠道发布记录.csv"
    )
    return response
