"""The case form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.web.appeals.models import Case, Result

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = (
            "kind",
            "number",
            "application_reference",
            "applicant",
            "body",
            "filed_on",
            "result",
            "closed_on",
            "note",
        )
        widgets = {"filed_on": _DATE, "closed_on": _DATE}
        help_texts = {
            "application_reference": gettext_lazy("申请的查询码或登记号（可不填）"),
            "closed_on": gettext_lazy("作出复议决定或裁判的日期；尚未审结的不填"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pending = data.get("result") == Result.PENDING
        closed_on, filed_on = data.get("closed_on"), data.get("filed_on")
        if pending and closed_on:
            self.add_error("closed_on", _("尚未审结的案件不应填写审结日期；已审结请选择结果"))
        if not pending and data.get("result") and not closed_on:
            self.add_error("closed_on", _("已有结果的案件须填写审结日期"))
        if closed_on and filed_on and closed_on < filed_on:
            self.add_error("closed_on", _("审结日期不能早于申请复议或起诉日期"))
        return data
