"""Token authentication: ``Authorization: Token <token>`` (or ``Bearer``); tokens are created on
the account page. A session cookie is not enough: the API serves programs, not browsers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyHeader

from gongkai.web.accounts.services import user_for_token

SCHEMES = ("token", "bearer")


class TokenAuth(APIKeyHeader):
    param_name = "Authorization"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        scheme, _, token = (key or "").partition(" ")
        if scheme.lower() not in SCHEMES or not token.strip():
            return None
        return user_for_token(token.strip())
