"""Organs (机关) in their hierarchy, and their internal units (股室, 司法所)."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.report.organs import OrganKind

ORGAN_KINDS = [(kind.value, kind.label) for kind in OrganKind]


class Organ(models.Model):
    """An administrative organ. ``parent`` is the organ that supervises its disclosure work."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    kind = models.CharField(_("机关类型"), max_length=40, choices=ORGAN_KINDS)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("机关")
        verbose_name_plural = _("机关")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def organ_kind(self) -> OrganKind:
        return OrganKind(self.kind)


class UnitKind(StrEnum):
    OFFICE = "office"
    SECTION = "section"
    JUDICIAL_OFFICE = "judicial_office"
    OTHER = "other"


UNIT_KINDS = [
    (UnitKind.OFFICE.value, _("办公室")),
    (UnitKind.SECTION.value, _("股室")),
    (UnitKind.JUDICIAL_OFFICE.value, _("司法所")),
    (UnitKind.OTHER.value, _("其他")),
]


class Unit(models.Model):
    """An internal unit of an organ: it submits items and sees its own work."""

    organ = models.ForeignKey(
        Organ, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=UNIT_KINDS)

    class Meta:
        verbose_name = _("内设机构")
        verbose_name_plural = _("内设机构")
        ordering = ["organ__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "name"], name="unit_name_unique_in_organ")
        ]

    def __str__(self) -> str:
        return f"{self.organ.name}·{self.name}"
