"""The 复议/诉讼 case register and table 四 compiled from it by one aggregate query, checked
against a slow count in Python and against the A rules (A5–A7)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

import gongkai
from gongkai.report.model import Report
from gongkai.web.appeals import services
from gongkai.web.appeals.compiling import compile_table4
from gongkai.web.appeals.models import Case
from gongkai.web.audit.models import AuditEntry
from gongkai.web.organs.models import Organ

pytestmark = pytest.mark.django_db

D = datetime.date
KINDS = ("review", "litigation_direct", "litigation_after_review")
RESULTS = ("upheld", "corrected", "other")


def case(
    organ: Organ, kind: str, filed: D, result: str = "pending", closed: D | None = None
) -> Any:
    return services.register_case(
        None,
        organ,
        kind=kind,
        body="青山区人民政府",
        filed_on=filed,
        result=result,
        closed_on=closed,
    )


def slow_table4(organ: Organ, year: int) -> dict[str, dict[str, int]]:
    end = D(year, 12, 31)
    cells = {}
    for kind in KINDS:
        cases = [c for c in Case.objects.all() if c.organ_id == organ.pk and c.kind == kind]
        cases = [c for c in cases if c.filed_on.year == year]
        closed = [c for c in cases if c.closed_on is not None and c.closed_on <= end]
        cells[kind] = {r: sum(1 for c in closed if c.result == r) for r in RESULTS}
        cells[kind]["pending"] = len(cases) - len(closed)
        cells[kind]["total"] = len(cases)
    return cells


def a_rules(organ: Organ, year: int, cells: dict[str, dict[str, int]]) -> list[Any]:
    report = Report(format="2021", organ=organ.name, year=year)
    for row, columns in cells.items():
        for column, value in columns.items():
            report.set("table4", row, column, value)
    return [f for f in gongkai.check(report) if f.rule.startswith("A")]


def test_table_4_counts_the_years_cases_by_kind_and_result(
    bureau: Organ, other_bureau: Organ
) -> None:
    case(bureau, "review", D(2024, 3, 1), "upheld", D(2024, 5, 1))
    case(bureau, "review", D(2024, 6, 1), "corrected", D(2024, 8, 1))
    case(bureau, "review", D(2024, 11, 1))
    case(bureau, "litigation_direct", D(2024, 2, 1), "other", D(2024, 4, 1))
    # Closed after 31 December: still 尚未审结 in the 2024 report.
    case(bureau, "litigation_after_review", D(2024, 10, 1), "upheld", D(2025, 1, 20))
    case(bureau, "review", D(2023, 3, 1), "upheld", D(2023, 5, 1))  # another year
    case(other_bureau, "review", D(2024, 3, 1))  # another organ
    with CaptureQueriesContext(connection) as queries:
        cells = compile_table4(bureau, 2024)
    assert len(queries) == 1  # one aggregate query
    assert cells["review"] == {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3}
    assert cells["litigation_direct"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 1,
        "pending": 0,
        "total": 1,
    }
    assert cells["litigation_after_review"]["pending"] == 1
    assert cells == slow_table4(bureau, 2024)
    assert a_rules(bureau, 2024, cells) == []


def test_a_year_without_cases_is_all_zeros(bureau: Organ) -> None:
    cells = compile_table4(bureau, 2023)
    assert [v for row in cells.values() for v in row.values()] == [0] * 15


def test_a_closed_case_needs_a_result_and_a_date(bureau: Organ) -> None:
    with pytest.raises(services.CaseError, match="须填写审结日期"):
        case(bureau, "review", D(2024, 3, 1), "upheld")
    with pytest.raises(services.CaseError, match="不应填写审结日期"):
        case(bureau, "review", D(2024, 3, 1), "pending", D(2024, 4, 1))
    with pytest.raises(services.CaseError, match="不能早于"):
        case(bureau, "review", D(2024, 3, 1), "upheld", D(2024, 2, 1))
    assert not Case.objects.exists()


def test_recording_the_result_is_audited(clerk: Any, bureau: Organ) -> None:
    registered = services.register_case(
        clerk,
        bureau,
        kind="review",
        body="青山区人民政府",
        filed_on=D(2024, 3, 1),
        application_reference="QS-2024-0031",
    )
    services.update_case(clerk, registered, result="corrected", closed_on=D(2024, 5, 6))
    change = AuditEntry.objects.get(action="appeal.change")
    assert (change.before["result"], change.after["result"]) == ("pending", "corrected")
    assert AuditEntry.objects.filter(action="appeal.register").count() == 1


class TestCompiledTable4MatchesTheSlowCount(HypothesisTestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        cases=st.lists(
            st.tuples(
                st.sampled_from(KINDS),
                st.dates(D(2022, 1, 1), D(2024, 12, 31)),
                st.one_of(st.none(), st.tuples(st.sampled_from(RESULTS), st.integers(0, 400))),
            ),
            max_size=15,
        ),
        year=st.integers(2022, 2024),
    )
    def test_it(self, cases: list[Any], year: int) -> None:
        from gongkai import OrganKind
        from gongkai.web.organs.services import create_organ

        organ = create_organ(None, name="青山区司法局", kind=OrganKind.DEPARTMENT)
        for kind, filed, outcome in cases:
            if outcome is None:
                case(organ, kind, filed)
            else:
                case(organ, kind, filed, outcome[0], filed + datetime.timedelta(days=outcome[1]))
        cells = compile_table4(organ, year)
        assert cells == slow_table4(organ, year)
        assert a_rules(organ, year, cells) == []


def test_the_clerk_registers_a_case_from_the_page(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    data = {
        "kind": "litigation_direct",
        "body": "青山区人民法院",
        "filed_on": "2024-04-02",
        "result": "pending",
        "application_reference": "QS-2024-0007",
    }
    response = client.post(reverse("appeals:add", args=[bureau.pk]), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "青山区人民法院" in page
    assert "未经复议直接起诉" in page
    assert compile_table4(bureau, 2024)["litigation_direct"]["pending"] == 1


def test_a_result_without_a_closing_date_is_refused_on_the_page(
    clerk: Any, bureau: Organ, client_as: Callable[..., Client]
) -> None:
    data = {
        "kind": "review",
        "body": "青山区人民政府",
        "filed_on": "2024-04-02",
        "result": "upheld",
    }
    response = client_as(clerk).post(reverse("appeals:add", args=[bureau.pk]), data)
    assert response.status_code == 400
    assert "已有结果的案件须填写审结日期" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("persona", "reads", "edits"),
    [
        ("clerk", 200, 302),
        ("reviewer", 200, 403),
        ("supervisor", 200, 403),
        ("submitter", 404, 404),
        ("outsider", 404, 404),
        ("anonymous", 302, 302),
    ],
)
def test_it_checks_who_may_read_and_edit(
    persona: str,
    reads: int,
    edits: int,
    bureau: Organ,
    everyone: dict[str, Any],
    client_as: Callable[..., Client],
) -> None:
    client = client_as(everyone[persona])
    assert client.get(reverse("appeals:index", args=[bureau.pk])).status_code == reads
    data = {
        "kind": "review",
        "body": "青山区人民政府",
        "filed_on": "2024-04-02",
        "result": "pending",
    }
    assert client.post(reverse("appeals:add", args=[bureau.pk]), data).status_code == edits
    assert Case.objects.exists() == (persona == "clerk")
