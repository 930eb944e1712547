"""An organ's disclosure applications (依申请公开): the case, its timeline, consultations, fee
notices, reviews, letters (immutable once issued), and the organ's own settings for them.

Dates that decide deadlines are stored as the events they are; the deadlines themselves are
computed by ``gongkai.law`` (``clock.py``) and only cached here (``reply_due``, ``next_due``) so
that the dashboard can ask the database for "due today" among a million cases.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.law import Outcome
from gongkai.law.outcomes import rule_for
from gongkai.report.formats import APPLICANT_PARTS
from gongkai.web.applications.identity import IdentityKind, mask_identity, mask_phone
from gongkai.web.applications.workflow import STATUS_CHOICES, Status

APPLICANT_KIND_CHOICES = [(part.key, part.label) for part in APPLICANT_PARTS]
OUTCOME_CHOICES = [(outcome.value, rule_for(outcome).name) for outcome in Outcome]
IDENTITY_CHOICES = [
    (IdentityKind.RESIDENT_ID.value, _("居民身份证")),
    (IdentityKind.CREDIT_CODE.value, _("统一社会信用代码")),
    (IdentityKind.PASSPORT.value, _("护照")),
    (IdentityKind.OTHER.value, _("其他证件")),
]


class IntakeChannel(StrEnum):
    """How the application came in; ``clock.LAW_CHANNEL`` maps it to 条例第三十一条's rule."""

    ONLINE = "online"
    POST = "post"
    LETTER = "letter"
    IN_PERSON = "in-person"
    FAX = "fax"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return str(dict(CHANNEL_CHOICES)[self.value])


CHANNEL_CHOICES = [
    (IntakeChannel.ONLINE.value, _("网上申请")),
    (IntakeChannel.POST.value, _("邮寄（需签收）")),
    (IntakeChannel.LETTER.value, _("平常信函")),
    (IntakeChannel.IN_PERSON.value, _("当面提交")),
    (IntakeChannel.FAX.value, _("传真")),
    (IntakeChannel.EMAIL.value, _("电子邮件")),
]


class ProvisionForm(StrEnum):
    PAPER = "paper"
    ELECTRONIC = "electronic"
    DISC = "disc"
    VIEWING = "viewing"

    @property
    def label(self) -> str:
        return str(dict(PROVISION_CHOICES)[self.value])


PROVISION_CHOICES = [
    (ProvisionForm.PAPER.value, _("纸质文本")),
    (ProvisionForm.ELECTRONIC.value, _("电子文件")),
    (ProvisionForm.DISC.value, _("光盘")),
    (ProvisionForm.VIEWING.value, _("查阅、抄录")),
]


class DeliveryMethod(StrEnum):
    POST = "post"
    EMAIL = "email"
    PICKUP = "pickup"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return str(dict(DELIVERY_CHOICES)[self.value])


DELIVERY_CHOICES = [
    (DeliveryMethod.POST.value, _("邮寄")),
    (DeliveryMethod.EMAIL.value, _("电子邮件")),
    (DeliveryMethod.PICKUP.value, _("自行领取")),
    (DeliveryMethod.ONLINE.value, _("网上查看")),
]


class ReasonsVerdict(StrEnum):
    """条例第三十五条: what the organ made of the applicant's reasons (or their absence)."""

    REASONABLE = "reasonable"
    UNREASONABLE = "unreasonable"
    NONE = "none"  # no reasons within the period

    @property
    def label(self) -> str:
        return str(dict(REASONS_VERDICT_CHOICES)[self.value])


REASONS_VERDICT_CHOICES = [
    (ReasonsVerdict.REASONABLE.value, _("理由合理")),
    (ReasonsVerdict.UNREASONABLE.value, _("理由不合理")),
    (ReasonsVerdict.NONE.value, _("逾期未说明理由")),
]


