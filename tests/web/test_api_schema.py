"""Schemathesis over the API's generated OpenAPI document: generated requests (valid and not)
meet no server error, and every answer conforms to the document — status, content type, body."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from gongkai.web.accounts.services import create_api_token

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def connection_kept() -> Any:
    """The test's database transaction stays open across requests (as Django's test client
    keeps it): the WSGI handler would otherwise close the connection after each answer."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def supervisor_token(supervisor: Any, seed_filing: Any) -> str:
    """A token that sees the seed report and its district, so that the lists are not empty."""
    return create_api_token(supervisor, "schemathesis")[1]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(
    case: Any, supervisor_token: str, connection_kept: None
) -> None:
    # The valid token replaces whatever Authorization header the case carried, so a case whose
    # only schema violation was that header is no longer negative: the check that negative data
    # is refused would then fail on a request that is in fact valid. Server errors and answers
    # that break the document are still checked on every case.
    case.call_and_validate(
        headers={"Authorization": f"Token {supervisor_token}"},
        excluded_checks=[negative_data_rejection],
    )
