"""What the supervisor keeps beside the reports: each filing's key figures (so that thousands of
organs sort, filter and add up in the database), returns of faulty reports (退回) and reminders
(催报) sent to organs that have not filed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

_COUNT = {"null": True, "blank": True}


class ReportFigures(models.Model):
    """The key figures of one filing (``gongkai.report.figures``), written when it is filed.

    One column per figure: the supervision pages sort and add them up in SQL. ``tables_digest``
    is a hash of tables 三 and 四, equal for two reports with the same numbers there.
    """

    report = models.OneToOneField(
        "reports.AnnualReport",
        verbose_name=_("年度报告"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="figures",
    )
    received = models.BigIntegerField(_("本年新收申请"), **_COUNT)
    carried_over = models.BigIntegerField(_("上年结转申请"), **_COUNT)
    answered = models.BigIntegerField(_("本年办理结果总计"), **_COUNT)
    carried_forward = models.BigIntegerField(_("结转下年度"), **_COUNT)
    granted = models.BigIntegerField(_("予以公开"), **_COUNT)
    partial = models.BigIntegerField(_("部分公开"), **_COUNT)
    denied = models.BigIntegerField(_("不予公开"), **_COUNT)
    unable = models.BigIntegerField(_("无法提供"), **_COUNT)
    not_processed = models.BigIntegerField(_("不予处理"), **_COUNT)
    other = models.BigIntegerField(_("其他处理"), **_COUNT)
    review = models.BigIntegerField(_("行政复议"), **_COUNT)
    review_corrected = models.BigIntegerField(_("行政复议结果纠正"), **_COUNT)
    litigation = models.BigIntegerField(_("行政诉讼"), **_COUNT)
    litigation_corrected = models.BigIntegerField(_("行政诉讼结果纠正"), **_COUNT)
    licensing = models.BigIntegerField(_("行政许可处理决定"), **_COUNT)
    punishment = models.BigIntegerField(_("行政处罚处理决定"), **_COUNT)
    fees = models.DecimalField(
        _("行政事业性收费金额（万元）"), max_digits=18, decimal_places=6, **_COUNT
    )
    tables_digest = models.CharField(_("表三表四摘要"), max_length=64, blank=True)
    # Errors of the sum rules (A…): a report with any is left out of the clean totals.
    arithmetic_errors = models.PositiveIntegerField(_("算术错误"), default=0)

    class Meta:
        verbose_name = _("报告主要指标")
        verbose_name_plural = _("报告主要指标")


class ReportReturn(models.Model):
    """A filed report sent back to its organ with the supervisor's comment (退回); it is resolved
    when the organ files a new version for the same year."""

    report = models.ForeignKey(
        "reports.AnnualReport",
        verbose_name=_("年度报告"),
        on_delete=models.PROTECT,
        related_name="returns",
    )
    comment = models.TextField(_("退回意见"))
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("退回人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("退回时间"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("重新报送时间"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        "reports.AnnualReport",
        verbose_name=_("更正后的报告"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("退回记录")
        verbose_name_plural = _("退回记录")
        ordering = ["-returned_at"]


class Reminder(models.Model):
    """A reminder (催报) to an organ that has not filed its report for ``year``."""

    organ = models.ForeignKey(
        "organs.Organ", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="reminders"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    message = models.TextField(_("催报内容"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发送人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )  # None: sent by the scheduled task
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)
    recipients = models.JSONField(_("邮件收件人"), default=list)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("催报记录")
        verbose_name_plural = _("催报记录")
        ordering = ["-sent_at"]


class ImportBatch(models.Model):
    """A bulk import of subordinate reports (a zip uploaded, or a folder from the command line)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("正在读取")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    root = models.ForeignKey(
        "organs.Organ", verbose_name=_("上级机关"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("来源"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("文件数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    folder = models.CharField(_("暂存目录"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("批量导入")
        verbose_name_plural = _("批量导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"批量导入 {self.source}（{self.created_at:%Y-%m-%d %H:%M}）"


class ImportItem(models.Model):
    """One file of a bulk import and what became of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("待处理")
        UNREADABLE = "unreadable", _("无法读取")
        UNMATCHED = "unmatched", _("未匹配到机关")
        UNSURE = "unsure", _("匹配待确认")
        FILED = "filed", _("已匹配并报送")
        REJECTED = "rejected", _("已读取但未报送")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("文件"), max_length=500)
    path = models.CharField(_("暂存路径"), max_length=1000, blank=True)
    outcome = models.CharField(
        _("结果"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    reason = models.CharField(_("原因"), max_length=500, blank=True)
    organ_name = models.CharField(_("报告中的机关名称"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    organ = models.ForeignKey(
        "organs.Organ",
        verbose_name=_("匹配的机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.FloatField(_("匹配度"), null=True, blank=True)
    report_json = models.TextField(_("读取结果"), blank=True)  # kept until filed or discarded
    report = models.ForeignKey(
        "reports.AnnualReport",
        verbose_name=_("报送的报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("导入文件")
        verbose_name_plural = _("导入文件")
        ordering = ["batch", "name"]
