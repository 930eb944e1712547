"""Forms of the register pages."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.web.registers.imports import COLUMNS
from gongkai.web.registers.models import DECISION_FIELDS, Document, YearItems
from gongkai.web.registers.services import YEAR_ITEM_FIELDS

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ("kind", "title", "number", "issued_on", "published_on", "abolished_on", "note")
        widgets = {"issued_on": _DATE, "published_on": _DATE, "abolished_on": _DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, abolished = data.get("issued_on"), data.get("abolished_on")
        if issued and abolished and abolished < issued:
            self.add_error("abolished_on", _("废止日期不能早于制发日期"))
        return data


class YearItemsForm(forms.ModelForm):
    class Meta:
        model = YearItems
        fields = YEAR_ITEM_FIELDS


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel 文件（.xlsx）"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (header, _kind) in COLUMNS.items():
            self.fields[f"column_{name}"] = forms.CharField(
                label=_("“%(f)s”所在列的表头") % {"f": header},
                initial=header,
                required=name == "month",
                max_length=100,
            )

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"column_{name}", "") for name in COLUMNS}


MONTH_INPUTS = (*(name for name, _row, _label in DECISION_FIELDS), "fees")


def month_input(month: int, name: str) -> str:
    return f"m{month}_{name}"


def parse_month_grid(
    data: Any, shown: tuple[str, ...]
) -> tuple[dict[int, dict[str, Any]], list[str]]:
    """The twelve months' figures typed in the grid, and the cells that are wrong (in Chinese).
    A blank cell is 0: the grid shows every stored value, so blank means none that month."""
    months: dict[int, dict[str, Any]] = {}
    errors: list[str] = []
    labels = dict(COLUMNS)
    for month in range(1, 13):
        values: dict[str, Any] = {}
        for name in shown:
            text = str(data.get(month_input(month, name), "")).strip().replace(",", "")
            try:
                values[name] = _value(text, name == "fees")
            except ValueError as error:
                errors.append(
                    _("%(m)d月“%(f)s”：%(e)s") % {"m": month, "f": labels[name][0], "e": error}
                )
        months[month] = values
    return months, errors


def _value(text: str, amount: bool) -> int | Decimal:
    if text == "":
        return Decimal(0) if amount else 0
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(v)s”不是数字") % {"v": text}) from None
    if not number.is_finite() or number < 0:
        raise ValueError(_("不能为负数"))
    if amount:
        if number.as_tuple().exponent < -4:  # type: ignore[operator]
            raise ValueError(_("最多4位小数"))
        return number
    if number != number.to_integral_value():
        raise ValueError(_("应为整数"))
    return int(number)
