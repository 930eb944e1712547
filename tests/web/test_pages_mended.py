"""What a walk through the site as each persona found: links to pages the account may not
use, untranslated labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.web.publishing.forms import NodeForm

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
