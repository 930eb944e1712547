"""The upload form and the hand-entry form (one input per cell of the national tables)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.report.findings import CellRef
from gongkai.report.formats import expected_format
from gongkai.report.model import Report
from gongkai.report.spec import ColumnKind, FormatSpec
from gongkai.web.reports.display import input_name
from gongkai.web.reports.editing import fill_blank_totals
from gongkai.web.reports.uploads import ACCEPTED_EXTENSIONS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("年度报告文件"),
        help_text=_(
            "PDF（含扫描件）、Word（DOCX、DOC、WPS）、Excel（XLSX、XLS、ET）、扫描图片（PNG、JPEG、TIFF）、网页（HTML）、文本、Markdown 或规范 JSON"  # noqa: E501
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )
    published_on = forms.DateField(
        label=_("公开日期"),
        required=False,
        help_text=_("留空则使用报告中的日期；用于判断是否按时公开"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    year = forms.TypedChoiceField(
        label=_("报告年度"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
        help_text=_("选填；文件中的年度与所选不同时，系统先请您确认"),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("按文件中的年度"))] + [
            (year, f"{year}年度") for year in years()
        ]


def years() -> list[int]:
    return list(range(timezone.localdate().year, 2018, -1))


class EntryHeadForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=[])
    published_on = forms.DateField(
        label=_("公开日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, f"{year}年度") for year in years()]


def format_for(year: int) -> FormatSpec:
    spec = expected_format(year)
    assert spec is not None, "entry years start in 2019"
    return spec


class CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def report_from_entry(
    spec: FormatSpec,
    organ: str,
    year: int,
    published_on: datetime.date | None,
    data: dict[str, str],
    labels: dict[str, str],
    sections: dict[str, str] | None = None,
) -> tuple[Report, list[str]]:
    """The report the form describes, and the cells that are not numbers (in Chinese). A blank
    part is 0, as in the printed tables; a blank total is the sum of its parts, the number the
    form showed as its hint (``editing.fill_blank_totals``)."""
    report = Report(
        format=spec.key, organ=organ, year=year, published_on=published_on, sections=sections
    )
    errors: list[str] = []
    blank: set[tuple[str, str, str]] = set()
    for table in spec.tables:
        for row, column in table.cells():
            name = input_name_for(table.key, row.key, column.key)
            text = data.get(name, "").strip().replace(",", "").replace("，", "")
            if text == "":
                blank.add((table.key, row.key, column.key))
            try:
                value = _number(text, column.kind)
            except CellError as error:
                errors.append(f"{labels.get(name, name)}：{error.message}")
                continue
            report.set(table.key, row.key, column.key, value)
    fill_blank_totals(spec, report, blank)
    return report, errors


def input_name_for(table: str, row: str, column: str) -> str:
    return input_name(CellRef(table, row, column))


def _number(text: str, kind: ColumnKind) -> int | Decimal:
    if text == "":
        return 0
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}”不是数字") from None
    if not number.is_finite():
        raise CellError(f"“{text}”不是数字")
    if kind is ColumnKind.AMOUNT:
        if number < 0:
            raise CellError("金额不能为负数")
        return number
    if number != number.to_integral_value():
        raise CellError("应为整数")
    if kind is ColumnKind.COUNT and number < 0:
        raise CellError("件数不能为负数")
    return int(number)
