"""Table 三 compiled from the cases: against a slow reference count, and A1–A3 of the checker."""

from __future__ import annotations

import datetime
import json
from typing import Any

import gongkai
from gongkai.law import Outcome, table_row
from gongkai.report.formats import APPLICANT_KEYS
from gongkai.web.applications.models import Application, OpeningBalance
from gongkai.web.applications.selectors import compile_table_three
from web.applications_support import *  # noqa: F403
from web.applications_support import make_case

D = datetime.date


def reference(organ: Any, year: int) -> dict[str, dict[str, int]]:
    """The slow way: one case at a time, in Python."""
    first, last = D(year, 1, 1), D(year, 12, 31)
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