class OrganSettings(models.Model):
    """What an organ configures for its applications (an administrator edits it in the admin)."""

    organ = models.OneToOneField(
        "organs.Organ", on_delete=models.CASCADE, related_name="application_settings"
    )
    short_name = models.CharField(_("机关简称（用于文号）"), max_length=20, default="")
    number_format = models.CharField(
        _("申请编号格式"),
        max_length=80,
        default="{short}公开〔{year}〕第{serial}号",
        help_text=_("可用 {short} {year} {serial}"),
    )
    letter_number_format = models.CharField(
        _("文书文号格式"), max_length=80, default="{short}{code}〔{year}〕{serial}号"
    )
    review_levels = models.PositiveSmallIntegerField(_("答复审核级数"), default=1)
    reconsideration_body = models.CharField(_("行政复议机关"), max_length=200, default="")
    court = models.CharField(_("管辖法院"), max_length=200, default="", blank=True)
    correction_period_days = models.PositiveSmallIntegerField(
        _("补正期限（工作日）"), default=15, help_text=_("条例第三十条只要求“合理的补正期限”")
    )
    contact = models.CharField(_("联系方式"), max_length=200, default="", blank=True)

    class Meta:
        verbose_name = _("依申请公开设置")
        verbose_name_plural = _("依申请公开设置")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_levels__gte=1, review_levels__lte=3),
                name="application_review_levels_1_to_3",
            )
        ]

    def __str__(self) -> str:
        return str(self.organ)


