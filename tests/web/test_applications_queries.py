"""The workbench's reads stay cheap with a million cases: each page issues a fixed number of
queries whatever the number of cases (no query per row), no page counts all the cases, and the
queries read the indexes meant for them (the plan names the index). Properties of the queries,
not timings: the timings are in ``benchmarks/applications_speed.py``."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from gongkai.web.applications import intake
from gongkai.web.applications.selectors import compile_table_three, dashboard, list_cases
from web.applications_support import *  # noqa: F403
from web.applications_support import TODAY, application_input, set_today

Statement = tuple[str, Any]


@contextmanager
def recorded() -> Iterator[list[Statement]]:
    """Every statement run meanwhile, with its parameters (Django's own query log is reset by
    each request, so a test client request would hide them)."""
    statements: list[Statement] = []

    def record(execute: Callable[..., Any], sql: str, params: Any, *rest: Any) -> Any:
        statements.append((sql, params))
        return execute(sql, params, *rest)

    with connection.execute_wrapper(record):
        yield statements


def register(clerk: Any, bureau: Any, count: int) -> None:
    for _ in range(count):
        intake.create_application(clerk, bureau, application_input())


def plan(sql: str, params: Any) -> str:
    """SQLite's query plan as text, naming the indexes read."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


# SQLite chooses its index by the shape of the query, so a test database of a few cases shows
# the plan of a million. PostgreSQL chooses by its statistics and rightly reads a few rows
# without an index: its plans at a million cases are printed by
# ``benchmarks/applications_speed.py --explain`` (docs/benchmarks.md).
sqlite_plan = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL plans by statistics: see the benchmark"
)


def application_selects(statements: list[Statement]) -> list[Statement]:
    return [
        (sql, params)
        for sql, params in statements
        if sql.startswith("SELECT") and 'FROM "applications_application"' in sql
    ]


@pytest.mark.parametrize("page", ["applications:dashboard", "applications:list"])
def test_a_page_issues_as_many_queries_for_30_cases_as_for_3(
    clerk: Any, bureau: Any, configured: Any, monkeypatch: Any, client_as: Any, page: str
) -> None:
    set_today(monkeypatch, TODAY)
    client = client_as(clerk)
    register(clerk, bureau, 3)
    # Forty working days later every case is overdue: the dashboard lists them all.
    set_today(monkeypatch, TODAY + datetime.timedelta(days=60))
    client.get(reverse(page))  # the first request of a session may set things up
    with recorded() as few:
        assert client.get(reverse(page)).status_code == 200
    set_today(monkeypatch, TODAY)
    register(clerk, bureau, 27)
    set_today(monkeypatch, TODAY + datetime.timedelta(days=60))
    with recorded() as many:
        response = client.get(reverse(page))
    assert response.status_code == 200
    assert response.content.decode().count("青司公开〔2025〕第") >= 10
    assert len(many) == len(few), [sql for sql, _ in many]
    assert len(many) <= 12


def test_no_page_counts_every_case(
    clerk: Any, bureau: Any, configured: Any, monkeypatch: Any, client_as: Any
) -> None:
    set_today(monkeypatch, TODAY)
    register(clerk, bureau, 3)
    client = client_as(clerk)
    for page in ("applications:dashboard", "applications:list"):
        with recorded() as statements:
            assert client.get(reverse(page)).status_code == 200
        for sql, _ in application_selects(statements):
            # A count is only allowed over the open cases (the dashboard's figures).
            assert "COUNT(" not in sql or '."is_open"' in sql.partition(" WHERE ")[2], sql


@sqlite_plan
def test_the_case_list_walks_the_organs_index_newest_first(
    clerk: Any, bureau: Any, configured: Any, monkeypatch: Any
) -> None:
    set_today(monkeypatch, TODAY)
    register(clerk, bureau, 3)
    with recorded() as statements:
        page = list_cases([bureau.pk], size=2)
        list_cases([bureau.pk], after=page.next_after, size=2)
        list_cases([bureau.pk], status="registered", size=2)
    selects = application_selects(statements)
    assert len(selects) == 3
    assert "application_list" in plan(*selects[0])
    assert "application_list" in plan(*selects[1])
    assert "application_status" in plan(*selects[2])


@sqlite_plan
def test_the_dashboard_reads_only_the_open_cases_index(
    clerk: Any, bureau: Any, configured: Any, monkeypatch: Any
) -> None:
    set_today(monkeypatch, TODAY)
    register(clerk, bureau, 3)
    with recorded() as statements:
        dashboard([bureau.pk])
    selects = [
        (sql, params)
        for sql, params in application_selects(statements)
        if '."is_open"' in sql.partition(" WHERE ")[2]
    ]
    assert len(selects) == 4  # the counts and three lists
    for sql, params in selects:
        assert "application_open_due" in plan(sql, params), sql


@sqlite_plan
def test_table_three_reads_the_covering_index_of_decisions(
    clerk: Any, bureau: Any, configured: Any, monkeypatch: Any
) -> None:
    set_today(monkeypatch, TODAY)
    register(clerk, bureau, 3)
    with recorded() as statements:
        table = compile_table_three(bureau, 2025)
    assert table["new_received"]["total"] == 3
    (aggregate,) = application_selects(statements)
    assert "application_decided" in plan(*aggregate)
