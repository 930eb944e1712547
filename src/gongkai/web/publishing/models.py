"""主动公开 records: the organ's publishing settings and 目录, items with their attachments and
review steps, and the organ's channels with their publications, follower counts and media
adoptions.

An item's 公开属性 is fixed when it is drafted (国办发〔2016〕80号: the drafter states it and it
goes up for approval with the document); its 索引号 is issued once, at publication, and never
changes (WORKBENCH B §1.3).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_APPLICATION = "application", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class ItemType(models.TextChoices):
    # 湖北省司法厅《政务信息工作考评办法》(2017) distinguishes 动态/调研/重要紧急 (WORKBENCH B §3).
    DYNAMIC = "dynamic", _("动态信息")
    RESEARCH = "research", _("调研信息")
    URGENT = "urgent", _("重要紧急信息")
    NOTICE = "notice", _("通知公告")
    POLICY = "policy", _("政策文件")
    INTERPRETATION = "interpretation", _("政策解读")
    OTHER = "other", _("其他")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    ABOLISHED = "abolished", _("废止")


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("审核中")
    RETURNED = "returned", _("已退回修改")
    REJECTED = "rejected", _("不予发布")
    PUBLISHED = "published", _("已发布")
    FILED = "filed", _("已审核归档（不在门户公开）")
    WITHDRAWN = "withdrawn", _("已撤回")


class PublishingSettings(models.Model):
    """One organ's choices: how many review levels, its 索引号 rule, scoring preset, 指南."""

    organ = models.OneToOneField(
        "organs.Organ", on_delete=models.CASCADE, related_name="publishing_settings"
    )
    review_levels = models.PositiveSmallIntegerField(_("审核级数"), default=3)
    index_rule = models.CharField(_("索引号规则"), max_length=40, default="code-year-serial")
    index_prefix = models.CharField(
        _("索引号前段码"), max_length=40, default="000000000", help_text=_("组织机构代码等")
    )
    scoring_preset = models.CharField(_("计分方案"), max_length=40, default="county-justice")
    extra_words = models.TextField(
        _("本机关增补的错敏词"), blank=True, help_text=_("每行：错误写法 => 建议写法 # 说明")
    )
    guide = models.TextField(_("政府信息公开指南"), blank=True)
    rules_text = models.TextField(_("政府信息公开制度"), blank=True)

    class Meta:
        verbose_name = _("主动公开设置")
        verbose_name_plural = _("主动公开设置")

    def __str__(self) -> str:
        return f"{self.organ}·{_('主动公开设置')}"


