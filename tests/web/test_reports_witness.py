"""An upload is read with the organ's filed report of the year before as the witness for glued
digit runs (issue 14 item 6), and a crawled page's address (原文链接) is shown on the report's
page as a plain link (item 8)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.web.reports import selectors, services
from gongkai.web.reports.models import AnnualReport
from support.witnessed import glued, report_with

pytestmark = pytest.mark.django_db

ORGAN = "青山区司法局"
# 规章 2 | 0 | 13 printed '2013' (also 20 | 1 | 3); the 2022 report's 11 in force decides it.
THIS_YEAR = glued(
    report_with(
        "2021",
        2023,
        {("table2", "regulations", "issued"): 2, ("table2", "regulations", "in_force"): 13},
        organ=ORGAN,
    ),
    "规章",
)


def _upload(client: Client, organ: Any, content: bytes) -> AnnualReport:
    client.post(
        reverse("reports:upload", args=[organ.pk]),
        {"file": SimpleUploadedFile("2023年报.txt", content)},
    )
    return AnnualReport.objects.get(year=2023)


def _regulations(filing: AnnualReport) -> list[object] | None:
    cells = selectors.report_of(filing).tables["table2"].get("regulations")
    return None if cells is None else [cell.value for cell in cells.values()]


def test_an_upload_is_split_by_the_organs_filed_report_of_the_year_before(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    last = report_with("2021", 2022, {("table2", "regulations", "in_force"): 11}, organ=ORGAN)
    services.file_entered_report(clerk, bureau, last)
    filing = _upload(client_as(clerk), bureau, THIS_YEAR)
    assert _regulations(filing) == [2, 0, 13]
    assert "R15" in [finding["rule"] for finding in filing.findings]


def test_without_a_filed_report_of_the_year_before_the_glued_row_stays_missing(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    older = report_with("2021", 2021, {("table2", "regulations", "in_force"): 11}, organ=ORGAN)
    services.file_entered_report(clerk, bureau, older)
    filing = _upload(client_as(clerk), bureau, THIS_YEAR)
    assert _regulations(filing) is None
    rules = [finding["rule"] for finding in filing.findings]
    assert "R3" in rules
    assert "R15" not in rules


def test_the_report_page_links_to_the_crawled_pages_address(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    header = "原文链接: https://www.example.gov.cn/art/2024/1/20/art_1.html?a=1&b=2\n====正文====\n"
    filing = _upload(client, bureau, header.encode("utf-8") + THIS_YEAR)
    page = client.get(reverse("reports:detail", args=[filing.pk])).content.decode()
    address = "https://www.example.gov.cn/art/2024/1/20/art_1.html?a=1&amp;b=2"
    assert f'<a href="{address}" rel="noopener nofollow">{address}</a>' in page


def test_a_report_without_an_address_shows_no_link(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    filing = _upload(client, bureau, THIS_YEAR)
    page = client.get(reverse("reports:detail", args=[filing.pk])).content.decode()
    assert "原文链接" not in page
