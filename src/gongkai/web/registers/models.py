"""The registers behind table 二 of the annual report (条例第二十条第（一）（五）（六）（八）项).

- ``Document``: one 规章 or 行政规范性文件 with its dates; the year's 制发/废止/现行有效 counts
  are computed from the dates, never typed.
- ``MonthlyFigures``: one month's 行政许可 / 行政处罚 / 行政强制 decisions (and, for the 2019
  format, 其他对外管理服务事项) and 行政事业性收费 income in 万元, entered or imported.
- ``YearItems``: what only the 2019 format asks (used for 2019–2020): the numbers of 事项 on the
  organ's lists at the end of the year, and 政府集中采购.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DocumentKind(StrEnum):
    REGULATION = "regulations"  # the row keys of table 二
    NORMATIVE = "normative_docs"


DOCUMENT_KINDS = [
    (DocumentKind.REGULATION.value, _("规章")),
    (DocumentKind.NORMATIVE.value, _("行政规范性文件")),
]


class Document(models.Model):
    organ = models.ForeignKey(
        "organs.Organ",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="register_documents",
    )
    kind = models.CharField(_("类别"), max_length=20, choices=DOCUMENT_KINDS)
    title = models.CharField(_("名称"), max_length=300)
    number = models.CharField(_("文号"), max_length=100, blank=True)
    issued_on = models.DateField(_("制发日期"))
    # 2019 format 本年新公开数量: when it was made public; blank means on the day it was issued.
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    abolished_on = models.DateField(_("废止日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("规章、行政规范性文件")
        verbose_name_plural = _("规章、行政规范性文件")
        ordering = ["organ__name", "kind", "-issued_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(abolished_on__isnull=True) | Q(abolished_on__gte=models.F("issued_on")),
                name="document_abolished_after_issued",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    def is_in_force_on(self, day: datetime.date) -> bool:
        """现行有效 on ``day``: issued by then and not yet abolished."""
        return self.issued_on <= day and (self.abolished_on is None or self.abolished_on > day)

    @property
    def status(self) -> str:
        return str(_("已废止") if self.abolished_on else _("现行有效"))


# The monthly figures' fields, in table 二's terms: (field, table-二 row key, Chinese label).
DECISION_FIELDS = (
    ("licensing", "licensing", _("行政许可")),
    ("punishment", "punishment", _("行政处罚")),
    ("coercion", "coercion", _("行政强制")),
    ("other_admin_services", "other_admin_services", _("其他对外管理服务事项")),
)


class MonthlyFigures(models.Model):
    organ = models.ForeignKey(
        "organs.Organ",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="monthly_figures",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(
        _("月份"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    licensing = models.PositiveIntegerField(_("行政许可决定数"), default=0)
    punishment = models.PositiveIntegerField(_("行政处罚决定数"), default=0)
    coercion = models.PositiveIntegerField(_("行政强制决定数"), default=0)
    # Asked only by the 2019 format (years 2019–2020).
    other_admin_services = models.PositiveIntegerField(_("其他对外管理服务事项决定数"), default=0)
    fees = models.DecimalField(
        _("行政事业性收费（万元）"), max_digits=14, decimal_places=4, default=0
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("月度处理决定与收费")
        verbose_name_plural = _("月度处理决定与收费")
        ordering = ["organ__name", "-year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year", "month"], name="one_monthly_figures_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="monthly_figures_month_1_to_12"
            ),
            models.CheckConstraint(condition=Q(fees__gte=0), name="monthly_fees_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organ.name} {self.year}年{self.month}月"


# The 2019 format's 事项 counts at the end of a year (上一年项目数量 and 本年增/减 derive from two
# consecutive years): (field, table-二 row key, label).
ITEM_FIELDS = (
    ("licensing_items", "licensing", _("行政许可事项数")),
    ("other_admin_services_items", "other_admin_services", _("其他对外管理服务事项数")),
    ("punishment_items", "punishment", _("行政处罚事项数")),
    ("coercion_items", "coercion", _("行政强制事项数")),
    ("fee_items", "fees", _("行政事业性收费项目数")),
)


class YearItems(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="year_items"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    licensing_items = models.PositiveIntegerField(_("行政许可事项数"), null=True, blank=True)
    other_admin_services_items = models.PositiveIntegerField(
        _("其他对外管理服务事项数"), null=True, blank=True
    )
    punishment_items = models.PositiveIntegerField(_("行政处罚事项数"), null=True, blank=True)
    coercion_items = models.PositiveIntegerField(_("行政强制事项数"), null=True, blank=True)
    fee_items = models.PositiveIntegerField(_("行政事业性收费项目数"), null=True, blank=True)
    procurement_projects = models.PositiveIntegerField(
        _("政府集中采购项目数量"), null=True, blank=True
    )
    procurement_amount = models.DecimalField(
        _("政府集中采购总金额"), max_digits=16, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("年末事项数（2019年格式）")
        verbose_name_plural = _("年末事项数（2019年格式）")
        constraints = [
            models.UniqueConstraint(fields=["organ", "year"], name="one_year_items_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.organ.name} {self.year}年末事项数"
