"""Table 三 compiled from the cases: against a slow reference count, and A1–A3 of the checker."""

from __future__ import annotations

import datetime
from typing import Any

from gongkai.web.applications.models import OpeningBalance
from gongkai.web.applications.selectors import compile_table_three
from web.applications_support import *  # noqa: F403
from web.applications_support import a_rules, make_case, reference

D = datetime.date


def test_table_three_counts_each_case_in_its_row(
    monkeypatch: Any, clerk: Any, reviewer: Any, bureau: Any, configured: Any
) -> None:
    make_case(monkeypatch, clerk, reviewer, bureau, D(2024, 12, 2), decided_on=D(2025, 1, 6))
    make_case(monkeypatch, clerk, reviewer, bureau, D(2024, 12, 20))  # still open
    make_case(monkeypatch, clerk, reviewer, bureau, D(2024, 3, 4), decided_on=D(2024, 3, 20))
    make_case(
        monkeypatch,
        clerk,
        reviewer,
        bureau,
        D(2025, 2, 10),
        decided_on=D(2025, 3, 3),
        outcome="partial",
        kind="commercial_enterprise",
    )
    make_case(
        monkeypatch,
        clerk,
        reviewer,
        bureau,
        D(2025, 4, 1),
        decided_on=D(2025, 4, 21),
        outcome="not-exist",
    )
    make_case(monkeypatch, clerk, reviewer, bureau, D(2025, 12, 29))
    table = compile_table_three(bureau, 2025)
    assert table["new_received"]["total"] == 3
    assert table["carried_over"]["natural_person"] == 2
    assert table["granted"]["natural_person"] == 1
    assert table["partial"]["commercial_enterprise"] == 1
    assert table["unable_not_held"]["natural_person"] == 1
    assert table["total"]["total"] == 3
    assert table["carried_forward"]["total"] == 2
    expected = reference(bureau, 2025)
    for row, cells in expected.items():
        assert table[row] == cells, row
    assert a_rules(table, 2025) == []


def test_the_a_rules_would_catch_a_wrong_table(
    monkeypatch: Any, clerk: Any, reviewer: Any, bureau: Any, configured: Any
) -> None:
    make_case(monkeypatch, clerk, reviewer, bureau, D(2025, 2, 10), decided_on=D(2025, 3, 3))
    table = compile_table_three(bureau, 2025)
    table["granted"]["natural_person"] += 1
    assert any(rule.startswith("A") for rule in a_rules(table, 2025))


def test_the_opening_balance_is_carried_over_and_keeps_the_balance(
    monkeypatch: Any, clerk: Any, reviewer: Any, bureau: Any, configured: Any
) -> None:
    OpeningBalance.objects.create(
        organ=bureau, year=2025, counts={"natural_person": 4}, source="2024年报"
    )
    make_case(monkeypatch, clerk, reviewer, bureau, D(2025, 2, 10), decided_on=D(2025, 3, 3))
    table = compile_table_three(bureau, 2025)
    assert table["carried_over"]["natural_person"] == 4
    assert a_rules(table, 2025) == []
