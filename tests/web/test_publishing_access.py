"""Permission tests for every publishing view: a submitter sees only the unit's items, a reviewer
acts only at the item's level, outsiders and anonymous visitors see nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.web.publishing import services
from gongkai.web.publishing.models import Item, State
from web.publishing_support import *  # noqa: F403  (fixtures)
from web.publishing_support import docx_bytes, draft, item_data, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(submitter, unit, column):
    item = draft(submitter, unit, column)
    services.submit_item(submitter, item)
    return item


def test_it_sends_anonymous_visitors_to_the_login(client_as, bureau, pending):
    for url in (
        reverse("publishing:dashboard", args=[bureau.pk]),
        reverse("publishing:item", args=[pending.pk]),
        reverse("publishing:ranking", args=[bureau.pk]),
    ):
        response = client_as(None).get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_an_outsider_gets_404_everywhere(client_as, outsider, bureau, pending, unit):
    client = client_as(outsider)
    for url in (
        reverse("publishing:dashboard", args=[bureau.pk]),
        reverse("publishing:item", args=[pending.pk]),
        reverse("publishing:ranking", args=[bureau.pk]),
        reverse("publishing:channels", args=[bureau.pk]),
        reverse("publishing:inspection", args=[bureau.pk]),
        reverse("publishing:unit", args=[unit.pk]),
        reverse("publishing:create", args=[bureau.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_submitter_sees_only_the_units_own_items(
    client_as, submitter, unit, other_unit, column, bureau
):
    mine = draft(submitter, unit, column)
    from gongkai.web.accounts import services as accounts
    from gongkai.web.accounts.models import Role

    colleague = accounts.create_account(None, username="other", password="x" * 12, validate=False)
    accounts.grant_role(None, colleague, Role.UNIT_SUBMITTER, unit=other_unit)
    theirs = draft(colleague, other_unit, column, title="青福司法所的信息")
    client = client_as(submitter)
    assert client.get(reverse("publishing:item", args=[mine.pk])).status_code == 200
    assert client.get(reverse("publishing:item", args=[theirs.pk])).status_code == 404
    page = client.get(reverse("publishing:dashboard", args=[bureau.pk])).content.decode()
    assert mine.title in page
    assert theirs.title not in page
    assert client.get(reverse("publishing:unit", args=[other_unit.pk])).status_code == 404
    assert client.get(reverse("publishing:ranking", args=[bureau.pk])).status_code == 403


def test_a_submitter_drafts_through_the_form(client_as, submitter, column, bureau):
    data = {k: ("" if v is None else v) for k, v in item_data(column).items()}
    data["node"] = column.pk
    data["formed_on"] = "2024-03-01"
    response = client_as(submitter).post(reverse("publishing:create", args=[bureau.pk]), data)
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.state == State.DRAFT
    assert item.unit.name == "法治宣传股"


def test_a_bad_draft_is_refused_with_a_message_and_nothing_stored(
    client_as, submitter, column, bureau
):
    data = {
        "title": "",
        "node": column.pk,
        "item_type": "dynamic",
        "disclosure": "withheld",
        "formed_on": "not a date",
        "validity": "valid",
    }
    response = client_as(submitter).post(reverse("publishing:create", args=[bureau.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "标题" in page
    assert "理由" in page
    assert not Item.objects.exists()


def test_the_preview_renders_markdown_without_html(client_as, submitter, column, bureau):
    data = {k: ("" if v is None else v) for k, v in item_data(column).items()}
    data.update(
        node=column.pk,
        formed_on="2024-03-01",
        preview="1",
        body="**重点** <script>alert(1)</script>",
    )
    response = client_as(submitter).post(reverse("publishing:create", args=[bureau.pk]), data)
    page = response.content.decode()
    assert "<strong>重点</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert not Item.objects.exists()


def test_a_reviewer_acts_only_at_their_level(client_as, reviewers, pending):
    url = reverse("publishing:review", args=[pending.pk])
    # level 2 may not act on an item at level 1
    assert client_as(reviewers[2]).post(url, {"action": "approve"}).status_code == 403
    assert client_as(reviewers[1]).post(url, {"action": "approve"}).status_code == 302
    pending.refresh_from_db()
    assert pending.current_level == 2
    assert client_as(reviewers[1]).post(url, {"action": "approve"}).status_code == 403


def test_the_submitter_cannot_review_nor_edit_after_submitting(client_as, submitter, pending):
    client = client_as(submitter)
    assert (
        client.post(
            reverse("publishing:review", args=[pending.pk]), {"action": "approve"}
        ).status_code
        == 403
    )
    assert client.get(reverse("publishing:edit", args=[pending.pk])).status_code == 403


def test_the_returned_item_shows_why(client_as, submitter, reviewers, pending):
    client_as(reviewers[1]).post(
        reverse("publishing:review", args=[pending.pk]),
        {"action": "return", "comment": "请补充活动照片"},
    )
    page = client_as(submitter).get(reverse("publishing:item", args=[pending.pk])).content.decode()
    assert "请补充活动照片" in page
    assert "退回修改" in page


def test_a_blocked_approval_shows_the_finding(client_as, submitter, unit, column, reviewers):
    item = draft(submitter, unit, column, body="联系人手机 13812345678")
    services.submit_item(submitter, item)
    services.approve_item(reviewers[1], item)
    services.approve_item(reviewers[2], item)
    client = client_as(reviewers[3])
    response = client.post(
        reverse("publishing:review", args=[item.pk]),
        {"action": "approve", "secrecy_confirmed": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert "发布已暂停" in page
    assert "手机号码" in page
    assert "138****5678" in page
    assert Item.objects.get(pk=item.pk).state == State.IN_REVIEW


def test_attachments_upload_through_the_page(client_as, submitter, unit, column):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = draft(submitter, unit, column)
    client = client_as(submitter)
    upload = SimpleUploadedFile("说明.docx", docx_bytes("说明"))
    response = client.post(reverse("publishing:attach", args=[item.pk]), {"file": upload})
    assert response.status_code == 302
    attachment = item.attachments.get()
    assert attachment.text.strip() == "说明"
    confirm = client.get(reverse("publishing:detach", args=[attachment.pk]))
    assert "确定删除" in confirm.content.decode()
    client.post(reverse("publishing:detach", args=[attachment.pk]))
    assert not item.attachments.exists()


def test_only_the_clerk_changes_settings(client_as, clerk, reviewer, bureau):
    url = reverse("publishing:settings", args=[bureau.pk])
    assert client_as(reviewer).get(url).status_code == 403
    response = client_as(clerk).post(
        url,
        {
            "review_levels": 4,
            "index_rule": "code-year-serial",
            "index_prefix": "X",
            "scoring_preset": "county-justice",
        },
    )
    assert response.status_code == 400
    assert "1 至 3" in response.content.decode()


def test_staff_see_the_dashboard_with_late_items(
    client_as, clerk, submitter, unit, column, reviewers, bureau
):
    publish(draft(submitter, unit, column), reviewers)  # formed 2024-03-01: far over 20 days
    page = client_as(clerk).get(reverse("publishing:dashboard", args=[bureau.pk])).content.decode()
    assert "超过 20 个工作日公开的：1 条" in page


def test_the_navigation_entry_leads_to_the_organ(client_as, submitter, clerk, bureau, outsider):
    response = client_as(submitter).get(reverse("publishing:home"))
    assert response["Location"] == reverse("publishing:dashboard", args=[bureau.pk])
    page = client_as(outsider).get(reverse("publishing:home"), follow=True).content.decode()
    assert "青山区司法局" not in page
