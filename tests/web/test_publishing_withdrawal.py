"""撤回: the organ's 公开办 withdraws a published item with a reason, after a confirmation page;
the portal answers 410 with a Chinese page and the item leaves search, the column, the feeds and
the sitemap; review steps, audit log and the quarter's ranking keep it (the 通报 says it was
withdrawn)."""

from __future__ import annotations

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.web.accounts import permissions
from gongkai.web.audit.models import AuditEntry
from gongkai.web.publishing import bulletin, channels, ranking, searchindex, services
from gongkai.web.publishing.models import State, StepAction
from web.publishing_support import *  # noqa: F403  (fixtures)
from web.publishing_support import draft, publish

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
REASON = "文中数据有误，更正后重新发布"


@pytest.fixture
def published(submitter, unit, column, reviewers):
    return publish(draft(submitter, unit, column, title="社区矫正工作动态第十期"), reviewers)


def portal(client, name, *args):
    return client.get(reverse(f"portal:{name}", args=list(args)))


def test_only_the_organs_clerk_may_withdraw(
    published, clerk, submitter, reviewers, client_as, other_bureau
):
    from gongkai.web.accounts import services as accounts
    from gongkai.web.accounts.models import Role
    from web.fixtures import PASSWORD

    stranger = accounts.create_account(None, username="otherclerk", password=PASSWORD)
    accounts.grant_role(None, stranger, Role.CLERK, organ=other_bureau)
    assert permissions.can_withdraw_item(clerk, published)
    url = reverse("publishing:withdraw", args=[published.pk])
    for user in (submitter, reviewers[3], stranger):
        assert not permissions.can_withdraw_item(user, published)
        response = client_as(user).post(url, {"reason": REASON})
        assert response.status_code in (403, 404)
    assert client_as(None).post(url, {"reason": REASON}).status_code == 302  # to the login
    published.refresh_from_db()
    assert published.state == State.PUBLISHED


def test_a_confirmation_page_comes_first_and_a_reason_is_required(published, clerk, client_as):
    client = client_as(clerk)
    url = reverse("publishing:withdraw", args=[published.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "确定从门户撤回" in page.content.decode()
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert "必填" in refused.content.decode()
    published.refresh_from_db()
    assert published.state == State.PUBLISHED
    assert client.post(url, {"reason": REASON}).status_code == 302
    published.refresh_from_db()
    assert published.state == State.WITHDRAWN
    assert published.withdrawal_reason == REASON
    assert not permissions.can_withdraw_item(clerk, published)  # once only
    item_page = client.get(reverse("publishing:item", args=[published.pk])).content.decode()
    assert REASON in item_page


def test_the_service_records_the_step_and_the_audit_entry(published, clerk):
    with pytest.raises(services.PublishingError, match="理由"):
        services.withdraw_item(clerk, published, "")
    services.withdraw_item(clerk, published, REASON)
    step = published.steps.last()
    assert (step.action, step.comment, step.actor) == (StepAction.WITHDRAW, REASON, clerk)
    entry = AuditEntry.objects.filter(action="item.withdraw").get()
    assert entry.actor == clerk
    assert REASON in str(entry.after)
    with pytest.raises(services.PublishingError, match="已发布"):
        services.withdraw_item(clerk, published, REASON)


def test_the_portal_answers_410_and_forgets_the_item(client, bureau, column, published, clerk):
    assert list(searchindex.search(bureau.pk, "社区矫正").items) == [published]
    services.withdraw_item(clerk, published, REASON)
    gone = portal(client, "item", bureau.pk, published.pk)
    assert gone.status_code == 410
    text = gone.content.decode()
    assert "该信息已撤回" in text
    assert published.title in text
    assert published.index_number in text
    assert REASON not in text  # the internal reason stays inside
    assert not searchindex.search(bureau.pk, "社区矫正").items.exists()
    assert not searchindex.search(bureau.pk, "矫").items.exists()
    assert published.title not in portal(client, "search", bureau.pk).content.decode()
    search_page = client.get(reverse("portal:search", args=[bureau.pk]), {"q": "社区矫正"})
    assert "共找到 0 条" in search_page.content.decode()
    assert published.title not in portal(client, "node", bureau.pk, column.pk).content.decode()
    assert published.title not in portal(client, "home", bureau.pk).content.decode()
    feed = ET.fromstring(portal(client, "feed", bureau.pk, column.pk).content)
    assert list(feed.iter(f"{ATOM}entry")) == []
    category = ET.fromstring(portal(client, "category_feed", bureau.pk, column.category).content)
    assert list(category.iter(f"{ATOM}entry")) == []
    sitemap = ET.fromstring(portal(client, "sitemap", bureau.pk).content)
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert not any(loc.endswith(f"/item/{published.pk}/") for loc in locs)
    attachment_url = f"/open/{bureau.pk}/item/{published.pk}/attachment/1/"
    assert client.get(attachment_url).status_code == 404


def test_the_ranking_keeps_the_item_and_the_bulletin_says_it_was_withdrawn(
    published, clerk, bureau, unit
):
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    channels.record_adoption(
        None,
        bureau,
        unit,
        {
            "title": published.title,
            "item": published,
            "item_type": "dynamic",
            "outlet": "包头日报",
            "level": "city",
            "adopted_on": today,
        },
    )
    before = [
        (r.unit.pk, r.submitted, r.total) for r in ranking.rank_units(bureau, today.year, quarter)
    ]
    services.withdraw_item(clerk, published, REASON)
    rows = ranking.rank_units(bureau, today.year, quarter)
    assert [(r.unit.pk, r.submitted, r.total) for r in rows] == before
    import docx

    document = docx.Document(io.BytesIO(bulletin.render_docx(bureau, today.year, quarter, rows)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{published.title}" in text
    assert bulletin.WITHDRAWN in text


def test_a_withdrawn_item_is_not_counted_as_published_on_the_timeline(published, clerk):
    services.withdraw_item(clerk, published, REASON)
    published.refresh_from_db()
    assert published.published_at is not None  # when it was public stays on record
    assert published.withdrawn_at is not None
    assert published.withdrawn_at >= published.published_at - datetime.timedelta(seconds=1)
