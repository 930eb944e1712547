"""The audit log page, for administrators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.web.accounts import permissions
from gongkai.web.audit.selectors import list_entries


@require_GET
@login_required
def log(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_view_audit_log(request.user))
    action = request.GET.get("action", "")[:60]
    actor = request.GET.get("actor", "")[:150]
    page = Paginator(list_entries(action=action, actor=actor), 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page, "action": action, "actor": actor})
