"""Forms of the workbench: the application (staff entry and the public form) and one small form
per workflow step. Each step form carries the case's ``version`` (optimistic locking) and the ids
of the pre-issue warnings the person confirms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.law import ConsultationKind, FeeMethod, Outcome
from gongkai.law.outcomes import rule_for
from gongkai.web.applications.decisions import SYSTEM_OUTCOMES
from gongkai.web.applications.intake import ApplicationInput
from gongkai.web.applications.models import (
    APPLICANT_KIND_CHOICES,
    CHANNEL_CHOICES,
    DELIVERY_CHOICES,
    IDENTITY_CHOICES,
    PROVISION_CHOICES,
    REASONS_VERDICT_CHOICES,
)


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


def _text(label: Any, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class ApplicantFields(forms.Form):
    applicant_kind = forms.ChoiceField(label=_("申请人类型"), choices=APPLICANT_KIND_CHOICES)
    applicant_name = forms.CharField(label=_("姓名或者名称"), max_length=200)
    identity_kind = forms.ChoiceField(label=_("证件类型"), choices=IDENTITY_CHOICES)
    identity_number = forms.CharField(
        label=_("证件号码"),
        max_length=40,
        help_text=_("居民身份证18位；法人或其他组织填统一社会信用代码"),
    )
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=300, required=False)
    postcode = forms.RegexField(
        label=_("邮政编码"),
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": _("邮政编码应为6位数字")},
    )
    agent_name = forms.CharField(
        label=_("代理人姓名（委托申请时填写）"), max_length=100, required=False
    )
    agent_identity = forms.CharField(label=_("代理人证件号码"), max_length=40, required=False)
    request_text = forms.CharField(
        label=_("所需政府信息的名称、文号或者特征性描述"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("请尽量写明文件名称、文号、形成时间等，避免“所有”“相关”等笼统表述"),
    )
    provision_form = forms.ChoiceField(label=_("提供形式"), choices=PROVISION_CHOICES)
    delivery_method = forms.ChoiceField(label=_("获取方式"), choices=DELIVERY_CHOICES)


class StaffEntryForm(ApplicantFields):
    """Letters, visits, faxes and e-mail: the channel's own dates (条例第三十一条)."""

    channel = forms.ChoiceField(
        label=_("申请方式"), choices=[c for c in CHANNEL_CHOICES if c[0] != "online"]
    )
    arrived_on = _date(_("到达（提交、签收）日期"))
    confirmed_on = _date(_("与申请人确认日期（平常信函、传真、电子邮件）"), required=False)
    agent_authorised = forms.BooleanField(label=_("已收到授权委托书"), required=False)

    def to_input(self) -> ApplicationInput:
        return ApplicationInput(**self.cleaned_data)


