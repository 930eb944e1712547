"""Two people acting on the same case at once: one wins, the other is told, nothing is lost.
Real threads with their own database connections (SQLite file or PostgreSQL)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from gongkai.web.applications import decisions, intake, services
from gongkai.web.applications.errors import ApplicationError, ConflictError
from gongkai.web.applications.models import Application, TimelineEntry
from web.applications_support import *  # noqa: F403
from web.applications_support import application_input

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_clerks_drafting_at_once_never_lose_an_update(
    clerk: Any, bureau: Any, configured: Any, today: Any
) -> None:
    case = services.start_processing(
        clerk, intake.create_application(clerk, bureau, application_input())
    )
    version = case.version
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def draft(outcome: str) -> None:
        try:
            start.wait()
            decisions.draft_decision(
                clerk,
                case,
                outcome=outcome,
                decision_text=f"拟{outcome}",
                secrecy_reviewed=True,
                expected_version=version,
            )
            outcomes[outcome] = "saved"
        except ConflictError:
            outcomes[outcome] = "conflict"
        except ApplicationError as error:  # e.g. "database is locked" mapped by the service
            outcomes[outcome] = error.message
        finally:
            connection.close()

    threads = [threading.Thread(target=draft, args=(o,)) for o in ("disclosed", "not-exist")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
    saved = next(o for o, result in outcomes.items() if result == "saved")
    stored = Application.objects.get(pk=case.pk)
    assert stored.outcome == saved
    assert stored.version == version + 1
    assert TimelineEntry.objects.filter(application=case, action="拟定答复").count() == 1
