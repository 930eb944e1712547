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
