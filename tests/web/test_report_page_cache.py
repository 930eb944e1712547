"""The report page renders a filing's findings and tables once per filing and language, then
serves them from the cache: the same page, in the language asked for, without re-reading."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from gongkai.web.reports import display, selectors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def _without_token(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def _page(client: Client, filing: Any) -> str:
    response = client.get(reverse("reports:detail", args=[filing.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_view_of_a_report_is_the_same_page_from_the_cache(
    client: Client, clerk: Any, seed_filing: Any
) -> None:
    client.force_login(clerk)
    first = _page(client, seed_filing)
    with translation.override("zh-hans"):
        cached = cache.get(display._body_key(seed_filing))
    assert cached is not None
    assert cached in first
    assert "报告表格（全国统一格式）" in cached
    # The same page apart from the logout form's CSRF token, which is masked afresh each time.
    assert _without_token(_page(client, seed_filing)) == _without_token(first)


def test_a_cached_body_is_what_rendering_afresh_gives(clerk: Any, seed_filing: Any) -> None:
    with translation.override("zh-hans"):
        cached = str(display.report_body(seed_filing))
        cache.clear()
        fresh = str(display.report_body(seed_filing))
    assert cached == fresh
    for finding in seed_filing.findings:
        assert finding["rule"] in fresh


def test_each_language_has_its_own_body(client: Client, clerk: Any, seed_filing: Any) -> None:
    client.force_login(clerk)
    chinese = _page(client, seed_filing)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _page(client, seed_filing)
    assert "报告表格（全国统一格式）" in chinese
    assert "报告表格（全国统一格式）" not in english


def test_an_outsider_gets_no_cached_body(client: Client, outsider: Any, seed_filing: Any) -> None:
    client.force_login(outsider)
    assert client.get(reverse("reports:detail", args=[seed_filing.pk])).status_code == 404
    with translation.override("zh-hans"):
        assert cache.get(display._body_key(seed_filing)) is None


def test_the_stored_report_is_read_once_for_the_same_text(seed_filing: Any) -> None:
    assert selectors.report_of(seed_filing) is selectors.report_of(seed_filing)


def test_the_page_asks_the_database_as_often_whatever_the_number_of_versions(
    client: Client, clerk: Any, bureau: Any, seed_filing: Any
) -> None:
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.web.reports.services import file_uploaded_report
    from web.fixtures import SEED_JSON

    client.force_login(clerk)

    def queries_of_current_page() -> int:
        current = selectors.get_current(bureau, seed_filing.year)
        assert current is not None
        _page(client, current)  # fills the cache
        with CaptureQueriesContext(connection) as captured:
            _page(client, current)
        return len(captured)

    one_version = queries_of_current_page()
    for extra in range(1, 4):
        # trailing spaces make each file different: the same file twice files no new version
        data = SEED_JSON.read_bytes() + b" " * extra
        file_uploaded_report(clerk, bureau, ContentFile(data, name=SEED_JSON.name))
    assert selectors.list_history(bureau, seed_filing.year).count() == 4
    assert queries_of_current_page() == one_version
