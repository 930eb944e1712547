"""For every page: the right people can, the wrong people cannot (403 when they may see the
object but not act on it, 404 when they may not see it at all, the login page for the
anonymous), and a GET changes nothing — no row, no file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from web.fixtures import PERSONAS, database_state, finish, stored_files

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
_ = None  # anonymous: always sent to the login page

# page -> expected status for clerk, reviewer, submitter, supervisor, outsider, admin
MATRIX: dict[str, tuple[int, int, int, int, int, int]] = {
    "home": (OK, OK, OK, OK, OK, OK),
    "profile": (OK, OK, OK, OK, OK, OK),
    "password": (OK, OK, OK, OK, OK, OK),
    "archive": (OK, OK, NOT_FOUND, OK, NOT_FOUND, OK),
    "upload": (OK, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN),
    "enter": (OK, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN),
    "detail": (OK, OK, NOT_FOUND, OK, NOT_FOUND, OK),
    "download-json": (OK, OK, NOT_FOUND, OK, NOT_FOUND, OK),
    "download-md": (OK, OK, NOT_FOUND, OK, NOT_FOUND, OK),
    "annotated-html": (OK, OK, NOT_FOUND, OK, NOT_FOUND, OK),
    "original": (OK, OK, NOT_FOUND, OK, NOT_FOUND, OK),
    "supervision-index": (FORBIDDEN, FORBIDDEN, FORBIDDEN, REDIRECT, FORBIDDEN, REDIRECT),
    "supervision-district": (NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK),
    "supervision-bureau": (FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND, OK),
    "supervision-export": (NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK),
    "audit": (FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
}


def page_url(page: str, filing: Any) -> str:
    organ = filing.organ
    district = organ.parent
    return {
        "home": reverse("core:home"),
        "profile": reverse("accounts:profile"),
        "password": reverse("accounts:password_change"),
        "archive": reverse("reports:archive", args=[organ.pk]),
        "upload": reverse("reports:upload", args=[organ.pk]),
        "enter": reverse("reports:enter", args=[organ.pk]),
        "detail": reverse("reports:detail", args=[filing.pk]),
        "download-json": reverse("reports:download", args=[filing.pk, "json"]),
        "download-md": reverse("reports:download", args=[filing.pk, "md"]),
        "annotated-html": reverse("reports:annotated", args=[filing.pk, "html"]),
        "original": reverse("reports:original", args=[filing.pk]),
        "supervision-index": reverse("supervision:index"),
        "supervision-district": reverse("supervision:overview", args=[district.pk, 2023]),
        "supervision-bureau": reverse("supervision:overview", args=[organ.pk, 2023]),
        "supervision-export": reverse("supervision:export", args=[district.pk, 2023]),
        "audit": reverse("audit:log"),
    }[page]


CASES = [
    pytest.param(page, persona, expected, id=f"{page}-{persona}")
    for page, row in MATRIX.items()
    for persona, expected in zip(PERSONAS, (*row, REDIRECT), strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "persona", "expected"), CASES)
def test_each_persona_gets_what_it_may_see_and_nothing_else(
    page: str,
    persona: str,
    expected: int,
    everyone: dict[str, Any],
    seed_filing: Any,
    client_as: Callable[..., Any],
) -> None:
    url = page_url(page, seed_filing)
    response = finish(client_as(everyone[persona]).get(url))
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(MATRIX))
def test_a_get_changes_nothing_for_anyone(
    page: str, everyone: dict[str, Any], seed_filing: Any, client_as: Callable[..., Any]
) -> None:
    url = page_url(page, seed_filing)
    clients = [client_as(user) for user in everyone.values()]
    before, files_before = database_state(), stored_files(settings.MEDIA_ROOT)
    for client in clients:
        finish(client.get(url))
    assert database_state() == before
    assert stored_files(settings.MEDIA_ROOT) == files_before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("reviewer", FORBIDDEN),
        ("supervisor", FORBIDDEN),
        ("outsider", NOT_FOUND),
        ("admin", FORBIDDEN),
    ],
)
def test_only_the_clerk_can_post_a_report(
    persona: str,
    expected: int,
    everyone: dict[str, Any],
    bureau: Any,
    client_as: Callable[..., Any],
) -> None:
    from web.fixtures import SEED_JSON

    client = client_as(everyone[persona])
    before = database_state()
    with SEED_JSON.open("rb") as handle:
        response = client.post(reverse("reports:upload", args=[bureau.pk]), {"file": handle})
    assert response.status_code == expected
    assert database_state() == before
    assert stored_files(settings.MEDIA_ROOT) == []


@pytest.mark.django_db
def test_the_anonymous_cannot_post_a_report(bureau: Any, client_as: Callable[..., Any]) -> None:
    from web.fixtures import SEED_JSON

    before = database_state()
    with SEED_JSON.open("rb") as handle:
        response = client_as(None).post(
            reverse("reports:upload", args=[bureau.pk]), {"file": handle}
        )
    assert response.status_code == REDIRECT
    assert database_state() == before


@pytest.mark.django_db
def test_a_report_id_that_does_not_exist_is_404(clerk: Any, client_as: Callable[..., Any]) -> None:
    response = client_as(clerk).get(reverse("reports:detail", args=[999999]))
    assert response.status_code == NOT_FOUND
    assert "页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_download_format_is_404(
    clerk: Any, seed_filing: Any, client_as: Callable[..., Any]
) -> None:
    response = client_as(clerk).get(reverse("reports:download", args=[seed_filing.pk, "exe"]))
    assert response.status_code == NOT_FOUND


@pytest.mark.django_db
def test_pages_refuse_methods_they_do_not_take(
    clerk: Any, seed_filing: Any, client_as: Callable[..., Any]
) -> None:
    client = client_as(clerk)
    assert client.post(reverse("reports:detail", args=[seed_filing.pk])).status_code == 405
    assert client.get(reverse("accounts:create_token")).status_code == 405
    assert client.get(reverse("accounts:logout")).status_code == 405
