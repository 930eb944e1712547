"""An organ's annual reports: each filing keeps its original file (with its SHA-256), the report
as canonical JSON and the findings of the check at filing time. A report filed again for the same
year replaces the current one, which stays in the archive as history."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Entry(StrEnum):
    UPLOAD = "upload"
    FORM = "form"
    IMPORT = "import"
    COMPILED = "compiled"


ENTRY_CHOICES = [
    (Entry.UPLOAD.value, _("上传文件")),
    (Entry.FORM.value, _("表格录入")),
    (Entry.IMPORT.value, _("数据导入")),
    (Entry.COMPILED.value, _("年报工作台编制")),
]


def original_path(instance: AnnualReport, filename: str) -> str:
    return f"reports/{instance.organ_id}/{instance.year}/{instance.original_sha256}/{filename}"


class AnnualReport(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    is_current = models.BooleanField(_("现行版本"), default=True)
    replaced_at = models.DateTimeField(_("被替换时间"), null=True, blank=True)
    entry = models.CharField(_("来源"), max_length=10, choices=ENTRY_CHOICES)
    original = models.FileField(_("原始文件"), upload_to=original_path, blank=True, max_length=300)
    original_name = models.CharField(_("原始文件名"), max_length=255, blank=True)
    original_size = models.PositiveBigIntegerField(_("文件大小"), default=0)
    original_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    report_json = models.TextField(_("报告数据（规范 JSON）"))
    findings = models.JSONField(_("检查结果"), default=list)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("用于跨年度核对的上年报告"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    error_count = models.PositiveIntegerField(_("错误"), default=0)
    warning_count = models.PositiveIntegerField(_("警告"), default=0)
    info_count = models.PositiveIntegerField(_("提示"), default=0)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    filed_at = models.DateTimeField(_("报送时间"), auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("说明"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("撤回原因"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["organ__name", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year"],
                condition=Q(is_current=True),
                name="one_current_report_per_organ_and_year",
            ),
            models.UniqueConstraint(
                fields=["organ", "year", "version"], name="report_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organ.name} {self.year}年度报告（第{self.version}版）"


class ReadingState(StrEnum):
    READING = "reading"
    CONFIRM = "confirm"  # read, but the file names another organ or year: the clerk decides
    FAILED = "failed"
    FILED = "filed"


READING_STATE_CHOICES = [
    (ReadingState.READING.value, _("正在读取")),
    (ReadingState.CONFIRM.value, _("待确认")),
    (ReadingState.FAILED.value, _("未能读取")),
    (ReadingState.FILED.value, _("已报送")),
]


class Reading(models.Model):
    """An uploaded file being read outside the request (in a bounded child process), until it is
    filed as an ``AnnualReport`` or refused. The file waits in ``staging`` meanwhile."""

    organ = models.ForeignKey(
        "organs.Organ", verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    started_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=READING_STATE_CHOICES, default=ReadingState.READING
    )
    staging = models.CharField(_("暂存目录"), max_length=300)
    original_name = models.CharField(_("原始文件名"), max_length=255)
    original_size = models.PositiveBigIntegerField(_("文件大小"), default=0)
    original_sha256 = models.CharField(_("SHA-256"), max_length=64)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("报送年度"), null=True, blank=True)
    message = models.TextField(_("说明"), blank=True)
    filing = models.ForeignKey(
        AnnualReport,
        verbose_name=_("报送的报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("读取中的上传")
        verbose_name_plural = _("读取中的上传")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.original_name}（{self.get_state_display()}）"
