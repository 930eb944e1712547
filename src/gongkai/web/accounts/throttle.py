"""The login throttle's view of a request (django-axes calls ``client_ip``), and the audit entry
written when an account is locked out from some source."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from gongkai.web.audit.services import record_change


def client_ip(request: Any) -> str:
    """The client's address: the header the reverse proxy sets, when one is configured
    (``GONGKAI_CLIENT_IP_HEADER``), else the connection's address."""
    header = settings.GONGKAI_CLIENT_IP_HEADER
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        forwarded = request.META.get(key, "").split(",")[0].strip()
        if forwarded:
            return str(forwarded)
    return str(request.META.get("REMOTE_ADDR", ""))


def record_lockout(
    sender: Any, request: Any, username: str, ip_address: str, **kwargs: Any
) -> None:
    """An account locked out from one source goes to the audit log (an unknown username, which
    is answered the same way, has no account to log it against)."""
    from gongkai.web.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        return
    with transaction.atomic():
        record_change(None, "account.lock", user, None, {"source": ip_address})
