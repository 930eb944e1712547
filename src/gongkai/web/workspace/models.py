"""The annual report being written for an organ and a year: its draft (tables compiled from the
records, the narrative edited in the browser), its way through review to the head's signature,
and its publications.

States: drafting → in_review (levels 1…n, n = the organ's review levels) → awaiting_signature →
signed → published. Any reviewer or the head may return it to drafting with a comment. A
published report is corrected by a new draft round, published again with its reason.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(StrEnum):
    DRAFTING = "drafting"
    IN_REVIEW = "in_review"
    AWAITING_SIGNATURE = "awaiting_signature"
    SIGNED = "signed"
    PUBLISHED = "published"


STATES = [
    (State.DRAFTING.value, _("编辑中")),
    (State.IN_REVIEW.value, _("审核中")),
    (State.AWAITING_SIGNATURE.value, _("待负责人签发")),
    (State.SIGNED.value, _("已签发，待发布")),
    (State.PUBLISHED.value, _("已发布")),
]


class Draft(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="drafts"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(_("状态"), max_length=20, choices=STATES, default=State.DRAFTING)
    review_level = models.PositiveSmallIntegerField(_("当前审核级别"), default=0)
    report_json = models.TextField(_("报告数据（规范 JSON）"))
    findings = models.JSONField(_("检查结果"), default=list)
    error_count = models.PositiveIntegerField(_("错误"), default=0)
    warning_count = models.PositiveIntegerField(_("警告"), default=0)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    correction_reason = models.CharField(_("更正原因"), max_length=500, blank=True)
    published = models.ForeignKey(
        "reports.AnnualReport",
        verbose_name=_("最近发布的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("保存时间"), auto_now=True)
    # The last compile's draft sentences, each with the records it came from, and the figures
    # they state (name → value): what the clerk is shown beside the narrative, and what a
    # recompile is compared with.
    sources = models.JSONField(_("正文来源"), default=list, blank=True)
    figures = models.JSONField(_("正文数字"), default=dict, blank=True)

    class Meta:
        verbose_name = _("年报草稿")
        verbose_name_plural = _("年报草稿")
        constraints = [
            models.UniqueConstraint(fields=["organ", "year"], name="one_draft_per_organ_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.organ.name} {self.year}年度报告（{self.get_state_display()}）"


class Step(models.Model):
    """One step of the draft's way: submitted, approved, returned (with comment), signed,
    published (with an override reason when errors remained), correction started."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("操作"), max_length=20)
    level = models.PositiveSmallIntegerField(_("审核级别"), null=True, blank=True)
    comment = models.TextField(_("意见"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")

    def __str__(self) -> str:
        return f"{self.draft} {self.action}"
