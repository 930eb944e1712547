"""Timeliness (条例第二十六条), channels and their imports (all or nothing, bad rows listed by
line), media adoptions, figures for the annual report, exports safe from formula injection, and
the inspection readiness indicators."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.web.publishing import channels, inspection, services, timeliness
from gongkai.web.publishing.figures import annual_figures
from gongkai.web.publishing.models import ChannelKind, Item, Publication
from gongkai.web.publishing.presets import import_presets
from gongkai.web.publishing.spreadsheets import safe_cell
from web.publishing_support import *  # noqa: F403  (fixtures)
from web.publishing_support import draft, publish, xlsx_bytes

pytestmark = pytest.mark.django_db
WECHAT = import_presets()["wechat"].columns


class TestTimeliness:
    # 条例第二十六条: 20 working days. 2024 国庆: 10-01..10-07 off, Sunday 09-29 a working day.
    def test_it_counts_working_days_across_the_national_day_holiday(self):
        assert (
            services.workdays_to_publish(datetime.date(2024, 9, 27), datetime.date(2024, 10, 8))
            == 3
        )
        assert (
            services.workdays_to_publish(datetime.date(2024, 9, 2), datetime.date(2024, 9, 30))
            == 20
        )
        assert (
            services.workdays_to_publish(datetime.date(2024, 9, 2), datetime.date(2024, 10, 8))
            == 21
        )

    def test_a_late_item_is_flagged_and_counted(self, submitter, unit, column, reviewers, bureau):
        on_time = publish(draft(submitter, unit, column, formed_on=timezone.localdate()), reviewers)
        late = publish(draft(submitter, unit, column, title="迟到的信息"), reviewers)
        assert on_time.publication_workdays == 0
        assert late.publication_workdays > timeliness.LIMIT_WORKDAYS
        assert list(timeliness.late_items(bureau)) == [late]

    def test_items_on_their_way_are_warned_from_day_15(self, submitter, unit, column, bureau):
        waiting = draft(submitter, unit, column, formed_on=datetime.date(2024, 9, 2))
        # 中秋 2024-09-15..17 off, Saturday 09-14 a working day: 09-24 is the 15th working day
        soon = timeliness.due_soon(bureau, today=datetime.date(2024, 9, 24))
        assert [p.item for p in soon] == [waiting]
        assert not soon[0].is_overdue
        assert timeliness.due_soon(bureau, today=datetime.date(2024, 9, 23)) == []
        assert timeliness.due_soon(bureau, today=datetime.date(2024, 10, 8))[0].is_overdue


@pytest.fixture
def wechat(bureau):
    return channels.create_channel(None, bureau, ChannelKind.WECHAT, "青山司法")


def _csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


HEADER = ["标题", "发表时间", "链接", "是否原创", "阅读次数", "点赞数", "分享次数"]


class TestImport:
    def test_it_imports_a_wechat_export(self, wechat):
        data = xlsx_bytes(
            [
                HEADER,
                [
                    "普法讲座走进社区",
                    datetime.datetime(2023, 3, 5, 9, 30),
                    "https://mp.weixin.qq.com/s/a",
                    "是",
                    1200,
                    30,
                    8,
                ],
                ["转发：民法典解读", "2023/3/6", "", "否", "1,024", "", ""],
            ]
        )
        result = channels.import_publications(None, wechat, data, "导出.xlsx", WECHAT)
        assert result.errors == []
        rows = list(
            Publication.objects.order_by("published_on").values_list(
                "title", "published_on", "is_original", "reads"
            )
        )
        assert rows == [
            ("普法讲座走进社区", datetime.date(2023, 3, 5), True, 1200),
            ("转发：民法典解读", datetime.date(2023, 3, 6), False, 1024),
        ]

    def test_one_bad_row_refuses_the_whole_file_and_lists_lines(self, wechat):
        data = _csv(
            [
                HEADER,
                ["好的一行", "2023-03-05", "", "是", "10", "", ""],
                ["", "2023-13-40", "javascript:alert(1)", "也许", "-5", "", ""],
                ["另一行好的", "2023-03-07", "", "否", "", "", ""],
            ]
        )
        result = channels.import_publications(None, wechat, data, "导出.csv", WECHAT)
        lines = {line for line, _ in result.errors}
        assert lines == {3}
        messages = " ".join(message for _, message in result.errors)
        for text in ("标题为空", "发布日期", "http", "是否原创", "阅读数"):
            assert text in messages
        assert not Publication.objects.exists()

    def test_a_missing_column_is_reported_on_line_1(self, wechat):
        data = _csv([["标题", "日期"], ["一行", "2023-03-05"]])
        result = channels.import_publications(None, wechat, data, "x.csv", WECHAT)
        assert result.errors[0][0] == 1
        assert "发表时间" in result.errors[0][1]

    def test_the_page_lists_bad_rows_and_stores_nothing(self, client_as, clerk, bureau, wechat):
        upload = SimpleUploadedFile("x.csv", _csv([HEADER, ["标题", "昨天", "", "是", "", "", ""]]))
        response = client_as(clerk).post(
            reverse("publishing:import", args=[bureau.pk]),
            {"channel": wechat.pk, "preset": "wechat", "file": upload, "default_original": "on"},
        )
        assert response.status_code == 400
        assert "第 2 行" in response.content.decode()
        assert not Publication.objects.exists()

    def test_imported_xss_and_formulas_stay_text(self, client_as, clerk, bureau, wechat):
        title = '=HYPERLINK("http://evil","点我")<script>alert(1)</script>'
        channels.import_publications(
            None,
            wechat,
            _csv([HEADER, [title, "2023-03-05", "", "是", "", "", ""]]),
            "x.csv",
            WECHAT,
        )
        client = client_as(clerk)
        page = client.get(reverse("publishing:channels", args=[bureau.pk])).content.decode()
        assert "<script>alert(1)</script>" not in page
        exported = client.get(reverse("publishing:export_publications", args=[bureau.pk]))
        rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
        assert rows[1][1].startswith("'=")
        for cell in rows[1]:
            assert not cell.startswith(("=", "+", "-", "@"))

    def test_safe_cell_neutralises_every_formula_start(self):
        for start in ("=", "+", "-", "@"):
            assert safe_cell(start + "1") == "'" + start + "1"
        assert safe_cell("普通") == "普通"
        assert safe_cell(12) == 12


def test_figures_for_the_annual_report(bureau, unit, wechat, submitter, column, reviewers):
    douyin = channels.create_channel(None, bureau, ChannelKind.DOUYIN, "包头青山司法")
    for day, original in ((5, True), (6, False), (7, False)):
        Publication.objects.create(
            channel=wechat,
            title="t",
            published_on=datetime.date(2023, 3, day),
            is_original=original,
        )
    Publication.objects.create(channel=douyin, title="v", published_on=datetime.date(2023, 4, 1))
    Publication.objects.create(channel=wechat, title="old", published_on=datetime.date(2022, 4, 1))
    channels.record_followers(None, wechat, datetime.date(2023, 12, 30), 2180)
    channels.record_followers(None, wechat, datetime.date(2024, 1, 15), 2300)
    channels.record_adoption(
        None,
        bureau,
        unit,
        {
            "title": "t",
            "item_type": "dynamic",
            "outlet": "包头日报",
            "level": "city",
            "adopted_on": datetime.date(2023, 5, 1),
        },
    )
    figures = annual_figures(bureau, 2023)
    assert (figures.wechat_posts, figures.wechat_original, figures.wechat_reposts) == (3, 1, 2)
    assert figures.douyin_videos == 1
    assert figures.adoptions == 1
    assert figures.wechat_followers == 2180
    this_year = annual_figures(bureau, timezone.localdate().year)
    assert this_year.wechat_posts == 0
    assert this_year.wechat_followers == 2300


class TestInspection:
    def test_idle_columns_accounts_blank_columns_and_broken_links(
        self, bureau, submitter, unit, column, reviewers, wechat
    ):
        empty = services.create_node(None, bureau, name="通知公告")
        today = timezone.localdate()
        Publication.objects.create(
            channel=wechat, title="t", published_on=today - datetime.timedelta(days=20)
        )
        linking = draft(
            submitter,
            unit,
            column,
            body=f"详见[通知](/open/{bureau.pk}/item/999999/)和[栏目](/open/{bureau.pk}/column/{empty.pk}/)",
        )
        publish(linking, reviewers)
        problems = inspection.check(bureau, today)
        found = {(p.indicator, p.subject) for p in problems}
        assert ("空白栏目", "通知公告") in found
        assert ("内容不更新", str(wechat)) in found
        assert ("链接不可用", linking.title) in found
        assert not any(p.indicator == "栏目不更新" for p in problems)  # published today
        later = inspection.check(bureau, today + datetime.timedelta(days=15))
        assert ("栏目不更新", column.name) in {(p.indicator, p.subject) for p in later}
        assert problems[0].is_veto  # vetoes first

    def test_the_page_and_the_command(self, client_as, clerk, bureau, column):
        from django.core.management import call_command

        page = client_as(clerk).get(reverse("publishing:inspection", args=[bureau.pk]))
        assert "空白栏目" in page.content.decode()
        out = io.StringIO()
        call_command("check_inspection", stdout=out)
        assert "青山区司法局" in out.getvalue()
        assert "空白栏目" in out.getvalue()
        assert Item.objects.count() == 0


def test_importing_again_updates_the_figures_instead_of_adding(wechat):
    first = _csv(
        [HEADER, ["普法讲座", "2023-03-05", "https://mp.weixin.qq.com/s/a", "是", "100", "", ""]]
    )
    later = _csv(
        [
            HEADER,
            ["普法讲座", "2023-03-05", "https://mp.weixin.qq.com/s/a", "是", "2,500", "40", "9"],
        ]
    )
    channels.import_publications(None, wechat, first, "a.csv", WECHAT)
    channels.import_publications(None, wechat, later, "b.csv", WECHAT)
    post = Publication.objects.get()
    assert (post.reads, post.likes, post.shares) == (2500, 40, 9)


def test_adoption_evidence_is_screened(client_as, clerk, bureau, unit):
    from gongkai.web.publishing.models import Adoption

    fake = SimpleUploadedFile("剪报.pdf", b"MZ" + b"0" * 200)
    response = client_as(clerk).post(
        reverse("publishing:adoption", args=[bureau.pk]),
        {
            "unit": unit.pk,
            "title": "稿件",
            "item_type": "dynamic",
            "outlet": "包头日报",
            "level": "city",
            "adopted_on": "2023-05-01",
            "evidence": fake,
        },
    )
    assert response.status_code == 400
    assert "扩展名" in response.content.decode()
    assert not Adoption.objects.exists()

    good = SimpleUploadedFile("剪报.png", b"\x89PNG\r\n\x1a\n" + b"0" * 200)
    response = client_as(clerk).post(
        reverse("publishing:adoption", args=[bureau.pk]),
        {
            "unit": unit.pk,
            "title": "稿件",
            "item_type": "dynamic",
            "outlet": "包头日报",
            "level": "city",
            "adopted_on": "2023-05-01",
            "evidence": good,
        },
    )
    assert response.status_code == 302
    assert Adoption.objects.get().evidence.name.endswith(".png")
