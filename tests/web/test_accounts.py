"""Login, logout, password change, lock-out after repeated failures, strong hashing, API tokens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from gongkai.web.accounts import services
from gongkai.web.accounts.models import ApiToken, Membership, Role, User
from gongkai.web.audit.models import AuditEntry
from web.fixtures import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_the_clerk_logs_in_and_lands_on_the_home_page(clerk: User) -> None:
    client = Client()
    response = log_in(client, "clerk", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert "青山区司法局" in client.get(reverse("core:home")).content.decode()


def test_a_wrong_password_is_refused_in_chinese(clerk: User) -> None:
    response = log_in(Client(), "clerk", "wrong")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_account_is_locked_after_repeated_failures(clerk: User) -> None:
    client = Client()
    for _ in range(3):
        log_in(client, "clerk", "wrong")
    response = log_in(client, "clerk", PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="account.lock", target_id=str(clerk.pk)).exists()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lock_ends_when_its_time_is_up(clerk: User) -> None:
    from axes.models import AccessAttempt

    client = Client()
    for _ in range(3):
        log_in(client, "clerk", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))
    assert log_in(client, "clerk", PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_login_resets_the_failure_count(clerk: User) -> None:
    client = Client()
    log_in(client, "clerk", "wrong")
    log_in(client, "clerk", "wrong")
    log_in(client, "clerk", PASSWORD)
    client.post(reverse("accounts:logout"))
    log_in(client, "clerk", "wrong")
    log_in(client, "clerk", "wrong")
    assert log_in(client, "clerk", PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_administrator_unlocks_an_account_and_it_is_logged(clerk: User, admin: User) -> None:
    client = Client()
    for _ in range(3):
        log_in(client, "clerk", "wrong")
    assert log_in(client, "clerk", PASSWORD).status_code == 429
    assert services.unlock_account(admin, clerk) == 1
    assert log_in(client, "clerk", PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(action="account.unlock", actor=admin).exists()


def test_logout_is_a_post_and_ends_the_session(
    clerk: User, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_the_clerk_changes_the_password_and_stays_logged_in(clerk: User) -> None:
    client = Client()
    log_in(client, "clerk", PASSWORD)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Qingshan-Sifaju-2024!",
            "new_password2": "Qingshan-Sifaju-2024!",
        },
    )
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("Qingshan-Sifaju-2024!")
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEntry.objects.filter(action="account.password", actor=clerk).exists()


def test_a_weak_new_password_is_refused(clerk: User, client_as: Callable[..., Client]) -> None:
    response = client_as(clerk).post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    clerk.refresh_from_db()
    assert clerk.check_password(PASSWORD)


def test_passwords_are_hashed_with_scrypt_in_production() -> None:
    from gongkai.web import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("ScryptPasswordHasher")


def test_a_reviewer_needs_a_level_from_one_to_three(reviewer: User, bureau: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.grant_role(None, reviewer, Role.REVIEWER, organ=bureau, review_level=4)


def test_the_database_refuses_a_reviewer_without_a_level(reviewer: User, bureau: Any) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=reviewer, role=Role.REVIEWER, organ=bureau)


def test_an_administrator_role_opens_the_admin(
    admin: User, client_as: Callable[..., Client]
) -> None:
    assert client_as(admin).get("/admin/").status_code == 200


def test_others_cannot_open_the_admin(clerk: User, client_as: Callable[..., Client]) -> None:
    assert client_as(clerk).get("/admin/").status_code == 302


def test_a_token_is_shown_once_and_stored_only_as_a_hash(
    clerk: User, client_as: Callable[..., Client]
) -> None:
    response = client_as(clerk).post(reverse("accounts:create_token"), {"name": "统计脚本"})
    token = response.context["token"]
    assert token.startswith("gk_")
    stored = ApiToken.objects.get(user=clerk)
    assert token not in (stored.digest, stored.prefix)
    assert services.user_for_token(token) == clerk


def test_revoking_a_token_asks_first_and_then_ends_it(
    clerk: User, client_as: Callable[..., Client]
) -> None:
    api_token, token = services.create_api_token(clerk, "脚本")
    client = client_as(clerk)
    url = reverse("accounts:revoke_token", args=[api_token.pk])
    assert "确定作废" in client.get(url).content.decode()
    assert services.user_for_token(token) == clerk  # the question changed nothing
    client.post(url)
    assert services.user_for_token(token) is None


def test_nobody_revokes_another_persons_token(
    clerk: User, reviewer: User, client_as: Callable[..., Client]
) -> None:
    api_token, token = services.create_api_token(clerk, "脚本")
    response = client_as(reviewer).post(reverse("accounts:revoke_token", args=[api_token.pk]))
    assert response.status_code == 404
    assert services.user_for_token(token) == clerk