class PublicApplicationForm(ApplicantFields):
    """The anonymous online form. ``website`` is a honeypot: people never see or fill it."""

    # tabindex -1: hidden from assistive technology (aria-hidden) and out of the keyboard order.
    website = forms.CharField(
        label=_("请勿填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    agree = forms.BooleanField(label=_("本人承诺所填信息真实有效"))

    def to_input(self, today: Any) -> ApplicationInput:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("website", "agree")}
        return ApplicationInput(channel="online", arrived_on=today, confirmed_on=today, **data)


class StatusForm(forms.Form):
    query_code = forms.CharField(label=_("查询码"), max_length=16)
    identity_tail = forms.CharField(label=_("证件号码后4位"), min_length=4, max_length=4)


# ── Workflow steps ───────────────────────────────────────────────────────────────────────────


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.MultipleChoiceField(
        required=False, choices=[], widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The ids are the pre-issue checks' own; any is accepted and logged as confirmed.
        values = self.data.getlist("confirm") if hasattr(self.data, "getlist") else []
        self.fields["confirm"].choices = [(v, v) for v in values]


class CorrectionForm(StepForm):
    items = _text(_("需要补正的事项（逐项列明，一次性告知）"), rows=4)
    sent_on = _date(_("告知日期"))
    period_end = _date(_("补正期限"))


class DayForm(StepForm):
    day = _date(_("日期"))


class ConsultationForm(StepForm):
    kind = forms.ChoiceField(
        label=_("类型"), choices=[(k.value, k.label) for k in ConsultationKind]
    )
    party = forms.CharField(label=_("征求意见对象"), max_length=200)
    started_on = _date(_("发出日期"))


class OpinionForm(StepForm):
    answered_on = _date(_("收到意见日期"))
    opinion = _text(_("意见"), required=False)


class ExtensionForm(StepForm):
    approved_on = _date(_("批准日期"))
    days = forms.IntegerField(label=_("延长工作日"), min_value=1, max_value=20, initial=20)
    reason = _text(_("延期理由"))


class FeeForm(StepForm):
    method = forms.ChoiceField(label=_("计收方式"), choices=[(m.value, m.label) for m in FeeMethod])
    pages = forms.IntegerField(label=_("页数（按量计收时填写）"), min_value=0, required=False)
    sent_on = _date(_("通知日期"))


OUTCOME_FIELD_CHOICES = [(o.value, rule_for(o).name) for o in Outcome if o not in SYSTEM_OUTCOMES]


class DecisionForm(StepForm):
    outcome = forms.ChoiceField(
        label=_("办理结果（年报表三的一行）"), choices=OUTCOME_FIELD_CHOICES
    )
    decision_text = _text(_("答复的事实和理由"))
    withheld_parts = _text(_("不予公开的内容（部分公开、不予公开时填写）"), required=False, rows=2)
    withheld_reason = _text(_("不予公开的理由"), required=False, rows=2)
    search_record = _text(
        _("检索记录（信息不存在时填写：检索范围、方式、关键词）"), required=False, rows=2
    )
    responsible_organ = forms.CharField(
        label=_("负责公开的机关及联系方式（非本机关时填写）"), max_length=300, required=False
    )
    secrecy_reviewed = forms.BooleanField(label=_("已进行保密审查（条例第十七条）"), required=False)


class ReviewForm(StepForm):
    approve = forms.TypedChoiceField(
        label=_("审核意见"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("通过")), ("no", _("退回修改"))],
    )
    note = _text(_("意见"), required=False, rows=2)


class DeliveryForm(StepForm):
    delivered_on = _date(_("送达日期（交邮之日或签收之日）"))
    record = forms.CharField(label=_("送达方式及凭证"), max_length=200)


class NoteForm(StepForm):
    note = _text(_("说明"), rows=2)


class OnTheSpotForm(StepForm):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=OUTCOME_FIELD_CHOICES)
    decision_text = _text(_("当场答复的内容"))


class TransferForm(StepForm):
    to_organ = forms.ModelChoiceField(label=_("转办至"), queryset=None)
    note = _text(_("说明"), rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.web.organs.models import Organ

        super().__init__(*args, **kwargs)
        self.fields["to_organ"].queryset = Organ.objects.all()


class ReasonsRequestForm(StepForm):
    grounds = _text(
        _("数量、频次明显超过合理范围的事实（如：您自2025年5月以来已提出申请37件）"), rows=3
    )
    sent_on = _date(_("告知日期"))


class ReasonsForm(StepForm):
    verdict = forms.ChoiceField(label=_("对理由的认定"), choices=REASONS_VERDICT_CHOICES)
    received_on = _date(_("收到理由日期（逾期未说明时不填）"), required=False)
    reasons = _text(_("申请人说明的理由"), required=False, rows=3)
    delayed_due = _date(
        _("延迟答复的合理期限（理由合理但无法在法定期限内答复时填写）"), required=False
    )


class ReferralForm(StepForm):
    organ_name = forms.CharField(label=_("负责公开该信息的行政机关"), max_length=300)
    contact = forms.CharField(
        label=_("该机关的联系方式（地址、电话）"), max_length=200, required=False
    )
    reason = _text(_("不属于本机关负责公开的理由"), rows=3)
    dated = _date(_("告知日期"))


class LetterCorrectionForm(StepForm):
    reason = _text(_("更正理由（将写入新文书并记入审计日志）"), rows=2)
    title = forms.CharField(label=_("标题"), max_length=200)
    body = _text(_("正文（段落之间空一行）"), rows=16)
