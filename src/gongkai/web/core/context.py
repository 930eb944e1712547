"""What every page's navigation needs to know about the account."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gongkai.web.accounts import permissions


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_can_file": bool(permissions.filing_organ_ids(user)),
        "nav_can_supervise": bool(permissions.supervised_organ_ids(user))
        or permissions.is_administrator(user),
        "nav_can_audit": permissions.can_view_audit_log(user),
        "nav_applications": bool(permissions.application_organ_ids(user)),
    }
