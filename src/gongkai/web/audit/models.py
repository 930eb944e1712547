"""The audit log: who did what to which record, when, with the record before and after.

Entries are written by the service that makes the change, in its transaction, and are never
changed or deleted afterwards: ``save`` refuses an existing entry and ``delete`` always refuses;
below the ORM, database triggers refuse UPDATE and DELETE, and a hash chain (``chain.py``) makes
any change detectable.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnlyError(Exception):
    """An attempt to change or delete an audit log entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnlyError("审计日志不可修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnlyError("审计日志不可删除")


class AuditEntry(models.Model):
    # set before saving (not auto_now_add), since the entry's hash covers it
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=60, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=60)
    target_id = models.CharField(_("对象编号"), max_length=40, blank=True)
    target_repr = models.CharField(_("对象"), max_length=300, blank=True)
    organ = models.ForeignKey(
        "organs.Organ",
        verbose_name=_("机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    previous_hash = models.CharField(_("前一条的哈希"), max_length=64, default="", editable=False)
    entry_hash = models.CharField(_("本条哈希"), max_length=64, default="", editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnlyError("审计日志不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnlyError("审计日志不可删除")
