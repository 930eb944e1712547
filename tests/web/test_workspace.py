"""The report workspace: the draft compiled from the records, the narrative saved and checked
(with the cross-year rules), review through the organ's levels with returns and comments, the
head's signature, publication behind the rule gate with the head's logged override, the public
address with PDF and DOCX, and corrections published as new versions."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pdfplumber
import pytest
from django.core.files import File
from django.test import Client
from django.urls import reverse

import gongkai
from gongkai.web.accounts import services as accounts
from gongkai.web.appeals import services as appeals
from gongkai.web.audit.models import AuditEntry
from gongkai.web.reports.models import AnnualReport
from gongkai.web.workspace import services
from gongkai.web.workspace.compiling import compile_tables
from gongkai.web.workspace.models import Draft
from web.fixtures import SEED_JSON

pytestmark = pytest.mark.django_db


def url(name: str, organ: Any, year: int = 2023) -> str:
    return reverse(f"workspace:{name}", args=[organ.pk, year])


@pytest.fixture
def last_year_on_file(clerk: Any, bureau: Any, tmp_path: Any) -> Any:
    """2022 on file, carrying 4 applications over that the seed's 2023 does not list (Y1)."""
    from gongkai.web.reports.services import file_uploaded_report

    report = gongkai.read(SEED_JSON)
    report.year, report.sections, report.published_on = 2022, None, None
    report.set("table3", "carried_forward", "natural_person", 4)
    report.set("table3", "carried_forward", "total", 4)
    path = tmp_path / "2022.json"
    path.write_text(gongkai.dumps(report), encoding="utf-8")
    with path.open("rb") as handle:
        return file_uploaded_report(clerk, bureau, File(handle, name=path.name))


def test_the_draft_takes_tables_from_the_records_and_table_3_as_filed(
    clerk: Any, bureau: Any, seed_filing: Any
) -> None:
    appeals.register_case(
        None, bureau, kind="review", body="青山区人民政府", filed_on=datetime.date(2023, 5, 4)
    )
    report = compile_tables(bureau, 2023)
    assert report.value("table4", "review", "pending") == 1
    assert report.value("table2", "normative_docs", "in_force") == 0
    seed = gongkai.read(SEED_JSON)
    assert report.tables["table3"].keys() == seed.tables["table3"].keys()
    draft = services.start_draft(clerk, bureau, 2023)
    stored = gongkai.loads(draft.report_json)
    assert stored.sections is not None
    assert "区司法局没有向公民" in stored.sections["other"]  # the narrative on file


