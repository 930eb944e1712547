"""What keeps the supervision pages fast for a large region, checked by what can be counted: the
number of queries a page makes does not grow with the number of organs, and a kept result is
given up as soon as a report is filed or returned or an organ added (timing: see
``benchmarks/supervision_pages.py``)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import gongkai
from gongkai import OrganKind
from gongkai.web.organs.models import Organ
from gongkai.web.organs.services import create_organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.reports.services import file_imported_report
from gongkai.web.supervision.freshness import data_version, forget
from gongkai.web.supervision.history import region_history
from gongkai.web.supervision.models import ReportFigures
from gongkai.web.supervision.selectors import supervision_overview
from gongkai.web.supervision.services import return_report
from web.fixtures import SEED_JSON

pytestmark = pytest.mark.django_db
YEAR = 2023


def add_organs(root: Organ, count: int, filer: Any, start: int) -> None:
    """``count`` departments under ``root``, each with a filed report for two years and its
    recorded figures (written directly: the pages read only those rows)."""
    made = Organ.objects.bulk_create(
        Organ(name=f"测试机关{n:04d}", kind="department", parent=root)
        for n in range(start, start + count)
    )
    for year in (YEAR - 1, YEAR):
        filings = AnnualReport.objects.bulk_create(
            AnnualReport(organ=organ, year=year, entry="import", report_json="{}", filed_by=filer)
            for organ in made
        )
        ReportFigures.objects.bulk_create(
            ReportFigures(
                report=filing,
                received=n,
                answered=n,
                granted=n // 2,
                arithmetic_errors=1 if n % 7 == 0 else 0,
                tables_digest=f"{year}-{n}",
            )
            for n, filing in enumerate(filings)
        )


def pages(root: Organ, some_organ: Organ) -> list[str]:
    overview = reverse("supervision:overview", args=[root.pk, YEAR])
    return [
        overview,
        overview + "?sort=received&dir=desc&status=faulty&mode=all",
        overview + "?page=2",
        reverse("supervision:overview_data", args=[root.pk, YEAR]),
        reverse("supervision:region", args=[root.pk]),
        reverse("supervision:region_data", args=[root.pk]),
        reverse("supervision:organ", args=[root.pk, some_organ.pk]),
    ]


def queries_per_page(client: Client, urls: list[str]) -> list[int]:
    """Each page's queries on a cold request (nothing kept) and on a warm one."""
    counts = []
    for url in urls:
        for cold in (True, False):
            if cold:
                forget()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, url
            counts.append(len(captured))
    return counts


def test_the_number_of_queries_does_not_grow_with_the_organs(
    district: Any, bureau: Any, supervisor: Any, admin: Any, client_as: Any
) -> None:
    client = client_as(supervisor)
    add_organs(district, 8, admin, start=0)
    urls = pages(district, bureau)
    assert Organ.objects.count() == 11  # the district, its two bureaus and 8 more
    small = queries_per_page(client, urls)
    add_organs(district, 190, admin, start=8)
    large = queries_per_page(client, urls)
    assert Organ.objects.count() == 201
    assert large == small
    assert max(large) <= 25
    # Warm requests read the kept results: fewer queries than cold ones on the big pages.
    assert large[1] < large[0]


def test_the_kept_rows_are_given_up_when_a_report_is_filed(
    district: Any, bureau: Any, admin: Any
) -> None:
    before = supervision_overview(district, YEAR)
    assert before.filed == 0
    region_history(district)
    file_imported_report(admin, bureau, seed(), "测试")
    after = supervision_overview(district, YEAR)
    assert after.filed == 1
    assert after.totals is not None
    assert region_history(district).reports == {YEAR: 1}


def test_the_kept_rows_are_given_up_when_a_report_is_returned(
    district: Any, bureau: Any, admin: Any, supervisor: Any
) -> None:
    filing = file_imported_report(admin, bureau, seed(), "测试")
    assert not row_of(supervision_overview(district, YEAR), bureau).returned
    return_report(supervisor, filing, "表三数字有误，请更正后重新报送。")
    assert row_of(supervision_overview(district, YEAR), bureau).returned


def test_the_kept_rows_are_given_up_when_an_organ_is_added(district: Any, bureau: Any) -> None:
    names = {row.organ.name for row in supervision_overview(district, YEAR).rows}
    assert "青山区财政局" not in names
    create_organ(None, name="青山区财政局", kind=OrganKind.DEPARTMENT, parent=district)
    names = {row.organ.name for row in supervision_overview(district, YEAR).rows}
    assert "青山区财政局" in names


def test_another_worker_reads_the_shared_result_and_a_filing_changes_it(
    district: Any, bureau: Any, supervisor: Any, admin: Any, client_as: Any
) -> None:
    client = client_as(supervisor)
    url = reverse("supervision:region_data", args=[district.pk])
    file_imported_report(admin, bureau, seed(), "测试")
    client.get(url)
    forget(memory_only=True)  # as a worker that has not computed it: Django's cache has it
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not any("GROUP BY" in query["sql"] for query in captured.captured_queries)
    version = data_version()
    file_imported_report(admin, bureau, seed(YEAR - 1), "测试")
    assert data_version() != version
    forget(memory_only=True)
    series = client.get(url).json()["charts"][0]
    assert series["labels"] == [str(YEAR - 1), str(YEAR)]


def seed(year: int = YEAR) -> gongkai.Report:
    report = gongkai.read(SEED_JSON)
    report.year = year
    report.published_on = datetime.date(year + 1, 1, 18)
    return report


def row_of(overview: Any, organ: Any) -> Any:
    return next(row for row in overview.rows if row.organ.pk == organ.pk)
