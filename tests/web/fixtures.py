"""Personas and their organs, shared by the web and end-to-end tests.

青山区人民政府 supervises 青山区司法局 (the seed report's bureau, with a unit) and 青山区教育局.
白云区人民政府 is outside: its clerk is the *outsider*.

clerk       公开办工作人员 of 青山区司法局 (files its reports)
reviewer    审核人（一级） of 青山区司法局 (reads, does not file)
submitter   股室报送人 of 法治宣传股 (neither reads reports nor files)
supervisor  上级政务公开办 of 青山区人民政府 (sees every organ below it)
outsider    公开办工作人员 of 白云区人民政府 (sees nothing of 青山区)
admin       系统管理员
anonymous   not logged in
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import gongkai
from gongkai import OrganKind
from gongkai.web.accounts import services as accounts
from gongkai.web.accounts.models import Role, User
from gongkai.web.organs.models import Organ, Unit, UnitKind
from gongkai.web.organs.services import create_organ, create_unit

SAMPLES = Path(gongkai.__file__).parent / "samples"
SEED_JSON = SAMPLES / "qingshan-justice-2023.json"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SEED_TEXT = CORPUS / "raw" / "seed-qingshan-justice-2023.txt"
PASSWORD = "persona-password-2024"
PERSONAS = ("clerk", "reviewer", "submitter", "supervisor", "outsider", "admin", "anonymous")


def seed_file() -> Path:
    """The seed report as published (text), or its canonical JSON when the text cannot be read."""
    try:
        gongkai.read(SEED_TEXT)
    except gongkai.ReportInputError:
        return SEED_JSON
    return SEED_TEXT


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """SQLite test databases in a file, not in memory: the live server's request threads open
    connections of their own, which an in-memory database never closes. (PostgreSQL keeps
    pytest-django's per-worker database names.)"""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / f"test-{worker}.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def no_connection_outlives_the_tests(django_db_setup: None, django_db_blocker: Any) -> Any:
    """A request thread of the live server may still hold a PostgreSQL connection when the
    session ends (a browser request that arrived as the test finished); PostgreSQL will not drop
    a database in use, so such connections are ended first."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def fast_and_isolated(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def district(db: None) -> Organ:
    return create_organ(None, name="青山区人民政府", kind=OrganKind.COUNTY_GOVERNMENT)


@pytest.fixture
def bureau(district: Organ) -> Organ:
    return create_organ(None, name="青山区司法局", kind=OrganKind.DEPARTMENT, parent=district)


@pytest.fixture
def other_bureau(district: Organ) -> Organ:
    return create_organ(None, name="青山区教育局", kind=OrganKind.DEPARTMENT, parent=district)


@pytest.fixture
def unit(bureau: Organ) -> Unit:
    return create_unit(None, organ=bureau, name="法治宣传股", kind=UnitKind.SECTION)


@pytest.fixture
def elsewhere(db: None) -> Organ:
    return create_organ(None, name="白云区人民政府", kind=OrganKind.COUNTY_GOVERNMENT)


def _account(username: str) -> User:
    return accounts.create_account(None, username=username, password=PASSWORD, validate=False)


@pytest.fixture
def clerk(bureau: Organ) -> User:
    user = _account("clerk")
    accounts.grant_role(None, user, Role.CLERK, organ=bureau)
    return user


@pytest.fixture
def reviewer(bureau: Organ) -> User:
    user = _account("reviewer")
    accounts.grant_role(None, user, Role.REVIEWER, organ=bureau, review_level=1)
    return user


@pytest.fixture
def head(bureau: Organ) -> User:
    user = _account("head")
    accounts.grant_role(None, user, Role.ORGAN_HEAD, organ=bureau)
    return user


@pytest.fixture
def submitter(unit: Unit) -> User:
    user = _account("submitter")
    accounts.grant_role(None, user, Role.UNIT_SUBMITTER, unit=unit)
    return user


@pytest.fixture
def supervisor(district: Organ, bureau: Organ, other_bureau: Organ) -> User:
    user = _account("supervisor")
    accounts.grant_role(None, user, Role.SUPERVISOR, organ=district)
    return user


@pytest.fixture
def outsider(elsewhere: Organ) -> User:
    user = _account("outsider")
    accounts.grant_role(None, user, Role.CLERK, organ=elsewhere)
    return user


@pytest.fixture
def admin(db: None) -> User:
    user = _account("admin")
    accounts.grant_role(None, user, Role.ADMINISTRATOR)
    return user


@pytest.fixture
def everyone(
    clerk: User, reviewer: User, submitter: User, supervisor: User, outsider: User, admin: User
) -> dict[str, User | None]:
    return {
        "clerk": clerk,
        "reviewer": reviewer,
        "submitter": submitter,
        "supervisor": supervisor,
        "outsider": outsider,
        "admin": admin,
        "anonymous": None,
    }


@pytest.fixture
def client_as() -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def seed_filing(clerk: User, bureau: Organ) -> Any:
    """The seed report, uploaded by the clerk."""
    from gongkai.web.reports.services import file_uploaded_report

    path = seed_file()
    with path.open("rb") as handle:
        from django.core.files import File

        return file_uploaded_report(clerk, bureau, File(handle, name=path.name))


def finish(response: Any) -> Any:
    """Read a streamed response to its end, which closes its file the way a server would (calling
    ``close`` directly would also close the test's database connection)."""
    if getattr(response, "streaming", False):
        response.content_bytes = b"".join(response.streaming_content)
    return response


def database_state() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, to show that a request changed nothing."""
    return {
        model._meta.label: sorted(
            (dict(row) for row in model.objects.values()), key=lambda row: str(row.get("id", row))
        )
        for model in apps.get_models()
    }


def stored_files(root: Path) -> list[str]:
    return (
        sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
        if root.exists()
        else []
    )


@pytest.fixture(autouse=True)
def audit_triggers_lifted_for_a_flush(request: pytest.FixtureRequest) -> Any:
    """The audit log's triggers refuse DELETE; a transactional test's flush empties the tables
    with DELETE on SQLite (TRUNCATE, which row triggers do not see, on PostgreSQL). On SQLite the
    triggers are lifted for that flush and put back before the next test."""
    marks = list(request.node.iter_markers("django_db"))
    if not marks:
        yield
        return
    transactional = any(mark.kwargs.get("transaction") for mark in marks)
    # set up first, so that it is torn down (flushed) after the triggers are lifted
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.db import connection

    from gongkai.web.audit.chain import DROP_TRIGGERS, TRIGGERS

    with connection.cursor() as cursor:
        for statement in TRIGGERS.get(connection.vendor, []):
            cursor.execute(statement)
    yield
    if transactional and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in DROP_TRIGGERS["sqlite"]:
                cursor.execute(statement)


def upload(client: Client, organ: Any, name: str, content: bytes, **extra: Any) -> Any:
    """Post ``content`` as the file ``name`` to the organ's upload page."""
    return client.post(
        reverse("reports:upload", args=[organ.pk]),
        {"file": SimpleUploadedFile(name, content)},
        **extra,
    )


def staging_folders() -> list[Path]:
    """The upload staging folders left in the media root."""
    from django.conf import settings  # as above: the name is also pytest-django's fixture

    staging = Path(settings.MEDIA_ROOT) / "staging"
    return list(staging.iterdir()) if staging.exists() else []
