"""The supervisor's page: every subordinate organ filed / not filed / late against the 第四十九条
dates by organ kind (P1–P4), error and warning counts, totals of tables 三 and 四, XLSX export."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

import gongkai
from gongkai import CheckSettings, OrganKind
from gongkai.web.organs.services import create_organ
from gongkai.web.reports.services import file_imported_report
from gongkai.web.supervision.deadlines import Status, due_date, filing_status
from gongkai.web.supervision.selectors import supervision_overview, table_totals
from web.fixtures import SEED_JSON

pytestmark = pytest.mark.django_db
SETTINGS = CheckSettings()


# 条例第四十九条第一款: departments publish by 1月31日 of the following year (P1).
def test_a_department_is_due_on_31_january() -> None:
    assert due_date(2023, OrganKind.DEPARTMENT, SETTINGS) == datetime.date(2024, 1, 31)


# 条例第四十九条第二款: a county-or-higher government's own report by 3月31日 (P2).
def test_a_county_government_is_due_on_31_march() -> None:
    assert due_date(2023, OrganKind.COUNTY_GOVERNMENT, SETTINGS) == datetime.date(2024, 3, 31)


# 2007 条例 old 第三十一条: every report for 2018 and earlier was due 3月31日 (P3).
def test_reports_for_2018_were_due_on_31_march_for_everyone() -> None:
    assert due_date(2018, OrganKind.DEPARTMENT, SETTINGS) == datetime.date(2019, 3, 31)


# P4: the 条例 sets no date for townships; a region may set one.
def test_a_township_has_no_date_unless_the_region_sets_one() -> None:
    assert due_date(2023, OrganKind.TOWNSHIP, SETTINGS) is None
    regional = CheckSettings(township_deadline=(2, 20))
    assert due_date(2023, OrganKind.SUBDISTRICT, regional) == datetime.date(2024, 2, 20)


def test_the_status_follows_the_date() -> None:
    due = datetime.date(2024, 1, 31)
    today = datetime.date(2024, 6, 1)
    assert filing_status(due, datetime.date(2024, 1, 31), True, today) is Status.ON_TIME
    assert filing_status(due, datetime.date(2024, 2, 1), True, today) is Status.LATE
    assert filing_status(due, None, False, today) is Status.MISSING
    assert filing_status(due, None, False, datetime.date(2024, 1, 15)) is Status.PENDING
    assert filing_status(None, None, False, today) is Status.NOT_FILED
    assert filing_status(None, datetime.date(2024, 5, 1), True, today) is Status.FILED


def file_for(organ: Any, actor: Any, published_on: datetime.date) -> Any:
    report = gongkai.read(SEED_JSON)
    report.published_on = published_on
    return file_imported_report(actor, organ, report, "测试")


def test_the_overview_lists_every_subordinate_organ_with_its_status(
    supervisor: Any, clerk: Any, district: Any, bureau: Any, other_bureau: Any, admin: Any
) -> None:
    file_for(bureau, admin, datetime.date(2024, 1, 18))
    file_for(other_bureau, admin, datetime.date(2024, 2, 6))
    overview = supervision_overview(district, 2023, today=datetime.date(2024, 6, 1))
    status = {row.organ.name: row.status for row in overview.rows}
    assert status == {
        "青山区人民政府": Status.MISSING,
        "青山区司法局": Status.ON_TIME,
        "青山区教育局": Status.LATE,
    }
    assert (overview.filed, overview.late, overview.missing) == (2, 1, 1)


def test_the_status_agrees_with_rule_p1_of_the_checker(
    district: Any, other_bureau: Any, admin: Any
) -> None:
    filing = file_for(other_bureau, admin, datetime.date(2024, 2, 6))
    assert "P1" in {finding["rule"] for finding in filing.findings}
    overview = supervision_overview(district, 2023, today=datetime.date(2024, 6, 1))
    assert next(r for r in overview.rows if r.organ.pk == other_bureau.pk).status is Status.LATE


def test_an_organ_below_a_subordinate_is_listed_too(
    district: Any, bureau: Any, supervisor: Any
) -> None:
    create_organ(None, name="青山区司法局青福司法所", kind=OrganKind.OTHER, parent=bureau)
    names = {row.organ.name for row in supervision_overview(district, 2023).rows}
    assert "青山区司法局青福司法所" in names


def test_tables_three_and_four_are_added_up_across_organs(
    district: Any, bureau: Any, other_bureau: Any, admin: Any
) -> None:
    file_for(bureau, admin, datetime.date(2024, 1, 18))
    file_for(other_bureau, admin, datetime.date(2024, 1, 18))
    seed = gongkai.read(SEED_JSON)
    overview = supervision_overview(district, 2023)
    assert overview.counted == 2
    totals, counted, skipped, unreadable = table_totals(overview)
    assert (counted, skipped, unreadable) == (2, [], [])
    assert totals is not None
    for row, column in (("new_received", "total"), ("total", "natural_person")):
        assert totals.value("table3", row, column) == 2 * (seed.value("table3", row, column) or 0)
    assert overview.totals is not None
    assert overview.totals.get("received") == 2 * (
        seed.value("table3", "new_received", "total") or 0
    )
    assert totals.value("table4", "review", "total") == 2 * (
        seed.value("table4", "review", "total") or 0
    )


@override_settings(GONGKAI_TOWNSHIP_DEADLINE="02-20")
def test_a_regional_township_date_applies_to_townships(
    district: Any, supervisor: Any, admin: Any
) -> None:
    township = create_organ(
        None, name="青山区兴胜镇人民政府", kind=OrganKind.TOWNSHIP, parent=district
    )
    file_for(township, admin, datetime.date(2024, 2, 25))
    row = next(r for r in supervision_overview(district, 2023).rows if r.organ.pk == township.pk)
    assert row.due == datetime.date(2024, 2, 20)
    assert row.status is Status.LATE


def test_the_page_links_each_report_and_shows_counts(
    supervisor: Any, district: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    response = client_as(supervisor).get(reverse("supervision:overview", args=[district.pk, 2023]))
    html = response.content.decode()
    assert reverse("reports:detail", args=[seed_filing.pk]) in html
    assert "已报送" in html
    assert "未报送" in html
    assert "表三、表四合计" in html
    assert "合计仅计入无算术错误的报告" in html


def test_the_supervisor_lands_on_the_latest_year_with_reports(
    supervisor: Any, district: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    response = client_as(supervisor).get(reverse("supervision:index"))
    assert response["Location"] == reverse("supervision:overview", args=[district.pk, 2023])


def test_a_year_out_of_range_is_404(
    supervisor: Any, district: Any, client_as: Callable[..., Client]
) -> None:
    url = reverse("supervision:overview", args=[district.pk, 9999])
    assert client_as(supervisor).get(url).status_code == 404


def test_the_overview_exports_to_xlsx(
    supervisor: Any, district: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    response = client_as(supervisor).get(reverse("supervision:export", args=[district.pk, 2023]))
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["报送情况", "合计", "逐年变化"]
    rows = list(workbook["报送情况"].iter_rows(values_only=True))
    assert rows[1][:4] == ("机关", "机关类型", "公开期限", "状态")
    bureau_row = next(row for row in rows if row[0] == "青山区司法局")
    assert bureau_row[2] == "2024-01-31"
    assert str(bureau_row[3]).startswith("已报送")
    assert bureau_row[5] == seed_filing.error_count
    # 报送时间 in Asia/Shanghai, not UTC (issue 13).
    assert bureau_row[8] == timezone.localtime(seed_filing.filed_at).strftime("%Y-%m-%d %H:%M")
    assert str(timezone.get_current_timezone()) == "Asia/Shanghai"
