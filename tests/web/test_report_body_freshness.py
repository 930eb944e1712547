"""What the report page's cached body depends on. Its findings, the ones comparing with last
year (Y1) included, are worked out when the report is filed and stored with it; the cached body
follows those stored findings, and replacing last year's report later leaves them as they were
(the page says that the comparison used a version since replaced) until the year is filed again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

import gongkai
from gongkai.report.canonical import dumps
from gongkai.web.reports import display
from gongkai.web.reports.models import AnnualReport
from web.fixtures import SEED_JSON

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def _upload(client: Client, organ: Any, name: str, data: bytes) -> None:
    response = client.post(
        reverse("reports:upload", args=[organ.pk]), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content.decode()[:500]


def _last_year(agreeing: bool) -> bytes:
    """Last year's report, carrying forward what this year's took over, or 4 applications."""
    report = gongkai.read(SEED_JSON)
    report.year, report.sections, report.published_on = 2022, None, None
    if agreeing:
        for column, cell in gongkai.read(SEED_JSON).tables["table3"]["carried_over"].items():
            report.set("table3", "carried_forward", column, cell.value)
    else:
        report.set("table3", "carried_forward", "natural_person", 4)
        report.set("table3", "carried_forward", "total", 4)
    return dumps(report).encode()


def _page(client: Client, filing: Any) -> str:
    response = client.get(reverse("reports:detail", args=[filing.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _current(year: int) -> Any:
    return AnnualReport.objects.get(year=year, is_current=True)


def test_replacing_last_years_report_is_said_and_filing_again_checks_against_it(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    # Last year carried 4 applications forward; this year's report says it took over another
    # number: rule Y1 (上年结转) finds it.
    _upload(client, bureau, "2022.json", _last_year(agreeing=False))
    _upload(client, bureau, "2023.json", SEED_JSON.read_bytes())
    filed = _current(2023)
    assert "Y1" in {finding["rule"] for finding in filed.findings}
    first = _page(client, filed)
    assert 'id="c-table3-carried_over-total"' in first
    assert "data-previous-replaced" not in first

    # Last year's report is corrected to carry forward what this year took over.
    _upload(client, bureau, "2022-corrected.json", _last_year(agreeing=True))
    again = _page(client, filed)
    # The filing's findings are those of its filing, and the page says what they were checked
    # against; the body, cached or not, is those findings.
    assert 'id="c-table3-carried_over-total"' in again
    assert "data-previous-replaced" in again
    with translation.override("zh-hans"):
        cached = str(display.report_body(filed))
        cache.clear()
        assert str(display.report_body(filed)) == cached

    # Filing the year again checks it against the current last year: Y1 is gone.
    _upload(client, bureau, "2023-again.json", SEED_JSON.read_bytes() + b" ")
    refiled = _current(2023)
    assert refiled.previous == _current(2022)
    assert "Y1" not in {finding["rule"] for finding in refiled.findings}
    page = _page(client, refiled)
    assert 'id="c-table3-carried_over-total"' not in page
    assert "data-previous-replaced" not in page


def test_the_cached_body_follows_the_stored_findings(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    _upload(client, bureau, "2022.json", _last_year(agreeing=False))
    _upload(client, bureau, "2023.json", SEED_JSON.read_bytes())
    filed = _current(2023)
    assert 'id="c-table3-carried_over-total"' in _page(client, filed)
    # Should the stored findings of a filing ever change (a row rewritten), the page follows them
    # rather than an older rendering kept in the cache.
    kept = [finding for finding in filed.findings if finding["rule"] != "Y1"]
    AnnualReport.objects.filter(pk=filed.pk).update(findings=kept)
    filed.refresh_from_db()
    assert 'id="c-table3-carried_over-total"' not in _page(client, filed)
