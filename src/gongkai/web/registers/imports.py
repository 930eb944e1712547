"""Monthly figures from an XLSX sheet, through a column mapping, checked row by row.

The first sheet's first row holds the column headers; the mapping says which header holds which
figure (月份 is required, each figure optional). Every data row is checked before anything is
stored; a sheet with any bad row is refused whole, with each bad row listed by its line number
in the sheet, so that the clerk can mend the file and import it again (all or nothing).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext as _

# Keeps a stray big sheet (or a workbook posing as one) from being read at all: a year has 12
# months; a few blank or note lines are allowed.
MAX_ROWS = 100
MAX_BYTES = 2 * 1024 * 1024

# field -> (default header, kind); kind "count" is a non-negative integer, "amount" 万元.
COLUMNS: dict[str, tuple[str, str]] = {
    "month": ("月份", "month"),
    "licensing": ("行政许可", "count"),
    "punishment": ("行政处罚", "count"),
    "coercion": ("行政强制", "count"),
    "other_admin_services": ("其他对外管理服务事项", "count"),
    "fees": ("行政事业性收费（万元）", "amount"),
}
_MONTH = re.compile(r"^(?:(\d{4})[-年./])?\s*(\d{1,2})\s*月?$")


class ImportRefusedError(Exception):
    """The sheet was refused; ``problems`` lists what is wrong and where. Nothing was stored."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(slots=True)
class MonthRow:
    line: int
    month: int
    values: dict[str, Any] = field(default_factory=dict)


def read_sheet(handle: IO[bytes], size: int) -> list[tuple[int, list[Any]]]:
    """The first sheet's rows as (line number, values); ``ImportRefusedError`` if unreadable."""
    import openpyxl

    if size > MAX_BYTES:
        raise ImportRefusedError([_("文件超过 2 MB，月度数据表不应这么大")])
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportRefusedError([_("无法读取该文件：请上传 Excel（.xlsx）文件")]) from None
    try:
        sheet = book.worksheets[0]
        rows: list[tuple[int, list[Any]]] = []
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if line > MAX_ROWS + 1:
                raise ImportRefusedError(
                    [_("表格超过 %(n)d 行，请只保留各月数据") % {"n": MAX_ROWS}]
                )
            rows.append((line, list(values)))
        return rows
    finally:
        book.close()


def _header_positions(header: list[Any], mapping: dict[str, str]) -> dict[str, int]:
    cleaned = [str(cell).strip() if cell is not None else "" for cell in header]
    positions: dict[str, int] = {}
    problems = []
    for name, wanted in mapping.items():
        if not wanted:
            continue
        if wanted.strip() not in cleaned:
            problems.append(
                _("第1行（表头）没有名为“%(h)s”的列（对应“%(f)s”）")
                % {"h": wanted, "f": COLUMNS[name][0]}
            )
            continue
        positions[name] = cleaned.index(wanted.strip())
    if "month" not in positions and not problems:
        problems.append(_("必须指定“月份”所在的列"))
    if problems:
        raise ImportRefusedError(problems)
    return positions


def _month(value: Any) -> int:
    if hasattr(value, "month") and hasattr(value, "year"):  # a date typed as a date
        return int(value.month)
    match = _MONTH.match(str(value).strip()) if value is not None else None
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(_("月份“%(v)s”无法识别（应为 1–12 或“3月”）") % {"v": value})
    return int(match.group(2))


def _figure(value: Any, kind: str) -> int | Decimal:
    if value is None or str(value).strip() == "":
        return 0 if kind == "count" else Decimal(0)
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(v)s”不是数字") % {"v": value}) from None
    if not number.is_finite() or number < 0:
        raise ValueError(_("“%(v)s”不能为负数") % {"v": value})
    if kind == "count":
        if number != number.to_integral_value():
            raise ValueError(_("“%(v)s”应为整数") % {"v": value})
        return int(number)
    if number.as_tuple().exponent < -4:  # type: ignore[operator]
        raise ValueError(_("“%(v)s”小数位过多（万元最多4位小数）") % {"v": value})
    return number


def check_rows(rows: list[tuple[int, list[Any]]], mapping: dict[str, str]) -> list[MonthRow]:
    """The months of the sheet, or ``ImportRefusedError`` listing every bad row."""
    if not rows:
        raise ImportRefusedError([_("表格是空的")])
    positions = _header_positions(rows[0][1], mapping)
    checked: list[MonthRow] = []
    problems: list[str] = []
    seen: dict[int, int] = {}
    for line, values in rows[1:]:
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        cell = {name: values[i] if i < len(values) else None for name, i in positions.items()}
        try:
            month = _month(cell["month"])
        except ValueError as error:
            problems.append(_("第%(line)d行：%(e)s") % {"line": line, "e": error})
            continue
        if month in seen:
            problems.append(
                _("第%(line)d行：%(m)d月与第%(first)d行重复")
                % {"line": line, "m": month, "first": seen[month]}
            )
            continue
        seen[month] = line
        row = MonthRow(line, month)
        for name, value in cell.items():
            if name == "month":
                continue
            try:
                row.values[name] = _figure(value, COLUMNS[name][1])
            except ValueError as error:
                problems.append(
                    _("第%(line)d行“%(col)s”：%(e)s")
                    % {"line": line, "col": mapping[name], "e": error}
                )
        checked.append(row)
    if problems:
        raise ImportRefusedError(problems)
    if not checked:
        raise ImportRefusedError([_("表格中没有任何月份的数据")])
    return checked
