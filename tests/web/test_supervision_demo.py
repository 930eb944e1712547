"""The demo gives the supervisor three earlier years of filings (示例数据) with the anomalies the
pages should show."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.web.demo import data
from gongkai.web.organs.models import Organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.copies import list_copies
from gongkai.web.supervision.history import organ_history, region_history
from gongkai.web.supervision.models import ReportFigures
from gongkai.web.supervision.selectors import supervision_overview

pytestmark = pytest.mark.django_db


def test_the_demo_has_three_earlier_years_labelled_as_demo_data() -> None:
    data.load([])
    district = Organ.objects.get(name=data.DISTRICT)
    years = set(AnnualReport.objects.values_list("year", flat=True))
    assert {2020, 2021, 2022, 2023} <= years
    demo = AnnualReport.objects.filter(year__in=(2020, 2021, 2022))
    assert demo.count() >= 25
    assert all("示例数据" in note for note in demo.values_list("note", flat=True))
    # The demo numbers obey the sums: only the one report made faulty on purpose has A errors.
    faulty = ReportFigures.objects.filter(report__in=demo, arithmetic_errors__gt=0)
    assert [f.report.organ.name for f in faulty] == ["青山区财政局"]
    region = region_history(district)
    assert [row.year for row in region.rows] == [2020, 2021, 2022, 2023]
    assert region.copies.get(2022) == ["青山区审计局"]
    jumped = organ_history(Organ.objects.get(name="青山区住房和城乡建设局"))
    assert next(r for r in jumped.rows if r.year == 2022).changes["received"].jump
    pairs, _ = list_copies(district, 2022)
    assert [tuple(sorted((p.first.organ.name, p.second.organ.name))) for p in pairs] == [
        ("青山区兴胜镇人民政府", "青山区富强路街道办事处")
    ]
    overview = supervision_overview(district, 2022)
    assert overview.missing == 1


def test_the_demo_region_page_shows_the_years_and_the_anomalies(
    client: Any,
) -> None:
    from django.urls import reverse

    from gongkai.web.accounts.models import User

    data.load([])
    client.force_login(User.objects.get(username="supervisor"))
    district = Organ.objects.get(name=data.DISTRICT)
    html = client.get(reverse("supervision:region", args=[district.pk])).content.decode()
    for year in ("2020", "2021", "2022", "2023"):
        assert f'data-year="{year}"' in html
    assert "表三、表四与上年完全相同" in html
    assert "青山区审计局" in html
    assert "与上年相比变化异常" in html
    data_json = client.get(reverse("supervision:region_data", args=[district.pk])).json()
    assert data_json["charts"][0]["labels"] == ["2020", "2021", "2022", "2023"]
