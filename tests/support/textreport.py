"""A report printed as plain text in the ways real reports print their tables, for reader tests:
cells separated by tabs, or glued together as crawlers leave them, with full-width digits,
thousands separators, traditional characters, table 三's columns reordered, or a page break
(footer and repeated header) in the middle of table 三."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.report.model import Report
from gongkai.report.spec import RowKind, TableSpec

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
TRADITIONAL = str.maketrans(
    "开资处请数总计机关内团织复议诉讼结审维纠规范许强制废现项费额报况务转办无据护权属国险稳过执询没补确访举类获产业构会组",
    "開資處請數總計機關內團織復議訴訟結審維糾規範許強製廢現項費額報況務轉辦無據護權屬國險穩過執詢沒補確訪舉類獲產業構會組",
)


@dataclass(frozen=True)
class Style:
    separator: str = "\t"  # "" glues the cells of a row together, as crawler text does
    full_width: bool = False
    thousands: bool = False
    traditional: bool = False
    order: Sequence[str] | None = None  # table 三's column keys in printed order
    page_break_after: str | None = None  # a table 三 row key


def _number(value: object, style: Style) -> str:
    if value is None:
        return ""
    text = f"{value:,}" if style.thousands and isinstance(value, int) else str(value)
    return text.translate(FULL_WIDTH) if style.full_width else text


def _label(text: str, style: Style) -> str:
    return text.translate(TRADITIONAL) if style.traditional else text


def as_text(report: Report, style: Style = Style()) -> str:
    lines = [
        f"{report.organ}{report.year}年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度工作正常开展。",
    ]
    spec = report.spec
    lines.append("二、主动公开政府信息情况")
    lines += _table(report, spec.table("table2"), style)
    lines.append("三、收到和处理政府信息公开申请情况")
    lines += _table3_header(spec.table("table3"), style)
    lines += _table(report, spec.table("table3"), style)
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.append(_label("行政复议\t行政诉讼\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计", style))
    values = [
        _number(report.value("table4", row.key, column.key), style)
        for row in spec.table("table4").data_rows
        for column in row.columns
    ]
    lines.append(style.separator.join(values) if style.separator else "".join(values))
    lines += ["五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]
    return "\n".join(lines) + "\n"


def _table3_header(table: TableSpec, style: Style) -> list[str]:
    columns = table.data_rows[0].columns
    order = style.order or [column.key for column in columns]
    by_key = {column.key: column.label for column in columns}
    if style.order:  # a home-made table: one flat header row
        return [_label("申请人情况\t" + "\t".join(by_key[key] for key in order), style)]
    return [
        _label(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
            style,
        ),
        _label("自然人\t法人或其他组织\t总计", style),
        _label("商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他", style),
    ]


def _table(report: Report, table: TableSpec, style: Style) -> list[str]:
    lines = []
    rows = report.tables.get(table.key, {})
    for row in table.rows:
        if row.kind is RowKind.CAPTION:
            lines.append(_label(f"{row.label}\t" + "\t".join(c.label for c in row.columns), style))
            continue
        if row.key not in rows:
            if row.kind is RowKind.HEADING:
                lines.append(_label(row.label, style))
            continue
        keys = [c.key for c in row.columns]
        if table.key == "table3" and style.order:
            keys = list(style.order)
        values = [_number(report.value(table.key, row.key, key), style) for key in keys]
        separator = style.separator
        lines.append(_label(row.label, style) + (separator or "") + separator.join(values))
        if row.key == style.page_break_after:
            lines += ["- 3 -", "\f申请人情况\t自然人\t法人或其他组织\t总计"]
    return lines
