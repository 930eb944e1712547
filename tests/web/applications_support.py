"""Fixtures and helpers of the applications tests: a case in any state, by the public steps."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

import gongkai
from gongkai.law import Outcome, table_row
from gongkai.report.formats import APPLICANT_KEYS
from gongkai.web.accounts import services as accounts
from gongkai.web.accounts.models import Role
from gongkai.web.applications import clock, decisions, intake, services
from gongkai.web.applications.decisions import organ_settings
from gongkai.web.applications.intake import ApplicationInput
from gongkai.web.applications.models import Application

# Valid numbers (their check characters are right).
RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"
TODAY = datetime.date(2025, 6, 16)  # a Monday; 2025's calendar is confirmed


def application_input(**overrides: Any) -> ApplicationInput:
    values: dict[str, Any] = {
        "applicant_kind": "natural_person",
        "applicant_name": "张三",
        "identity_kind": "resident-id",
        "identity_number": RESIDENT_ID,
        "request_text": "2024年青山区法律援助经费使用情况",
        "provision_form": "paper",
        "delivery_method": "post",
        "channel": "in-person",
        "arrived_on": TODAY,
        "phone": "13800138000",
        "address": "青山区富强路1号",
    }
    values.update(overrides)
    return ApplicationInput(**values)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """The workbench's clock set to ``TODAY`` (tests move it with ``set_today``)."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


def set_today(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)


@pytest.fixture
def configured(bureau: Any) -> Any:
    config = organ_settings(bureau)
    config.short_name = "青司"
    config.reconsideration_body = "青山区人民政府"
    config.review_levels = 1
    config.save()
    return config


@pytest.fixture
def head_of_office(bureau: Any) -> Any:
    user = accounts.create_account(None, username="head", password="x" * 12, validate=False)
    accounts.grant_role(None, user, Role.ORGAN_HEAD, organ=bureau)
    return user


@pytest.fixture
def case(clerk: Any, bureau: Any, configured: Any, today: datetime.date) -> Any:
    return intake.create_application(clerk, bureau, application_input())


def decided(clerk: Any, reviewer: Any, case: Any, outcome: str = "disclosed", **extra: Any) -> Any:
    """Take ``case`` from registered to an approved decision."""
    case = services.start_processing(clerk, case)
    fields: dict[str, Any] = {"decision_text": "经审查，该信息可以公开。", "secrecy_reviewed": True}
    fields.update(extra)
    case = decisions.draft_decision(clerk, case, outcome=outcome, **fields)
    case = decisions.submit_for_review(clerk, case)
    return decisions.review(reviewer, case, approve=True)


def make_case(
    monkeypatch: Any,
    clerk: Any,
    reviewer: Any,
    organ: Any,
    received: datetime.date,
    *,
    decided_on: datetime.date | None = None,
    outcome: str = "disclosed",
    kind: str = "natural_person",
    identity: str = RESIDENT_ID,
) -> Any:
    """A case received on ``received`` and, with ``decided_on``, answered that day."""
    monkeypatch.setattr(clock, "today", lambda: received)
    identity_kind = "resident-id" if kind == "natural_person" else "credit-code"
    case = intake.create_application(
        clerk,
        organ,
        application_input(
            arrived_on=received,
            applicant_kind=kind,
            identity_kind=identity_kind,
            identity_number=identity if kind == "natural_person" else CREDIT_CODE,
        ),
    )
    if decided_on is None:
        return case
    monkeypatch.setattr(clock, "today", lambda: decided_on)
    extra: dict[str, Any] = {}
    if outcome == "partial" or outcome.startswith("denied-"):
        extra = {"withheld_parts": "第三页", "withheld_reason": "涉及个人隐私"}
    if outcome == "not-exist":
        extra = {"search_record": "检索了本机关2019–2024年收文登记簿和档案室目录"}
    if outcome == "not-this-organ":
        extra = {"responsible_organ": "青山区财政局，电话 0472-1234567"}
    case = decided(clerk, reviewer, case, outcome, **extra)
    return decisions.issue_decision(clerk, case, issued_on=decided_on, confirm=frozenset({"AP01"}))


def reference(organ: Any, year: int) -> dict[str, dict[str, int]]:
    """The slow way: one case at a time, in Python."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    table: dict[str, dict[str, int]] = {}

    def add(row: str, column: str) -> None:
        cells = table.setdefault(row, dict.fromkeys((*APPLICANT_KEYS, "total"), 0))
        cells[column] += 1
        cells["total"] += 1

    for case in Application.objects.filter(organ=organ):
        column = case.applicant_kind
        decided = case.decided_on
        if first <= case.received_on <= last:
            add("new_received", column)
        if case.received_on < first and (decided is None or decided >= first):
            add("carried_over", column)
        if decided is not None and first <= decided <= last:
            add(table_row(Outcome(case.outcome)).key, column)
            add("total", column)
        if case.received_on <= last and (decided is None or decided > last):
            add("carried_forward", column)
    return table


def a_rules(table: dict[str, dict[str, int]], year: int) -> list[str]:
    report = gongkai.loads(
        json.dumps(
            {"format": "2021", "organ": "青山区司法局", "year": year, "tables": {"table3": table}}
        )
    )
    return [
        f"{f.rule} {f.message_zh}" for f in gongkai.check(report) if f.rule in ("A1", "A2", "A3")
    ]


def letter_text(content: bytes) -> str:
    """The text of a letter's PDF as poppler reads it back, line breaks and spaces removed."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", handle.name, "-"], check=True, capture_output=True, text=True
        ).stdout
    return "".join(text.split())
