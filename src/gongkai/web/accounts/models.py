"""Accounts and their roles, each role scoped to an organ or one of its units."""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    full_name = models.CharField(_("姓名"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(StrEnum):
    CLERK = "clerk"
    UNIT_SUBMITTER = "unit_submitter"
    REVIEWER = "reviewer"
    ORGAN_HEAD = "organ_head"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return str(_ROLE_LABELS[self])


_ROLE_LABELS = {
    Role.CLERK: _("公开办工作人员"),
    Role.UNIT_SUBMITTER: _("股室报送人"),
    Role.REVIEWER: _("审核人"),
    Role.ORGAN_HEAD: _("机关负责人"),
    Role.SUPERVISOR: _("上级政务公开办"),
    Role.ADMINISTRATOR: _("系统管理员"),
}
ROLE_CHOICES = [(role.value, _ROLE_LABELS[role]) for role in Role]


class Membership(models.Model):
    """One role of one account: in an organ, in a unit (unit submitters), or everywhere
    (administrators)."""

    user = models.ForeignKey(
        User, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=20, choices=ROLE_CHOICES)
    organ = models.ForeignKey(
        "organs.Organ",
        verbose_name=_("机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        "organs.Unit",
        verbose_name=_("内设机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    review_level = models.PositiveSmallIntegerField(_("审核级别"), null=True, blank=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [
            models.CheckConstraint(
                condition=Q(role=Role.ADMINISTRATOR.value) | Q(organ__isnull=False),
                name="membership_organ_required",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.UNIT_SUBMITTER.value) | Q(unit__isnull=False),
                name="membership_unit_required_for_submitter",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        role=Role.REVIEWER.value,
                        review_level__isnull=False,
                        review_level__gte=1,
                        review_level__lte=3,
                    )
                    | (~Q(role=Role.REVIEWER.value) & Q(review_level__isnull=True))
                ),
                name="membership_review_level_1_to_3",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit or self.organ or _("全部机关")
        level = f"（{self.review_level}级）" if self.review_level else ""
        return f"{self.get_role_display()}{level}·{scope}"


class ApiToken(models.Model):
    """A token for the read-only JSON API. Only its SHA-256 is stored; the token itself is
    shown once, when it is created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100)
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"
