"""Changes to accounts: creation, roles, login failures and lock-out, passwords, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.web.accounts.models import ApiToken, Membership, Role, User
from gongkai.web.audit.services import record_change, snapshot

USER_FIELDS = ("username", "full_name", "is_active", "is_staff", "is_superuser")
MEMBERSHIP_FIELDS = ("user_id", "role", "organ_id", "unit_id", "review_level")


def create_account(
    actor: Any, *, username: str, password: str, full_name: str = "", validate: bool = True
) -> User:
    """A new account. The password must pass the configured validators unless ``validate`` is
    false (demo data with documented throwaway passwords)."""
    if validate:
        validate_password(password, User(username=username, full_name=full_name))
    with transaction.atomic():
        user = User(username=username, full_name=full_name)
        user.set_password(password)
        user.save()
        record_change(actor, "account.create", user, None, snapshot(user, USER_FIELDS))
    return user


def grant_role(
    actor: Any,
    user: User,
    role: str,
    *,
    organ: Any = None,
    unit: Any = None,
    review_level: int | None = None,
) -> Membership:
    if unit is not None:
        if organ is not None and unit.organ_id != organ.pk:
            raise ValidationError("内设机构不属于该机关")
        organ = unit.organ
    if role == Role.REVIEWER and review_level not in (1, 2, 3):
        raise ValidationError("审核人须指定审核级别（1–3级）")
    with transaction.atomic():
        membership = Membership.objects.create(
            user=user, role=role, organ=organ, unit=unit, review_level=review_level
        )
        if role == Role.ADMINISTRATOR and not (user.is_staff and user.is_superuser):
            before = snapshot(user, USER_FIELDS)
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
            record_change(actor, "account.admin", user, before, snapshot(user, USER_FIELDS))
        record_change(
            actor,
            "role.grant",
            membership,
            None,
            snapshot(membership, MEMBERSHIP_FIELDS),
            organ=organ,
        )
    return membership


def unlock_account(actor: Any, user: User) -> int:
    """Lift every login lock-out of the account (from any source); returns how many there were."""
    from axes.utils import reset

    with transaction.atomic():
        lifted = reset(username=user.get_username())
        record_change(actor, "account.unlock", user, None, {"lockouts_lifted": lifted})
    return lifted


def record_password_reset(actor: Any, user: User) -> None:
    """An administrator set another account's password (in the admin): to the audit log, in the
    transaction of the change."""
    record_change(actor, "account.password_reset", user, None, None)


def change_password(user: User, new_password: str) -> None:
    """The account's new password (already validated by the form)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record_change(user, "account.password", user, None, None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token; the second value is the token itself, shown to its owner once."""
    token = "gk_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        api_token = ApiToken.objects.create(
            user=user, name=name, prefix=token[:8], digest=_digest(token)
        )
        record_change(user, "token.create", api_token, None, {"name": name, "prefix": token[:8]})
    return api_token, token


def revoke_api_token(user: User, api_token: ApiToken) -> None:
    with transaction.atomic():
        api_token.revoked_at = timezone.now()
        api_token.save(update_fields=["revoked_at"])
        record_change(
            user, "token.revoke", api_token, None, {"revoked_at": api_token.revoked_at.isoformat()}
        )


def user_for_token(token: str) -> User | None:
    """The account holding ``token``, if the token is valid (the API's authentication)."""
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), revoked_at__isnull=True)
        .first()
    )
    if api_token is None or not api_token.user.is_active:
        return None
    return api_token.user
