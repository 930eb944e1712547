"""Pages of one item: drafting and editing (unit submitters), attachments, submission, review
at each level, and the record of every step."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web.accounts import permissions
from gongkai.web.organs.models import Organ, Unit
from gongkai.web.publishing import selectors, services
from gongkai.web.publishing.forms import (
    AttachmentForm,
    ItemForm,
    OverrideForm,
    ReviewForm,
    WithdrawForm,
)
from gongkai.web.publishing.models import Attachment, Item
from gongkai.web.publishing.rendering import render_markdown
from gongkai.web.reports.uploads import UploadRejectedError


def _submitter_unit(request: HttpRequest, organ: Organ) -> Unit:
    units = Unit.objects.filter(organ=organ, pk__in=permissions.submitter_unit_ids(request.user))
    unit = units.first()
    if unit is None:
        raise Http404("没有找到该机关")
    return unit


@require_http_methods(["GET", "POST"])
@login_required
def create(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = Organ.objects.filter(pk=organ_id).first()
    if organ is None or not permissions.can_draft_items(request.user, organ):
        raise Http404("没有找到该机关")
    unit = _submitter_unit(request, organ)
    form = ItemForm(request.POST or None, organ=organ)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            try:
                item = services.create_item(request.user, unit, form.cleaned_data)
            except services.PublishingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("草稿已保存。可以添加附件，然后报送审核。"))
                return redirect("publishing:item", item_id=item.pk)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "publishing/item_form.html",
        {"organ": organ, "unit": unit, "form": form, "preview": preview},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = permissions.item_or_404(request.user, item_id)
    permissions.require(permissions.can_edit_item(request.user, item))
    form = ItemForm(request.POST or None, instance=item, organ=item.organ)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            try:
                services.update_item(request.user, Item.objects.get(pk=item.pk), form.cleaned_data)
            except services.PublishingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("修改已保存。"))
                return redirect("publishing:item", item_id=item.pk)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "publishing/item_form.html",
        {"organ": item.organ, "unit": item.unit, "form": form, "item": item, "preview": preview},
        status=status,
    )


@require_GET
@login_required
def detail(request: HttpRequest, item_id: int) -> HttpResponse:
    item = permissions.item_or_404(request.user, item_id)
    levels = selectors.get_settings(item.organ).review_levels
    can_review = permissions.can_review_item(request.user, item)
    return render(
        request,
        "publishing/item.html",
        {
            "item": item,
            "organ": item.organ,
            "attachments": item.attachments.all(),
            "steps": item.steps.all(),
            "last_decision": item.steps.filter(action__in=["return", "reject"]).last(),
            "findings": selectors.current_findings(item),
            "levels": range(1, levels + 1),
            "is_last_level": item.current_level == levels,
            "can_edit": permissions.can_edit_item(request.user, item),
            "can_review": can_review,
            "can_withdraw": permissions.can_withdraw_item(request.user, item),
            "review_form": ReviewForm(),
            "override_form": OverrideForm(),
            "attachment_form": AttachmentForm(),
        },
    )


def _back(request: HttpRequest, item: Item, error: str | None, success: str) -> HttpResponse:
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    return redirect("publishing:item", item_id=item.pk)


@require_POST
@login_required
def attach(request: HttpRequest, item_id: int) -> HttpResponse:
    item = permissions.item_or_404(request.user, item_id)
    permissions.require(permissions.can_edit_item(request.user, item))
    rejected = getattr(request, "upload_rejected", None)
    form = AttachmentForm(request.POST, request.FILES)
    if rejected is not None:
        return _back(request, item, rejected.message, "")
    if not form.is_valid():
        return _back(request, item, _("请选择要上传的附件。"), "")
    uploaded = form.cleaned_data["file"]
    data = b"".join(uploaded.chunks())  # within GONGKAI_MAX_UPLOAD_MB, enforced while streaming
    try:
        services.add_attachment(request.user, item, uploaded.name, data)
    except (UploadRejectedError, services.PublishingError) as error:
        return _back(request, item, error.message, "")
    return _back(request, item, None, _("附件已上传，文字已提取。"))


@require_http_methods(["GET", "POST"])
@login_required
def detach(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = Attachment.objects.select_related("item").filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("没有找到该附件")
    item = permissions.item_or_404(request.user, attachment.item_id)
    permissions.require(permissions.can_edit_item(request.user, item))
    if request.method == "GET":
        return render(
            request,
            "publishing/confirm.html",
            {
                "item": item,
                "question": _("确定删除附件“%(name)s”吗？") % {"name": attachment.original_name},
            },
        )
    try:
        services.remove_attachment(request.user, attachment)
    except services.PublishingError as error:
        return _back(request, item, error.message, "")
    return _back(request, item, None, _("附件已删除。"))


@require_GET
@login_required
def attachment_file(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("没有找到该附件")
    permissions.item_or_404(request.user, attachment.item_id)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@require_POST
@login_required
def submit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = permissions.item_or_404(request.user, item_id)
    permissions.require(permissions.can_edit_item(request.user, item))
    try:
        services.submit_item(request.user, item)
    except services.PublishingError as error:
        return _back(request, item, error.message, "")
    return _back(request, item, None, _("已报送，等待一级审核。"))


@require_POST
@login_required
def review(request: HttpRequest, item_id: int) -> HttpResponse:
    item = permissions.item_or_404(request.user, item_id)
    permissions.require(permissions.can_review_item(request.user, item))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _back(request, item, _("请选择审核意见。"), "")
    action = form.cleaned_data["action"]
    comment = form.cleaned_data["comment"]
    try:
        if action == "approve":
            services.approve_item(
                request.user,
                item,
                comment,
                secrecy_confirmed=form.cleaned_data["secrecy_confirmed"],
            )
        elif action == "return":
            services.return_item(request.user, item, comment)
        else:
            services.reject_item(request.user, item, comment)
    except services.PublishingError as error:
        return _back(request, item, error.message, "")
    return _back(request, item, None, _("审核意见已记录。"))


@require_POST
@login_required
def override(request: HttpRequest, item_id: int) -> HttpResponse:
    item = permissions.item_or_404(request.user, item_id)
    permissions.require(permissions.can_review_item(request.user, item))
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return _back(request, item, _("请填写确认无误的理由。"), "")
    try:
        services.override_findings(request.user, item, form.cleaned_data["reason"])
    except services.PublishingError as error:
        return _back(request, item, error.message, "")
    return _back(request, item, None, _("已记录确认理由，可以终审通过。"))


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request: HttpRequest, item_id: int) -> HttpResponse:
    """撤回: a page that asks for the reason and confirmation, then takes the item off the
    portal."""
    item = permissions.item_or_404(request.user, item_id)
    permissions.require(permissions.can_withdraw_item(request.user, item))
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_item(request.user, item, form.cleaned_data["reason"])
        except services.PublishingError as error:
            form.add_error(None, error.message)
        else:
            return _back(request, item, None, _("已撤回：门户不再显示该信息。"))
    status = 400 if request.method == "POST" else 200
    return render(request, "publishing/withdraw.html", {"item": item, "form": form}, status=status)
