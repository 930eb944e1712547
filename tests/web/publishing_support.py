"""Shared pieces of the publishing and portal tests: reviewers at three levels, a 目录 column,
items in each state, and attachments made with the real libraries."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest

from gongkai.web.accounts import services as accounts
from gongkai.web.accounts.models import Role, User
from gongkai.web.organs.models import Organ, Unit
from gongkai.web.publishing import services
from gongkai.web.publishing.models import CatalogueNode, Item
from web.fixtures import PASSWORD

# A valid identity number (check digit computed per GB 11643) — made up, for tests only.
IDENTITY = "11010519491231002X"
FORMED = datetime.date(2024, 3, 1)


def make_reviewer(organ: Organ, username: str, level: int) -> User:
    user = accounts.create_account(None, username=username, password=PASSWORD, validate=False)
    accounts.grant_role(None, user, Role.REVIEWER, organ=organ, review_level=level)
    return user


@pytest.fixture
def reviewers(bureau: Organ, reviewer: User) -> dict[int, User]:
    return {
        1: reviewer,
        2: make_reviewer(bureau, "reviewer2", 2),
        3: make_reviewer(bureau, "reviewer3", 3),
    }


@pytest.fixture
def column(bureau: Organ) -> CatalogueNode:
    return services.create_node(None, bureau, name="工作动态", is_dynamic=True, category="20-15")


@pytest.fixture
def other_unit(bureau: Organ) -> Unit:
    from gongkai.web.organs.models import UnitKind
    from gongkai.web.organs.services import create_unit

    return create_unit(None, organ=bureau, name="青福司法所", kind=UnitKind.JUDICIAL_OFFICE)


def item_data(column: CatalogueNode, **overrides: Any) -> dict[str, Any]:
    data = {
        "title": "青山区司法局开展民法典宣传月活动",
        "summary": "",
        "body": "本月在各社区开展**民法典**宣传。",
        "item_type": "dynamic",
        "node": column,
        "disclosure": "proactive",
        "withheld_reason": "",
        "document_number": "",
        "written_on": None,
        "formed_on": FORMED,
        "validity": "valid",
    }
    data.update(overrides)
    return data


def draft(submitter: User, unit: Unit, column: CatalogueNode, **overrides: Any) -> Item:
    return services.create_item(submitter, unit, item_data(column, **overrides))


def publish(item: Item, reviewers: dict[int, User]) -> Item:
    services.submit_item(item.author, item)
    for level in (1, 2, 3):
        services.approve_item(reviewers[level], item, secrecy_confirmed=level == 3)
    item.refresh_from_db()
    return item


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
