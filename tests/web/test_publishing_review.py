"""Items, attachments and the review levels: the checks before the last approval block
publication until fixed or overridden with a logged reason, and every step is kept."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from gongkai.web.audit.models import AuditEntry
from gongkai.web.publishing import scanning, searchindex, services
from gongkai.web.publishing.models import Item, State, StepAction
from gongkai.web.publishing.presets import default_words
from gongkai.web.publishing.selectors import current_findings, get_settings
from gongkai.web.reports.uploads import UploadRejectedError
from web.publishing_support import *  # noqa: F403  (fixtures)
from web.publishing_support import IDENTITY, docx_bytes, draft, publish

pytestmark = pytest.mark.django_db


class TestScanning:
    def test_it_finds_an_identity_number_only_with_a_valid_check_digit(self):
        assert scanning.is_identity_number(IDENTITY)
        assert not scanning.is_identity_number(IDENTITY[:-1] + "1")
        found = scanning.scan_personal_data(f"申请人身份证 {IDENTITY} 。", "正文")
        assert [f.kind for f in found] == ["identity"]
        assert IDENTITY not in found[0].excerpt  # the finding is masked

    def test_it_finds_mobile_numbers_but_not_longer_digit_runs(self):
        assert [f.kind for f in scanning.scan_personal_data("电话13812345678", "正文")] == [
            "mobile"
        ]
        assert scanning.scan_personal_data("编号 213812345678901", "正文") == []

    def test_it_finds_bank_cards_that_pass_luhn(self):
        assert scanning.passes_luhn("6222020200112233445") is False
        card = "4111111111111111"
        assert [f.kind for f in scanning.scan_personal_data(f"卡号{card}", "附件")] == ["bank_card"]
        assert scanning.scan_personal_data("卡号4111111111111112", "附件") == []

    def test_the_default_word_list_catches_outdated_names(self):
        found = scanning.scan_words("依据《婚姻法》和国务院法制办的意见", "正文", default_words())
        assert {f.excerpt for f in found} >= {"《婚姻法》", "国务院法制办"}
        assert all(f.suggestion for f in found)


def test_a_withheld_item_needs_a_reason(submitter, unit, column):
    with pytest.raises(services.PublishingError, match="理由"):
        draft(submitter, unit, column, disclosure="withheld")
    assert not Item.objects.exists()


def test_three_levels_then_publication_with_an_index_number(submitter, unit, column, reviewers):
    item = publish(draft(submitter, unit, column), reviewers)
    assert item.state == State.PUBLISHED
    year = item.published_at.year
    assert re.fullmatch(rf"000000000/{year}-00001", item.index_number)
    actions = list(item.steps.values_list("action", "level"))
    assert actions[0] == (StepAction.SUBMIT, 1)
    assert (StepAction.SECRECY, 3) in actions
    assert actions[-1][0] == StepAction.PUBLISH
    assert AuditEntry.objects.filter(action="item.publish", target_id=str(item.pk)).exists()
    second = publish(draft(submitter, unit, column, title="第二条"), reviewers)
    assert second.index_number.endswith("-00002")


def test_the_month_preset_numbers_by_month(submitter, unit, column, reviewers, bureau):
    services.update_settings(
        None, bureau, {"index_rule": "code-yearmonth-serial", "index_prefix": "11150204MB1234567X"}
    )
    item = publish(draft(submitter, unit, column), reviewers)
    local = timezone.localtime(item.published_at)
    assert item.index_number == f"11150204MB1234567X/{local:%Y%m}-00001"


def test_the_last_level_must_confirm_the_secrecy_review(submitter, unit, column, reviewers):
    item = draft(submitter, unit, column)
    services.submit_item(submitter, item)
    services.approve_item(reviewers[1], item)
    services.approve_item(reviewers[2], item)
    with pytest.raises(services.PublishingError, match="保密审查"):
        services.approve_item(reviewers[3], item)
    assert Item.objects.get(pk=item.pk).state == State.IN_REVIEW


def test_an_identity_number_in_an_attachment_blocks_until_fixed(submitter, unit, column, reviewers):
    item = draft(submitter, unit, column)
    attachment = services.add_attachment(
        submitter, item, "名单.docx", docx_bytes("获奖人员名单", f"张三 {IDENTITY}")
    )
    assert IDENTITY in attachment.text
    services.submit_item(submitter, item)
    services.approve_item(reviewers[1], item)
    services.approve_item(reviewers[2], item)
    with pytest.raises(services.PublishingError, match="个人信息"):
        services.approve_item(reviewers[3], item, secrecy_confirmed=True)
    item.refresh_from_db()
    assert item.state == State.IN_REVIEW
    scan = item.steps.get(action=StepAction.SCAN)
    assert scan.findings[0]["kind"] == "identity"
    assert "名单.docx" in scan.findings[0]["where"]
    services.return_item(reviewers[3], item, "附件含身份证号，请删除")
    item.refresh_from_db()
    assert item.state == State.RETURNED
    services.remove_attachment(submitter, attachment)
    services.add_attachment(submitter, item, "名单.docx", docx_bytes("获奖人员名单", "张三"))
    published = publish(item, reviewers)
    assert published.state == State.PUBLISHED
    assert current_findings(published) == []


def test_an_override_with_a_reason_lets_the_item_through(submitter, unit, column, reviewers):
    item = draft(submitter, unit, column, body="咨询电话 13812345678（单位值班手机）")
    services.submit_item(submitter, item)
    services.approve_item(reviewers[1], item)
    services.approve_item(reviewers[2], item)
    with pytest.raises(services.PublishingError, match="理由"):
        services.override_findings(reviewers[3], item, "  ")
    services.override_findings(reviewers[3], item, "单位公开的值班电话")
    services.approve_item(reviewers[3], item, secrecy_confirmed=True)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    override = item.steps.get(action=StepAction.OVERRIDE)
    assert override.comment == "单位公开的值班电话"
    assert override.findings[0]["kind"] == "mobile"


def test_an_override_covers_only_the_findings_it_was_given_for(submitter, unit, column, reviewers):
    item = draft(submitter, unit, column, body="电话 13812345678")
    services.submit_item(submitter, item)
    services.approve_item(reviewers[1], item)
    services.approve_item(reviewers[2], item)
    services.override_findings(reviewers[3], item, "值班电话")
    Item.objects.filter(pk=item.pk).update(body="电话 13812345678，13912345678")
    item.refresh_from_db()
    with pytest.raises(services.PublishingError):
        services.approve_item(reviewers[3], item, secrecy_confirmed=True)


def test_a_rejected_item_stops_with_its_reason(submitter, unit, column, reviewers):
    item = draft(submitter, unit, column)
    services.submit_item(submitter, item)
    with pytest.raises(services.PublishingError):
        services.reject_item(reviewers[1], item, "")
    services.reject_item(reviewers[1], item, "内容与本机关职能无关")
    item.refresh_from_db()
    assert item.state == State.REJECTED
    with pytest.raises(services.PublishingError):
        services.submit_item(submitter, item)


def test_one_review_level_publishes_at_the_first_approval(
    submitter, unit, column, reviewers, bureau
):
    services.update_settings(None, bureau, {"review_levels": 1})
    item = draft(submitter, unit, column)
    services.submit_item(submitter, item)
    services.approve_item(reviewers[1], item, secrecy_confirmed=True)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert get_settings(bureau).review_levels == 1


def test_an_application_only_item_is_filed_not_published(submitter, unit, column, reviewers):
    item = publish(
        draft(submitter, unit, column, disclosure="application", withheld_reason="内部管理信息"),
        reviewers,
    )
    assert item.state == State.FILED
    assert item.index_number == ""
    assert not searchindex.search(item.organ_id, "民法典宣传月").items.exists()


class TestAttachments:
    def test_a_picture_named_pdf_is_refused(self, submitter, unit, column):
        item = draft(submitter, unit, column)
        with pytest.raises(UploadRejectedError, match="扩展名"):
            services.add_attachment(submitter, item, "通知.pdf", b"\xff\xd8\xff\xe0" + b"0" * 100)
        assert not item.attachments.exists()

    def test_an_unsupported_type_is_refused(self, submitter, unit, column):
        item = draft(submitter, unit, column)
        with pytest.raises(UploadRejectedError, match="不受支持"):
            services.add_attachment(submitter, item, "run.exe", b"MZ" + b"0" * 100)

    def test_a_published_item_takes_no_attachment(self, submitter, unit, column, reviewers):
        item = publish(draft(submitter, unit, column), reviewers)
        with pytest.raises(services.PublishingError):
            services.add_attachment(submitter, item, "a.docx", docx_bytes("x"))


def test_search_finds_published_text_from_attachments(submitter, unit, column, reviewers):
    item = draft(submitter, unit, column)
    services.add_attachment(submitter, item, "细则.docx", docx_bytes("人民调解员培训实施细则"))
    unpublished = draft(submitter, unit, column, title="人民调解员草稿")
    publish(item, reviewers)
    assert list(searchindex.search(item.organ_id, "调解员培训").items) == [item]
    assert list(searchindex.search(item.organ_id, "调解").items) == [item]  # 2 characters: LIKE
    assert unpublished not in searchindex.search(item.organ_id, "人民调解员").items


def test_short_words_are_found_through_the_character_index(
    submitter, unit, column, reviewers, other_bureau
):
    item = publish(draft(submitter, unit, column, title="公证处延长服务时间"), reviewers)
    other_column = services.create_node(None, other_bureau, name="动态")
    from gongkai.web.accounts import services as accounts
    from gongkai.web.accounts.models import Role
    from gongkai.web.organs.models import UnitKind
    from gongkai.web.organs.services import create_unit

    elsewhere = create_unit(None, organ=other_bureau, name="办公室", kind=UnitKind.OFFICE)
    author = accounts.create_account(None, username="edu", password="x" * 12, validate=False)
    accounts.grant_role(None, author, Role.UNIT_SUBMITTER, unit=elsewhere)
    for level, user in reviewers.items():
        accounts.grant_role(None, user, Role.REVIEWER, organ=other_bureau, review_level=level)
    theirs = publish(draft(author, elsewhere, other_column, title="公证知识讲座"), reviewers)
    assert list(searchindex.search(item.organ_id, "公证").items) == [item]
    assert list(searchindex.search(item.organ_id, "证").items) == [item]
    assert list(searchindex.search(item.organ_id, "公证 时间").items) == [item]
    assert list(searchindex.search(item.organ_id, "证处延").items) == [item]
    assert list(searchindex.search(other_bureau.pk, "公证").items) == [theirs]
    assert list(searchindex.search(item.organ_id, '"*').items) == []
    assert list(searchindex.search(item.organ_id, "OR 公").items) == []


def test_search_ignores_latin_case(submitter, unit, column, reviewers):
    item = publish(draft(submitter, unit, column, title="PDF 版下载说明"), reviewers)
    assert list(searchindex.search(item.organ_id, "pdf").items) == [item]
    assert list(searchindex.search(item.organ_id, "Pdf 版下载").items) == [item]
