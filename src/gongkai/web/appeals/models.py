"""行政复议 and 行政诉讼 cases brought over the organ's disclosure work (table 四)."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CaseKind(StrEnum):
    REVIEW = "review"  # the row keys of table 四
    DIRECT = "litigation_direct"
    AFTER_REVIEW = "litigation_after_review"


CASE_KINDS = [
    (CaseKind.REVIEW.value, _("行政复议")),
    (CaseKind.DIRECT.value, _("行政诉讼（未经复议直接起诉）")),
    (CaseKind.AFTER_REVIEW.value, _("行政诉讼（复议后起诉）")),
]


class Result(StrEnum):
    UPHELD = "upheld"  # the column keys of table 四
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"


RESULTS = [
    (Result.UPHELD.value, _("维持")),
    (Result.CORRECTED.value, _("纠正")),
    (Result.OTHER.value, _("其他")),
    (Result.PENDING.value, _("尚未审结")),
]


class Case(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="appeals"
    )
    kind = models.CharField(_("类别"), max_length=30, choices=CASE_KINDS)
    number = models.CharField(_("案号"), max_length=100, blank=True)
    # The application the case concerns. A free reference (e.g. its query code) until the
    # applications workbench is merged; then it becomes a link.
    application_reference = models.CharField(_("涉及的申请"), max_length=100, blank=True)
    applicant = models.CharField(_("申请人/原告"), max_length=200, blank=True)
    body = models.CharField(_("复议机关或法院"), max_length=200)
    filed_on = models.DateField(_("申请复议或起诉日期"))
    result = models.CharField(_("结果"), max_length=20, choices=RESULTS, default=Result.PENDING)
    closed_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("复议、诉讼案件")
        verbose_name_plural = _("复议、诉讼案件")
        ordering = ["organ__name", "-filed_on"]
        constraints = [
            # A closed case has a result and a closing date; a pending one has neither.
            models.CheckConstraint(
                condition=(Q(result="pending") & Q(closed_on__isnull=True))
                | (~Q(result="pending") & Q(closed_on__isnull=False)),
                name="appeal_closed_has_result_and_date",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("filed_on")),
                name="appeal_closed_after_filed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.filed_on.isoformat()}"