class CatalogueNode(models.Model):
    """A node of the organ's 主动公开目录 (a column of its portal)."""

    organ = models.ForeignKey("organs.Organ", on_delete=models.CASCADE, related_name="catalogue")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("栏目名称"), max_length=100)
    code = models.CharField(_("分类号"), max_length=20, blank=True)
    category = models.CharField(_("第二十条类别"), max_length=10, blank=True)
    # 国办秘函〔2019〕19号: a 动态/要闻 column idle for 2 weeks counts as not updated.
    is_dynamic = models.BooleanField(_("动态类栏目"), default=False)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("目录栏目")
        verbose_name_plural = _("目录栏目")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="items")
    unit = models.ForeignKey("organs.Unit", on_delete=models.PROTECT, related_name="items")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文（Markdown）"), blank=True)
    summary = models.CharField(_("内容概述"), max_length=200, blank=True)
    item_type = models.CharField(_("信息类型"), max_length=20, choices=ItemType.choices)
    disclosure = models.CharField(_("公开属性"), max_length=20, choices=Disclosure.choices)
    withheld_reason = models.TextField(_("不公开或依申请公开的理由"), blank=True)
    node = models.ForeignKey(
        CatalogueNode, verbose_name=_("目录栏目"), on_delete=models.PROTECT, related_name="items"
    )
    document_number = models.CharField(_("发文字号"), max_length=100, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    formed_on = models.DateField(_("形成或变更日期"))
    validity = models.CharField(
        _("有效性"), max_length=20, choices=Validity.choices, default=Validity.VALID
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    current_level = models.PositiveSmallIntegerField(_("当前审核级别"), default=0)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    index_number = models.CharField(_("索引号"), max_length=60, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    # 条例第二十六条: working days from 形成/变更 to publication, fixed at publication.
    publication_workdays = models.PositiveIntegerField(_("发布用时（工作日）"), null=True)
    search_text = models.TextField(blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The portal's orders (newest first, then by id) read straight off these indexes.
            models.Index(
                fields=["organ", "state", "node", "-published_at", "-id"], name="item_column_newest"
            ),
            models.Index(
                fields=["organ", "state", "-published_at", "-id"], name="item_organ_newest"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "index_number"],
                condition=~models.Q(index_number=""),
                name="item_index_number_unique_in_organ",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state == State.PUBLISHED


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"publishing/{instance.item.organ_id}/{instance.item_id}/{filename}"


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20)
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("提取的文字"), blank=True)
    text_note = models.CharField(_("文字提取说明"), max_length=200, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class StepAction(models.TextChoices):
    SUBMIT = "submit", _("报送")
    APPROVE = "approve", _("审核通过")
    RETURN = "return", _("退回修改")
    REJECT = "reject", _("不予发布")
    SCAN = "scan", _("错敏词与个人信息检查")
    OVERRIDE = "override", _("确认检查结果无误（说明理由）")
    SECRECY = "secrecy", _("保密审查确认")
    PUBLISH = "publish", _("发布")
    FILE = "file", _("审核归档")
    WITHDRAW = "withdraw", _("撤回")


class ReviewStep(models.Model):
    """One step of an item's way through review (审核留痕); never changed afterwards."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("操作"), max_length=20, choices=StepAction.choices)
    level = models.PositiveSmallIntegerField(_("审核级别"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150)
    comment = models.TextField(_("意见"), blank=True)
    findings = models.JSONField(_("检查结果"), default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}·{self.actor_name}"


class ChannelKind(models.TextChoices):
    PORTAL = "portal", _("政府网站")
    WECHAT = "wechat", _("微信公众号")
    DOUYIN = "douyin", _("抖音")
    WEIBO = "weibo", _("微博")
    OTHER = "other", _("其他")


class Channel(models.Model):
    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="channels")
    kind = models.CharField(_("类型"), max_length=20, choices=ChannelKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("账号或网址"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("发布渠道")
        verbose_name_plural = _("发布渠道")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}·{self.name}"


class Publication(models.Model):
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="publications")
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="publications"
    )
    title = models.CharField(_("标题"), max_length=300)
    link = models.URLField(_("链接"), max_length=500, blank=True)
    published_on = models.DateField(_("发布日期"), db_index=True)
    is_original = models.BooleanField(_("原创"), default=True)
    reads = models.PositiveIntegerField(_("阅读数"), null=True, blank=True)
    likes = models.PositiveIntegerField(_("点赞数"), null=True, blank=True)
    shares = models.PositiveIntegerField(_("转发数"), null=True, blank=True)

    class Meta:
        verbose_name = _("渠道发布记录")
        verbose_name_plural = _("渠道发布记录")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title


class FollowerCount(models.Model):
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="followers")
    counted_on = models.DateField(_("统计日期"))
    count = models.PositiveIntegerField(_("关注人数"))

    class Meta:
        verbose_name = _("关注人数")
        verbose_name_plural = _("关注人数")
        ordering = ["-counted_on"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "counted_on"], name="one_count_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.counted_on}: {self.count}"


class OutletLevel(models.TextChoices):
    DISTRICT = "district", _("区（县）级")
    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")
    NATIONAL = "national", _("国家级")


class Adoption(models.Model):
    """An item (or a unit's piece) taken up by a media outlet (采用)."""

    organ = models.ForeignKey("organs.Organ", on_delete=models.PROTECT, related_name="adoptions")
    unit = models.ForeignKey("organs.Unit", on_delete=models.PROTECT, related_name="adoptions")
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="adoptions"
    )
    title = models.CharField(_("标题"), max_length=300)
    item_type = models.CharField(_("信息类型"), max_length=20, choices=ItemType.choices)
    outlet = models.CharField(_("采用媒体"), max_length=200)
    level = models.CharField(_("媒体级别"), max_length=20, choices=OutletLevel.choices)
    adopted_on = models.DateField(_("采用日期"), db_index=True)
    link = models.URLField(_("链接"), max_length=500, blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to="publishing/evidence/", blank=True)

    class Meta:
        verbose_name = _("媒体采用")
        verbose_name_plural = _("媒体采用")
        ordering = ["-adopted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.outlet}：{self.title}"


class InspectionRun(models.Model):
    """One organ's result of the weekly inspection readiness check (国办秘函〔2019〕19号), kept so
    that the page shows when the job last ran and what it found."""

    organ = models.ForeignKey(
        "organs.Organ", on_delete=models.CASCADE, related_name="inspection_runs"
    )
    ran_at = models.DateTimeField(_("检查时间"), db_index=True)
    # [{"indicator", "subject", "detail", "is_veto"}], vetoes first, as ``inspection.check``.
    problems = models.JSONField(_("发现的问题"), default=list)

    class Meta:
        verbose_name = _("检查指标自查记录")
        verbose_name_plural = _("检查指标自查记录")
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organ}·{self.ran_at:%Y-%m-%d}"

    @property
    def vetoes(self) -> int:
        return sum(1 for problem in self.problems if problem.get("is_veto"))