class Application(models.Model):
    organ = models.ForeignKey(
        "organs.Organ", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("编号年度"))
    serial = models.PositiveIntegerField(_("编号序号"))
    number = models.CharField(_("申请编号"), max_length=80)
    query_code = models.CharField(_("查询码"), max_length=16, unique=True)
    status = models.CharField(_("状态"), max_length=24, choices=STATUS_CHOICES)
    version = models.PositiveIntegerField(_("版本"), default=1)
    is_demo = models.BooleanField(_("示例数据"), default=False)

    applicant_kind = models.CharField(
        _("申请人类型"), max_length=30, choices=APPLICANT_KIND_CHOICES
    )
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    identity_kind = models.CharField(_("证件类型"), max_length=20, choices=IDENTITY_CHOICES)
    identity_number = models.CharField(_("证件号码"), max_length=40)
    agent_name = models.CharField(_("代理人"), max_length=100, blank=True)
    agent_identity = models.CharField(_("代理人证件号码"), max_length=40, blank=True)
    agent_authorised = models.BooleanField(_("已提交授权委托书"), default=False)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)

    request_text = models.TextField(_("所需政府信息的名称、文号或者特征性描述"))
    provision_form = models.CharField(_("提供形式"), max_length=20, choices=PROVISION_CHOICES)
    delivery_method = models.CharField(_("获取方式"), max_length=20, choices=DELIVERY_CHOICES)

    channel = models.CharField(_("申请方式"), max_length=20, choices=CHANNEL_CHOICES)
    arrived_on = models.DateField(_("到达日期"))
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    received_on = models.DateField(_("收到申请之日"), db_index=True)
    on_the_spot = models.BooleanField(_("当场答复"), default=False)

    correction_sent_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_period_end = models.DateField(_("补正期限"), null=True, blank=True)
    correction_received_on = models.DateField(_("收到补正日期"), null=True, blank=True)

    extension_approved_on = models.DateField(_("延期批准日期"), null=True, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extension_days = models.PositiveSmallIntegerField(_("延长工作日"), null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)

    secrecy_reviewed = models.BooleanField(_("已进行保密审查"), default=False)
    outcome = models.CharField(_("办理结果"), max_length=30, choices=OUTCOME_CHOICES, blank=True)
    decision_text = models.TextField(_("答复理由和事实"), blank=True)
    withheld_parts = models.TextField(_("不予公开的部分"), blank=True)
    withheld_reason = models.TextField(_("不予公开的理由"), blank=True)
    search_record = models.TextField(_("检索记录"), blank=True)
    responsible_organ = models.CharField(_("负责公开的机关及联系方式"), max_length=300, blank=True)
    responsible_contact = models.CharField(_("负责机关的联系方式"), max_length=200, blank=True)

    # 第三十五条: reasons asked for when requests are clearly beyond a reasonable number/frequency.
    reasons_requested_on = models.DateField(_("要求说明理由日期"), null=True, blank=True)
    reasons_grounds = models.TextField(_("数量、频次明显超过合理范围的事实"), blank=True)
    reasons_period_end = models.DateField(_("说明理由期限"), null=True, blank=True)
    reasons_received_on = models.DateField(_("收到理由日期"), null=True, blank=True)
    reasons_text = models.TextField(_("申请人说明的理由"), blank=True)
    reasons_verdict = models.CharField(
        _("对理由的认定"), max_length=20, choices=REASONS_VERDICT_CHOICES, blank=True
    )
    delayed_reply_due = models.DateField(_("延迟答复的合理期限"), null=True, blank=True)
    review_level_done = models.PositiveSmallIntegerField(_("已通过审核级数"), default=0)
    decided_on = models.DateField(_("答复（办结）日期"), null=True, blank=True, db_index=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_record = models.CharField(_("送达方式及凭证"), max_length=200, blank=True)
    transfer_to = models.ForeignKey(
        "organs.Organ", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    reply_due = models.DateField(_("答复期限"), null=True, blank=True)
    next_due = models.DateField(_("最近期限"), null=True, blank=True)
    clock_estimated = models.BooleanField(_("期限含未确认年度"), default=False)
    is_open = models.BooleanField(_("未办结"), default=True)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "serial"], name="application_serial"),
            models.CheckConstraint(
                condition=Q(is_open=True) | ~Q(outcome=""), name="application_closed_has_outcome"
            ),
        ]
        indexes = [
            # The open cases (2 %) by deadline: covers the dashboard's counts (status included:
            # waiting for 补正 / fee / opinions) and gives its lists their order (next_due, id),
            # so each stops after a page. Not a partial index: SQLite only uses one when the
            # query spells out its condition, and Django binds is_open as a parameter.
            models.Index(
                fields=["organ", "is_open", "next_due", "id", "status"],
                name="application_open_due",
            ),
            models.Index(fields=["organ", "status", "id"], name="application_status"),
            models.Index(fields=["organ", "id"], name="application_list"),
            models.Index(fields=["organ", "received_on"], name="application_received"),
            # Covers table 三: compile_table_three reads nothing else.
            models.Index(
                fields=["organ", "decided_on", "received_on", "applicant_kind", "outcome"],
                name="application_decided",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> Status:
        return Status(self.status)

    @property
    def status_label(self) -> str:
        # Cheaper than get_status_display(), which rebuilds the flat choices on every call.
        return Status(self.status).label

    @property
    def channel_label(self) -> str:
        return IntakeChannel(self.channel).label

    @property
    def masked_identity(self) -> str:
        return mask_identity(self.identity_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def outcome_enum(self) -> Outcome | None:
        return Outcome(self.outcome) if self.outcome else None


class TimelineEntry(models.Model):
    """One step of the case: the clerk's view and, in plain words, the applicant's."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    actor_name = models.CharField(_("操作人"), max_length=150)
    action = models.CharField(_("操作"), max_length=40)
    note = models.TextField(_("说明"), blank=True)
    public_text = models.CharField(_("向申请人显示"), max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]


class Consultation(models.Model):
    """征求意见 (第三十二条 third party, 第三十四条 co-maker, other organs)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField(_("类型"), max_length=20)
    party = models.CharField(_("征求对象"), max_length=200)
    started_on = models.DateField(_("发出日期"))
    delivered_on = models.DateField(_("对方收到日期"), null=True, blank=True)
    answered_on = models.DateField(_("收到意见日期"), null=True, blank=True)
    opinion = models.TextField(_("意见"), blank=True)

    class Meta:
        ordering = ["started_on", "id"]


class FeeNotice(models.Model):
    """信息处理费 (国办函〔2020〕109号): the notice, its amount (``gongkai.law.fees``), payment."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="fees")
    method = models.CharField(_("计收方式"), max_length=20)
    units = models.PositiveIntegerField(_("件数或页数"))
    amount = models.PositiveIntegerField(_("金额（元）"))
    explanation = models.TextField(_("计算过程"))
    sent_on = models.DateField(_("通知日期"))
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)

    class Meta:
        ordering = ["sent_on", "id"]


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    level = models.PositiveSmallIntegerField(_("审核级别"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved = models.BooleanField(_("通过"))
    note = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class LetterKind(StrEnum):
    RECEIPT = "receipt"
    CORRECTION = "correction"
    EXTENSION = "extension"
    CONSULTATION = "consultation"
    FEE = "fee"
    ANSWER = "answer"
    TERMINATION = "termination"
    TRANSFER = "transfer"
    REASONS = "reasons"

    @property
    def label(self) -> str:
        return str(dict(LETTER_KIND_CHOICES)[self.value])


LETTER_KIND_CHOICES = [
    (LetterKind.RECEIPT.value, _("登记回执")),
    (LetterKind.CORRECTION.value, _("补正告知书")),
    (LetterKind.EXTENSION.value, _("延期答复告知书")),
    (LetterKind.CONSULTATION.value, _("征求意见函")),
    (LetterKind.FEE.value, _("收费通知书")),
    (LetterKind.ANSWER.value, _("政府信息公开申请答复书")),
    (LetterKind.TERMINATION.value, _("终止办理告知书")),
    (LetterKind.TRANSFER.value, _("转送告知书")),
    (LetterKind.REASONS.value, _("说明理由告知书")),
]


class LetterIsImmutableError(Exception):
    """An issued letter was about to change: a correction is a new letter."""


class Letter(models.Model):
    """A letter of the case. Once issued its text, bytes and SHA-256 never change."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=20, choices=LETTER_KIND_CHOICES)
    number = models.CharField(_("文号"), max_length=80)
    title = models.CharField(_("标题"), max_length=200)
    paragraphs = models.JSONField(_("正文段落"), default=list)
    dated = models.DateField(_("落款日期"))
    issued_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    docx = models.BinaryField(_("DOCX"), null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    confirmed_warnings = models.JSONField(_("已确认的警告"), default=list)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    correction_reason = models.TextField(_("更正理由"), blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = Letter.objects.filter(pk=self.pk, issued_at__isnull=False).exists()
            if stored:
                raise LetterIsImmutableError("已签发的文书不可修改；更正请另发新文书")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_issued:
            raise LetterIsImmutableError("已签发的文书不可删除")
        return super().delete(*args, **kwargs)


class LetterTemplate(models.Model):
    """An organ-wide override of a shipped letter template (``letters/<kind>.txt``)."""

    kind = models.CharField(_("文书类型"), max_length=20, choices=LETTER_KIND_CHOICES, unique=True)
    body = models.TextField(_("模板"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")

    def __str__(self) -> str:
        return self.get_kind_display()


class DisclosureSuggestion(models.Model):
    """第四十四条: information several applicants asked for and got, offered to the publishing
    workflow as a draft item. Holds no applicant's identity (个人信息保护法第二十五条)."""

    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("信息名称"), max_length=300)
    description = models.TextField(_("说明"))
    request_count = models.PositiveIntegerField(_("申请次数"))
    created_at = models.DateTimeField(auto_now_add=True)
    picked_up = models.BooleanField(_("已转入主动公开流程"), default=False)

    class Meta:
        verbose_name = _("转为主动公开的建议")
        verbose_name_plural = _("转为主动公开的建议")


class OpeningBalance(models.Model):
    """An organ that starts mid-stream: the 结转下年度 row of its previous annual report, per
    applicant column, counted as 上年结转 of ``year`` (and, until those cases are entered, as
    still open)."""

    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    counts = models.JSONField(_("各列数量"))
    source = models.CharField(_("来源"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organ", "year"], name="opening_balance_once")
        ]


class Notification(models.Model):
    """A reminder shown in the site (and sent by e-mail) to a person handling cases."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    day = models.DateField()
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "application", "day"], name="notification_once_a_day"
            )
        ]
