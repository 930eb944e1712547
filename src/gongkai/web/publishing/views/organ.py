"""The organ's publishing pages: the dashboard (drafts, review queue, 第二十六条 flags) and the
settings (review levels, 索引号 rule, scoring preset, word list, 指南)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.web.accounts import permissions
from gongkai.web.organs.models import Organ, Unit
from gongkai.web.publishing import selectors, services, timeliness
from gongkai.web.publishing.forms import NodeForm, SettingsForm


def organ_for(request: HttpRequest, organ_id: int) -> Organ:
    organ = Organ.objects.filter(pk=organ_id).first()
    if organ is None or not permissions.can_open_publishing(request.user, organ):
        raise Http404("没有找到该机关")
    return organ


@require_GET
@login_required
def dashboard(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = organ_for(request, organ_id)
    user = request.user
    staff = permissions.can_view_publishing(user, organ)
    own_units = Unit.objects.filter(organ=organ, pk__in=permissions.submitter_unit_ids(user))
    levels = permissions.review_levels_in(user, organ)
    queue = [
        item
        for item in selectors.list_review_queue(organ, levels)
        if permissions.can_review_item(user, item)
    ]
    context = {
        "organ": organ,
        "own_units": own_units,
        "own_items": selectors.list_organ_items(organ).filter(unit__in=own_units)[:50],
        "queue": queue,
        "staff": staff,
        "can_draft": permissions.can_draft_items(user, organ),
        "can_manage": permissions.can_manage_publishing(user, organ),
    }
    if staff:
        context["recent"] = selectors.list_organ_items(organ)[:30]
        context["late"] = timeliness.late_items(organ)
        context["due_soon"] = timeliness.due_soon(organ)
    return render(request, "publishing/dashboard.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def settings_page(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = organ_for(request, organ_id)
    permissions.require(permissions.can_manage_publishing(request.user, organ))
    current = selectors.get_settings(organ)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.update_settings(request.user, organ, form.cleaned_data)
        messages.success(request, _("设置已保存。"))
        return redirect("publishing:settings", organ_id=organ.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "publishing/settings.html",
        {
            "organ": organ,
            "form": form,
            "node_form": NodeForm(organ=organ),
            "tree": selectors.catalogue_tree(organ),
        },
        status=status,
    )


@require_http_methods(["POST"])
@login_required
def add_node(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = organ_for(request, organ_id)
    permissions.require(permissions.can_manage_publishing(request.user, organ))
    form = NodeForm(request.POST, organ=organ)
    if form.is_valid():
        services.create_node(request.user, organ, **form.cleaned_data)
        messages.success(request, _("栏目已添加。"))
    else:
        problems = "；".join(
            f"{form.fields[k].label}：{' '.join(v)}"
            for k, v in form.errors.items()
            if k in form.fields
        )
        messages.error(request, _("栏目未添加：%(problems)s") % {"problems": problems})
    return redirect("publishing:settings", organ_id=organ.pk)


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The navigation's entry: the account's organ, or a list when it has several."""
    organs = [
        organ
        for organ in Organ.objects.order_by("name")
        if permissions.can_open_publishing(request.user, organ)
    ]
    if len(organs) == 1:
        return redirect("publishing:dashboard", organ_id=organs[0].pk)
    return render(request, "publishing/home.html", {"organs": organs})
