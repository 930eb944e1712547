"""The quarterly ranking: points by (outlet level, item type) from the organ's preset, quotas
with deductions and bonuses, each score traceable to its adoptions; the 通报 as DOCX and PDF
(read back), and a submitter's own page."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse

from gongkai.web.publishing import channels, ranking, services
from gongkai.web.publishing.models import Item
from gongkai.web.publishing.presets import scoring_presets
from web.publishing_support import *  # noqa: F403  (fixtures)

pytestmark = pytest.mark.django_db


def adopt(bureau, unit, level, item_type="dynamic", day=datetime.date(2023, 2, 10), title="采用稿"):
    return channels.record_adoption(
        None,
        bureau,
        unit,
        {
            "title": title,
            "item_type": item_type,
            "outlet": "包头日报",
            "level": level,
            "adopted_on": day,
        },
    )


def submitted(unit, count, when):
    for index in range(count):
        Item.objects.create(
            organ=unit.organ,
            unit=unit,
            author_id=_author(),
            title=f"报送{index}",
            item_type="dynamic",
            disclosure="proactive",
            node=unit.organ.catalogue.first(),
            formed_on=when.date(),
            state="published",
            submitted_at=when,
        )


def _author():
    from gongkai.web.accounts.models import User

    return User.objects.first().pk


@pytest.fixture
def scored(bureau, unit, other_unit, column, submitter):
    when = datetime.datetime(2023, 2, 1, 10, tzinfo=datetime.UTC)
    submitted(unit, 8, when)  # 法治宣传股 (股室): quota 6, 2 extra
    submitted(other_unit, 4, when)  # 青福司法所: quota 9, 5 missing
    adopt(bureau, unit, "city")
    adopt(bureau, unit, "national", "research", title="调研报告被国家级媒体采用")
    adopt(bureau, other_unit, "district")
    adopt(bureau, unit, "province", day=datetime.date(2023, 4, 2))  # second quarter


def test_the_county_preset_scores_the_first_quarter(bureau, unit, other_unit, scored):
    rows = {row.unit.name: row for row in ranking.rank_units(bureau, 2023, 1)}
    first = rows["法治宣传股"]
    assert first.adopted == 2
    assert first.adoption_points == 4 + 40  # city dynamic 4, national research 40
    assert first.deduction == 0
    assert first.bonus == 1  # 2 extra × 0.5
    assert first.total == 45
    assert first.place == 1
    second = rows["青福司法所"]
    assert second.deduction == 5 * 2
    assert second.total == 1 - 10
    assert [s.adoption.title for s in first.adoptions] == ["采用稿", "调研报告被国家级媒体采用"]


def test_the_other_preset_changes_the_scores(bureau, scored):
    services.update_settings(None, bureau, {"scoring_preset": "government-information"})
    rows = {row.unit.name: row for row in ranking.rank_units(bureau, 2023, 1)}
    assert rows["法治宣传股"].adoption_points == 20 + 50
    assert rows["青福司法所"].deduction == 0  # quota 3, 4 submitted


def test_the_year_adds_the_quarters(bureau, scored):
    rows = {row.unit.name: row for row in ranking.rank_units(bureau, 2023)}
    assert rows["法治宣传股"].adopted == 3
    assert rows["法治宣传股"].quota == 6 * 4


def test_equal_totals_share_a_place(bureau, unit, other_unit):
    services.update_settings(None, bureau, {"scoring_preset": "government-information"})
    rows = ranking.rank_units(bureau, 2023, 3)  # nothing submitted: both lose 3 × 10
    assert [(row.total, row.place) for row in rows] == [(-30, 1), (-30, 1)]


def test_both_presets_are_shipped():
    assert set(scoring_presets()) == {"county-justice", "government-information"}


def test_the_bulletin_as_docx_and_pdf(client_as, clerk, bureau, scored):
    import docx
    import pypdfium2

    client = client_as(clerk)
    query = {"year": 2023, "quarter": 1}
    word = client.get(reverse("publishing:ranking_file", args=[bureau.pk, "docx"]), query)
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(word.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2023年第1季度信息报送和采用情况通报" in text
    assert "调研报告被国家级媒体采用" in text
    table = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert table[0][:2] == ["排名", "单位"]
    assert table[1][:2] == ["1", "法治宣传股"]
    assert table[1][-1] == "45"
    pdf = client.get(reverse("publishing:ranking_file", args=[bureau.pk, "pdf"]), query)
    pages = pypdfium2.PdfDocument(pdf.content)
    pdf_text = "".join(page.get_textpage().get_text_range() for page in pages)
    assert "法治宣传股" in pdf_text
    assert "信息报送和采用情况通报" in pdf_text


def test_the_ranking_page_traces_each_score(client_as, clerk, bureau, scored):
    page = (
        client_as(clerk)
        .get(reverse("publishing:ranking", args=[bureau.pk]), {"year": 2023, "quarter": 1})
        .content.decode()
    )
    assert "得分依据" in page
    assert "调研报告被国家级媒体采用" in page


def test_a_bad_period_is_a_404(client_as, clerk, bureau):
    url = reverse("publishing:ranking", args=[bureau.pk])
    assert client_as(clerk).get(url, {"year": "x"}).status_code == 404
    assert client_as(clerk).get(url, {"year": 2023, "quarter": 5}).status_code == 404


def test_the_submitter_sees_the_units_score_and_place(client_as, submitter, unit, scored):
    page = (
        client_as(submitter)
        .get(reverse("publishing:unit", args=[unit.pk]), {"year": 2023, "quarter": 1})
        .content.decode()
    )
    assert "得分 45" in page
    assert "排第 1 名" in page
