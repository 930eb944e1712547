"""What a walk through the site as each persona found: links to pages the account may not
use, untranslated labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.web.publishing.forms import AdoptionForm, ChannelForm, ItemForm, NodeForm

pytestmark = pytest.mark.django_db


def test_the_import_link_is_shown_only_to_who_may_import(
    supervisor: Any, admin: Any, district: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    url = reverse("supervision:overview", args=[district.pk, 2023])
    link = reverse("supervision:import", args=[district.pk])
    assert link in client_as(supervisor).get(url).content.decode()
    assert client_as(admin).get(link).status_code == 403
    assert link not in client_as(admin).get(url).content.decode()


def test_the_catalogue_form_speaks_chinese(bureau: Any) -> None:
    html = str(NodeForm(organ=bureau))
    assert "Parent" not in html
    assert "Select an option" not in html
    assert "上级栏目" in html


@pytest.mark.parametrize("form", [ItemForm, AdoptionForm])
def test_the_publishing_forms_speak_chinese(form: Any, bureau: Any) -> None:
    html = str(form(organ=bureau))
    html += str(ChannelForm())
    for english in ("Select an option", ">Unit<", ">Item<"):
        assert english not in html


def test_the_pdf_export_starts_its_charts_on_the_first_page(
    supervisor: Any, district: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    import io

    import pdfplumber

    url = reverse("supervision:export_pdf", args=[district.pk, 2023])
    with pdfplumber.open(io.BytesIO(client_as(supervisor).get(url).content)) as pdf:
        first = pdf.pages[0]
        # The charts are vector drawings: a first page with only the heading has none.
        assert len(first.rects) + len(first.curves) + len(first.lines) > 10


def test_a_chart_of_counts_has_whole_numbers_on_its_axis() -> None:
    from gongkai.web.supervision.charts import chart
    from gongkai.web.supervision.svgcharts import chart_svg

    svg = chart_svg(chart("x", "报送进度", "bar", ["已报送", "未报送"], {"机关数": [4, 1]}))
    assert "0.5" not in svg
    assert "1.5" not in svg


def test_every_form_says_its_empty_choice_in_chinese(
    clerk: Any, bureau: Any, client_as: Callable[..., Client]
) -> None:
    html = client_as(clerk).get(reverse("registers:index", args=[bureau.pk])).content.decode()
    assert "Select an option" not in html
