"""Per-organ key figures, the two ways of adding them up, sorting and filtering, year over year,
and the charts' data — each only for the organs below the supervisor."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

import gongkai
from gongkai import OrganKind, Report
from gongkai.report import MISSING
from gongkai.web.organs.services import create_organ
from gongkai.web.reports.services import file_imported_report
from gongkai.web.supervision.history import organ_history, region_history
from gongkai.web.supervision.models import ReportFigures
from gongkai.web.supervision.selectors import TotalsMode, supervision_overview
from web.fixtures import SEED_JSON

pytestmark = pytest.mark.django_db


def seed(year: int = 2023, received: int | None = None) -> Report:
    report = gongkai.read(SEED_JSON)
    report.year = year
    report.published_on = datetime.date(year + 1, 1, 18)
    if received is not None:
        # Keep table 三 balanced (A1): what is received more is carried forward more.
        extra = received - (report.value("table3", "new_received", "total") or 0)
        for row in ("new_received", "carried_forward"):
            for column in ("natural_person", "total"):
                value = report.value("table3", row, column) or 0
                report.set("table3", row, column, value + extra)
    return report


def faulty(year: int = 2023) -> Report:
    """The seed with 新收 raised without anything else: A1 and A2 break."""
    report = seed(year, received=5)
    value = report.value("table3", "new_received", "natural_person") or 0
    report.set("table3", "new_received", "natural_person", value + 100)
    return report


def test_filing_a_report_records_its_key_figures(bureau: Any, admin: Any) -> None:
    filing = file_imported_report(admin, bureau, seed(received=7), "测试")
    figures = ReportFigures.objects.get(report=filing)
    assert figures.received == 7
    assert figures.arithmetic_errors == 0
    assert len(figures.tables_digest) == 64


def test_clean_totals_leave_out_a_faulty_report_and_name_it(
    district: Any, bureau: Any, other_bureau: Any, admin: Any
) -> None:
    file_imported_report(admin, bureau, seed(received=5), "测试")
    bad = file_imported_report(admin, other_bureau, faulty(), "测试")
    assert ReportFigures.objects.get(report=bad).arithmetic_errors > 0
    received = 5

    clean = supervision_overview(district, 2023, mode=TotalsMode.CLEAN)
    assert clean.counted == 1
    assert [row.organ.name for row in clean.excluded] == ["青山区教育局"]
    assert clean.totals is not None
    assert clean.totals.get("received") == received

    everything = supervision_overview(district, 2023, mode=TotalsMode.ALL)
    assert everything.counted == 2
    assert everything.excluded == []
    assert everything.totals is not None
    # The faulty report's 总计 column was left as printed: its 新收 total is still 5.
    assert everything.totals.get("received") == 2 * received
    assert [row.organ.name for row in everything.rows if row.is_faulty] == ["青山区教育局"]


def test_the_page_says_which_totals_it_shows_and_marks_the_faulty(
    supervisor: Any,
    district: Any,
    bureau: Any,
    other_bureau: Any,
    admin: Any,
    client_as: Callable[..., Client],
) -> None:
    file_imported_report(admin, bureau, seed(), "测试")
    file_imported_report(admin, other_bureau, faulty(), "测试")
    url = reverse("supervision:overview", args=[district.pk, 2023])
    clean = client_as(supervisor).get(url).content.decode()
    assert "合计仅计入无算术错误的报告" in clean
    assert "未计入：青山区教育局" in clean
    marked = client_as(supervisor).get(url + "?mode=all").content.decode()
    assert "合计计入全部已报送报告（有算术错误的已标出）" in marked
    assert marked.count('class="pill error"') >= 1


def test_rows_sort_by_a_figure_and_filter_by_status(
    supervisor: Any,
    district: Any,
    bureau: Any,
    other_bureau: Any,
    admin: Any,
    client_as: Callable[..., Client],
) -> None:
    file_imported_report(admin, bureau, seed(received=5), "测试")
    file_imported_report(admin, other_bureau, seed(received=50), "测试")
    client = client_as(supervisor)
    url = reverse("supervision:overview", args=[district.pk, 2023])
    html = client.get(url + "?sort=received&dir=desc").content.decode()
    assert html.index('data-organ="青山区教育局"') < html.index('data-organ="青山区司法局"')
    html = client.get(url + "?sort=received&dir=asc").content.decode()
    assert html.index('data-organ="青山区司法局"') < html.index('data-organ="青山区教育局"')
    missing = client.get(url + "?status=missing").content.decode()
    assert 'data-organ="青山区人民政府"' in missing
    assert 'data-organ="青山区司法局"' not in missing
    # A hand-edited query string falls back to the defaults.
    assert client.get(url + "?sort=nonsense&page=x").status_code == 200


def test_the_organ_page_drills_down_to_each_year(
    supervisor: Any, district: Any, bureau: Any, admin: Any, client_as: Callable[..., Client]
) -> None:
    filing = file_imported_report(admin, bureau, seed(), "测试")
    url = reverse("supervision:organ", args=[district.pk, bureau.pk])
    html = client_as(supervisor).get(url).content.decode()
    assert reverse("reports:detail", args=[filing.pk]) in html
    assert 'data-year="2023"' in html


def test_year_over_year_flags_a_jump_and_copied_tables(
    district: Any, bureau: Any, other_bureau: Any, admin: Any
) -> None:
    file_imported_report(admin, bureau, seed(2021, received=10), "测试")
    file_imported_report(admin, bureau, seed(2022, received=10), "测试")
    file_imported_report(admin, bureau, seed(2023, received=100), "测试")
    history = organ_history(bureau)
    by_year = {row.year: row for row in history.rows}
    assert [a.value for a in by_year[2022].anomalies] == ["same_tables"]
    assert by_year[2023].changes["received"].jump
    assert by_year[2023].changes["received"].delta == 90
    file_imported_report(admin, other_bureau, seed(2023, received=10), "测试")
    region = region_history(district)
    assert region.reports == {2021: 1, 2022: 1, 2023: 2}
    totals = {row.year: row.figures for row in region.rows}
    assert totals[2023] is not None
    assert totals[2023].get("received") == 110
    assert region.copies == {2022: ["青山区司法局"]}


def test_both_formats_land_on_the_same_figures(bureau: Any, admin: Any) -> None:
    old = seed(2020)
    old.format = "2019"
    # The 2021 format's three 其他处理 rows are one row in 2019 (DOMAIN §2.6 item 6).
    tables = copy.deepcopy(old.tables)
    total = sum(
        tables["table3"].pop(row, {}).get("total", MISSING).value or 0
        for row in ("other_no_correction", "other_no_fee", "other_other")
    )
    old.tables = tables
    old.set("table3", "other", "total", total)
    filing = file_imported_report(admin, bureau, old, "测试")
    figures = ReportFigures.objects.get(report=filing)
    assert figures.other == total
    assert figures.received == 0
    assert figures.fees is None  # 2019 counted fee items, not money


def test_the_chart_data_matches_the_table_and_stays_inside_the_region(
    supervisor: Any,
    outsider: Any,
    district: Any,
    bureau: Any,
    admin: Any,
    client_as: Callable[..., Client],
) -> None:
    file_imported_report(admin, bureau, seed(received=9), "测试")
    url = reverse("supervision:overview_data", args=[district.pk, 2023])
    data = client_as(supervisor).get(url).json()
    charts = {chart["key"]: chart for chart in data["charts"]}
    assert set(charts) == {"progress", "timeline", "outcomes", "ranking"}
    # 司法局 published on 2024-01-18, by its date (1月31日, 条例第四十九条); the district's
    # date (3月31日) has passed with nothing filed.
    timeline = charts["timeline"]
    assert timeline["labels"] == ["2024-01-18", "2024-01-31", "2024-03-31"]
    assert timeline["series"][0]["data"] == [1, 1, 1]
    assert timeline["series"][1]["data"] == [0, 2, 3]
    assert charts["ranking"]["labels"] == ["青山区司法局"]
    assert charts["ranking"]["series"][0]["data"] == [9]
    assert client_as(outsider).get(url).status_code == 404
    trend = reverse("supervision:region_data", args=[district.pk])
    assert client_as(supervisor).get(trend).json()["charts"][0]["labels"] == ["2023"]
    assert client_as(outsider).get(trend).status_code == 404


def test_a_supervisor_of_a_bureau_sees_only_what_is_below_it(
    district: Any, bureau: Any, admin: Any, client_as: Callable[..., Client]
) -> None:
    from gongkai.web.accounts import services as accounts
    from gongkai.web.accounts.models import Role

    station = create_organ(
        None, name="青山区司法局青福司法所", kind=OrganKind.TOWNSHIP, parent=bureau
    )
    file_imported_report(admin, bureau, seed(received=3), "测试")
    file_imported_report(admin, station, seed(received=2), "测试")
    boss = accounts.create_account(None, username="boss", password="x" * 12, validate=False)
    accounts.grant_role(None, boss, Role.SUPERVISOR, organ=bureau)
    client = client_as(boss)
    # Its own organ and the one below it (recursively), never the district above or its siblings.
    overview = client.get(reverse("supervision:overview", args=[bureau.pk, 2023]))
    html = overview.content.decode()
    assert 'data-organ="青山区司法局青福司法所"' in html
    assert "青山区教育局" not in html
    assert client.get(reverse("supervision:overview", args=[district.pk, 2023])).status_code in (
        403,
        404,
    )
    data = client.get(reverse("supervision:overview_data", args=[bureau.pk, 2023])).json()
    ranking = next(chart for chart in data["charts"] if chart["key"] == "ranking")
    assert sorted(ranking["labels"]) == ["青山区司法局", "青山区司法局青福司法所"]
    export = client.get(reverse("supervision:export", args=[bureau.pk, 2023]))
    assert export.status_code == 200
    assert client.get(reverse("supervision:export", args=[district.pk, 2023])).status_code in (
        403,
        404,
    )


def test_near_copy_narratives_of_two_organs_are_shown_with_their_shared_sentences(
    supervisor: Any,
    outsider: Any,
    district: Any,
    bureau: Any,
    other_bureau: Any,
    admin: Any,
    client_as: Callable[..., Client],
) -> None:
    original = seed()
    assert original.sections
    copied = seed()
    copied.sections = {
        key: text.replace("司法局", "教育局") for key, text in (original.sections or {}).items()
    }
    file_imported_report(admin, bureau, original, "测试")
    file_imported_report(admin, other_bureau, copied, "测试")
    url = reverse("supervision:copies", args=[district.pk, 2023])
    html = client_as(supervisor).get(url).content.decode()
    assert "青山区司法局" in html
    assert "青山区教育局" in html
    assert '<ul class="shared"><li>' in html
    assert client_as(outsider).get(url).status_code == 404


def test_the_pdf_export_has_every_organ_and_the_charts_as_svg(
    supervisor: Any,
    outsider: Any,
    district: Any,
    bureau: Any,
    admin: Any,
    client_as: Callable[..., Client],
    tmp_path: Any,
) -> None:
    import subprocess

    from gongkai.web.supervision.charts import chart
    from gongkai.web.supervision.svgcharts import chart_svg

    svg = chart_svg(chart("x", "申请办理结果", "bar", ["予以公开", "不予公开"], {"件数": [3, 1]}))
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    file_imported_report(admin, bureau, seed(received=9), "测试")
    url = reverse("supervision:export_pdf", args=[district.pk, 2023])
    response = client_as(supervisor).get(url)
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "overview.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in ("青山区人民政府", "青山区司法局", "青山区教育局"):
        assert name in text
    assert "合计仅计入无算术错误的报告" in text
    assert "北京时间" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    # The charts are vector drawings (SVG), not bitmaps: no image in the PDF.
    assert len(images.splitlines()) == 2
    assert client_as(outsider).get(url).status_code == 404
