"""The public portal: no login, only published items (never a draft by URL guessing), the
metadata table, search, the Atom feed (parsed), the sitemap, the annual reports, and stored
XSS shown as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from gongkai.web.publishing import services
from web.publishing_support import *  # noqa: F403  (fixtures)
from web.publishing_support import docx_bytes, draft, publish

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def published(submitter, unit, column, reviewers):
    item = draft(
        submitter,
        unit,
        column,
        title="青山区开展法律援助进社区活动",
        document_number="青司发〔2024〕3号",
    )
    services.add_attachment(submitter, item, "活动方案.docx", docx_bytes("法律援助值班律师排班表"))
    return publish(item, reviewers)


@pytest.fixture
def unpublished(submitter, unit, column, reviewers):
    item = draft(submitter, unit, column, title="尚在审核的信息稿")
    services.submit_item(submitter, item)
    return item


def test_every_page_opens_without_login(client, bureau, column, published):
    pk = bureau.pk
    for name, args in (
        ("home", [pk]),
        ("guide", [pk]),
        ("rules", [pk]),
        ("statutory", [pk]),
        ("catalogue", [pk]),
        ("node", [pk, column.pk]),
        ("item", [pk, published.pk]),
        ("search", [pk]),
        ("reports", [pk]),
        ("sitemap", [pk]),
        ("feed", [pk, column.pk]),
    ):
        response = client.get(reverse(f"portal:{name}", args=args))
        assert response.status_code == 200, name
        assert "public" in response["Cache-Control"]


def test_the_item_page_shows_the_metadata_table(client, bureau, published):
    page = client.get(reverse("portal:item", args=[bureau.pk, published.pk])).content.decode()
    for text in (
        "索引号",
        published.index_number,
        "发布机构",
        "青山区司法局",
        "成文日期",
        "发布日期",
        "文号",
        "青司发〔2024〕3号",
        "有效性",
        "活动方案.docx",
    ):
        assert text in page


def test_a_draft_is_never_shown_whatever_its_number(client, bureau, unpublished, published):
    assert client.get(reverse("portal:item", args=[bureau.pk, unpublished.pk])).status_code == 404
    home = client.get(reverse("portal:home", args=[bureau.pk])).content.decode()
    assert "尚在审核的信息稿" not in home
    assert published.title in home
    found = client.get(reverse("portal:search", args=[bureau.pk]), {"q": "尚在审核"})
    assert "尚在审核的信息稿" not in found.content.decode()


def test_an_item_is_not_found_under_another_organ(client, other_bureau, published):
    url = reverse("portal:item", args=[other_bureau.pk, published.pk])
    assert client.get(url).status_code == 404


def test_attachments_of_drafts_cannot_be_downloaded(client, bureau, submitter, unit, column):
    item = draft(submitter, unit, column)
    attachment = services.add_attachment(submitter, item, "a.docx", docx_bytes("草稿附件"))
    url = reverse("portal:attachment", args=[bureau.pk, item.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_search_finds_attachment_text_and_short_words(client, bureau, published):
    url = reverse("portal:search", args=[bureau.pk])
    assert published.title in client.get(url, {"q": "值班律师排班"}).content.decode()
    assert published.title in client.get(url, {"q": "援助"}).content.decode()
    assert "共找到 0 条" in client.get(url, {"q": "不存在的词语"}).content.decode()
    odd = client.get(url, {"q": 'a" OR "b * NEAR('})  # FTS syntax is taken as text
    assert odd.status_code == 200


def test_the_atom_feed_parses_and_lists_published_items(
    client, bureau, column, published, unpublished
):
    response = client.get(reverse("portal:feed", args=[bureau.pk, column.pk]))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert titles == [published.title]


def test_the_sitemap_lists_published_items_only(client, bureau, published, unpublished):
    root = ET.fromstring(client.get(reverse("portal:sitemap", args=[bureau.pk])).content)
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(f"/item/{published.pk}/") for loc in locs)
    assert not any(loc.endswith(f"/item/{unpublished.pk}/") for loc in locs)


def test_the_statutory_page_groups_columns_by_article_20(client, bureau, column, published):
    page = client.get(reverse("portal:statutory", args=[bureau.pk])).content.decode()
    assert "财政预算、决算信息" in page
    assert column.name in page


def test_the_annual_report_page_and_pdf(client, bureau, seed_filing):
    page = client.get(reverse("portal:report", args=[bureau.pk, 2023]))
    assert page.status_code == 200
    assert "2023年政府信息公开工作年度报告" in page.content.decode()
    pdf = client.get(reverse("portal:report_pdf", args=[bureau.pk, 2023]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("portal:report", args=[bureau.pk, 2019])).status_code == 404


def test_the_apply_link_points_at_the_application_form(client, bureau):
    page = client.get(reverse("portal:home", args=[bureau.pk])).content.decode()
    assert f'href="/apply/{bureau.pk}/"' in page


def test_stored_xss_is_shown_as_text(
    client, client_as, clerk, bureau, submitter, unit, column, reviewers
):
    item = draft(
        submitter, unit, column, title=XSS, summary=XSS, body=XSS + "\n\n[x](javascript:alert(1))"
    )
    services.add_attachment(submitter, item, XSS + ".docx", docx_bytes("附件"))
    publish_with_override(item, reviewers)
    pages = [
        client.get(reverse("portal:item", args=[bureau.pk, item.pk])),
        client.get(reverse("portal:home", args=[bureau.pk])),
        client.get(reverse("portal:node", args=[bureau.pk, column.pk])),
        client_as(clerk).get(reverse("publishing:item", args=[item.pk])),
        client_as(clerk).get(reverse("publishing:dashboard", args=[bureau.pk])),
    ]
    for response in pages:
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;" in html
    feed = client.get(reverse("portal:feed", args=[bureau.pk, column.pk])).content
    titles = [e.find(f"{ATOM}title").text for e in ET.fromstring(feed).iter(f"{ATOM}entry")]
    assert titles == [XSS]  # the feed carries the text, escaped as XML


def publish_with_override(item, reviewers):
    services.submit_item(item.author, item)
    services.approve_item(reviewers[1], item)
    services.approve_item(reviewers[2], item)
    if services.current_findings(item):
        services.override_findings(reviewers[3], item, "测试")
    services.approve_item(reviewers[3], item, secrecy_confirmed=True)


def test_stored_xss_is_text_in_the_admin(client_as, admin, submitter, unit, column):
    item = draft(submitter, unit, column, title=XSS)
    client = client_as(admin)
    listing = client.get("/admin/publishing/item/").content.decode()
    change = client.get(f"/admin/publishing/item/{item.pk}/change/").content.decode()
    for html in (listing, change):
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html


def test_the_atom_feed_of_an_article_20_category(client, bureau, column, published):
    response = client.get(reverse("portal:category_feed", args=[bureau.pk, column.category]))
    root = ET.fromstring(response.content)
    assert root.find(f"{ATOM}title").text.endswith(
        "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"
    )
    assert [e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry")] == [published.title]
    empty = ET.fromstring(
        client.get(reverse("portal:category_feed", args=[bureau.pk, "20-07"])).content
    )
    assert list(empty.iter(f"{ATOM}entry")) == []
    assert client.get(reverse("portal:category_feed", args=[bureau.pk, "99"])).status_code == 404