def test_every_save_runs_the_rules_including_last_years_report(
    clerk: Any,
    bureau: Any,
    seed_filing: Any,
    last_year_on_file: Any,
    client_as: Callable[..., Client],
) -> None:
    client = client_as(clerk)
    client.post(url("start", bureau))
    response = client.post(
        url("save", bureau),
        {"section.problems": "（一）存在问题\n人员变动。"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["errors"] >= 1
    draft = Draft.objects.get()
    assert "Y1" in {finding["rule"] for finding in draft.findings}
    assert gongkai.loads(draft.report_json).sections["problems"] == "（一）存在问题\n人员变动。"


def test_text_is_stored_as_text_and_shown_escaped(
    clerk: Any, bureau: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    client.post(url("start", bureau))
    client.post(url("save", bureau), {"section.other": "<script>alert(1)</script>"})
    services.submit(clerk, Draft.objects.get())
    page = client.get(url("index", bureau)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.fixture
def second_reviewer(bureau: Any) -> Any:
    user = accounts.create_account(None, username="reviewer2", password="x" * 20, validate=False)
    accounts.grant_role(None, user, "reviewer", organ=bureau, review_level=2)
    return user


def test_review_through_two_levels_with_a_return_then_signature_and_publication(
    clerk: Any,
    reviewer: Any,
    second_reviewer: Any,
    head: Any,
    bureau: Any,
    seed_filing: Any,
    client_as: Callable[..., Client],
) -> None:
    as_clerk, as_first, as_second, as_head = (
        client_as(u) for u in (clerk, reviewer, second_reviewer, head)
    )
    as_clerk.post(url("start", bureau))
    as_clerk.post(url("submit", bureau))
    assert as_second.post(url("approve", bureau)).status_code == 403  # not its level yet
    as_first.post(url("return", bureau), {"comment": "第五部分请写明改进措施"})
    draft = Draft.objects.get()
    assert (draft.state, draft.steps.last().comment) == ("drafting", "第五部分请写明改进措施")
    assert "第五部分请写明改进措施" in as_clerk.get(url("index", bureau)).content.decode()
    as_clerk.post(url("save", bureau), {"section.problems": "（二）改进措施\n加强培训。"})
    as_clerk.post(url("submit", bureau))
    as_first.post(url("approve", bureau))
    assert Draft.objects.get().review_level == 2
    as_second.post(url("approve", bureau))
    assert Draft.objects.get().state == "awaiting_signature"
    assert as_clerk.post(url("sign", bureau)).status_code == 403
    as_head.post(url("sign", bureau))
    response = as_clerk.post(url("publish", bureau))
    draft = Draft.objects.get()
    assert response.status_code == 302
    assert draft.state == "published"
    assert draft.published.is_current
    assert draft.published.entry == "compiled"
    # The fixed public address, without logging in, with its PDF.
    public = Client()
    page = public.get(url("published", bureau)).content.decode()
    assert "加强培训" in page
    pdf = public.get(reverse("workspace:published_file", args=[bureau.pk, 2023, "pdf"]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "".join(p.extract_text() or "" for p in document.pages)
    assert "加强培训" in text
    docx = public.get(reverse("workspace:published_file", args=[bureau.pk, 2023, "docx"]))
    assert docx.content[:4] == b"PK\x03\x04"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "draft.submit",
        "draft.return",
        "draft.approve",
        "draft.sign",
        "draft.publish",
    } <= actions


def _to_signature(clerk: Any, head: Any, bureau: Any) -> Draft:
    draft = services.start_draft(clerk, bureau, 2023)
    services.submit(clerk, draft)
    draft = Draft.objects.get()
    while draft.state == "in_review":
        draft = services.approve(clerk, draft)
    return services.sign(head, draft)


def test_publishing_with_an_error_is_refused_then_the_heads_override_is_shown_to_the_supervisor(
    clerk: Any,
    head: Any,
    supervisor: Any,
    bureau: Any,
    seed_filing: Any,
    last_year_on_file: Any,
    client_as: Callable[..., Client],
) -> None:
    draft = _to_signature(clerk, head, bureau)
    assert draft.error_count >= 1
    client_as(clerk).post(url("publish", bureau), {"override_reason": "不是负责人"})
    assert Draft.objects.get().state == "signed"  # the clerk cannot override
    client_as(head).post(url("publish", bureau))
    assert Draft.objects.get().state == "signed"  # no reason, no override
    client_as(head).post(url("publish", bureau), {"override_reason": "上年结转数据系上年报告笔误"})
    draft = Draft.objects.get()
    assert draft.state == "published"
    assert AuditEntry.objects.filter(action="draft.override").get().after["comment"] == (
        "上年结转数据系上年报告笔误"
    )
    detail = client_as(supervisor).get(reverse("reports:detail", args=[draft.published.pk]))
    assert "上年结转数据系上年报告笔误" in detail.content.decode()


def test_a_correction_is_a_new_published_version_and_the_old_one_shows_as_replaced(
    clerk: Any, head: Any, bureau: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    _to_signature(clerk, head, bureau)
    first = services.publish(clerk, Draft.objects.get())
    client = client_as(clerk)
    assert client.post(url("correct", bureau), {"reason": ""}).status_code == 302
    assert Draft.objects.get().state == "published"  # a correction needs its reason
    client.post(url("correct", bureau), {"reason": "第六部分漏写收费情况"})
    draft = Draft.objects.get()
    services.save_sections(clerk, draft, {"other": "本年度未收取信息处理费。"})
    _to_signature(clerk, head, bureau)
    second = services.publish(clerk, Draft.objects.get())
    first.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)
    assert "第六部分漏写收费情况" in second.note
    page = Client().get(url("published", bureau)).content.decode()
    assert "本年度未收取信息处理费" in page
    assert "已被更正版本替换" in page


@pytest.mark.parametrize(
    ("persona", "status"), [("outsider", 404), ("submitter", 404), ("anonymous", 302)]
)
def test_others_cannot_reach_the_workspace(
    persona: str,
    status: int,
    bureau: Any,
    everyone: dict[str, Any],
    client_as: Callable[..., Client],
) -> None:
    client = client_as(everyone[persona])
    assert client.get(url("index", bureau)).status_code == status
    assert client.post(url("start", bureau)).status_code == status
    assert not Draft.objects.exists()


def test_a_report_not_published_from_the_workspace_has_no_public_address(
    bureau: Any, seed_filing: Any
) -> None:
    assert Client().get(url("published", bureau)).status_code == 404
    assert AnnualReport.objects.count() == 1


def test_table_3_has_one_source_that_the_applications_app_can_replace(
    bureau: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.web.workspace import compiling

    def from_applications(organ: Any, year: int) -> dict[str, dict[str, int | None]]:
        return {"new_received": {"natural_person": 3, "total": 3}}

    assert compiling.compile_tables(bureau, 2024).tables.get("table3") is None  # none on file
    monkeypatch.setitem(compiling.TABLE_SOURCES, "table3", from_applications)
    report = compiling.compile_tables(bureau, 2024)
    assert report.value("table3", "new_received", "total") == 3
    assert report.value("table4", "review", "total") == 0


def test_recompiling_says_what_changed_since_the_last_compile(
    clerk: Any, bureau: Any, seed_filing: Any, client_as: Callable[..., Client]
) -> None:
    client = client_as(clerk)
    client.post(url("start", bureau))
    appeals.register_case(
        None, bureau, kind="review", body="青山区人民政府", filed_on=datetime.date(2023, 5, 4)
    )
    response = client.post(url("recompile", bureau), follow=True)
    page = response.content.decode()
    assert "4 处变化" in page  # 行政复议 尚未审结 and 总计, and both figures in the narrative
    assert "正文·行政复议：0 → 1" in page
    assert "0 → 1" in page
    draft = Draft.objects.get()
    assert gongkai.loads(draft.report_json).value("table4", "review", "total") == 1
    again = client.post(url("recompile", bureau), follow=True).content.decode()
    assert "表格没有变化" in again
