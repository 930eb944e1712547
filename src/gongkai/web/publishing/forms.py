"""Forms of the publishing pages. Bad input gets a Chinese message on the field concerned."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.web.organs.models import Organ
from gongkai.web.publishing.models import CatalogueNode, Item, PublishingSettings
from gongkai.web.publishing.presets import index_rules, scoring_presets

DATE = forms.DateInput(attrs={"type": "date"})


def choose_in_chinese(form: forms.BaseForm) -> None:
    """Django's own empty choice ("- Select an option -") has no Chinese translation."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = _("请选择")
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if choices and choices[0][0] == "" and str(choices[0][1]).startswith("-"):
                field.choices = [("", _("请选择")), *choices[1:]]


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = [
            "title",
            "summary",
            "body",
            "item_type",
            "node",
            "disclosure",
            "withheld_reason",
            "document_number",
            "written_on",
            "formed_on",
            "validity",
        ]
        widgets = {
            "written_on": DATE,
            "formed_on": DATE,
            "body": forms.Textarea(attrs={"rows": 14}),
            "withheld_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "body": _("可使用 Markdown（标题、列表、链接）；不接受 HTML，输入的 HTML 按文字显示。"),
            "formed_on": _("条例第二十六条：自形成或变更之日起 20 个工作日内公开。"),
        }

    def __init__(self, *args: Any, organ: Organ, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = CatalogueNode.objects.filter(organ=organ)
        choose_in_chinese(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("disclosure") not in (None, "proactive")
            and not (data.get("withheld_reason") or "").strip()
        ):
            self.add_error("withheld_reason", _("依申请公开或不予公开须说明理由。"))
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件（PDF、Word、Excel、JPG、PNG）"))


class ReviewForm(forms.Form):
    ACTIONS = [("approve", _("通过")), ("return", _("退回修改")), ("reject", _("不予发布"))]
    action = forms.ChoiceField(label=_("审核意见"), choices=ACTIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    secrecy_confirmed = forms.BooleanField(
        label=_("我已完成保密审查：本信息不涉及国家秘密、工作秘密、商业秘密和个人隐私"),
        required=False,
    )


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("确认无误的理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "reason-help"}),
        max_length=1000,
        help_text=_("将记入审核记录和操作日志，例如：内容有误，更正后重新发布。"),
    )


class SettingsForm(forms.ModelForm):
    index_rule = forms.ChoiceField(label=_("索引号规则"))
    scoring_preset = forms.ChoiceField(label=_("计分方案"))

    class Meta:
        model = PublishingSettings
        fields = [
            "review_levels",
            "index_rule",
            "index_prefix",
            "scoring_preset",
            "extra_words",
            "guide",
            "rules_text",
        ]
        widgets = {
            "guide": forms.Textarea(attrs={"rows": 10}),
            "rules_text": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["index_rule"].choices = [(r.key, r.label) for r in index_rules().values()]
        self.fields["scoring_preset"].choices = [
            (p.key, p.label) for p in scoring_presets().values()
        ]

    def clean_review_levels(self) -> int:
        levels = self.cleaned_data["review_levels"]
        if not 1 <= levels <= 3:
            raise forms.ValidationError(_("审核级数须为 1 至 3 级。"))
        return int(levels)


class NodeForm(forms.ModelForm):
    category = forms.ChoiceField(label=_("第二十条类别"), required=False)

    class Meta:
        model = CatalogueNode
        fields = ["name", "parent", "code", "category", "is_dynamic", "position"]

    def __init__(self, *args: Any, organ: Organ, **kwargs: Any) -> None:
        from gongkai.web.publishing.presets import categories

        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = CatalogueNode.objects.filter(organ=organ)
        # The model field has no verbose name; Django's own empty label is untranslated.
        self.fields["parent"].label = _("上级栏目")
        self.fields["parent"].empty_label = _("（无，作为顶级栏目）")
        self.fields["category"].choices = [("", "—")] + [
            (key, f"（{key[3:]}）{label}") for key, label in categories().items()
        ]


class ChannelForm(forms.ModelForm):
    class Meta:
        from gongkai.web.publishing.models import Channel

        model = Channel
        fields = ["kind", "name", "address"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_in_chinese(self)


class FollowerForm(forms.Form):
    channel = forms.ModelChoiceField(label=_("渠道"), queryset=None, empty_label=_("请选择渠道"))
    counted_on = forms.DateField(label=_("统计日期"), widget=DATE)
    count = forms.IntegerField(label=_("关注人数"), min_value=0)

    def __init__(self, *args: Any, organ: Organ, **kwargs: Any) -> None:
        from gongkai.web.publishing.models import Channel

        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(organ=organ)


class ImportForm(forms.Form):
    channel = forms.ModelChoiceField(
        label=_("导入到渠道"), queryset=None, empty_label=_("请选择渠道")
    )
    preset = forms.ChoiceField(label=_("列名方案"))
    file = forms.FileField(label=_("平台导出文件（.xlsx 或 .csv）"))
    default_original = forms.BooleanField(
        label=_("文件中没有“是否原创”列时，按原创计"), required=False, initial=True
    )

    def __init__(self, *args: Any, organ: Organ, **kwargs: Any) -> None:
        from gongkai.web.publishing.channels import FIELD_LABELS, FIELDS
        from gongkai.web.publishing.models import Channel
        from gongkai.web.publishing.presets import import_presets

        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(organ=organ)
        self.fields["preset"].choices = [(p.key, p.label) for p in import_presets().values()]
        for name in FIELDS:
            self.fields[f"col_{name}"] = forms.CharField(
                label=_("“%(field)s”所在列的列名（留空则用方案中的列名）")
                % {"field": FIELD_LABELS[name]},
                required=False,
                max_length=100,
            )

    def mapping(self) -> dict[str, str]:
        from gongkai.web.publishing.channels import FIELDS
        from gongkai.web.publishing.presets import import_presets

        columns = dict(import_presets()[self.cleaned_data["preset"]].columns)
        for name in FIELDS:
            override = self.cleaned_data.get(f"col_{name}", "").strip()
            if override:
                columns[name] = override
        return columns


class AdoptionForm(forms.ModelForm):
    class Meta:
        from gongkai.web.publishing.models import Adoption

        model = Adoption
        fields = [
            "unit",
            "item",
            "title",
            "item_type",
            "outlet",
            "level",
            "adopted_on",
            "link",
            "evidence",
        ]
        widgets = {"adopted_on": DATE}

    def __init__(self, *args: Any, organ: Organ, **kwargs: Any) -> None:
        from gongkai.web.organs.models import Unit

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organ=organ)
        self.fields["item"].queryset = Item.objects.filter(organ=organ, state="published")
        self.fields["item"].required = False
        # The model fields have no verbose names: label them here.
        self.fields["unit"].label = _("股室")
        self.fields["item"].label = _("对应的公开信息（可不选）")
        choose_in_chinese(self)
